// The dot vote panel: the ballot with my dots (+/-), dots left, results when the server shows them,
// and the facilitator's open / close / move-the-winners controls. Budgets and results are the server's.
import { el, fill } from "./clock.js";
import { VoteSelection } from "./vote-select.js";

/**
 * Apply a `vote.dots` payload to a vote: the dots cast and, with live results, the dotted card's new
 * total, keeping `results` ranked as the server ranks (most dots first, then the older card).
 */
export function applyDots(vote, payload) {
  vote.dots_cast = payload.dots_cast;
  const card = payload.card;
  if (!card || !Array.isArray(vote.results)) return;
  const rows = vote.results.filter((row) => row.card_id !== card.card_id);
  if (card.dots > 0) rows.push({ card_id: card.card_id, dots: card.dots });
  vote.results = rows.sort((a, b) => b.dots - a.dots || a.card_id - b.card_id);
}

export class VotePanel {
  constructor(workshop) {
    this.workshop = workshop;
    this.labels = workshop.labels;
    this.votes = new Map(); // id -> vote as the server sent it (+ mine: {card_id: dots})
    this.root = el("section", { className: "ws-votes", attrs: { "aria-labelledby": "ws-votes-title" } });
    this.selection = new VoteSelection(this);
  }

  get open() { return [...this.votes.values()].find((vote) => vote.status === "open") ?? null; }

  load(votes) {
    this.votes = new Map(votes.map((vote) => [vote.id, { ...vote, mine: vote.mine ?? {} }]));
  }

  applyEvent({ type, payload }) {
    if (type === "vote.open" || type === "vote.close") {
      const before = this.votes.get(payload.vote.id);
      this.votes.set(payload.vote.id, { ...payload.vote, mine: before?.mine ?? {} });
    } else if (type === "vote.dots") {
      const vote = this.votes.get(payload.vote_id);
      if (!vote) return;
      applyDots(vote, payload);
    }
    this.render();
  }

  mine({ vote_id: voteId, mine }) {
    const vote = this.votes.get(voteId);
    if (!vote) return;
    vote.mine = mine;
    this.render();
  }

  title(cardId) {
    return this.workshop.board.cards.get(cardId)?.title ?? `#${cardId}`;
  }

  async dot(vote, cardId, add) {
    try {
      const ack = await this.workshop.send(add ? "vote.add" : "vote.remove", { vote_id: vote.id, card_id: cardId });
      this.mine(ack.vote);
    } catch { /* announced */ }
  }

  render() {
    const l = this.labels;
    const w = this.workshop;
    const vote = this.open;
    const last = vote ?? [...this.votes.values()].sort((a, b) => b.id - a.id)[0];
    const parts = [el("h3", { text: l.vote, attrs: { id: "ws-votes-title" } })];
    if (vote) parts.push(this.ballot(vote));
    if (last?.results) parts.push(this.results(last));
    else if (vote) parts.push(el("p", { className: "muted", text: l.resultsHidden }));
    if (w.isFacilitator) parts.push(this.controls(vote, last));
    const past = [...this.votes.values()].filter((v) => v.status === "closed" && v !== last);
    if (past.length) {
      const details = el("details", {}, [el("summary", { text: l.pastVotes })]);
      for (const old of past) details.append(this.results(old));
      parts.push(details);
    }
    this.root.hidden = !vote && !last && !w.isFacilitator;
    this.root.replaceChildren(...parts);
  }

  ballot(vote) {
    const l = this.labels;
    const used = Object.values(vote.mine).reduce((sum, n) => sum + n, 0);
    const list = el("ul", { className: "ws-ballot" });
    for (const cardId of vote.card_ids) {
      const title = this.title(cardId);
      const mine = vote.mine[String(cardId)] ?? 0;
      const item = el("li", { attrs: { "data-ballot-card": cardId } }, [el("span", { className: "ws-ballot-title", text: title })]);
      if (this.workshop.config.canTakePart) {
        const plus = el("button", { text: "+", className: "btn btn-small", attrs: { type: "button", "aria-label": fill(l.giveDot, { title }) } });
        plus.disabled = used >= vote.budget || (!vote.several_per_card && mine > 0);
        plus.addEventListener("click", () => this.dot(vote, cardId, true));
        const minus = el("button", { text: "−", className: "btn btn-small", attrs: { type: "button", "aria-label": fill(l.takeDot, { title }) } });
        minus.disabled = mine === 0;
        minus.addEventListener("click", () => this.dot(vote, cardId, false));
        item.append(el("span", { className: "ws-dots", text: "●".repeat(mine), attrs: { "aria-label": fill(l.dots, { count: mine }) } }), minus, plus);
      }
      list.append(item);
    }
    const status = el("p", { attrs: { role: "status" }, text: `${fill(l.dotsLeft, { count: vote.budget - used })} ${fill(l.dotsCast, { count: vote.dots_cast ?? 0 })}` });
    return el("div", {}, [list, status]);
  }

  results(vote) {
    const l = this.labels;
    const sectors = this.workshop.config.sectors;
    const list = el("ol", { className: "ws-results", attrs: { "aria-label": l.results } });
    for (const row of vote.results) {
      const bySector = Object.entries(row.by_sector ?? {}).map(([key, n]) => `${sectors[key] ?? key} ${n}`).join(", ");
      list.append(el("li", { attrs: { "data-result-card": row.card_id } }, [
        el("span", { text: row.title ?? this.title(row.card_id) }), el("strong", { text: ` ${fill(l.dots, { count: row.dots })}` }),
        bySector ? el("span", { className: "muted", text: ` (${bySector})` }) : null]));
    }
    return el("div", {}, [el("h4", { text: l.results }), list]);
  }

  controls(vote, last) {
    const l = this.labels;
    const box = el("div", { className: "ws-controls" });
    if (vote) {
      if (this.form) delete this.form.dataset.laneChosen; // the next vote defaults to its activity's lane again
      this.selection.stop(); // a vote is open: nothing to choose until it closes
      const close = el("button", { text: l.closeVote, className: "btn btn-small", attrs: { type: "button", "data-ws": "close-vote" } });
      close.addEventListener("click", () => this.workshop.send("vote.close", { vote_id: vote.id }).catch(() => {}));
      box.append(close);
      return box;
    }
    if (last?.status === "closed") {
      const count = Math.min(3, last.results.filter((row) => row.dots > 0).length);
      if (count) {
        const promote = el("button", { text: fill(l.promote, { count }), className: "btn btn-small", attrs: { type: "button", "data-ws": "promote" } });
        promote.addEventListener("click", () => this.workshop.send("vote.promote", { vote_id: last.id, count }).catch(() => {}));
        box.append(promote);
      }
    }
    // Kept between renders (a vote event redraws the panel): what the facilitator typed stays.
    this.form ??= this.voteForm();
    const lane = this.workshop.current?.current?.stage;
    if (lane && !this.form.dataset.laneChosen) this.form.elements.stage.value = lane; // the activity's lane
    const choosing = this.selection.active;
    for (const node of this.form.querySelectorAll("[data-lane-only]")) node.hidden = choosing;
    box.append(this.form, this.selection.controls(() => this.options()));
    return box;
  }

  /** The budget and options the facilitator set, for a vote on a lane or on the chosen cards. */
  options() {
    const { budget, several, live } = this.form.elements;
    return { budget: Number(budget.value), several_per_card: several.checked, live_results: live.checked };
  }

  voteForm() {
    const l = this.labels;
    const form = el("form", { className: "ws-vote-form" });
    const stage = el("select", { attrs: { id: "ws-vote-stage", name: "stage", "data-lane-only": "" } });
    for (const [key, label] of this.workshop.config.stages) stage.append(el("option", { text: label, attrs: { value: key } }));
    stage.value = this.workshop.config.stages[0][0];
    stage.addEventListener("change", () => { form.dataset.laneChosen = "true"; });
    const budget = el("input", { attrs: { id: "ws-vote-budget", name: "budget", type: "number", min: "1", max: String(this.workshop.config.budgetMax), value: "3" } });
    const several = el("input", { attrs: { id: "ws-vote-several", name: "several", type: "checkbox" } });
    const live = el("input", { attrs: { id: "ws-vote-live", name: "live", type: "checkbox" } });
    form.append(
      el("label", { text: l.stage, attrs: { for: "ws-vote-stage", "data-lane-only": "" } }), stage,
      el("label", { text: l.budget, attrs: { for: "ws-vote-budget" } }), budget,
      el("label", { attrs: { for: "ws-vote-several" } }, [several, document.createTextNode(` ${l.several}`)]),
      el("label", { attrs: { for: "ws-vote-live" } }, [live, document.createTextNode(` ${l.live}`)]),
      el("button", { text: l.openVote, className: "btn btn-small", attrs: { type: "submit", "data-ws": "open-vote", "data-lane-only": "" } }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.workshop.send("vote.open", { stage: stage.value, ...this.options() }).catch(() => {});
    });
    return form;
  }
}
