// @mentions in a comment box: typing "@" and part of a name lists the project's members found by the
// server (NFC, any part of the name), as a listbox driven from the textarea (arrows, Enter, Escape).
// The chosen people are kept as {user_id, text}; only those whose text is still in the box are sent.

const DEBOUNCE_MS = 150;
// "@" at the start or after a space, then up to two words (Thai names are "given family").
const TRIGGER = /(?:^|\s)@([^\s@]{0,40}(?: [^\s@]{0,40})?)$/u;
let boxes = 0;

/** A name or query as the server compares them: NFC, case folded. */
const fold = (text) => text.normalize("NFC").toLocaleLowerCase();

export class MentionBox {
  /**
   * @param {HTMLTextAreaElement} textarea
   * @param {(query: string) => Promise<{id: number, name: string}[]>} search
   * @param {{noMatch: string}} texts
   */
  constructor(textarea, search, texts) {
    boxes += 1;
    this.textarea = textarea;
    this.search = search;
    this.texts = texts;
    this.chosen = [];
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.list = document.createElement("ul");
    this.list.className = "mention-options";
    this.list.id = `mention-options-${boxes}`;
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", texts.label);
    this.list.hidden = true;
    textarea.after(this.list);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", this.list.id);
    textarea.addEventListener("input", () => this.#schedule());
    textarea.addEventListener("keydown", (event) => this.#key(event));
    textarea.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    this.list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the box
  }

  /** The mentions to send: those still written in the box. */
  mentions() {
    const text = this.textarea.value;
    return this.chosen.filter((mention) => text.includes(mention.text));
  }

  reset(mentions = []) {
    this.chosen = mentions.filter((m) => Number.isInteger(m.user_id)).map((m) => ({ user_id: m.user_id, text: m.text }));
    this.close();
  }

  get isOpen() {
    return !this.list.hidden;
  }

  #query() {
    const before = this.textarea.value.slice(0, this.textarea.selectionStart ?? 0);
    const match = TRIGGER.exec(before);
    return match ? match[1] : null;
  }

  #schedule() {
    clearTimeout(this.timer);
    const query = this.#query();
    if (query === null) return this.close();
    // The list shown answers an earlier, shorter query until the server answers this one: keep only the
    // people it still names, so Enter pressed before the answer never picks someone the box no longer names.
    if (this.isOpen) this.#narrow(query);
    this.timer = setTimeout(async () => {
      let people = [];
      try { people = await this.search(query); } catch { people = []; }
      if (this.#query() === query) this.#show(people);
    }, DEBOUNCE_MS);
  }

  #narrow(query) {
    const wanted = fold(query.trim());
    const people = this.options.filter((person) => fold(person.name).includes(wanted));
    if (people.length) this.#show(people);
    else {
      this.list.hidden = true; // the server's answer (due after the debounce) may still find someone
      this.options = [];
      this.active = -1;
      this.textarea.removeAttribute("aria-activedescendant");
    }
  }

  #show(people) {
    this.options = people;
    this.active = people.length ? 0 : -1;
    const items = people.map((person, index) => {
      const li = document.createElement("li");
      li.id = `${this.list.id}-${index}`;
      li.setAttribute("role", "option");
      li.textContent = person.name;
      li.addEventListener("click", () => this.#choose(index));
      return li;
    });
    if (!items.length) {
      const li = document.createElement("li");
      li.className = "mention-none";
      li.textContent = this.texts.noMatch;
      items.push(li);
    }
    this.list.replaceChildren(...items);
    this.list.hidden = false;
    this.#highlight();
  }

  #highlight() {
    [...this.list.querySelectorAll("[role=option]")].forEach((li, index) => li.setAttribute("aria-selected", String(index === this.active)));
    if (this.active >= 0) this.textarea.setAttribute("aria-activedescendant", `${this.list.id}-${this.active}`);
    else this.textarea.removeAttribute("aria-activedescendant");
  }

  close() {
    clearTimeout(this.timer);
    this.list.hidden = true;
    this.options = [];
    this.active = -1;
    this.textarea.removeAttribute("aria-activedescendant");
  }

  #key(event) {
    if (!this.isOpen) return;
    const count = this.options.length;
    if (event.key === "ArrowDown" && count) this.active = (this.active + 1) % count;
    else if (event.key === "ArrowUp" && count) this.active = (this.active - 1 + count) % count;
    else if ((event.key === "Enter" || event.key === "Tab") && this.active >= 0 && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      return this.#choose(this.active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation(); // close the list, not the dialog
      return this.close();
    } else return;
    event.preventDefault();
    this.#highlight();
  }

  /** Replace "@part" before the caret with "@Full Name " and remember who it names. */
  #choose(index) {
    const person = this.options[index];
    const query = this.#query();
    if (!person || query === null) return this.close();
    const caret = this.textarea.selectionStart;
    const start = caret - query.length - 1;
    const text = `@${person.name}`;
    const value = this.textarea.value;
    this.textarea.value = `${value.slice(0, start)}${text} ${value.slice(caret)}`;
    const after = start + text.length + 1;
    this.textarea.setSelectionRange(after, after);
    if (!this.chosen.some((m) => m.user_id === person.id && m.text === text)) this.chosen.push({ user_id: person.id, text });
    this.close();
  }
}
