// Who is on the board and which card each person is editing (ephemeral; rebuilt from `presence` frames).
const STALE_MS = 60000;

export class Presence {
  /** @param {HTMLElement} listEl where the "here now" chips go; @param {string} mySid */
  constructor(listEl, hereLabel) {
    this.listEl = listEl;
    this.hereLabel = hereLabel;
    this.people = new Map(); // sid -> state
  }

  /**
   * Apply a batch (a `presence` frame, or the room as the join ack lists it). Returns the ids of the
   * cards whose "editing" badge changed (only their lanes need drawing again).
   */
  update(states, mySid) {
    const touched = new Set();
    const forget = (sid) => {
      touched.add(this.people.get(sid)?.card_id);
      this.people.delete(sid);
    };
    for (const state of states) {
      if (state.sid === mySid) continue;
      const before = this.people.get(state.sid);
      if (state.state === "left") {
        forget(state.sid);
        continue;
      }
      if (before?.card_id !== state.card_id) touched.add(before?.card_id).add(state.card_id);
      this.people.set(state.sid, { ...state, seen: Date.now() });
    }
    const now = Date.now();
    for (const [sid, state] of this.people) if (now - state.seen > STALE_MS) forget(sid);
    touched.delete(undefined);
    touched.delete(null);
    this.render();
    return touched;
  }

  /** Names of the others editing a card. */
  editorsOf(cardId) {
    return [...this.people.values()].filter((p) => p.card_id === cardId).map((p) => p.name);
  }

  render() {
    const byUser = new Map();
    for (const person of this.people.values()) byUser.set(person.user_id, person);
    const chips = [...byUser.values()].map((person) => {
      const chip = document.createElement("li");
      chip.className = "presence-chip";
      chip.dataset.sector = person.sector ?? "citizen";
      const org = person.organisation
        ? (document.documentElement.lang === "th" ? person.organisation.name_th : person.organisation.name_en)
        : "";
      chip.textContent = org ? `${person.name} · ${org}` : person.name;
      return chip;
    });
    this.listEl.replaceChildren(...chips);
    this.listEl.hidden = chips.length === 0;
    this.listEl.setAttribute("aria-label", this.hereLabel);
  }
}
