// The facilitator's "Suggest themes" panel: ask the server (socket `themes.suggest`) for a lane's
// ungrouped cards grouped by shared words, then accept each suggestion (renamed or not: an ordinary
// `theme.create` with its cards, live for everyone), or dismiss it. Suggestions are never stored;
// cards grouped meanwhile (by anyone) drop out of them. User text only via textContent.
import { el } from "./clock.js";

const TITLES_SHOWN = 5;
const ASK_TIMEOUT_MS = 30000;

export class SuggestPanel {
  constructor(themes) {
    this.themes = themes;
    this.board = themes.board;
    this.suggestions = []; // [{key, name, words, card_ids}] still on offer
    this.stage = null;
    this.#build();
  }

  #build() {
    const l = this.themes.labels;
    this.opener = el("button", { text: l.suggest, className: "btn btn-small",
      attrs: { type: "button", "data-themes": "suggest", "aria-expanded": "false", "aria-controls": "theme-suggest" } });
    this.opener.addEventListener("click", () => (this.root.hidden ? this.open() : this.close()));
    document.querySelector(".board-head .actions")?.append(this.opener);
    this.select = el("select", { attrs: { id: "theme-suggest-stage" } },
      this.board.config.stages.map((stage) => el("option", { text: stage.label, attrs: { value: stage.key } })));
    const ask = el("button", { text: l.ask, className: "btn btn-primary btn-small", attrs: { type: "button", "data-themes": "ask" } });
    ask.addEventListener("click", () => this.ask());
    const close = el("button", { text: l.close, className: "btn btn-small", attrs: { type: "button", "data-themes": "close" } });
    close.addEventListener("click", () => this.close());
    this.status = el("p", { className: "theme-suggest-status", attrs: { role: "status", "aria-live": "polite" } });
    this.list = el("ul", { className: "theme-suggestions", attrs: { "aria-labelledby": "theme-suggest-title" } });
    this.root = el("section", { className: "theme-suggest", attrs: { id: "theme-suggest", hidden: "",
      "aria-labelledby": "theme-suggest-title" } }, [
      el("div", { className: "theme-suggest-head" }, [el("h2", { text: l.suggestTitle, attrs: { id: "theme-suggest-title" } }), close]),
      el("p", { className: "muted", text: l.suggestHint }),
      el("div", { className: "theme-suggest-ask" }, [el("label", { text: l.lane, attrs: { for: "theme-suggest-stage" } }),
        this.select, ask]),
      this.status, this.list]);
    this.root.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        this.close();
      }
    });
    const tabs = document.querySelector(".lane-tabs");
    tabs?.parentNode.insertBefore(this.root, tabs);
  }

  open() {
    this.root.hidden = false;
    this.opener.setAttribute("aria-expanded", "true");
    const active = document.querySelector(".lane.active")?.dataset.stage;
    if (active && !this.suggestions.length) this.select.value = active;
    this.select.focus();
  }

  close() {
    this.root.hidden = true;
    this.opener.setAttribute("aria-expanded", "false");
    this.opener.focus();
  }

  async ask() {
    const l = this.themes.labels;
    const stage = this.select.value;
    this.status.textContent = l.asking;
    this.root.setAttribute("aria-busy", "true");
    try {
      // A longer wait than other requests: right after a server starts, its first answer loads scikit-learn.
      const ack = await this.board.connection.socket.timeout(ASK_TIMEOUT_MS)
        .emitWithAck("themes.suggest", { project_id: this.board.config.projectId, stage });
      if (!ack.ok) throw new Error(ack.error?.message ?? "");
      this.stage = ack.stage;
      this.suggestions = ack.suggestions;
      this.render();
      const found = this.suggestions.length ? this.themes.t("found", { count: this.suggestions.length, cards: ack.considered })
        : l.none;
      this.status.textContent = ack.capped ? `${found} ${this.themes.t("capped", { count: ack.considered })}` : found;
    } catch (error) {
      this.status.textContent = this.themes.t("failed", { reason: error.message });
    } finally {
      this.root.removeAttribute("aria-busy");
    }
  }

  /** Cards grouped meanwhile leave the suggestions; one left with fewer than two cards goes. */
  onEvent(type) {
    if (!this.suggestions.length || !["theme.create", "theme.assign", "theme.delete"].includes(type)) return;
    const before = this.suggestions.length;
    this.suggestions = this.suggestions.map((item) => ({ ...item, card_ids: this.#open(item.card_ids) }))
      .filter((item) => item.card_ids.length >= 2);
    if (before !== this.suggestions.length || this.list.children.length) this.render();
  }

  /** The cards of a suggestion still in its lane, live and ungrouped. */
  #open(ids) {
    return ids.filter((id) => {
      const card = this.board.cards.get(id);
      return card && !card.deleted && card.stage === this.stage && this.themes.themeOf(card) === null;
    });
  }

  render() {
    const focused = document.activeElement?.closest?.(".theme-suggestion")?.dataset.key;
    this.list.replaceChildren(...this.suggestions.map((item, index) => this.#item(item, index)));
    if (focused) this.list.querySelector(`[data-key="${CSS.escape(focused)}"] input`)?.focus();
  }

  #item(item, index) {
    const l = this.themes.labels;
    const inputId = `theme-suggest-name-${index}`;
    const input = el("input", { attrs: { type: "text", id: inputId, value: item.edited ?? item.name,
      maxlength: String(this.themes.config.nameMax), autocomplete: "off" } });
    input.addEventListener("input", () => { item.edited = input.value; });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.accept(item, input.value);
      }
    });
    const titles = item.card_ids.map((id) => this.board.cards.get(id)?.title).filter(Boolean);
    const cards = el("ul", { className: "theme-suggestion-cards" },
      titles.slice(0, TITLES_SHOWN).map((title) => el("li", { text: title })));
    if (titles.length > TITLES_SHOWN) cards.append(el("li", { className: "muted", text: this.themes.t("more", { count: titles.length - TITLES_SHOWN }) }));
    const accept = el("button", { text: l.accept, className: "btn btn-primary btn-small", attrs: { type: "button", "data-themes": "accept" } });
    accept.addEventListener("click", () => this.accept(item, input.value));
    const dismiss = el("button", { text: l.dismiss, className: "btn btn-small", attrs: { type: "button", "data-themes": "dismiss" } });
    dismiss.addEventListener("click", () => this.#drop(item, index));
    return el("li", { className: "theme-suggestion", attrs: { "data-key": item.key } }, [
      el("div", { className: "form-row" }, [el("label", { text: l.name, attrs: { for: inputId } }), input]),
      el("p", { className: "muted", text: `${this.themes.t("cards", { count: titles.length })} · ${this.themes.t("words", { words: item.words.join(", ") })}` }),
      cards, el("div", { className: "actions" }, [accept, dismiss])]);
  }

  async accept(item, typed) {
    const name = (typed ?? "").trim() || item.name;
    const cardIds = this.#open(item.card_ids);
    const index = this.suggestions.indexOf(item);
    try {
      const theme = await this.themes.create(this.stage, name, cardIds);
      this.status.textContent = this.themes.t("accepted", { name: theme.name, count: cardIds.length });
      this.#drop(item, index);
    } catch (error) {
      this.status.textContent = this.themes.t("failed", { reason: error.message }); // the suggestion stays
    }
  }

  #drop(item, index) {
    this.suggestions = this.suggestions.filter((other) => other !== item);
    this.render();
    const next = this.list.querySelectorAll(".theme-suggestion input")[Math.min(index, this.suggestions.length - 1)];
    (next ?? this.select).focus();
  }
}
