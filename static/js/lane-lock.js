// Lane locks on the board. Facilitators lock or unlock one lane from its header (op `board.lock` with
// the whole set of locked lanes); everyone sees a "locked" badge on a locked lane, and participants find
// its add form disabled with the reason beside it and its cards read-only (no menu, no dragging, the
// editor shows them). The server holds the rule and refuses their changes anyway; facilitators can still act.
import { el, fill } from "./clock.js";

export class LaneLocks {
  constructor(workshop) {
    this.workshop = workshop;
    this.labels = workshop.labels;
    this.state = { board: false, stages: [] };
    this.lanes = new Map(); // stage -> {badge, button, note, form fields}
    for (const lane of document.querySelectorAll("#board .lane")) this.build(lane);
  }

  get board() { return this.workshop.board; }

  build(lane) {
    const stage = lane.dataset.stage;
    const label = this.workshop.stageLabels[stage];
    const badge = el("span", { className: "badge badge-locked", text: this.labels.locked, attrs: { hidden: "" } });
    const row = el("div", { className: "lane-lock-row" }, [badge]);
    let button = null;
    if (this.workshop.isFacilitator) {
      button = el("button", { className: "btn btn-small lane-lock-button", attrs: { type: "button", "data-lane-lock": stage } });
      button.addEventListener("click", () => this.toggle(stage));
      row.append(button);
    }
    lane.querySelector(".lane-head")?.append(row);
    const note = el("p", { className: "lane-locked-note", text: this.labels.laneLocked, attrs: { hidden: "", id: `lane-locked-${stage}` } });
    const add = lane.querySelector(".lane-add");
    add?.prepend(note);
    this.lanes.set(stage, { label, badge, button, note, fields: add ? [...add.querySelectorAll("input, button")] : [] });
  }

  /** Is this lane frozen for me? (Never for facilitators: they can still act.) */
  locks(stage) {
    if (this.workshop.isFacilitator || !stage) return false;
    return this.state.board || this.state.stages.includes(stage);
  }

  toggle(stage) {
    const stages = new Set(this.state.stages);
    if (stages.has(stage)) stages.delete(stage);
    else stages.add(stage);
    this.workshop.send("board.lock", { board: this.state.board, stages: [...stages] })
      .then(() => this.lanes.get(stage)?.button?.focus())
      .catch(() => {});
  }

  /**
   * Show a new lock state; cards of lanes whose lock changed for me are drawn again (menus, dragging).
   * Facilitators get the lane buttons while a workshop is on the board (or a lane is locked).
   */
  render(state, active) {
    const before = new Map([...this.lanes.keys()].map((stage) => [stage, this.locks(stage)]));
    this.state = { board: Boolean(state?.board), stages: [...(state?.stages ?? [])] };
    for (const [stage, parts] of this.lanes) {
      const laneLocked = this.state.board || this.state.stages.includes(stage);
      const mine = this.locks(stage);
      parts.badge.hidden = !laneLocked;
      parts.note.hidden = !mine;
      for (const field of parts.fields) {
        field.disabled = mine;
        if (field.type === "text") {
          if (mine) field.setAttribute("aria-describedby", parts.note.id);
          else field.removeAttribute("aria-describedby");
        }
      }
      document.getElementById(`lane-${stage}`)?.toggleAttribute("data-locked", laneLocked);
      if (parts.button) {
        const locked = this.state.stages.includes(stage);
        // A short visible word; the name says which lane (and starts with the same word, as WCAG 2.5.3 wants).
        parts.button.textContent = locked ? this.labels.unlock : this.labels.lock;
        parts.button.setAttribute("aria-label", fill(locked ? this.labels.unlockLane : this.labels.lockLane, { lane: parts.label }));
        parts.button.setAttribute("aria-pressed", String(locked));
        parts.button.disabled = this.state.board; // the whole board is locked: lanes follow it
        parts.button.hidden = !active && !locked;
      }
      if (before.get(stage) !== mine) this.changed(stage, mine);
    }
  }

  /** My rights in a lane changed: redraw it; an open editor on one of its cards reopens read-only (or editable). */
  changed(stage, locked) {
    this.board.renderLane(stage);
    const editor = this.board.editor;
    const open = editor.dialog.open ? this.board.cards.get(editor.cardId) : null;
    if (open?.stage === stage) {
      editor.session?.close();
      editor.session = null;
      editor.open(open.id);
    }
    if (locked && !this.state.board) this.board.announce(fill(this.labels.laneLockedSaid, { lane: this.workshop.stageLabels[stage] }));
  }
}
