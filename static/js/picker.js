// The "Link to…" picker, keyboard first: a search box (combobox) over the project's cards, a listbox
// walked with the arrow keys, a link-type select preset with the type the two kinds make (in the right
// direction), and Enter to link. Only types the server accepts for the two kinds are offered.

const SHOWN_MAX = 50;

/** Titles compare in one Unicode form and case: Thai typed on another keyboard still matches. */
function normalise(text, locale) {
  return (text ?? "").normalize("NFC").toLocaleLowerCase(locale).trim();
}

export class LinkPicker {
  /** @param {object} board  cards, config, t(), links, stageKeys, stageByKey, connection, linkAdded() */
  constructor(board) {
    this.board = board;
    this.dialog = document.getElementById("link-dialog");
    this.form = document.getElementById("link-form");
    this.title = document.getElementById("link-dialog-title");
    this.search = document.getElementById("link-search");
    this.options = document.getElementById("link-options");
    this.count = document.getElementById("link-match-count");
    this.type = document.getElementById("link-type");
    this.status = document.getElementById("link-status");
    this.submit = document.getElementById("link-submit");
    this.cardId = null;
    this.shown = [];      // the candidate cards listed now
    this.active = -1;     // index into `shown`
    this.busy = false;
    this.search.addEventListener("input", () => this.#filter());
    this.type.addEventListener("change", () => { this.type.dataset.chosen = "true"; });
    this.search.addEventListener("keydown", (event) => this.#onKey(event));
    this.options.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (!option) return;
      this.#activate(this.shown.findIndex((card) => card.id === Number(option.dataset.cardId)));
      this.search.focus();
    });
    this.options.addEventListener("dblclick", (event) => {
      if (event.target.closest('[role="option"]')) this.#create();
    });
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#create();
    });
    document.getElementById("link-cancel").addEventListener("click", () => this.dialog.close());
    this.dialog.addEventListener("close", () => {
      const id = this.cardId;
      this.cardId = null;
      // From the card dialog, focus goes back there by itself; from the board, back to the card.
      if (id !== null && !document.getElementById("card-dialog").open) this.board.focusCard(id);
    });
  }

  get isOpen() {
    return this.dialog.open;
  }

  open(cardId) {
    const card = this.board.cards.get(cardId);
    if (!card || card.deleted || card.pending || !this.board.config.canEdit || this.board.workshop.locks(card.stage)) return;
    this.cardId = cardId;
    this.title.textContent = this.board.t("pickerTitle", { title: card.title });
    this.search.value = "";
    this.status.textContent = "";
    this.busy = false;
    this.submit.disabled = false;
    this.#filter();
    this.dialog.showModal();
    this.search.focus();
  }

  /** The cards worth offering, the ones a typed link fits first, then in board order. */
  #candidates() {
    const { board } = this;
    const mine = board.cards.get(this.cardId);
    const order = (card) => board.stageKeys.indexOf(card.stage);
    return [...board.cards.values()]
      .filter((card) => card.id !== this.cardId && card.id > 0 && !card.deleted && !card.pending)
      .map((card) => ({ card, types: board.links.typesBetween(mine.kind, card.kind) }))
      .filter(({ types }) => types.length > 0)
      .sort((a, b) => Number(a.types[0].type === "relates") - Number(b.types[0].type === "relates")
        || order(a.card) - order(b.card) || (a.card.position < b.card.position ? -1 : 1));
  }

  #filter() {
    const { board } = this;
    if (this.cardId === null) return;
    const locale = board.config.locale;
    const query = normalise(this.search.value, locale);
    const keep = this.shown[this.active]?.id;
    const matches = this.#candidates().filter(({ card }) => !query || normalise(card.title, locale).includes(query));
    this.shown = matches.slice(0, SHOWN_MAX).map(({ card, types }) => ({ ...card, types }));
    this.options.replaceChildren(...this.shown.map((card, index) => this.#option(card, index)));
    if (matches.length === 0) this.count.textContent = board.t("noMatches");
    else if (matches.length > SHOWN_MAX) this.count.textContent = board.t("moreMatches", { count: matches.length, shown: SHOWN_MAX });
    else this.count.textContent = board.t("matches", { count: matches.length });
    const again = this.shown.findIndex((card) => card.id === keep);
    this.#activate(again >= 0 ? again : (this.shown.length ? 0 : -1));
  }

  #option(card, index) {
    const { board } = this;
    const li = document.createElement("li");
    li.id = `link-option-${card.id}`;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    li.dataset.cardId = card.id;
    li.dataset.index = index;
    const title = document.createElement("span");
    title.className = "link-option-title";
    title.textContent = card.title;
    const where = document.createElement("span");
    where.className = "link-option-where";
    where.textContent = board.t("kindInLane", { kind: board.config.kindLabels[card.kind] ?? card.kind,
      lane: board.stageByKey[card.stage]?.label ?? card.stage });
    li.append(title, where);
    const preset = card.types[0];
    const [from, to] = preset.reversed ? [card.id, this.cardId] : [this.cardId, card.id];
    if (board.links.exists(from, to, preset.type)) {
      const mark = document.createElement("span");
      mark.className = "link-option-linked";
      mark.textContent = board.t("alreadyLinked");
      li.append(mark);
    }
    return li;
  }

  #activate(index) {
    this.active = index;
    const options = [...this.options.children];
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    const current = options[index];
    if (current) {
      this.search.setAttribute("aria-activedescendant", current.id);
      current.scrollIntoView({ block: "nearest" });
    } else {
      this.search.removeAttribute("aria-activedescendant");
    }
    this.#offerTypes(this.shown[index]);
  }

  /** The type select: the types the two kinds allow, worded in their direction, the meaningful one first. */
  #offerTypes(card) {
    const { board } = this;
    const previous = this.type.value;
    const choices = (card?.types ?? []).map(({ type, reversed }) => {
      const option = document.createElement("option");
      option.value = `${type}:${reversed ? "reversed" : "forward"}`;
      option.textContent = board.t(reversed ? "typeBackward" : "typeForward", { type: board.config.linkLabels[type] ?? type });
      return option;
    });
    this.type.replaceChildren(...choices);
    this.type.disabled = choices.length === 0;
    // Walking the list presets the meaningful type for each card; a type chosen by hand stays if it fits.
    if (this.type.dataset.chosen === "true" && choices.some((option) => option.value === previous)) this.type.value = previous;
    else this.type.dataset.chosen = "false";
  }

  #onKey(event) {
    const last = this.shown.length - 1;
    const moves = { ArrowDown: Math.min(last, this.active + 1), ArrowUp: Math.max(0, this.active - 1),
      PageDown: Math.min(last, this.active + 10), PageUp: Math.max(0, this.active - 10) };
    if (event.key in moves && last >= 0) {
      event.preventDefault();
      this.#activate(moves[event.key]);
    }
  }

  async #create() {
    const { board } = this;
    if (this.busy || this.cardId === null) return;
    const card = this.shown[this.active];
    if (!card) {
      this.status.textContent = board.t("chooseCard");
      this.search.focus();
      return;
    }
    const [type, way] = this.type.value.split(":");
    const [from, to] = way === "reversed" ? [card.id, this.cardId] : [this.cardId, card.id];
    this.busy = true;
    this.submit.disabled = true;
    this.status.textContent = "";
    try {
      const ack = await board.connection.send("link.create", { from, to, type });
      board.linkAdded(ack.link);
      const message = board.t("linkCreated", { from: board.cards.get(from)?.title ?? "", to: board.cards.get(to)?.title ?? "",
        type: board.config.linkLabels[type] ?? type });
      this.dialog.close();
      board.announce(message);
    } catch (error) {
      this.status.textContent = error.message;
      this.search.focus();
    } finally {
      this.busy = false;
      this.submit.disabled = false;
    }
  }

  /** The board changed under the open picker (cards or links): list again, keeping the chosen card. */
  refresh() {
    if (this.isOpen) this.#filter();
  }
}
