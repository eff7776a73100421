// Follow-me. The facilitator brings everyone to a lane or a card (`workshop.focus`); every participant's
// board shows that lane, scrolls to the card and highlights it, and says so to screen readers.
// Participants may step away (scrolling, another lane tab, "Stop following"); "Back to facilitator"
// returns them to where the facilitator is now. The focus comes with the workshop in every join, so late
// joiners and reconnecting clients land there too. Labels come from the server; text via textContent.
import { showLane } from "./board-input.js";
import { el, fill } from "./clock.js";

const boardEl = document.getElementById("board");

export class FollowMe {
  constructor(workshop) {
    this.workshop = workshop;
    this.board = workshop.board;
    this.labels = workshop.config.follow;
    this.following = true;
    this.applied = null; // the focus key last brought into view ("stage:card")
    this.lastCardId = null; // facilitators: the card they last touched, offered as a target
    this.controls = el("div", { className: "ws-follow-lead", attrs: { role: "group", "aria-label": this.labels.lead } });
    this.pill = el("div", { className: "follow-pill", attrs: { role: "region", "aria-label": this.labels.region, hidden: "" } });
    this.pillText = el("span", { className: "follow-pill-text" });
    this.pillButton = el("button", { className: "btn btn-small", attrs: { type: "button", "data-follow": "toggle" } });
    this.pillButton.addEventListener("click", () => (this.following ? this.stepAway(true) : this.comeBack()));
    this.pill.append(this.pillText, " ", this.pillButton);
    // The highlight survives lanes being drawn again (every change re-creates their cards).
    new MutationObserver(() => this.mark()).observe(boardEl, { childList: true, subtree: true });
    if (this.workshop.isFacilitator) this.wireLeader();
    else this.wireStepAway();
  }

  get focus() { return this.workshop.current?.focus ?? null; }

  key(focus) { return focus ? `${focus.stage}:${focus.card_id ?? ""}` : null; }

  // ---- participants -------------------------------------------------------------------------

  wireStepAway() {
    // Only gestures of the person count: scrolling a lane by hand, or choosing another lane's tab.
    const away = () => { if (this.following && this.focus) this.stepAway(false); };
    boardEl.addEventListener("wheel", away, { passive: true });
    boardEl.addEventListener("touchmove", away, { passive: true });
    for (const tab of document.querySelectorAll('.lane-tabs [role="tab"]')) {
      tab.addEventListener("click", () => { if (tab.dataset.stage !== this.focus?.stage) away(); });
    }
  }

  stepAway(byButton) {
    this.following = false;
    this.render();
    if (byButton) this.board.announce(this.labels.stopped);
  }

  comeBack() {
    this.following = true;
    this.applied = null;
    this.apply(true);
    this.render();
  }

  /** A new workshop state or focus arrived (join, resync, a workshop.* Event). */
  changed() {
    const focus = this.focus;
    if (this.key(focus) === this.applied) return this.render();
    if (!focus) {
      if (this.applied !== null) this.board.announce(this.labels.ended);
      this.applied = null;
      this.following = true;
    } else if (!this.workshop.isFacilitator) {
      if (this.following) this.apply(false);
      else this.board.announce(fill(this.labels.moved, { target: this.describe(focus) }));
    }
    this.render();
  }

  /** Bring the focus into view: its lane (phones), the card scrolled to the middle and highlighted. */
  apply(moveKeyboard) {
    const focus = this.focus;
    if (!focus) return;
    this.applied = this.key(focus);
    showLane(focus.stage);
    const cardEl = this.mark();
    const laneEl = boardEl.querySelector(`.lane[data-stage="${CSS.escape(focus.stage)}"]`);
    (cardEl ?? laneEl)?.scrollIntoView({ block: cardEl ? "center" : "nearest", inline: "nearest" });
    if (moveKeyboard) (cardEl ?? laneEl?.querySelector(".card"))?.focus({ preventScroll: true });
    this.board.announce(fill(this.labels.brought, { target: this.describe(focus) }));
  }

  /** Highlight the focus (again, after a redraw); returns the card's element when it is on the board. */
  mark() {
    const focus = this.focus;
    const cardSel = focus?.card_id ? `.card[data-card-id="${focus.card_id}"]` : null;
    const laneSel = focus ? `.lane[data-stage="${CSS.escape(focus.stage)}"]` : null;
    for (const old of boardEl.querySelectorAll(".follow-target")) {
      if (!cardSel || !old.matches(cardSel)) old.classList.remove("follow-target");
    }
    for (const old of boardEl.querySelectorAll(".follow-lane")) {
      if (!laneSel || !old.matches(laneSel)) old.classList.remove("follow-lane");
    }
    for (const tab of document.querySelectorAll('.lane-tabs [role="tab"]')) {  // phones: which tab the room is on
      tab.classList.toggle("follow-tab", tab.dataset.stage === focus?.stage);
    }
    if (!focus) return null;
    boardEl.querySelector(laneSel)?.classList.add("follow-lane");
    const cardEl = cardSel ? boardEl.querySelector(cardSel) : null;
    if (cardEl && !cardEl.classList.contains("follow-target")) cardEl.classList.add("follow-target");
    return cardEl;
  }

  describe(focus) {
    const lane = this.workshop.stageLabels[focus.stage] ?? focus.stage;
    const card = focus.card_id ? this.board.cards.get(focus.card_id) : null;
    return card ? fill(this.labels.cardTarget, { title: card.title, lane }) : fill(this.labels.laneTarget, { lane });
  }

  // ---- facilitators -------------------------------------------------------------------------

  wireLeader() {
    boardEl.addEventListener("focusin", (event) => {
      const cardEl = event.target.closest?.(".card");
      if (cardEl && Number(cardEl.dataset.cardId) > 0) {
        this.lastCardId = Number(cardEl.dataset.cardId);
        this.renderLead();
      }
    });
    // F on a card brings everyone to it (the card keys of board-input.js leave F free).
    boardEl.addEventListener("keydown", (event) => {
      const cardEl = event.target.closest?.(".card");
      if (!cardEl || event.target !== cardEl || !["f", "F"].includes(event.key)) return;
      if (event.altKey || event.ctrlKey || event.metaKey || Number(cardEl.dataset.cardId) <= 0) return;
      event.preventDefault();
      this.lead({ card_id: Number(cardEl.dataset.cardId) });
    });
  }

  lead(target) {
    const workshop = this.workshop.current;
    if (!workshop) return Promise.resolve();
    return this.workshop.send("workshop.focus", { workshop_id: workshop.id, ...target })
      .then((ack) => {
        this.workshop.applyEvent({ type: "workshop.focus", payload: { workshop: ack.workshop } });
        this.board.announce(ack.workshop.focus ? fill(this.labels.leading, { target: this.describe(ack.workshop.focus) })
          : this.labels.ended);
      }).catch(() => {});
  }

  /** The facilitator's controls, built once: a redraw must not lose the chosen target or the keyboard focus. */
  buildLead() {
    const l = this.labels;
    this.select = el("select", { attrs: { id: "ws-follow-target" } });
    const bring = el("button", { text: l.bring, className: "btn btn-small", attrs: { type: "button", "data-ws": "bring" } });
    bring.addEventListener("click", () => {
      const [kind, value] = this.select.value.split(":");
      this.lead(kind === "card" ? { card_id: Number(value) } : { stage: value });
    });
    this.stop = el("button", { text: l.stopLeading, className: "btn btn-small", attrs: { type: "button", "data-ws": "stop-leading" } });
    this.stop.addEventListener("click", () => this.lead({}));
    this.leading = el("span", { className: "muted" });
    this.controls.append(el("label", { text: l.lead, attrs: { for: "ws-follow-target" } }), this.select, bring, this.stop,
      this.leading, el("span", { className: "muted ws-follow-hint", text: l.keyHint }));
  }

  renderLead() {
    const shown = this.workshop.isFacilitator && Boolean(this.workshop.current);
    this.controls.hidden = !shown;
    if (!shown) return;
    if (!this.select) this.buildLead();
    const card = this.lastCardId ? this.board.cards.get(this.lastCardId) : null;
    const options = [...(card && !card.deleted ? [[`card:${card.id}`, fill(this.labels.cardOption, { title: card.title })]] : []),
      ...this.workshop.config.stages.map(([key, label]) => [`stage:${key}`, fill(this.labels.laneOption, { lane: label })])];
    const signature = JSON.stringify(options);
    if (signature !== this.optionsShown) {  // only when the choices changed, keeping what was chosen
      const chosen = this.select.value;
      this.select.replaceChildren(...options.map(([value, text]) => el("option", { text, attrs: { value } })));
      if (options.some(([value]) => value === chosen)) this.select.value = chosen;
      this.optionsShown = signature;
    }
    this.stop.hidden = !this.focus;
    this.leading.textContent = this.focus ? fill(this.labels.leading, { target: this.describe(this.focus) }) : "";
  }

  render() {
    this.mark();
    this.renderLead();
    const focus = this.focus;
    this.pill.hidden = this.workshop.isFacilitator || !focus;
    document.body.dataset.followPill = String(!this.pill.hidden);
    if (this.pill.hidden) return;
    this.pillText.textContent = this.following ? fill(this.labels.following, { target: this.describe(focus) })
      : fill(this.labels.away, { target: this.describe(focus) });
    this.pillButton.textContent = this.following ? this.labels.stopFollowing : this.labels.back;
    this.pillButton.dataset.follow = this.following ? "stop" : "back";
  }
}
