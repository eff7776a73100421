// The projector view: the current activity's instruction, the shared timer in large type and the latest
// vote results, for the room's big screen. Read-only; joins the board's live room like the board does.
import { ServerClock, chime, el, fill, formatMs, remainingMs } from "./clock.js";
import { refreshJoin, tickJoin } from "./join-box.js";
import { BoardConnection } from "./live.js";
import { applyDots } from "./votes.js";

const config = JSON.parse(document.getElementById("workshop-config").textContent);
const w = config.workshop;
const kindLabels = Object.fromEntries(w.kinds);
const stageLabels = Object.fromEntries(w.stages);
const nodes = Object.fromEntries(["title", "activity", "instruction", "timer", "state", "results", "results-list"]
  .map((id) => [id, document.getElementById(`pj-${id}`)]));
const state = { workshops: new Map(), currentId: null, votes: new Map(), cards: new Map(), upShown: false };
let clock = null;

function current() { return state.workshops.get(state.currentId) ?? null; }

function load(board) {
  if (!board?.workshop) return;
  state.workshops = new Map(board.workshop.workshops.map((ws) => [ws.id, ws]));
  state.currentId = board.workshop.current_id;
  state.votes = new Map(board.workshop.votes.map((vote) => [vote.id, vote]));
  state.cards = new Map(board.cards.map((card) => [card.id, card.title]));
  render();
}

function onEvent({ type, payload }) {
  if (type === "workshop.create" || type === "workshop.update") {
    state.workshops.set(payload.workshop.id, payload.workshop);
    if (["running", "paused"].includes(payload.workshop.timer.state) || state.currentId === null) state.currentId = payload.workshop.id;
    state.upShown = false;
  } else if (type === "vote.open" || type === "vote.close") {
    state.votes.set(payload.vote.id, payload.vote);
  } else if (type === "vote.dots" && state.votes.has(payload.vote_id)) {
    applyDots(state.votes.get(payload.vote_id), payload);
  } else if (type.startsWith("join_code.")) {
    refreshJoin(config.join?.codesUrl);
    return;
  } else if (type.startsWith("card.") && payload.card) {
    state.cards.set(payload.card.id, payload.card.title);
  } else return;
  render();
}

function render() {
  const workshop = current();
  nodes.title.textContent = workshop ? workshop.title : w.labels.noWorkshop;
  const activity = workshop?.current;
  nodes.activity.textContent = activity
    ? `${fill(w.labels.activity, { number: workshop.timer.index + 1, total: workshop.agenda.length })} · ${kindLabels[activity.kind]} · ${stageLabels[activity.stage]}`
    : "";
  nodes.instruction.textContent = activity?.instruction ?? "";
  nodes.state.textContent = workshop ? w.timerStates[workshop.timer.state] : "";
  const last = [...state.votes.values()].sort((a, b) => b.id - a.id)[0];
  nodes.results.hidden = !last?.results;
  nodes["results-list"].replaceChildren(...(last?.results ?? []).map((row) => el("li", {}, [
    el("span", { text: row.title ?? state.cards.get(row.card_id) ?? `#${row.card_id}` }),
    el("strong", { text: ` ${fill(w.labels.dots, { count: row.dots })}` })])));
  tick();
}

function tick() {
  const workshop = current();
  if (!workshop || !clock) return;
  tickJoin(clock.now());
  const left = remainingMs(workshop.timer, clock.now());
  nodes.timer.textContent = formatMs(left);
  const up = workshop.timer.state === "running" && left === 0;
  nodes.timer.dataset.up = String(up);
  nodes.timer.dataset.state = workshop.timer.state;
  if (up && !state.upShown) {
    state.upShown = true;
    nodes.state.textContent = w.labels.timeUp;
    chime();
  }
}

const connection = new BoardConnection(config.projectId, {
  onBoard: load,
  onEvent,
  onJoined: (ack) => {
    refreshJoin(config.join?.codesUrl);
    clock.offset = ack.server_ms - Date.now();
    clock.measure().then(tick);
    if (ack.board) setTimeout(() => load(ack.board), 0);
  },
  onStatus: () => {},
});
clock = new ServerClock(connection.socket);
setInterval(tick, 250);
