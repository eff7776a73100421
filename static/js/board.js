// The board page: renders lanes from one card store, and changes cards through the REST API.
// User text is only ever set with textContent.
import { api } from "./api.js";
import { compareCards, keyBetween } from "./ordering.js";

const config = JSON.parse(document.getElementById("board-config").textContent);
const boardEl = document.getElementById("board");
const statusEl = document.getElementById("board-status");
const stageKeys = config.stages.map((stage) => stage.key);
const stageByKey = Object.fromEntries(config.stages.map((stage) => [stage.key, stage]));
const showDeleted = new URLSearchParams(location.search).get("deleted") === "1";

const texts = Object.fromEntries(
  [...document.getElementById("i18n").content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent]),
);
function t(key, values = {}) {
  return texts[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** The card store: id -> card as the API returns it. */
const cards = new Map();

function announce(message) {
  statusEl.textContent = message;
}

function laneCards(stage) {
  return [...cards.values()].filter((card) => card.stage === stage && (showDeleted || !card.deleted)).sort(compareCards);
}

function button(label, onClick, extraClass = "") {
  const el = document.createElement("button");
  el.type = "button";
  el.textContent = label;
  if (extraClass) el.className = extraClass;
  el.addEventListener("click", (event) => {
    event.stopPropagation();
    onClick();
  });
  return el;
}

function renderCard(card) {
  const li = document.createElement("li");
  li.className = "card" + (card.deleted ? " deleted" : "") + (card.pending ? " pending" : "");
  li.tabIndex = 0;
  li.dataset.cardId = card.id;
  li.dataset.color = card.color;
  li.dataset.kind = card.kind;
  li.dataset.version = card.version;
  li.dataset.deleted = String(card.deleted);
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
  if (config.canEdit) {
    const actions = document.createElement("div");
    actions.className = "card-actions";
    if (card.deleted) {
      if (config.canManage) actions.append(button(t("restore"), () => restoreCard(card.id)));
    } else {
      li.draggable = true;
      actions.append(
        button(t("edit"), () => openEditor(card.id)),
        button(t("move"), () => openMoveMenu(card.id)),
        button(t("delete"), () => deleteCard(card.id)),
      );
    }
    li.append(actions);
  }
  li.setAttribute("aria-label", `${kind.textContent}: ${card.title}`);
  return li;
}

function renderLane(stage) {
  const list = boardEl.querySelector(`.lane-cards[data-stage="${stage}"]`);
  const focusedId = document.activeElement?.closest?.(".card")?.dataset.cardId;
  const items = laneCards(stage);
  list.replaceChildren(...items.map(renderCard));
  for (const counter of document.querySelectorAll(`[data-count-for="${stage}"]`)) {
    counter.textContent = String(items.filter((card) => !card.deleted).length);
  }
  if (focusedId) list.querySelector(`[data-card-id="${focusedId}"]`)?.focus();
}

function renderAll() {
  stageKeys.forEach(renderLane);
}

function focusCard(id) {
  boardEl.querySelector(`.card[data-card-id="${id}"]`)?.focus();
}

/** Put a card from the server into the store and redraw the lanes it left and entered. */
function upsert(card) {
  const previous = cards.get(card.id);
  cards.set(card.id, card);
  if (previous && previous.stage !== card.stage) renderLane(previous.stage);
  renderLane(card.stage);
}

function reportError(error) {
  announce(t("failed", { reason: error.message }));
}

// ---- Changes -------------------------------------------------------------------------------

async function createCard(stage, title) {
  const lane = laneCards(stage);
  const temp = {
    id: -Date.now(), stage, kind: stageByKey[stage].kinds[0][0], title, body: "", color: "yellow",
    position: keyBetween(lane.at(-1)?.position ?? null, null) ?? "z", version: 0, deleted: false,
    author_name: "", pending: true,
  };
  cards.set(temp.id, temp);
  renderLane(stage);
  try {
    const card = await api("POST", `/projects/${config.projectId}/cards`, { stage, title });
    cards.delete(temp.id);
    upsert(card);
    announce(t("added"));
    return true;
  } catch (error) {
    cards.delete(temp.id);
    renderLane(stage);
    reportError(error);
    return false;
  }
}

/** Move a card to `stage`, right after the card `afterId` (null = top); optimistic with rollback. */
async function moveCard(id, stage, afterId) {
  const card = cards.get(id);
  if (!card) return;
  const lane = laneCards(stage).filter((other) => other.id !== id && !other.deleted);
  const index = afterId === null ? -1 : lane.findIndex((other) => other.id === afterId);
  const low = index >= 0 ? lane[index].position : null;
  const high = lane[index + 1]?.position ?? null;
  const before = { ...card };
  const guess = keyBetween(low, high);
  if (guess) {
    cards.set(id, { ...card, stage, position: guess, pending: true });
    if (before.stage !== stage) renderLane(before.stage);
    renderLane(stage);
    focusCard(id);
  }
  try {
    const moved = await api("PATCH", `/cards/${id}`, { stage, after: afterId });
    upsert(moved);
    focusCard(id);
    const place = laneCards(stage).findIndex((other) => other.id === id) + 1;
    announce(t("moved", { lane: stageByKey[stage].label, place }));
  } catch (error) {
    cards.set(id, before);
    renderAll();
    focusCard(id);
    reportError(error);
  }
}

function neighbours(id) {
  const card = cards.get(id);
  const lane = laneCards(card.stage).filter((other) => !other.deleted);
  return { card, lane, index: lane.findIndex((other) => other.id === id) };
}

function moveWithinLane(id, delta) {
  const { card, lane, index } = neighbours(id);
  const target = index + delta;
  if (target < 0 || target >= lane.length) return;
  const without = lane.filter((other) => other.id !== id);
  const afterId = target === 0 ? null : without[target - 1].id;
  moveCard(id, card.stage, afterId);
}

function moveToLane(id, step) {
  const card = cards.get(id);
  const target = stageKeys[stageKeys.indexOf(card.stage) + step];
  if (!target) return;
  const lane = laneCards(target).filter((other) => !other.deleted && other.id !== id);
  moveCard(id, target, lane.at(-1)?.id ?? null);
  showLane(target);
}

async function deleteCard(id) {
  if (!window.confirm(t("confirmDelete"))) return;
  try {
    const card = await api("DELETE", `/cards/${id}`);
    if (!showDeleted) cards.delete(id);
    upsert(card);
    announce(t("deleted"));
  } catch (error) {
    reportError(error);
  }
}

async function restoreCard(id) {
  try {
    upsert(await api("POST", `/cards/${id}/restore`));
    announce(t("restored"));
    focusCard(id);
  } catch (error) {
    reportError(error);
  }
}

// ---- Dialogs -------------------------------------------------------------------------------

const editor = document.getElementById("card-dialog");
const editorForm = document.getElementById("card-dialog-form");
const editorError = document.getElementById("card-dialog-error");
let editingId = null;

function fillSelect(select, options, value) {
  select.replaceChildren(...options.map(([key, label]) => {
    const option = document.createElement("option");
    option.value = key;
    option.textContent = label;
    option.selected = key === value;
    return option;
  }));
}

function openEditor(id) {
  const card = cards.get(id);
  editingId = id;
  editorForm.elements.title.value = card.title;
  editorForm.elements.body.value = card.body;
  fillSelect(editorForm.elements.kind, stageByKey[card.stage].kinds, card.kind);
  fillSelect(editorForm.elements.color, config.colors, card.color);
  editorError.hidden = true;
  editor.showModal();
  editorForm.elements.title.focus();
}

editorForm.addEventListener("submit", async (event) => {
  if (event.submitter?.value !== "save") return;
  event.preventDefault();
  const card = cards.get(editingId);
  const changes = {};
  for (const name of ["title", "body", "kind", "color"]) {
    const value = editorForm.elements[name].value;
    if (value !== card[name]) changes[name] = value;
  }
  if (Object.keys(changes).length === 0) {
    editor.close();
    return;
  }
  try {
    upsert(await api("PATCH", `/cards/${editingId}`, { ...changes, version: card.version }));
    editor.close();
    focusCard(editingId);
    announce(t("saved"));
  } catch (error) {
    editorError.textContent = error.message;
    editorError.hidden = false;
  }
});
editor.addEventListener("close", () => editingId !== null && focusCard(editingId));
document.getElementById("cd-delete").addEventListener("click", () => {
  const id = editingId;
  editor.close();
  deleteCard(id);
});

const mover = document.getElementById("move-dialog");
const moveOptions = document.getElementById("move-options");

function openMoveMenu(id) {
  const card = cards.get(id);
  const { lane, index } = neighbours(id);
  const choices = [];
  if (index > 0) {
    choices.push(button(t("moveTop"), () => moveCard(id, card.stage, null), "btn"));
    choices.push(button(t("moveUp"), () => moveWithinLane(id, -1), "btn"));
  }
  if (index < lane.length - 1) choices.push(button(t("moveDown"), () => moveWithinLane(id, 1), "btn"));
  for (const stage of stageKeys) {
    if (stage === card.stage) continue;
    choices.push(button(t("moveTo", { lane: stageByKey[stage].label }), () => {
      const target = laneCards(stage).filter((other) => !other.deleted);
      moveCard(id, stage, target.at(-1)?.id ?? null);
      showLane(stage);
    }, "btn"));
  }
  for (const choice of choices) choice.addEventListener("click", () => mover.close());
  moveOptions.replaceChildren(...choices);
  mover.showModal();
  choices[0]?.focus();
}

// ---- Keyboard, drag and drop, lane tabs ----------------------------------------------------

boardEl.addEventListener("keydown", (event) => {
  const cardEl = event.target.closest?.(".card");
  if (!cardEl || event.target !== cardEl || !config.canEdit) return;
  const id = Number(cardEl.dataset.cardId);
  const card = cards.get(id);
  if (!card || card.deleted) return;
  const moves = { ArrowLeft: () => moveToLane(id, -1), ArrowRight: () => moveToLane(id, 1),
    ArrowUp: () => moveWithinLane(id, -1), ArrowDown: () => moveWithinLane(id, 1) };
  if (event.altKey && moves[event.key]) {
    event.preventDefault();
    moves[event.key]();
  } else if (event.key === "Enter") {
    event.preventDefault();
    openEditor(id);
  } else if (event.key === "m" || event.key === "M") {
    event.preventDefault();
    openMoveMenu(id);
  } else if (event.key === "Delete") {
    event.preventDefault();
    deleteCard(id);
  } else if (!event.altKey && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    // Plain arrows walk between cards of the lane.
    event.preventDefault();
    const sibling = event.key === "ArrowDown" ? cardEl.nextElementSibling : cardEl.previousElementSibling;
    sibling?.focus();
  }
});

boardEl.addEventListener("dblclick", (event) => {
  const cardEl = event.target.closest(".card");
  if (cardEl && config.canEdit && cardEl.dataset.deleted !== "true") openEditor(Number(cardEl.dataset.cardId));
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

/** The card id the drop lands after: the last card whose middle is above the pointer. */
function dropAnchor(list, clientY) {
  let afterId = null;
  for (const el of list.querySelectorAll(".card:not(.dragging):not(.deleted)")) {
    const box = el.getBoundingClientRect();
    if (clientY > box.top + box.height / 2) afterId = Number(el.dataset.cardId);
  }
  return afterId;
}

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
    const afterId = dropAnchor(list, event.clientY);
    if (afterId !== draggedId) moveCard(draggedId, list.dataset.stage, afterId);
  });
}

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

for (const form of document.querySelectorAll(".add-card-form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = form.elements.title;
    const title = input.value.trim();
    if (!title) {
      input.focus();
      return;
    }
    input.disabled = true;
    const ok = await createCard(form.dataset.stage, title);
    input.disabled = false;
    if (ok) input.value = "";
    input.focus();
  });
}

// ---- Start: load the board from the API (the page already shows it without JavaScript) ----

async function start() {
  const path = `/projects/${config.projectId}/board${showDeleted ? "?include_deleted=1" : ""}`;
  const snapshot = await api("GET", path);
  cards.clear();
  for (const card of snapshot.cards) cards.set(card.id, card);
  renderAll();
  boardEl.dataset.ready = "true";
}

start().catch(reportError);
