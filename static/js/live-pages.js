// Live read pages (chain, tracker, timeline): join the board's room read-only, and when a relevant
// Event arrives fetch the page's live section again as server-rendered, server-escaped HTML.
// Nothing here builds HTML from data: the fragment is parsed with DOMParser and adopted as is.
import { BoardConnection } from "./live.js";

const DEBOUNCE_MS = 250;
const main = document.getElementById("live-main");
const statusEl = document.getElementById("connection-status");
const announceEl = document.getElementById("page-status");
const texts = Object.fromEntries(
  [...(document.getElementById("live-texts")?.content.querySelectorAll("[data-key]") ?? [])]
    .map((el) => [el.dataset.key, el.textContent]),
);

class LivePage {
  constructor(element) {
    this.main = element;
    this.mode = element.dataset.mode; // "replace" the section, or "prepend" new timeline rows
    this.prefixes = (element.dataset.types ?? "").split(",").filter(Boolean);
    this.seenSeq = Number(element.dataset.seq ?? 0);
    this.timer = null;
    this.busy = false;
    this.again = false;
    this.connection = new BoardConnection(Number(element.dataset.projectId), {
      onBoard: (board) => this.onBoard(board),
      onEvent: (event) => this.onEvent(event),
      onStatus: (status) => this.showStatus(status),
      onRevoked: (revocation) => { if (!revocation?.read_only) this.showStatus("revoked"); },
    });
  }

  /** The join (or a resync that had to send the whole board): catch up if the page is older. */
  onBoard(board) {
    if (Number.isInteger(board?.seq) && board.seq > this.seenSeq) this.schedule();
  }

  onEvent(event) {
    const relevant = this.prefixes.some((prefix) => (prefix.endsWith(".") ? event.type.startsWith(prefix) : event.type === prefix));
    if (relevant) this.schedule();
  }

  showStatus(status) {
    if (!statusEl) return;
    statusEl.dataset.state = status;
    statusEl.textContent = texts[status] ?? texts.connecting ?? "";
    if (status === "online") this.main.dataset.live = "true";
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), DEBOUNCE_MS);
  }

  async refresh() {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      if (this.mode === "prepend") await this.prependRows();
      else await this.replaceSection();
    } catch {
      /* the next Event (or reconnect) tries again */
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  async fetchHtml(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    return new DOMParser().parseFromString(await response.text(), "text/html");
  }

  async replaceSection() {
    const seq = this.connection.lastSeq ?? this.seenSeq;
    const doc = await this.fetchHtml(this.main.dataset.fragmentUrl);
    const focusedHref = document.activeElement?.closest?.("#live-main") ? document.activeElement.getAttribute("href") : null;
    this.main.replaceChildren(...[...doc.body.childNodes].map((node) => document.adoptNode(node)));
    this.seenSeq = Math.max(this.seenSeq, seq);
    this.main.dataset.seq = String(this.seenSeq);
    if (focusedHref) this.main.querySelector(`a[href="${CSS.escape(focusedHref)}"]`)?.focus();
    if (announceEl) announceEl.textContent = texts.updated ?? "";
  }

  /** Ask for the rows from the top row's first seq on: a run of typing on top is told again with its new count. */
  async prependRows() {
    const seq = this.connection.lastSeq ?? this.seenSeq;
    const top = this.main.querySelector(".timeline-entry");
    const after = top ? Number(top.dataset.firstSeq) - 1 : this.seenSeq;
    const url = new URL(this.main.dataset.fragmentUrl, location.href);
    url.searchParams.set("after", String(Math.max(after, 0)));
    const doc = await this.fetchHtml(url);
    if (doc.querySelector("[data-reload]")) {
      location.reload(); // too much happened at once: the page is cheaper to load again
      return;
    }
    const rows = [...doc.querySelectorAll(".timeline-entry")].map((node) => document.adoptNode(node));
    this.seenSeq = Math.max(this.seenSeq, seq);
    this.main.dataset.seq = String(this.seenSeq);
    if (rows.length === 0) return;
    top?.remove(); // the answer tells the top row again (from its first seq on)
    for (const row of rows) row.classList.add("fresh");
    this.main.prepend(...rows);
    document.getElementById("timeline-empty")?.remove();
    if (announceEl) announceEl.textContent = texts.newEntries ?? "";
  }
}

if (main && main.dataset.mode) {
  window.govlabLivePage = new LivePage(main); // for the browser tests
}
