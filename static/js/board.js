// The board page: one card store, rendered into lanes; changes go out as live ops (optimistic, rolled
// back on an error ack) and everybody's changes come back in as `ops`. User text only via textContent.
import { cardMoves } from "./board-moves.js";
import { showLane, wireBoardInput } from "./board-input.js";
import { renderCard } from "./cardface.js";
import { Comments } from "./comments.js";
import { CardEditor, MoveMenu } from "./dialogs.js";
import { FieldsEditor } from "./fields.js";
import { LinkList, LinkStore } from "./links.js";
import { BoardConnection } from "./live.js";
import { CardMenu } from "./menu.js";
import { compareCards, keyBetween } from "./ordering.js";
import { LinkPicker } from "./picker.js";
import { Presence } from "./presence.js";
import { Themes } from "./themes.js";
import { Workshop } from "./workshop.js";

const config = JSON.parse(document.getElementById("board-config").textContent);
const boardEl = document.getElementById("board");
const statusEl = document.getElementById("board-status");
const connectionEl = document.getElementById("connection-status");
const noticeEl = document.getElementById("access-notice");
const showDeleted = new URLSearchParams(location.search).get("deleted") === "1";
const texts = Object.fromEntries(
  [...document.getElementById("i18n").content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent]),
);

class Board {
  constructor() {
    this.config = config;
    this.stageKeys = config.stages.map((stage) => stage.key);
    this.stageByKey = Object.fromEntries(config.stages.map((stage) => [stage.key, stage]));
    this.cards = new Map(); // id -> card as the server sent it (negative ids: not yet created)
    this.links = new LinkStore((id) => {
      const card = this.cards.get(id);
      return Boolean(card) && !card.deleted && id > 0;
    });
    this.decisions = new Map(); // prototype card id -> its latest gate decision
    this.fields = new FieldsEditor(this);
    this.linkList = new LinkList(this);
    this.comments = new Comments(this);
    this.picker = new LinkPicker(this);
    this.editor = new CardEditor(this);
    this.mover = new MoveMenu(this);
    this.menu = new CardMenu(document.getElementById("card-menu"), (id) => this.menuItems(id));
    this.presence = new Presence(document.getElementById("presence"), texts.hereNow);
    this.connection = new BoardConnection(config.projectId, {
      onBoard: (board) => this.loadBoard(board),
      onEvent: (event) => this.applyEvent(event),
      onStatus: (status, queued) => this.showStatus(status, queued),
      onPresence: (states) => this.onPresence(states),
      onRevoked: (revocation) => this.onRevoked(revocation),
      onJoined: (ack) => this.workshop.onJoined(ack),
    }, showDeleted);
    this.workshop = new Workshop(this, document.getElementById("workshop"));
    this.themes = new Themes(this); // affinity groups in the lanes (themes.js)
    setInterval(() => this.connection.emit("presence", { card_id: this.editor.openCardId }), 20000);
  }

  t(key, values = {}) {
    return texts[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
  }

  announce(message) {
    statusEl.textContent = message;
  }

  showStatus(status, queued) {
    connectionEl.dataset.state = status;
    const label = { online: "online", connecting: "connecting", offline: "offline", revoked: "revoked" }[status];
    connectionEl.textContent = queued && status !== "online" ? this.t("queued", { count: queued }) : this.t(label);
    if (status === "online" && connectionEl.dataset.readonly === "true") {
      connectionEl.textContent = `${this.t("online")} · ${this.t("readOnly")}`;
    }
    if (status === "online") boardEl.dataset.ready = "true";
    if (status === "revoked" && config.canEdit) this.makeReadOnly();
  }

  /** Access is gone: nothing typed from now on could be sent, so stop offering to edit. */
  makeReadOnly() {
    config.canEdit = false;
    config.canManage = false;
    this.menu.close(false);
    for (const add of document.querySelectorAll(".lane-add")) add.hidden = true;
    for (const dialog of document.querySelectorAll("dialog[open]")) dialog.close();
    document.getElementById("kbd-help")?.setAttribute("hidden", "");
    this.renderAll();
  }

  /**
   * The server took rights away (`revoked` {reason, read_only?}). Read-only: the socket stays on the
   * board, which keeps updating but offers no editing. Otherwise the socket is off the board.
   */
  onRevoked({ reason, read_only: readOnly } = {}) {
    const key = readOnly ? (["demoted", "archived"].includes(reason) ? `ro_${reason}` : "ro_other") : `gone_${reason}`;
    const sentence = texts[key] ? this.t(key) : "";
    if (readOnly) {
      connectionEl.dataset.readonly = "true";
      this.showStatus(this.connection.status, this.connection.queue.length);
    }
    if (config.canEdit || !readOnly) this.makeReadOnly();
    noticeEl.textContent = sentence || this.t("revoked");
    noticeEl.hidden = false;
  }

  // ---- Store ----------------------------------------------------------------------------

  loadBoard(board) {
    const unsent = [...this.cards.values()].filter((card) => card.pending);
    this.cards.clear();
    for (const card of board.cards) this.cards.set(card.id, card);
    for (const card of unsent) if (card.id < 0 || !this.cards.has(card.id)) this.cards.set(card.id, card);
    this.links.load(board.links, board.link_rules);
    this.comments.load(board.comment_counts);
    this.themes.load(board.themes);
    this.renderAll();
    this.refreshOpen();
    this.loadDecisions();
  }

  /** The latest decision of each prototype (REST; gate.decide events keep it current afterwards). */
  async loadDecisions() {
    try {
      const response = await fetch(config.decisionsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { decisions } = await response.json();
      for (const decision of decisions) this.keepDecision(decision);
      this.fields.showDecision();
    } catch { /* offline: the dialog shows no decision until the next one arrives */ }
  }

  keepDecision(decision) {
    const known = this.decisions.get(decision.prototype_id);
    if (!known || known.id < decision.id) this.decisions.set(decision.prototype_id, decision);
  }

  /** The open dialogs follow the board: links, fields and the picker's list. */
  refreshOpen() {
    this.linkList.render();
    this.picker.refresh();
  }

  /** Draw again the lanes of these cards (their link counts changed). */
  renderCardsOf(ids) {
    const lanes = new Set([...ids].map((id) => this.cards.get(id)?.stage).filter(Boolean));
    lanes.forEach((stage) => this.renderLane(stage));
  }

  linkAdded(link) {
    if (!link) return;
    this.links.add(link);
    this.renderCardsOf([link.from, link.to]);
    this.refreshOpen();
  }

  linkRemoved(link) {
    if (!link) return;
    this.links.remove(link.id);
    this.renderCardsOf([link.from, link.to]);
    this.refreshOpen();
  }

  async removeLink(id) {
    const link = this.links.links.get(id);
    try {
      const ack = await this.connection.send("link.delete", { id });
      this.linkRemoved(ack.link ?? link);
      this.linkList.say(this.t("linkRemoved"));
      // The removed item's button is gone: keep keyboard users in the list (or on "Link to…").
      if (this.editor.dialog.open) (this.linkList.list.querySelector(".link-card") ?? document.getElementById("cd-link-to")).focus();
    } catch (error) {
      this.linkList.say(this.t("failed", { reason: error.message }));
    }
  }

  /**
   * Keep the newest version of a card (Excalidraw-style): an older copy never overwrites a newer one.
   * Returns the lanes to draw again; draws them unless `render` is false.
   */
  reconcile(card, render = true) {
    const current = this.cards.get(card.id);
    const lanes = new Set();
    if (current && !current.pending && current.version > card.version) return lanes;
    if (current) lanes.add(current.stage);
    if (card.deleted && !showDeleted) {
      this.cards.delete(card.id);
    } else {
      this.cards.set(card.id, card);
      lanes.add(card.stage);
    }
    if (render) lanes.forEach((stage) => this.renderLane(stage));
    return lanes;
  }

  applyEvent(event) {
    const { payload } = event;
    this.workshop.applyEvent(event);
    if (event.type === "lane.respace" && Array.isArray(payload?.cards)) {
      // The server gave a lane fresh, evenly spaced keys: take every card, draw each lane once.
      const lanes = new Set();
      for (const card of payload.cards) this.reconcile(card, false).forEach((stage) => lanes.add(stage));
      lanes.forEach((stage) => this.renderLane(stage));
      return;
    }
    if (event.type === "link.create") return this.linkAdded(payload?.link);
    if (event.type === "link.delete") return this.linkRemoved(payload?.link);
    if (event.type.startsWith("comment.")) return this.comments.applyEvent(event);
    if (event.type.startsWith("theme.")) return this.themes.applyEvent(event);
    const card = payload?.card;
    if (!card) return;
    if (event.type === "card.create") this.dropEcho(card);
    if (event.type === "gate.decide" && payload.decision) this.keepDecision(payload.decision);
    if (event.type.startsWith("card.") || ["prototype.update", "test.update", "gate.decide"].includes(event.type)) {
      for (const link of payload.links ?? []) this.links.add(link); // card.restore: its links show again
      this.reconcile(card);
      this.editor.applyRemote(card.id, payload.update ?? payload.text_update);
      this.fields.remoteUpdate(card);
      if (event.type === "gate.decide" && this.fields.cardId === card.id) this.fields.showDecision();
      if (["card.delete", "card.restore", "card.update"].includes(event.type)) {
        this.renderCardsOf(this.links.neighbours(card.id)); // their counts change with this card
        this.refreshOpen();
      } else if (this.linkList.cardId !== null && this.links.neighbours(this.linkList.cardId).has(card.id)) {
        this.linkList.render(); // a linked card's title changed
      }
    }
  }

  onPresence(states) {
    const touched = this.presence.update(states, this.connection.socket.id); // newcomers get the room in their join ack
    const lanes = new Set([...touched].map((id) => this.cards.get(id)?.stage).filter(Boolean));
    lanes.forEach((stage) => this.renderLane(stage));
  }

  laneCards(stage) {
    return [...this.cards.values()].filter((card) => card.stage === stage).sort(compareCards);
  }

  neighbours(id) {
    const card = this.cards.get(id);
    const lane = this.laneCards(card.stage).filter((other) => !other.deleted);
    return { card, lane, index: lane.findIndex((other) => other.id === id) };
  }

  // ---- Rendering --------------------------------------------------------------------------

  renderCard(card) {
    return renderCard(this, card);
  }

  /** What the card's menu offers (empty: no menu). */
  menuItems(id, card = this.cards.get(id)) {
    if (!config.canEdit || !card || (card.pending && card.id < 0) || this.workshop?.locks(card.stage)) return [];
    if (card.deleted) return config.canManage ? [{ label: this.t("restore"), action: () => this.restoreCard(id) }] : [];
    return [
      { label: this.t("edit"), action: () => this.editor.open(id) },
      { label: this.t("moveEllipsis"), action: () => this.mover.open(id) },
      { label: this.themes.labels.moveToTheme, action: () => this.themes.pick(id) },
      { label: this.t("linkTo"), action: () => this.picker.open(id) },
      { label: this.t("delete"), action: () => this.deleteCard(id), danger: true },
    ];
  }

  openMenu(id) {
    const cardEl = boardEl.querySelector(`.card[data-card-id="${id}"]`);
    if (cardEl) this.menu.open(id, cardEl.querySelector(".card-menu-button") ?? cardEl);
  }

  renderLane(stage) {
    const list = boardEl.querySelector(`.lane-cards[data-stage="${stage}"]`);
    const focusedId = document.activeElement?.closest?.(".card")?.dataset.cardId;
    const items = this.laneCards(stage);
    // Someone else's change redraws the lane: keep its scroll (an open card menu closes when it scrolls).
    const scrolled = list.scrollTop;
    list.replaceChildren(...this.themes.laneItems(stage, items)); // cards, grouped by theme when the lane has some
    list.scrollTop = scrolled;
    for (const counter of document.querySelectorAll(`[data-count-for="${stage}"]`)) {
      counter.textContent = String(items.filter((card) => !card.deleted).length);
    }
    if (focusedId) list.querySelector(`[data-card-id="${focusedId}"]`)?.focus();
  }

  renderAll() {
    this.stageKeys.forEach((stage) => this.renderLane(stage));
  }

  focusCard(id) {
    boardEl.querySelector(`.card[data-card-id="${id}"]`)?.focus();
  }

  /** Go to card `id` on the board: its lane shown (phones), the card scrolled to and focused. */
  revealCard(id) {
    if (this.editor.dialog.open) {
      this.editor.closeTo(id);
      return;
    }
    const card = this.cards.get(id);
    if (!card) return;
    showLane(card.stage);
    const cardEl = boardEl.querySelector(`.card[data-card-id="${id}"]`);
    cardEl?.scrollIntoView({ block: "nearest" });
    cardEl?.focus();
  }

  // ---- Changes: optimistic, confirmed by the ack, rolled back on an error ---------------------

  async changeCard(id, type, data, optimistic = {}) {
    const before = this.cards.get(id);
    this.reconcile({ ...before, ...data, ...optimistic, pending: true });
    try {
      const ack = await this.connection.send(type, { id, ...data });
      this.reconcile(ack.card);
      return ack;
    } catch (error) {
      if (this.cards.get(id)?.pending) {
        const now = this.cards.get(id);
        this.cards.set(id, before);
        if (now.stage !== before.stage) this.renderLane(now.stage);
        this.renderLane(before.stage);
      }
      this.announce(this.t("failed", { reason: error.message }));
      throw error;
    }
  }

  /**
   * The room's copy of a card this tab is still creating can arrive before our ack: it takes the
   * place of the pending card at once, so the card never shows twice (the ack then adds our name).
   */
  dropEcho(card) {
    const echo = [...this.cards.values()].find((other) => other.id < 0 && other.pending
      && other.stage === card.stage && other.title === card.title);
    if (echo) this.cards.delete(echo.id);
  }

  async createCard(stage, title) {
    if (this.workshop.hidesNewCards()) return this.workshop.addNote(stage, title);
    const lane = this.laneCards(stage);
    const temp = { id: -Date.now(), stage, kind: this.stageByKey[stage].defaultKind, title, body: "",
      color: "yellow", position: keyBetween(lane.at(-1)?.position ?? null, null) ?? "z", version: 0,
      deleted: false, author_name: "", pending: true };
    this.cards.set(temp.id, temp);
    this.renderLane(stage);
    const list = boardEl.querySelector(`.lane-cards[data-stage="${stage}"]`);
    list.scrollTop = list.scrollHeight; // the new card is at the bottom, next to the add box
    try {
      const ack = await this.connection.send("card.create", { stage, title });
      this.cards.delete(temp.id);
      this.reconcile(ack.card);
      boardEl.querySelector(`.card[data-card-id="${ack.card.id}"]`)?.scrollIntoView({ block: "nearest" });
      this.announce(this.t("added"));
    } catch (error) {
      this.cards.delete(temp.id);
      this.renderLane(stage);
      this.announce(this.t("failed", { reason: error.message }));
    }
  }

  async deleteCard(id) {
    if (!window.confirm(this.t("confirmDelete"))) {
      this.focusCard(id);
      return;
    }
    // Keyboard users keep their place: focus goes to the next card (or the previous one).
    const { lane, index } = this.neighbours(id);
    const next = lane[index + 1] ?? lane[index - 1];
    try {
      await this.changeCard(id, "card.delete", {}, { deleted: true });
      this.announce(this.t("deleted"));
      if (next && !document.querySelector("dialog[open]")) this.focusCard(next.id);
    } catch { /* announced */ }
  }

  async restoreCard(id) {
    try {
      await this.changeCard(id, "card.restore", {}, { deleted: false });
      this.announce(this.t("restored"));
      this.focusCard(id);
    } catch { /* announced */ }
  }
}

Object.assign(Board.prototype, cardMoves(config));

const board = new Board();
window.govlabBoard = board; // for debugging and the browser tests
wireBoardInput(board);
