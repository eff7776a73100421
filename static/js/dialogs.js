// The card editor (live text via Yjs, kind and colour as ops) and the move menu.
import { CardTextSession, fromBase64 } from "./text.js";

function option(key, label, selected) {
  const el = document.createElement("option");
  el.value = key;
  el.textContent = label;
  el.selected = key === selected;
  return el;
}

export class CardEditor {
  /**
   * @param {object} board  the board controller: cards, config, t(), connection, changeCard(), deleteCard(),
   *                        focusCard(), announce()
   */
  constructor(board) {
    this.board = board;
    this.dialog = document.getElementById("card-dialog");
    this.form = document.getElementById("card-dialog-form");
    this.error = document.getElementById("card-dialog-error");
    this.cardId = null;
    this.session = null;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.dialog.close();
    });
    this.form.elements.kind.addEventListener("change", () => this.#changeField("kind"));
    this.form.elements.color.addEventListener("change", () => this.#changeField("color"));
    this.dialog.addEventListener("close", () => this.#closed());
    document.getElementById("cd-delete").addEventListener("click", () => {
      const id = this.cardId;
      this.dialog.close();
      this.board.deleteCard(id);
    });
    document.getElementById("cd-link-to").addEventListener("click", () => this.board.picker.open(this.cardId));
    this.dialog.addEventListener("keydown", (event) => {
      // L in the dialog (outside a text field) opens the picker, as on the card.
      const typing = event.target.closest("input, textarea, select");
      if (!typing && (event.key === "l" || event.key === "L") && !event.altKey && !event.ctrlKey && !event.metaKey
          && this.board.config.canEdit && !this.board.workshop.locks(this.board.cards.get(this.cardId)?.stage)) {
        event.preventDefault();
        this.board.picker.open(this.cardId);
      }
    });
  }

  get openCardId() {
    return this.cardId;
  }

  /** Open card `id`: editable for members and facilitators, read-only (details and links) for the others. */
  async open(id) {
    const card = this.board.cards.get(id);
    if (!card || card.pending) return;
    this.cardId = id;
    const readOnly = !this.board.config.canEdit || card.deleted || this.board.workshop.locks(card.stage);
    const { title, body, kind, color } = this.form.elements;
    title.value = card.title;
    body.value = card.body;
    title.readOnly = body.readOnly = true; // until the live document has arrived
    kind.replaceChildren(...this.board.stageByKey[card.stage].kinds.map(([key, label]) => option(key, label, card.kind)));
    color.replaceChildren(...this.board.config.colors.map(([key, label]) => option(key, label, card.color)));
    kind.disabled = color.disabled = readOnly;
    document.getElementById("card-dialog-title").textContent = this.board.t(readOnly ? "viewCard" : "editCard");
    document.getElementById("cd-delete").hidden = readOnly;
    document.getElementById("cd-link-to").hidden = readOnly;
    document.getElementById("cd-live-hint").hidden = readOnly;
    this.board.fields.show(id);
    this.board.linkList.show(id);
    this.board.comments.show(id);
    this.showError(null);
    this.dialog.showModal();
    title.focus();
    if (readOnly) return;
    this.board.connection.emit("presence", { card_id: id });
    try {
      const state = await this.board.connection.request("text.sync", { card_id: id });
      if (this.cardId !== id) return;
      this.session = new CardTextSession(id, fromBase64(state.update), { title, body }, (update) =>
        this.board.connection.send("card.text", { id, update }).then(
          (ack) => this.board.reconcile(ack.card),
          (error) => this.#textRejected(id, error),
        ));
      title.readOnly = body.readOnly = false;
    } catch (error) {
      this.showError(error.message);
    }
  }

  /** The server refused a text change: start again from its document (ours may hold the refused part). */
  async #textRejected(id, error) {
    this.showError(error.message);
    if (this.cardId !== id) return;
    this.session?.close();
    this.session = null;
    const { title, body } = this.form.elements;
    const state = await this.board.connection.request("text.sync", { card_id: id });
    this.session = new CardTextSession(id, fromBase64(state.update), { title, body }, (update) =>
      this.board.connection.send("card.text", { id, update }).then((ack) => this.board.reconcile(ack.card)));
  }

  /** Remote text for the open card (card.text, or a REST edit's text_update). */
  applyRemote(cardId, update) {
    if (this.session && this.cardId === cardId && update) this.session.applyRemote(update);
  }

  #changeField(name) {
    const value = this.form.elements[name].value;
    this.board.changeCard(this.cardId, "card.update", { [name]: value }).catch((error) => this.showError(error.message));
  }

  showError(message) {
    this.error.textContent = message ?? "";
    this.error.hidden = !message;
  }

  #closed() {
    const id = this.cardId;
    this.session?.close();
    this.session = null;
    this.cardId = null;
    this.board.fields.hide();
    this.board.linkList.cardId = null;
    this.board.comments.hide();
    if (this.board.config.canEdit) this.board.connection.emit("presence", { card_id: null });
    const target = this.returnTo ?? id;
    this.returnTo = null;
    if (target !== null) this.board.revealCard(target);
  }

  /** Close the dialog and go to card `id` on the board (a linked card). */
  closeTo(id) {
    this.returnTo = id;
    this.dialog.close();
  }
}

export class MoveMenu {
  constructor(board) {
    this.board = board;
    this.dialog = document.getElementById("move-dialog");
    this.options = document.getElementById("move-options");
    this.cardId = null;
    // Cancel (or Escape) puts focus back on the card; a move focuses the moved card itself.
    this.dialog.addEventListener("close", () => {
      if (this.dialog.returnValue === "cancel" || this.dialog.returnValue === "") this.board.focusCard(this.cardId);
    });
  }

  open(id) {
    const { board } = this;
    this.cardId = id;
    this.dialog.returnValue = "";
    const card = board.cards.get(id);
    const { lane, index } = board.neighbours(id);
    const choices = [];
    const add = (label, action) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn";
      button.textContent = label;
      button.addEventListener("click", () => {
        this.dialog.close("move");
        action();
      });
      choices.push(button);
    };
    if (index > 0) {
      add(board.t("moveTop"), () => board.moveCard(id, card.stage, null));
      add(board.t("moveUp"), () => board.moveWithinLane(id, -1));
    }
    if (index < lane.length - 1) add(board.t("moveDown"), () => board.moveWithinLane(id, 1));
    for (const stage of board.stageKeys) {
      if (stage !== card.stage) {
        add(board.t("moveTo", { lane: board.stageByKey[stage].label }), () => board.moveToLaneEnd(id, stage));
      }
    }
    this.options.replaceChildren(...choices);
    this.dialog.showModal();
    choices[0]?.focus();
  }
}
