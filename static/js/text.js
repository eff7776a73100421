// Collaborative card text: a Yjs document per open card, bound to the editor's title and body fields.
// Local typing becomes small Yjs updates, merged and sent every SEND_MS as one `card.text` op;
// remote updates are applied to the document and the fields follow, keeping the caret in place.
import * as Y from "../vendor/yjs.js";

const SEND_MS = 120;

export function toBase64(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text) {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** The smallest replace turning `before` into `after`: {index, remove, insert}. */
export function diff(before, after) {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

export class CardTextSession {
  /**
   * @param {number} cardId
   * @param {Uint8Array} state  the server's full document
   * @param {{title: HTMLInputElement, body: HTMLTextAreaElement}} fields
   * @param {(update: string) => Promise<unknown>} send  sends one base64 update as an op
   */
  constructor(cardId, state, fields, send) {
    this.cardId = cardId;
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, state, "server");
    this.fields = fields;
    this.send = send;
    this.pending = [];
    this.timer = null;
    this.texts = { title: this.doc.getText("title"), body: this.doc.getText("body") };
    for (const [name, element] of Object.entries(fields)) {
      element.value = this.texts[name].toString();
      element.addEventListener("input", this.#onInput);
      this.texts[name].observe((event) => {
        if (event.transaction.origin !== "local") this.#follow(name, event);
      });
    }
    this.doc.on("update", (update, origin) => {
      if (origin === "local") this.#queue(update);
    });
  }

  #onInput = (event) => {
    const name = Object.keys(this.fields).find((key) => this.fields[key] === event.target);
    const text = this.texts[name];
    const change = diff(text.toString(), event.target.value);
    this.doc.transact(() => {
      if (change.remove) text.delete(change.index, change.remove);
      if (change.insert) text.insert(change.index, change.insert);
    }, "local");
  };

  /** Apply a remote change to a field without moving the person's caret past it. */
  #follow(name, event) {
    const element = this.fields[name];
    const focused = document.activeElement === element;
    let { selectionStart: start, selectionEnd: end } = element;
    let index = 0;
    for (const part of event.delta) {
      if (part.retain) index += part.retain;
      if (part.insert) {
        const length = part.insert.length;
        if (index <= start) start += length;
        if (index <= end) end += length;
        index += length;
      }
      if (part.delete) {
        if (index < start) start -= Math.min(part.delete, start - index);
        if (index < end) end -= Math.min(part.delete, end - index);
      }
    }
    element.value = this.texts[name].toString();
    if (focused) element.setSelectionRange(start, end);
  }

  #queue(update) {
    this.pending.push(update);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), SEND_MS);
  }

  /** Send what was typed since the last send, merged into one update. */
  flush() {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return null;
    const update = Y.mergeUpdates(this.pending);
    this.pending = [];
    return this.send(toBase64(update));
  }

  /** A `card.text` (or REST `card.update`) update from someone else. */
  applyRemote(base64) {
    Y.applyUpdate(this.doc, fromBase64(base64), "remote");
  }

  close() {
    this.flush();
    for (const element of Object.values(this.fields)) element.removeEventListener("input", this.#onInput);
    this.doc.destroy();
  }
}
