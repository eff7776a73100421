// The board opened from a chain or tracker link (`?card=<id>`): show that card's lane, scroll to the
// card and focus it once the live board has drawn it. From a notification (`&comment=<id>`) the card
// opens too, and comments.js brings the comment into view.
const wanted = new URLSearchParams(location.search).get("card");
const withComment = /^[0-9]{1,10}$/.test(new URLSearchParams(location.search).get("comment") ?? "");
const board = document.getElementById("board");
const WAIT_MS = 10000;

function focusWanted() {
  const card = board.querySelector(`.card[data-card-id="${CSS.escape(wanted)}"]`);
  if (!card) return false;
  const lane = card.closest(".lane");
  if (lane && !lane.classList.contains("active")) document.getElementById(`tab-${lane.dataset.stage}`)?.click();
  card.classList.add("card-target");
  card.scrollIntoView({ block: "center" });
  card.focus({ preventScroll: true });
  if (withComment) card.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  return true;
}

if (wanted && /^[0-9]{1,10}$/.test(wanted) && board) {
  const started = Date.now();
  const wait = () => {
    // The server-drawn board is replaced when the live one arrives: focus after it is ready.
    if (board.dataset.ready === "true" && focusWanted()) return;
    if (Date.now() - started < WAIT_MS) setTimeout(wait, 100);
    else focusWanted();
  };
  wait();
}
