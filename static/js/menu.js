// The one actions menu of the board: a `role="menu"` popup opened from a card's menu button (pointer,
// touch) or from the focused card (the Menu key, Shift+F10 or "."). Arrow keys, Home and End move a
// roving tab index through its items; Escape closes it and puts focus back on the card.

export class CardMenu {
  /**
   * @param {HTMLElement} el  the (hidden) `role="menu"` element
   * @param {(cardId: number) => {label: string, action: Function, danger?: boolean}[]} itemsFor
   */
  constructor(el, itemsFor) {
    this.el = el;
    this.itemsFor = itemsFor;
    this.cardId = null;
    this.anchor = null;
    el.addEventListener("keydown", (event) => this.#onKey(event));
    el.addEventListener("focusout", (event) => {
      if (!this.el.hidden && !this.el.contains(event.relatedTarget) && event.relatedTarget !== this.anchor) this.close(false);
    });
    document.addEventListener("pointerdown", (event) => {
      if (!this.el.hidden && !this.el.contains(event.target) && event.target !== this.anchor) this.close(false);
    });
    window.addEventListener("resize", () => this.close(false));
    // A fixed popup would drift away from its card when the lane or the page scrolls: it follows the card
    // (redrawn by someone else's change, too) while the card is in view, and closes once it is not.
    document.addEventListener("scroll", (event) => {
      if (this.el.hidden || this.el.contains(event.target)) return;
      const anchor = this.#currentAnchor();
      if (anchor && visible(anchor)) this.#place(anchor);
      else this.close(false);
    }, true);
  }

  get isOpen() {
    return !this.el.hidden;
  }

  /** Open the menu of card `cardId` next to `anchor` (its menu button, or the card itself). */
  open(cardId, anchor) {
    const entries = this.itemsFor(cardId);
    if (entries.length === 0) return;
    this.close(false);
    this.cardId = cardId;
    this.anchor = anchor;
    const items = entries.map(({ label, action, danger }) => {
      const item = document.createElement("button");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.tabIndex = -1;
      item.textContent = label;
      if (danger) item.classList.add("danger");
      item.addEventListener("click", () => {
        this.close(false);
        action();
      });
      return item;
    });
    this.el.replaceChildren(...items);
    this.el.hidden = false;
    this.#button()?.setAttribute("aria-expanded", "true");
    this.#place(anchor);
    this.#focusItem(0);
  }

  /** Close; `returnFocus` puts focus back on the card (Escape), otherwise it stays where it went. */
  close(returnFocus = true) {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.#button()?.setAttribute("aria-expanded", "false");
    const id = this.cardId;
    this.cardId = null;
    this.anchor = null;
    if (returnFocus) document.querySelector(`.card[data-card-id="${id}"]`)?.focus();
  }

  /** The element the menu hangs from: the one it opened on, or the card's new one after a redraw. */
  #currentAnchor() {
    if (this.anchor?.isConnected) return this.anchor;
    const card = document.querySelector(`.card[data-card-id="${this.cardId}"]`);
    this.anchor = card?.querySelector(".card-menu-button") ?? card;
    return this.anchor;
  }

  #button() {
    return document.querySelector(`.card[data-card-id="${this.cardId}"] .card-menu-button`);
  }

  #items() {
    return [...this.el.querySelectorAll('[role="menuitem"]')];
  }

  #focusItem(index) {
    const items = this.#items();
    items.forEach((item, i) => { item.tabIndex = i === index ? 0 : -1; });
    items[index]?.focus();
  }

  /** Below the anchor, right-aligned with it, kept inside the viewport. */
  #place(anchor) {
    const box = anchor.getBoundingClientRect();
    const menu = this.el.getBoundingClientRect();
    const left = Math.max(8, Math.min(box.right - menu.width, window.innerWidth - menu.width - 8));
    let top = box.bottom + 4;
    if (top + menu.height > window.innerHeight - 8) top = Math.max(8, box.top - menu.height - 4);
    this.el.style.left = `${left}px`;
    this.el.style.top = `${top}px`;
  }

  #onKey(event) {
    const items = this.#items();
    const current = items.indexOf(document.activeElement);
    const last = items.length - 1;
    const moves = {
      ArrowDown: current >= last ? 0 : current + 1,
      ArrowUp: current <= 0 ? last : current - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      this.#focusItem(moves[event.key]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      this.close(true);
    } else if (event.key === "Tab") {
      this.close(true); // back on the card; the Tab itself then moves on from there
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      // Type-ahead: the next item starting with the typed letter.
      const key = event.key.toLocaleLowerCase();
      for (let step = 1; step <= items.length; step += 1) {
        const index = (current + step) % items.length;
        if (items[index].textContent.trim().toLocaleLowerCase().startsWith(key)) {
          this.#focusItem(index);
          break;
        }
      }
    }
  }
}

/** Is the element on screen, and not scrolled out of its lane? */
function visible(element) {
  const box = element.getBoundingClientRect();
  const lane = element.closest(".lane-cards")?.getBoundingClientRect();
  const top = Math.max(0, lane?.top ?? 0);
  const bottom = Math.min(window.innerHeight, lane?.bottom ?? window.innerHeight);
  return box.bottom > top && box.top < bottom;
}
