// Collaborative card text: a Yjs document per open card, bound to the editor's title and body fields.
// Local typing becomes small Yjs updates, merged and sent every SEND_MS as one `card.text` op;
// remote updates are applied to the document and the fields follow.
//
// Two rules keep two people typing at the same place from interleaving their words:
// - a local edit is anchored at the caret the person typed at (the selection before the input), not
//   wherever a blind diff of old and new value would put it: typing "f" right before someone else's
//   "from" is an insert before their "f", not after it;
// - each person's caret is kept as a Yjs relative position tied to the character on its left (the one
//   they just typed) while a remote update lands, so text someone else inserts at the same index goes
//   after the caret's character or before it, but never between the caret and what the person types next.
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

/**
 * The replace turning `before` into `after`: {index, remove, insert}.
 * `caret` (optional) is the lowest index the change can start at as far as the person knows: the
 * start of the selection before the input, or the caret after it, whichever is smaller. Without it,
 * an insert next to equal characters would be anchored at the longest common prefix.
 */
export function diff(before, after, caret = Infinity) {
  const limit = Math.min(before.length, after.length, caret);
  let start = 0;
  while (start < limit && before[start] === after[start]) start += 1;
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
    this.before = new Map();   // field name -> selection just before an input ({start, end})
    this.composing = false;    // an input method is composing: remote updates wait for it
    this.deferred = [];
    this.texts = { title: this.doc.getText("title"), body: this.doc.getText("body") };
    for (const [name, element] of Object.entries(fields)) {
      element.value = this.texts[name].toString();
      element.addEventListener("beforeinput", this.#onBeforeInput);
      element.addEventListener("input", this.#onInput);
      element.addEventListener("compositionstart", this.#onCompositionStart);
      element.addEventListener("compositionend", this.#onCompositionEnd);
    }
    this.doc.on("update", (update, origin) => {
      if (origin === "local") this.#queue(update);
    });
  }

  #nameOf(element) {
    return Object.keys(this.fields).find((key) => this.fields[key] === element);
  }

  #onBeforeInput = (event) => {
    const { selectionStart: start, selectionEnd: end } = event.target;
    this.before.set(this.#nameOf(event.target), { start, end });
  };

  #onInput = (event) => {
    const element = event.target;
    const name = this.#nameOf(element);
    const text = this.texts[name];
    const selection = this.before.get(name);
    this.before.delete(name);
    // Where the change starts: the selection before the input, or (if the browser sent no beforeinput)
    // the caret after it minus what was inserted; never past the caret.
    const grown = Math.max(0, element.value.length - text.length);
    const after = element.selectionEnd ?? Infinity;
    const caret = Math.min(selection ? selection.start : after - grown, after);
    const change = diff(text.toString(), element.value, caret);
    this.doc.transact(() => {
      if (change.remove) text.delete(change.index, change.remove);
      if (change.insert) text.insert(change.index, change.insert);
    }, "local");
  };

  #onCompositionStart = () => {
    this.composing = true;
  };

  #onCompositionEnd = () => {
    this.composing = false;
    // The composed text reaches the document with the input event that follows; apply what waited after it.
    setTimeout(() => {
      const waiting = this.deferred;
      this.deferred = [];
      for (const update of waiting) this.applyRemote(update);
    });
  };

  /** Each field's selection as relative positions: the caret sticks to the character on its left. */
  #saveSelections() {
    const saved = {};
    for (const [name, element] of Object.entries(this.fields)) {
      const text = this.texts[name];
      const { selectionStart: start, selectionEnd: end } = element;
      if (start === null || end === null) continue;
      saved[name] = {
        focused: document.activeElement === element,
        direction: element.selectionDirection,
        // A range keeps its first and last selected characters; a caret keeps the one before it.
        start: Y.createRelativePositionFromTypeIndex(text, start, start === end ? -1 : 0),
        end: Y.createRelativePositionFromTypeIndex(text, end, -1),
      };
    }
    return saved;
  }

  #absolute(relative, fallback) {
    const position = Y.createAbsolutePositionFromRelativePosition(relative, this.doc);
    return position ? position.index : fallback;
  }

  /** Show the document in the fields again, putting each selection back where it belongs. */
  #render(saved) {
    for (const [name, element] of Object.entries(this.fields)) {
      const value = this.texts[name].toString();
      if (element.value === value) continue;
      element.value = value;
      const selection = saved[name];
      if (!selection) continue;
      const start = this.#absolute(selection.start, 0);
      const end = Math.max(start, this.#absolute(selection.end, value.length));
      if (selection.focused) element.setSelectionRange(start, end, selection.direction ?? "none");
    }
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
    if (this.composing) {
      this.deferred.push(base64);
      return;
    }
    const saved = this.#saveSelections();
    Y.applyUpdate(this.doc, fromBase64(base64), "remote");
    this.#render(saved);
  }

  close() {
    this.flush();
    for (const element of Object.values(this.fields)) {
      element.removeEventListener("beforeinput", this.#onBeforeInput);
      element.removeEventListener("input", this.#onInput);
      element.removeEventListener("compositionstart", this.#onCompositionStart);
      element.removeEventListener("compositionend", this.#onCompositionEnd);
    }
    this.doc.destroy();
  }
}
