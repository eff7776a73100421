// Choosing the cards of a dot vote (facilitators). "Choose cards" puts a checkbox on every live card of
// the board (Tab reaches it, Space ticks it); the vote panel counts the chosen cards and opens a vote on
// just those, with the panel's budget and options. The server checks the choice (live cards of this
// board, at most config.voteCardsMax) and says why when it refuses.
import { el, fill } from "./clock.js";

export class VoteSelection {
  constructor(panel) {
    this.panel = panel;
    this.workshop = panel.workshop;
    this.labels = panel.labels;
    this.active = false;
    this.chosen = new Set(); // card ids, in the order they were ticked
    // Kept across panel renders so screen readers hear each new count.
    this.status = el("p", { className: "ws-choose-status", attrs: { role: "status", id: "ws-choose-status" } });
  }

  get board() { return this.workshop.board; }

  get max() { return this.workshop.config.voteCardsMax; }

  /** The chosen cards that are still live on the board, in the order they were ticked. */
  live() {
    return [...this.chosen].filter((id) => {
      const card = this.board.cards.get(id);
      return card && !card.deleted && id > 0;
    });
  }

  toggleMode(on = !this.active) {
    if (on) {
      this.active = true;
      document.body.dataset.choosing = "true";
      this.board.renderAll();
      this.board.announce(this.labels.chooseHint);
    } else {
      this.stop();
    }
    this.panel.render();
    // The button that had the focus was drawn again: keyboard users stay where they were.
    this.panel.root.querySelector('[data-ws="close-vote"], [data-ws="choose"]')?.focus();
  }

  /** Leave choose mode (the checkboxes go) without drawing the panel again. */
  stop() {
    if (!this.active) return;
    this.active = false;
    this.chosen.clear();
    document.body.dataset.choosing = "false";
    this.board.renderAll();
  }

  /** cardface.js calls this for every card it draws: in choose mode, the card gets its checkbox. */
  decorate(li, card) {
    if (!this.active || card.deleted || card.id < 0) return;
    const hadFocus = document.activeElement?.dataset?.votePick === String(card.id); // the lane is being redrawn
    const box = el("input", { attrs: { type: "checkbox", "data-vote-pick": String(card.id),
      "aria-label": fill(this.labels.chooseCard, { title: card.title }) } });
    box.checked = this.chosen.has(card.id);
    box.addEventListener("change", () => {
      if (box.checked) this.chosen.add(card.id);
      else this.chosen.delete(card.id);
      li.classList.toggle("chosen", box.checked);
      this.say();
    });
    li.classList.toggle("chosen", box.checked);
    li.prepend(el("label", { className: "vote-pick" }, [box, el("span", { text: this.labels.choosePick, attrs: { "aria-hidden": "true" } })]));
    if (hadFocus) queueMicrotask(() => box.focus()); // after the board put the focus back on the card
  }

  say() {
    const count = this.live().length;
    this.status.textContent = count > this.max ? fill(this.labels.tooMany, { max: this.max })
      : fill(this.labels.chosen, { count });
    if (this.openButton) this.openButton.disabled = count === 0 || count > this.max;
  }

  /** The panel's controls for choosing: the toggle, and while choosing the count, open and clear. */
  controls(options) {
    const l = this.labels;
    const toggle = el("button", { text: this.active ? l.stopChoosing : l.chooseCards, className: "btn btn-small",
      attrs: { type: "button", "data-ws": "choose", "aria-pressed": String(this.active) } });
    toggle.addEventListener("click", () => this.toggleMode());
    if (!this.active) {
      this.openButton = null;
      return el("div", { className: "ws-choose" }, [toggle]);
    }
    this.openButton = el("button", { text: l.openChosen, className: "btn btn-small btn-primary",
      attrs: { type: "button", "data-ws": "open-chosen", "aria-describedby": "ws-choose-status" } });
    this.openButton.addEventListener("click", () => this.open(options()));
    const clear = el("button", { text: l.clearChoice, className: "btn btn-small", attrs: { type: "button", "data-ws": "clear-chosen" } });
    clear.addEventListener("click", () => {
      this.chosen.clear();
      this.board.renderAll();
      this.say();
    });
    this.say();
    return el("div", { className: "ws-choose" }, [
      el("p", { className: "muted", text: l.chooseHint }), this.status, el("div", { className: "ws-controls" }, [this.openButton, clear, toggle])]);
  }

  async open(options) {
    const cardIds = this.live();
    try {
      await this.workshop.send("vote.open", { ...options, card_ids: cardIds });
      this.toggleMode(false);
    } catch { /* announced; the choice stays for another try */ }
  }
}
