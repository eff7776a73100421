// Who is on the board and which card each person is editing (ephemeral; rebuilt from `presence` frames).
const STALE_MS = 60000;

export class Presence {
  /** @param {HTMLElement} listEl where the "here now" chips go; @param {string} mySid */
  constructor(listEl, hereLabel) {
    this.listEl = listEl;
    this.hereLabel = hereLabel;
    this.people = new Map(); // sid -> state
  }

  /** Apply a batch; returns true when someone new arrived (so we re-announce ourselves). */
  update(states, mySid) {
    let newcomer = false;
    for (const state of states) {
      if (state.sid === mySid) continue;
      if (state.state === "left") {
        this.people.delete(state.sid);
      } else {
        if (!this.people.has(state.sid)) newcomer = true;
        this.people.set(state.sid, { ...state, seen: Date.now() });
      }
    }
    this.#expire();
    this.render();
    return newcomer;
  }

  #expire() {
    const now = Date.now();
    for (const [sid, state] of this.people) if (now - state.seen > STALE_MS) this.people.delete(sid);
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
