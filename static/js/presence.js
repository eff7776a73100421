// Who is on the board and which card each person is editing (ephemeral; rebuilt from `presence` frames).
const STALE_MS = 60000;
// The "Guest" badge of workshop guests, from the page's strings (board.html's <template id="i18n">).
const GUEST_LABEL = document.getElementById("i18n")?.content.querySelector('[data-key="guest"]')?.textContent
  ?? "Guest";

export class Presence {
  /** @param {HTMLElement} listEl where the "here now" chips go; @param {string} mySid */
  constructor(listEl, hereLabel) {
    this.listEl = listEl;
    this.hereLabel = hereLabel;
    this.people = new Map(); // sid -> state
    // Anonymous mode (anonymity.js): participants get states without names, each socket under an alias.
    this.selfAlias = null;
    this.labels = { someone: "", people: "{count}" };
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
      if (state.sid === mySid || (this.selfAlias && state.sid === this.selfAlias)) continue;
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
    return [...this.people.values()].filter((p) => p.card_id === cardId).map((p) => p.name ?? this.labels.someone);
  }

  render() {
    const byUser = new Map();
    let unnamed = 0; // anonymous mode: people are counted, not named
    for (const person of this.people.values()) {
      if (person.user_id === undefined || person.user_id === null) unnamed += 1;
      else byUser.set(person.user_id, person);
    }
    const chips = [...byUser.values()].map((person) => {
      const chip = document.createElement("li");
      chip.className = "presence-chip";
      chip.dataset.sector = person.sector ?? "citizen";
      const org = person.organisation
        ? (document.documentElement.lang === "th" ? person.organisation.name_th : person.organisation.name_en)
        : "";
      chip.textContent = org ? `${person.name} · ${org}` : person.name;
      if (person.guest) {
        chip.dataset.guest = "true";
        const badge = document.createElement("span");
        badge.className = "badge badge-guest";
        badge.textContent = GUEST_LABEL;
        chip.append(" ", badge);
      }
      return chip;
    });
    if (unnamed) {
      const chip = document.createElement("li");
      chip.className = "presence-chip presence-anonymous";
      chip.textContent = this.labels.people.replace("{count}", String(unnamed));
      chips.push(chip);
    }
    this.listEl.replaceChildren(...chips);
    this.listEl.hidden = chips.length === 0;
    this.listEl.setAttribute("aria-label", this.hereLabel);
  }
}
