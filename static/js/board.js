// The board page: one card store, rendered into lanes; changes go out as live ops (optimistic, rolled
// back on an error ack) and everybody's changes come back in as `ops`. User text only via textContent.
import { CardEditor, MoveMenu } from "./dialogs.js";
import { BoardConnection } from "./live.js";
import { CardMenu } from "./menu.js";
import { compareCards, keyBetween } from "./ordering.js";
import { Presence } from "./presence.js";

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
    }, showDeleted);
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
    this.renderAll();
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
    if (event.type === "lane.respace" && Array.isArray(payload?.cards)) {
      // The server gave a lane fresh, evenly spaced keys: take every card, draw each lane once.
      const lanes = new Set();
      for (const card of payload.cards) this.reconcile(card, false).forEach((stage) => lanes.add(stage));
      lanes.forEach((stage) => this.renderLane(stage));
      return;
    }
    const card = payload?.card;
    if (event.type.startsWith("card.") && card) {
      this.reconcile(card);
      this.editor.applyRemote(card.id, payload.update ?? payload.text_update);
    }
  }

  onPresence(states) {
    const { newcomer, touched } = this.presence.update(states, this.connection.socket.id);
    if (newcomer) this.connection.emit("presence", { card_id: this.editor.openCardId }); // let newcomers see us
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
    const li = document.createElement("li");
    li.className = "card" + (card.deleted ? " deleted" : "") + (card.pending ? " pending" : "");
    li.tabIndex = 0;
    Object.assign(li.dataset, { cardId: card.id, color: card.color, kind: card.kind, version: card.version,
      deleted: String(card.deleted) });
    const kind = document.createElement("div");
    kind.className = "card-kind";
    kind.textContent = config.kindLabels[card.kind] ?? card.kind;
    const title = document.createElement("h3");
    title.className = "card-title";
    title.textContent = card.title;
    li.append(kind, title);
    if (card.body) {
      const body = document.createElement("p");
      body.className = "card-body";
      body.textContent = card.body;
      li.append(body);
    }
    const meta = document.createElement("div");
    meta.className = "card-meta";
    meta.textContent = card.author_name ?? "";
    li.append(meta);
    const editors = this.presence.editorsOf(card.id);
    if (editors.length) {
      const badge = document.createElement("div");
      badge.className = "card-editing";
      badge.textContent = this.t("editing", { names: editors.join(", ") });
      li.append(badge);
    }
    li.setAttribute("aria-label", `${kind.textContent}: ${card.title}`);
    if (this.menuItems(card.id, card).length) {
      // One tab stop per card: the button is for pointers and touch; keyboards open the menu from the card.
      const button = document.createElement("button");
      button.type = "button";
      button.className = "card-menu-button";
      button.tabIndex = -1;
      button.setAttribute("aria-haspopup", "menu");
      button.setAttribute("aria-expanded", String(this.menu.cardId === card.id));
      button.setAttribute("aria-controls", "card-menu");
      button.setAttribute("aria-label", this.t("cardActions"));
      button.title = this.t("cardActions");
      button.textContent = "⋯";
      li.append(button);
      li.setAttribute("aria-keyshortcuts", card.deleted ? "Shift+F10 ." : "Enter M Delete Shift+F10 .");
    }
    if (config.canEdit && !card.deleted && card.id > 0) li.draggable = true;
    return li;
  }

  /** What the card's menu offers (empty: no menu). */
  menuItems(id, card = this.cards.get(id)) {
    if (!config.canEdit || !card || (card.pending && card.id < 0)) return [];
    if (card.deleted) return config.canManage ? [{ label: this.t("restore"), action: () => this.restoreCard(id) }] : [];
    return [
      { label: this.t("edit"), action: () => this.editor.open(id) },
      { label: this.t("moveEllipsis"), action: () => this.mover.open(id) },
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
    list.replaceChildren(...items.map((card) => this.renderCard(card)));
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

  async createCard(stage, title) {
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

  /** Move a card to `stage`, right after card `afterId` (null = top). */
  async moveCard(id, stage, afterId) {
    const lane = this.laneCards(stage).filter((other) => other.id !== id && !other.deleted);
    const index = afterId === null ? -1 : lane.findIndex((other) => other.id === afterId);
    const guess = keyBetween(index >= 0 ? lane[index].position : null, lane[index + 1]?.position ?? null);
    const optimistic = guess ? { position: guess } : {};
    const before = this.cards.get(id);
    try {
      const ack = await this.changeCard(id, "card.move", { stage, after: afterId }, optimistic);
      this.focusCard(id);
      const place = this.laneCards(stage).findIndex((other) => other.id === id) + 1;
      const lane = this.stageByKey[stage].label;
      const kind = ack?.card?.kind;
      if (kind && before && kind !== before.kind) {
        // The lane does not take the card's kind: say what it is now, and that moving back restores it.
        this.announce(this.t("movedKind", { lane, place, kind: config.kindLabels[kind] ?? kind,
          from: this.stageByKey[before.stage].label, before: config.kindLabels[before.kind] ?? before.kind }));
      } else {
        this.announce(this.t("moved", { lane, place }));
      }
    } catch {
      this.focusCard(id);
    }
  }

  moveWithinLane(id, delta) {
    const { card, lane, index } = this.neighbours(id);
    const target = index + delta;
    if (target < 0 || target >= lane.length) return;
    const without = lane.filter((other) => other.id !== id);
    this.moveCard(id, card.stage, target === 0 ? null : without[target - 1].id);
  }

  moveToLaneEnd(id, stage) {
    const lane = this.laneCards(stage).filter((other) => !other.deleted && other.id !== id);
    this.moveCard(id, stage, lane.at(-1)?.id ?? null);
    showLane(stage);
  }

  moveToLane(id, step) {
    const stage = this.stageKeys[this.stageKeys.indexOf(this.cards.get(id).stage) + step];
    if (stage) this.moveToLaneEnd(id, stage);
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

// ---- Lane tabs (phones), keyboard, drag and drop, add forms --------------------------------

const tabs = [...document.querySelectorAll('.lane-tabs [role="tab"]')];
function showLane(stage) {
  for (const tab of tabs) {
    const selected = tab.dataset.stage === stage;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const lane of boardEl.querySelectorAll(".lane")) lane.classList.toggle("active", lane.dataset.stage === stage);
}
tabs.forEach((tab, index) => {
  tab.addEventListener("click", () => showLane(tab.dataset.stage));
  tab.addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    showLane(next.dataset.stage);
    next.focus();
  });
});

const board = new Board();
window.govlabBoard = board; // for debugging and the browser tests

boardEl.addEventListener("keydown", (event) => {
  const cardEl = event.target.closest?.(".card");
  if (!cardEl || event.target !== cardEl || !config.canEdit) return;
  const id = Number(cardEl.dataset.cardId);
  const card = board.cards.get(id);
  const opensMenu = event.key === "ContextMenu" || (event.shiftKey && event.key === "F10") || event.key === ".";
  if (opensMenu && card && !event.altKey && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    board.openMenu(id);
    return;
  }
  if (!card || card.deleted || id < 0) return;
  const moves = { ArrowLeft: () => board.moveToLane(id, -1), ArrowRight: () => board.moveToLane(id, 1),
    ArrowUp: () => board.moveWithinLane(id, -1), ArrowDown: () => board.moveWithinLane(id, 1) };
  const keys = { Enter: () => board.editor.open(id), m: () => board.mover.open(id), M: () => board.mover.open(id),
    Delete: () => board.deleteCard(id) };
  if (event.altKey && moves[event.key]) {
    event.preventDefault();
    moves[event.key]();
  } else if (!event.altKey && keys[event.key]) {
    event.preventDefault();
    keys[event.key]();
  } else if (!event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault(); // plain arrows walk between the cards of a lane
    (event.key === "ArrowDown" ? cardEl.nextElementSibling : cardEl.previousElementSibling)?.focus();
  }
});

boardEl.addEventListener("click", (event) => {
  const button = event.target.closest(".card-menu-button");
  if (!button) return;
  const id = Number(button.closest(".card").dataset.cardId);
  if (board.menu.isOpen && board.menu.cardId === id) board.menu.close(true);
  else board.openMenu(id);
});
// The Menu key opened the card's menu on keydown: no browser menu on top of it.
boardEl.addEventListener("contextmenu", (event) => {
  if (board.menu.isOpen && event.target.classList?.contains("card")) event.preventDefault();
});

boardEl.addEventListener("dblclick", (event) => {
  const cardEl = event.target.closest(".card");
  if (event.target.closest(".card-menu-button")) return;
  if (cardEl && config.canEdit && cardEl.dataset.deleted !== "true") board.editor.open(Number(cardEl.dataset.cardId));
});

let draggedId = null;
boardEl.addEventListener("dragstart", (event) => {
  const cardEl = event.target.closest(".card");
  if (!cardEl) return;
  draggedId = Number(cardEl.dataset.cardId);
  cardEl.classList.add("dragging");
  event.dataTransfer.effectAllowed = "move";
  event.dataTransfer.setData("text/plain", String(draggedId));
});
boardEl.addEventListener("dragend", () => {
  draggedId = null;
  for (const el of boardEl.querySelectorAll(".dragging, .drop-target")) el.classList.remove("dragging", "drop-target");
});
for (const list of boardEl.querySelectorAll(".lane-cards")) {
  list.addEventListener("dragover", (event) => {
    if (draggedId === null) return;
    event.preventDefault();
    list.classList.add("drop-target");
  });
  list.addEventListener("dragleave", () => list.classList.remove("drop-target"));
  list.addEventListener("drop", (event) => {
    event.preventDefault();
    list.classList.remove("drop-target");
    if (draggedId === null) return;
    let afterId = null; // the last card whose middle is above the pointer
    for (const el of list.querySelectorAll(".card:not(.dragging):not(.deleted)")) {
      const box = el.getBoundingClientRect();
      if (event.clientY > box.top + box.height / 2) afterId = Number(el.dataset.cardId);
    }
    if (afterId !== draggedId) board.moveCard(draggedId, list.dataset.stage, afterId);
  });
}

for (const form of document.querySelectorAll(".add-card-form")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.elements.title;
    const title = input.value.trim();
    if (title) board.createCard(form.dataset.stage, title);
    input.value = "";
    input.focus();
  });
}
