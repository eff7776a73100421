// Affinity themes on the board: named groups of cards inside a lane. The lane shows its themes as
// groups (then "Not in a theme"); a card goes into a theme by dragging it onto the group, by T or the
// card menu's "Move to theme…" picker (theme-picker.js); themes are renamed and deleted from their
// heading; facilitators ask for suggestions (theme-suggest.js). Every change is a `theme.*` op, and
// every browser redraws from the Events. User text only via textContent.
import { el, fill } from "./clock.js";
import { ThemeNameDialog, ThemePicker } from "./theme-picker.js";
import { SuggestPanel } from "./theme-suggest.js";

const boardEl = document.getElementById("board");

export class Themes {
  constructor(board) {
    this.board = board;
    this.config = board.config.themes;
    this.labels = this.config.labels;
    this.themes = new Map(); // id -> theme as the server sent it
    this.picker = new ThemePicker(this);
    this.namer = new ThemeNameDialog(this);
    this.suggest = this.config.isFacilitator ? new SuggestPanel(this) : null;
    this.#wireKeys();
    this.#wireDrops();
    if (board.config.canEdit) document.getElementById("kbd-help")?.append(" ", this.labels.keyHelp);
  }

  get canEdit() { return this.board.config.canEdit; }

  t(key, values = {}) { return fill(this.labels[key], values); }

  /** The theme a card shows in (null: ungrouped, or its theme is not known here). */
  themeOf(card) { return card && this.themes.has(card.theme_id) ? card.theme_id : null; }

  inLane(stage) {
    return [...this.themes.values()].filter((theme) => theme.stage === stage).sort((a, b) => a.id - b.id);
  }

  load(themes = []) {
    this.themes = new Map(themes.map((theme) => [theme.id, theme]));
    this.picker.refresh();
  }

  applyEvent({ type, payload }) {
    const { board } = this;
    const lanes = new Set();
    const theme = payload?.theme;
    if (type === "theme.delete" && theme) {
      this.themes.delete(theme.id);
      for (const id of payload.card_ids ?? []) {
        const card = board.cards.get(id);
        if (card?.theme_id === theme.id) board.cards.set(id, { ...card, theme_id: null });
      }
    } else if (theme) {
      this.themes.set(theme.id, theme);
    }
    if (theme) lanes.add(theme.stage);
    for (const card of [...(payload?.cards ?? []), payload?.card].filter(Boolean)) {
      board.reconcile(card, false).forEach((stage) => lanes.add(stage));
    }
    lanes.forEach((stage) => board.renderLane(stage));
    this.picker.refresh();
    this.suggest?.onEvent(type, payload);
  }

  // ---- Rendering: a lane with themes is a list of groups -----------------------------------------

  /** The lane's items: the cards as they are, or (with themes) one group per theme and "Not in a theme". */
  laneItems(stage, cards) {
    const render = (card) => this.board.renderCard(card);
    const themes = this.inLane(stage);
    if (themes.length === 0) return cards.map(render);
    const groups = new Map(themes.map((theme) => [theme.id, []]));
    const free = [];
    for (const card of cards) (groups.get(this.themeOf(card)) ?? free).push(card);
    return [...themes.map((theme) => this.#group(theme, groups.get(theme.id).map(render), stage)),
      this.#group(null, free.map(render), stage)];
  }

  #group(theme, items, stage) {
    const count = items.filter((item) => item.dataset.deleted !== "true").length;
    const name = theme ? theme.name : this.labels.ungrouped;
    const nameId = `theme-name-${theme ? theme.id : `free-${this.board.stageKeys.indexOf(stage)}`}`;
    const head = el("div", { className: "theme-head" }, [
      el("h3", { className: "theme-name", text: name, attrs: { id: nameId } }),
      el("span", { className: "theme-count", text: String(count), attrs: { "aria-hidden": "true" } })]);
    if (theme && this.canEdit) {
      head.append(this.#button(this.labels.rename, this.t("renameTheme", { name }), nameId, () => this.namer.open(theme), "rename"),
        this.#button(this.labels.delete, this.t("deleteTheme", { name }), nameId, () => this.remove(theme), "delete"));
    }
    const list = el("ol", { className: "theme-cards",
      attrs: { "aria-label": theme ? this.t("group", { name, count }) : name } }, items);
    const group = el("li", { className: theme ? "theme" : "theme theme-free" }, [head, list]);
    if (theme) group.dataset.themeId = String(theme.id);
    return group;
  }

  /** A heading button named by its visible word (axe: name = visible text, also in Thai), described by the theme's name. */
  #button(text, label, nameId, action, name) {
    const button = el("button", { text, className: "btn-link theme-action",
      attrs: { type: "button", title: label, "aria-describedby": nameId, "data-theme-action": name } });
    button.addEventListener("click", action);
    return button;
  }

  // ---- Changes ---------------------------------------------------------------------------------

  failed(error) {
    this.board.announce(this.t("failed", { reason: error.message }));
  }

  /** Open the picker for a card (card menu, T). */
  pick(cardId) {
    this.picker.open(cardId);
  }

  /** Put a card in a theme of its lane (null: take it out); shown at once, confirmed by the Event. */
  async assign(cardId, themeId) {
    const { board } = this;
    const card = board.cards.get(cardId);
    if (!card || this.themeOf(card) === themeId) return;
    const before = card.theme_id ?? null;
    board.cards.set(cardId, { ...card, theme_id: themeId });
    board.renderLane(card.stage);
    try {
      await board.connection.send("theme.assign", { card_id: cardId, theme_id: themeId });
      board.announce(themeId === null ? this.t("unassigned", { title: card.title })
        : this.t("assigned", { title: card.title, name: this.themes.get(themeId)?.name ?? "" }));
    } catch (error) {
      const now = board.cards.get(cardId);
      if (now && now.theme_id === themeId) {
        board.cards.set(cardId, { ...now, theme_id: before });
        board.renderLane(now.stage);
      }
      this.failed(error);
    }
    board.focusCard(cardId);
  }

  /** A new theme in a lane, with these cards in it; resolves with the theme (or throws, announced). */
  async create(stage, name, cardIds = []) {
    try {
      const ack = await this.board.connection.send("theme.create", { stage, name, card_ids: cardIds });
      if (!this.themes.has(ack.theme.id)) this.themes.set(ack.theme.id, ack.theme);
      this.board.announce(this.t("created", { name: ack.theme.name }));
      return ack.theme;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  async rename(theme, name) {
    const ack = await this.board.connection.send("theme.rename", { id: theme.id, name });
    this.board.announce(this.t("renamed", { name: ack.theme.name }));
  }

  async remove(theme) {
    if (!window.confirm(this.t("confirmDelete", { name: theme.name }))) return;
    try {
      await this.board.connection.send("theme.delete", { id: theme.id });
      this.board.announce(this.t("deleted", { name: theme.name }));
    } catch (error) {
      this.failed(error);
    }
  }

  // ---- Keyboard: T opens the picker; arrows walk (and Alt+arrows move) across a lane's groups -------

  #wireKeys() {
    // Capture: in a lane with themes the cards are not siblings any more, so the board's own arrow
    // handling (next/previous sibling) would stop at each group's end.
    boardEl.addEventListener("keydown", (event) => {
      const cardEl = event.target.closest?.(".card");
      if (!cardEl || event.target !== cardEl || event.ctrlKey || event.metaKey) return;
      const id = Number(cardEl.dataset.cardId);
      if ((event.key === "t" || event.key === "T") && !event.altKey && this.canEdit && id > 0) {
        event.preventDefault();
        event.stopPropagation();
        this.pick(id);
        return;
      }
      const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      const list = cardEl.closest(".lane-cards");
      if (!step || event.shiftKey || !list?.querySelector(".theme")) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.altKey) {
        if (this.canEdit) this.#moveInGroup(id, step);
        return;
      }
      const cards = [...list.querySelectorAll(".card")];
      cards[cards.indexOf(cardEl) + step]?.focus();
    }, true);
  }

  /** Alt+Up/Down in a lane with themes: swap places with the neighbour in the card's own group. */
  #moveInGroup(id, step) {
    const { board } = this;
    const card = board.cards.get(id);
    if (!card || card.deleted) return;
    const lane = board.laneCards(card.stage).filter((other) => !other.deleted);
    const group = lane.filter((other) => this.themeOf(other) === this.themeOf(card));
    const target = group[group.findIndex((other) => other.id === id) + step];
    if (target) board.moveCard(id, card.stage, this.#afterFor(lane, id, target.id, step > 0));
  }

  /** The `after` card that puts card `id` right after (or before) card `anchorId` in the lane. */
  #afterFor(lane, id, anchorId, after) {
    if (after) return anchorId;
    const others = lane.filter((other) => other.id !== id);
    const at = others.findIndex((other) => other.id === anchorId);
    return at > 0 ? others[at - 1].id : null;
  }

  // ---- Drag and drop onto a group ---------------------------------------------------------------

  #wireDrops() {
    const clear = () => boardEl.querySelectorAll(".theme.drop-target").forEach((group) => group.classList.remove("drop-target"));
    boardEl.addEventListener("dragover", (event) => {
      const group = event.target.closest?.(".theme");
      if (!group || !this.canEdit) return;
      event.preventDefault();
      if (!group.classList.contains("drop-target")) {
        clear();
        group.classList.add("drop-target");
      }
    }, true);
    boardEl.addEventListener("dragend", clear);
    // Capture, and stop: a drop on a group is ours, not the lane's (board-input.js handles the rest).
    boardEl.addEventListener("drop", (event) => {
      const group = event.target.closest?.(".theme");
      clear();
      const id = Number(event.dataTransfer?.getData("text/plain"));
      if (!group || !this.canEdit || !this.board.cards.has(id)) return;
      event.preventDefault();
      event.stopPropagation();
      const list = group.closest(".lane-cards");
      list.classList.remove("drop-target");
      let anchor = null; // the last card of the group whose middle is above the pointer
      for (const cardEl of group.querySelectorAll(".card:not(.dragging):not(.deleted)")) {
        const box = cardEl.getBoundingClientRect();
        if (event.clientY > box.top + box.height / 2) anchor = Number(cardEl.dataset.cardId);
      }
      const first = group.querySelector(".card:not(.dragging):not(.deleted)");
      this.dropInto(id, list.dataset.stage, group.dataset.themeId ? Number(group.dataset.themeId) : null,
        anchor, first ? Number(first.dataset.cardId) : null);
    }, true);
  }

  /** A card dropped on a group: moved there (lane and place) when it must be, then put in the theme. */
  async dropInto(id, stage, themeId, anchorId, firstId) {
    const { board } = this;
    const card = board.cards.get(id);
    if (!card || card.deleted || id < 0) return;
    const lane = board.laneCards(stage).filter((other) => !other.deleted);
    let after;
    if (anchorId !== null && anchorId !== id) after = anchorId;
    else if (anchorId === null && firstId !== null && firstId !== id) after = this.#afterFor(lane, id, firstId, false);
    else if (card.stage !== stage) after = lane.at(-1)?.id ?? null;
    const mine = lane.findIndex((other) => other.id === id);
    const stays = card.stage === stage && (after === undefined || after === (mine > 0 ? lane[mine - 1].id : null));
    if (!stays) await board.moveCard(id, stage, after ?? null);
    if (board.cards.get(id)?.stage === stage) await this.assign(id, themeId);
  }
}
