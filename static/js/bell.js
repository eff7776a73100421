// The bell in the top bar: the unread count, kept current live. The server pushes `notifications`
// {unread} to every socket of the person (their own room). On a board or a live page the board's
// socket receives it (live.js re-dispatches it as a window event); elsewhere the bell opens its own.
// Pushes sent before a socket joined its room (between the page's render and the connect, or while
// offline) never arrive: every connect, the first included, asks the server for the count.
import { io } from "../vendor/socket.io.js";

const bell = document.getElementById("bell");
const countEl = document.getElementById("bell-count");
const statusEl = document.getElementById("bell-status");
let pushes = 0; // pushes received so far: a count asked for before the latest push is older than it

function show(count) {
  if (!bell || !Number.isInteger(count) || count < 0) return;
  const before = Number(countEl.dataset.count ?? 0);
  countEl.dataset.count = String(count);
  countEl.textContent = count > 99 ? "99+" : String(count);
  countEl.hidden = count === 0;
  document.getElementById("bell-label").textContent = count
    ? bell.dataset.labelSome.replace("{count}", String(count)) : bell.dataset.labelNone;
  if (count > before) {
    statusEl.textContent = statusEl.dataset.textNew;
    bell.classList.remove("bell-ring");
    void bell.offsetWidth; // restart the animation
    bell.classList.add("bell-ring");
  }
}

function pushed(count) {
  pushes += 1;
  show(count);
}

/** After a connect the pushes we missed are gone: ask for the count (unless a push overtakes the answer). */
async function refresh() {
  const pushesBefore = pushes;
  try {
    const response = await fetch("/api/v1/notifications?limit=1", { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const unread = (await response.json()).unread;
    if (pushes === pushesBefore) show(unread);
  } catch { /* offline: the next push brings the count */ }
}

if (bell) {
  window.addEventListener("govlab:notifications", (event) => pushed(event.detail?.unread));
  window.addEventListener("govlab:notifications-refresh", refresh);
  const boardSocket = document.getElementById("board-config") || document.getElementById("live-main");
  if (!boardSocket) {
    const socket = io("/board", { transports: ["websocket"], withCredentials: true, reconnectionDelayMax: 30000 });
    socket.on("connect", refresh);
    socket.on("notifications", (payload) => pushed(payload?.unread));
    socket.on("revoked", (payload) => {
      if (payload?.project_id === undefined || payload?.project_id === null) socket.io.reconnection(false);
    });
  }
}
