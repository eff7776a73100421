// Anonymous mode on the board. The server decides what each person receives (participants get no one's
// authorship but their own); this module shows that the mode is on, lets facilitators switch it, writes
// "You" on one's own cards, and when the mode changes takes a fresh board from the server so that no
// name received earlier stays on screen (and names come back when it is turned off).
import { el } from "./clock.js";

const mine = new Set(); // ids of the cards this person wrote (remembered: broadcasts carry no author)
let active = false;

/** The author line of a card: a name, "You" on one's own cards while anonymous, or nothing. */
export function authorLabel(board, card) {
  if (card.author_id !== null && card.author_id !== undefined && card.author_id === board.config.me) mine.add(card.id);
  if (!active) return card.author_name ?? "";
  return mine.has(card.id) ? board.config.workshop.anonymous.you : (card.author_name ?? "");
}

export class Anonymity {
  constructor(workshop) {
    this.workshop = workshop;
    this.board = workshop.board;
    this.labels = workshop.config.anonymous;
    this.on = false;
    this.joined = false;
    this.banner = el("p", { className: "anon-banner", attrs: { role: "status", hidden: "" } });
    this.bannerText = el("span");
    this.banner.append(this.bannerText);
    workshop.root.before(this.banner);
    this.board.presence.labels = { someone: this.labels.someone, people: this.labels.peopleHere };
    if (workshop.isFacilitator) {
      // A board setting, like the lock: the switch sits with the board's actions, workshop or not.
      this.switch = this.button();
      document.querySelector(".board-head .actions")?.append(this.switch);
    }
    this.render();
  }

  /** Every join says whether the board is anonymous and how our own presence is named for the others. */
  onJoined(ack) {
    this.board.presence.selfAlias = ack.presence_alias ?? null;
    const changed = this.set(Boolean(ack.board?.project?.anonymous));
    // Back after a disconnect during which the mode changed: the replay alone would keep stale names.
    if (changed && this.joined && !this.workshop.isFacilitator) this.refresh();
    this.joined = true;
  }

  applyEvent({ type, payload }) {
    if (type !== "board.anonymous") return;
    const changed = this.set(Boolean(payload?.anonymous));
    if (changed) {
      this.board.announce(this.on ? this.labels.turnedOn : this.labels.turnedOff);
      if (!this.workshop.isFacilitator) this.refresh();
    }
  }

  set(on) {
    const changed = on !== this.on;
    this.on = on;
    active = on;
    if (changed) {
      // Forget who was here: the next presence frames name people (or not) as the new mode says.
      this.board.presence.people.clear();
      this.board.presence.render();
      if (on && !this.workshop.isFacilitator) {
        for (const card of this.board.cards.values()) if (!mine.has(card.id)) card.author_name = null;
      }
      this.board.renderAll();
    }
    this.render();
    return changed;
  }

  /** A fresh board from the server (a join: the same as after a reconnect), filtered for us in the new mode. */
  async refresh() {
    const connection = this.board.connection;
    const ack = await connection.socket.timeout(10000)
      .emitWithAck("join", { project_id: connection.projectId, include_deleted: connection.includeDeleted })
      .catch(() => null);
    if (!ack?.ok) return;
    const behind = connection.lastSeq !== null && ack.seq < connection.lastSeq;
    this.board.loadBoard(ack.board);
    connection.lastSeq = ack.seq;
    this.workshop.onJoined(ack);
    if (behind) connection.resync(); // changes newer than this board arrived meanwhile: replay them
  }

  /** The facilitators' switch (with the board's actions). */
  button() {
    const node = el("button", { className: "btn btn-small", attrs: { type: "button", "data-ws": "anonymous" } });
    node.addEventListener("click", () => {
      if (this.on && !window.confirm(this.labels.confirmOff)) return;
      this.workshop.send("board.anonymous", { anonymous: !this.on })
        .then((ack) => this.applyEvent({ type: "board.anonymous", payload: { anonymous: ack.project.anonymous } }))
        .catch(() => {});
    });
    return node;
  }

  render() {
    this.banner.hidden = !this.on;
    document.body.dataset.anonymous = String(this.on);
    this.bannerText.textContent = this.workshop.isFacilitator ? this.labels.bannerFacilitator : this.labels.banner;
    if (this.switch) {
      this.switch.textContent = this.on ? this.labels.turnOff : this.labels.turnOn;
      this.switch.dataset.on = String(this.on); // the label says what a press does: no aria-pressed as well
    }
  }

  /** The silent-brainstorm count line of one person (no name while anonymous, "You" for one's own row). */
  countName(row) {
    if (row.name) return row.user_id === this.board.config.me && this.on ? this.labels.you : row.name;
    return this.labels.someone;
  }
}
