// The workshop bar on the board: the current activity's instruction and the shared timer for everyone;
// facilitator controls (start, pause, resume, +1/+5, next, reveal, lock); silent brainstorm notes;
// the dot vote panel (votes.js) and the planning form (workshop-plan.js). Labels and rights come from
// the server (board-config.workshop); user text is set with textContent only.
import { Anonymity } from "./anonymity.js";
import { ServerClock, chime, el, fill, formatMs, remainingMs } from "./clock.js";
import { FollowMe } from "./follow.js";
import { LaneLocks } from "./lane-lock.js";
import { VotePanel } from "./votes.js";
import { PlanForm } from "./workshop-plan.js";

export class Workshop {
  constructor(board, root) {
    this.board = board;
    this.root = root;
    this.config = board.config.workshop;
    this.labels = this.config.labels;
    this.kindLabels = Object.fromEntries(this.config.kinds);
    this.stageLabels = Object.fromEntries(this.config.stages);
    this.workshops = new Map();
    this.currentId = null;
    this.lock = { board: false, stages: [] };
    this.silentId = null;
    this.notes = new Map();
    this.counts = [];
    this.clock = new ServerClock(board.connection.socket);
    this.timeUpShown = false;
    this.sound = false;
    this.votes = new VotePanel(this);
    this.plan = new PlanForm(this);
    this.follow = new FollowMe(this);
    this.laneLocks = new LaneLocks(this);
    board.connection.socket.on("private", (message) => this.onPrivate(message));
    this.build();
    this.anonymity = new Anonymity(this);
    setInterval(() => this.tick(), 250);
  }

  get isFacilitator() { return this.config.isFacilitator; }

  get current() { return this.workshops.get(this.currentId) ?? null; }

  /** Is this lane locked for me (participants only: facilitators can still act)? */
  locks(stage) { return this.laneLocks.locks(stage); }

  /** Called for every card the board draws (choosing cards for a vote adds a checkbox). */
  decorateCard(li, card) { this.votes.selection.decorate(li, card); }

  /** New cards of participants become hidden notes while a silent brainstorm runs. */
  hidesNewCards() { return this.silentId !== null && !this.isFacilitator; }

  send(type, data) {
    return this.board.connection.send(type, data).catch((error) => {
      this.board.announce(fill(this.labels.failed, { reason: error.message }));
      throw error;
    });
  }

  // ---- State in -----------------------------------------------------------------------------

  load(state, serverMs) {
    if (!state) return;
    this.workshops.clear();
    for (const workshop of state.workshops) this.workshops.set(workshop.id, workshop);
    this.currentId = state.current_id;
    this.lock = state.lock;
    this.silentId = state.silent_workshop_id;
    this.notes = new Map(state.notes.map((note) => [note.id, note]));
    this.counts = state.note_counts;
    this.votes.load(state.votes);
    if (serverMs) this.clock.offset = serverMs - Date.now(); // a first guess until measured
    this.clock.measure().then(() => this.tick());
    this.render();
  }

  /** Every join (first and after a reconnect) brings the whole state, filtered for us. */
  onJoined(ack) {
    setTimeout(() => {
      this.anonymity.onJoined(ack);
      this.load(ack.board?.workshop, ack.server_ms); // after the cards (vote titles) load
    }, 0);
  }

  applyEvent(event) {
    const { type, payload } = event;
    if (type === "workshop.create" || type === "workshop.update" || type === "workshop.focus") {
      const workshop = payload.workshop;
      this.workshops.set(workshop.id, workshop);
      if (type === "workshop.create" && this.currentId === null) this.currentId = workshop.id;
      if (["running", "paused"].includes(workshop.timer.state) || workshop.id === this.currentId) this.currentId = workshop.id;
      if ("silent_workshop_id" in payload) this.silentId = payload.silent_workshop_id;
      this.timeUpShown = false;
    } else if (type === "note.count") {
      this.counts = payload.counts;
    } else if (type === "workshop.reveal") {
      this.counts = payload.counts;
      this.notes.clear();
      this.silentId = null;
    } else if (type === "board.lock") {
      this.lock = payload.lock;
    } else if (type === "board.anonymous") {
      this.anonymity.applyEvent(event);
    } else if (type.startsWith("vote.")) {
      this.votes.applyEvent(event);
      return;
    } else {
      return;
    }
    this.render();
  }

  onPrivate(message) {
    if (!message || message.project_id !== undefined && message.project_id !== this.board.config.projectId) return;
    if (message.kind === "note") {
      if (message.action === "add") this.notes.set(message.note.id, message.note);
      else this.notes.delete(message.note.id);
      this.renderNotes();
    } else if (message.kind === "dots") {
      this.votes.mine(message);
    }
  }

  async addNote(stage, title) {
    try {
      const ack = await this.send("note.add", { stage, title });
      this.notes.set(ack.note.id, ack.note);
      this.renderNotes();
      this.board.announce(this.labels.noteAdded);
    } catch { /* announced */ }
  }

  // ---- Rendering ----------------------------------------------------------------------------

  build() {
    const l = this.labels;
    this.titleEl = el("h2", { className: "ws-title", text: l.workshop, attrs: { id: "ws-title" } });
    this.activityEl = el("p", { className: "ws-activity" });
    this.timerEl = el("p", { className: "ws-timer", text: "--:--", attrs: { role: "timer", "aria-live": "off", id: "ws-timer" } });
    this.stateEl = el("p", { className: "ws-state", attrs: { role: "status" } });
    this.instructionEl = el("p", { className: "ws-instruction", attrs: { id: "ws-instruction", "aria-live": "polite" } });
    this.silentEl = el("p", { className: "ws-silent", text: l.silentOn, attrs: { hidden: "" } });
    this.lockEl = el("p", { className: "ws-lock", attrs: { role: "status", hidden: "" } });
    const sound = el("input", { attrs: { type: "checkbox", id: "ws-sound" } });
    sound.addEventListener("change", () => { this.sound = sound.checked; });
    const links = el("p", { className: "ws-links" }, [
      el("label", { attrs: { for: "ws-sound" } }, [sound, document.createTextNode(` ${l.sound}`)]),
      el("a", { text: l.projector, attrs: { href: this.config.projectorUrl, target: "_blank", rel: "noopener" } }),
      el("a", { text: l.summary, attrs: { href: this.config.summaryUrl } }),
      ...(this.config.joinCodesUrl ? [el("a", { text: l.joinCodes, attrs: { href: this.config.joinCodesUrl } })] : []),
    ]);
    this.controlsEl = el("div", { className: "ws-controls", attrs: { role: "group", "aria-label": l.workshop } });
    this.notesEl = el("section", { className: "ws-notes", attrs: { hidden: "" } });
    const head = el("div", { className: "ws-head" }, [
      el("div", {}, [this.titleEl, this.activityEl]), el("div", { className: "ws-clock" }, [this.timerEl, this.stateEl])]);
    this.root.append(head, this.instructionEl, this.silentEl, this.lockEl, this.controlsEl, this.follow.controls, links,
      this.notesEl, this.votes.root, this.plan.root);
    this.root.after(this.follow.pill);
    this.root.setAttribute("aria-labelledby", "ws-title");
    this.planning = false;
    if (this.isFacilitator) {
      // Without a workshop the bar stays out of the board's way; this button brings its planning form.
      const plan = el("button", { text: l.plan, className: "btn btn-small", attrs: { type: "button", "data-ws": "plan" } });
      plan.addEventListener("click", () => {
        this.planning = true;
        this.render();
        this.plan.root.open = true;
        this.plan.titleInput?.focus();
      });
      document.querySelector(".board-head .actions")?.append(plan);
    }
  }

  render() {
    const l = this.labels;
    const workshop = this.current;
    this.root.dataset.active = workshop ? "true" : "false";
    this.root.hidden = !workshop && !this.planning;
    this.titleEl.textContent = workshop ? workshop.title : l.noWorkshop;
    const activity = workshop?.current;
    this.activityEl.textContent = activity
      ? `${fill(l.activity, { number: workshop.timer.index + 1, total: workshop.agenda.length })} · ${this.kindLabels[activity.kind]} · ${this.stageLabels[activity.stage]}`
      : "";
    this.instructionEl.textContent = activity ? activity.instruction : "";
    this.stateEl.textContent = workshop ? this.config.timerStates[workshop.timer.state] : "";
    this.silentEl.hidden = this.silentId === null;
    const lanes = this.lock.stages.map((key) => this.stageLabels[key]);
    this.lockEl.hidden = !this.lock.board && lanes.length === 0;
    this.lockEl.textContent = this.lock.board ? l.boardLocked : fill(l.lanesLocked, { lanes: lanes.join(", ") });
    document.body.dataset.boardLocked = String(this.lock.board && !this.isFacilitator);
    this.laneLocks.render(this.lock, Boolean(workshop));
    this.renderControls();
    this.renderNotes();
    this.votes.render();
    this.plan.render();
    this.follow.changed();
    this.tick();
  }

  renderControls() {
    this.controlsEl.replaceChildren();
    if (!this.isFacilitator) return;
    const l = this.labels;
    const workshop = this.current;
    const button = (label, action, name) => {
      const node = el("button", { text: label, className: "btn btn-small", attrs: { type: "button", "data-ws": name } });
      node.addEventListener("click", () => action().catch(() => {}));
      this.controlsEl.append(node);
    };
    if (workshop) {
      const id = workshop.id;
      const state = workshop.timer.state;
      if (state === "idle" || state === "done") button(l.start, () => this.send("workshop.start", { id }), "start");
      if (state === "running") button(l.pause, () => this.send("workshop.pause", { id }), "pause");
      if (state === "paused") button(l.resume, () => this.send("workshop.resume", { id }), "resume");
      if (state === "running" || state === "paused") {
        button(l.extend1, () => this.send("workshop.extend", { id, seconds: this.config.extend[0] }), "extend1");
        button(l.extend5, () => this.send("workshop.extend", { id, seconds: this.config.extend[1] }), "extend5");
        button(l.skip, () => this.send("workshop.skip", { id }), "skip");
      }
      if (this.notes.size || this.counts.length) button(l.reveal, () => this.send("workshop.reveal", { id }), "reveal");
    }
    button(this.lock.board ? l.unlockBoard : l.lockBoard,
      () => this.send("board.lock", { board: !this.lock.board, stages: this.lock.stages }), "lock");
  }

  renderNotes() {
    const l = this.labels;
    const mine = [...this.notes.values()];
    const show = this.silentId !== null || mine.length > 0 || this.counts.length > 0;
    this.notesEl.hidden = !show;
    if (!show) return;
    const heading = el("h3", { text: this.isFacilitator ? l.allNotes : l.myNotes });
    const list = el("ul", { className: "ws-note-list" });
    for (const note of mine) {
      const item = el("li", { className: "card ws-note", attrs: { "data-note-id": note.id } }, [
        el("span", { className: "card-title", text: note.title }),
        el("span", { className: "muted", text: ` · ${this.stageLabels[note.stage]}${this.isFacilitator ? ` · ${note.author_name}` : ""}` })]);
      const withdraw = el("button", { text: l.withdraw, className: "btn-link", attrs: { type: "button" } });
      withdraw.addEventListener("click", () => this.send("note.delete", { id: note.id }).then(() => {
        this.notes.delete(note.id);
        this.renderNotes();
        this.renderControls();
      }).catch(() => {}));
      item.append(" ", withdraw);
      list.append(item);
    }
    const counts = el("ul", { className: "ws-counts", attrs: { "aria-label": l.allNotes } });
    for (const row of this.counts) counts.append(el("li", { text: fill(l.counts, { name: this.anonymity.countName(row), count: row.count }) }));
    this.notesEl.replaceChildren(heading, list, counts);
  }

  tick() {
    const workshop = this.current;
    if (!workshop) {
      this.timerEl.textContent = "--:--";
      return;
    }
    const left = remainingMs(workshop.timer, this.clock.now());
    this.timerEl.textContent = formatMs(left);
    const up = workshop.timer.state === "running" && left === 0;
    this.timerEl.dataset.up = String(up);
    this.timerEl.dataset.state = workshop.timer.state;
    if (up && !this.timeUpShown) {
      this.timeUpShown = true;
      this.board.announce(this.labels.timeUp);
      if (this.sound) chime();
    }
  }
}
