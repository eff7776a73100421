// The board's input: lane tabs (phones), card keys, the menu button, double click, drag and drop and
// the add forms. The Board controller does the work; this module only turns gestures into its calls.

const boardEl = document.getElementById("board");
const tabs = [...document.querySelectorAll('.lane-tabs [role="tab"]')];
export function showLane(stage) {
  for (const tab of tabs) {
    const selected = tab.dataset.stage === stage;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  for (const lane of boardEl.querySelectorAll(".lane")) lane.classList.toggle("active", lane.dataset.stage === stage);
}

/** Wire every gesture of the board page to `board` (the Board controller). */
export function wireBoardInput(board) {
  const { config } = board;
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

  boardEl.addEventListener("keydown", (event) => {
    const cardEl = event.target.closest?.(".card");
    if (!cardEl || event.target !== cardEl) return;
    const id = Number(cardEl.dataset.cardId);
    const card = board.cards.get(id);
    if (!config.canEdit || board.workshop.locks(card?.stage)) {
      // Read-only viewers (and everyone but facilitators in a locked lane) open a card to read it; arrows walk the lane.
      if (event.key === "Enter" && card && !card.deleted) {
        event.preventDefault();
        board.editor.open(id);
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        (event.key === "ArrowDown" ? cardEl.nextElementSibling : cardEl.previousElementSibling)?.focus();
      }
      return;
    }
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
      l: () => board.picker.open(id), L: () => board.picker.open(id), Delete: () => board.deleteCard(id) };
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
    if (event.target.closest(".card-menu-button, .vote-pick")) return;
    if (cardEl && cardEl.dataset.deleted !== "true") board.editor.open(Number(cardEl.dataset.cardId));
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
}
