// The live connection to a board: acked ops sent one at a time in order, an offline queue replayed
// after reconnect (idempotent by client_op_id), seq tracking with gap detection and resync.
import { io } from "../vendor/socket.io.js";

const NAMESPACE = "/board";
const ACK_TIMEOUT_MS = 10000;
let counter = 0;

function newOpId() {
  counter += 1;
  const random = crypto.getRandomValues(new Uint32Array(2)).join("");
  return `${Date.now().toString(36)}-${random}-${counter}`;
}

export class OpError extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
  }
}

export class BoardConnection {
  /**
   * @param {number} projectId
   * @param {{onBoard: Function, onEvent: Function, onStatus: Function, onPresence: Function,
   *          onRevoked: Function}} handlers
   * @param {boolean} includeDeleted  facilitators reviewing deleted cards
   */
  constructor(projectId, handlers, includeDeleted = false) {
    this.projectId = projectId;
    this.includeDeleted = includeDeleted;
    this.handlers = handlers;
    this.lastSeq = null;
    this.joined = false;
    this.early = [];        // ops that arrive before the join ack
    this.queue = [];        // {op, resolve, reject}: sent in order, one in flight
    this.inFlight = false;
    this.resyncTimer = null;
    this.resyncing = null;  // the resync in flight, if any
    this.status = "connecting";
    this.socket = io(NAMESPACE, { transports: ["websocket"], withCredentials: true, reconnectionDelayMax: 5000 });
    this.socket.on("connect", () => {
      // The bell's pushes sent before this socket joined its person's room are lost: bell.js asks for the count.
      window.dispatchEvent(new CustomEvent("govlab:notifications-refresh"));
      this.#join();
    });
    this.socket.on("disconnect", () => this.#setStatus("offline"));
    this.socket.on("connect_error", () => this.#setStatus("offline"));
    this.socket.on("ops", (batch) => this.#receive(batch));
    this.socket.on("presence", (states) => this.handlers.onPresence?.(states));
    this.socket.on("revoked", (payload) => this.#revoked(payload));
    this.socket.on("seq", (payload) => this.#onSeq(payload));
    // The person's unread count (their own room): the bell in the top bar shows it (bell.js).
    this.socket.on("notifications", (payload) => window.dispatchEvent(new CustomEvent("govlab:notifications", { detail: payload })));
    // The browser knows first when the network goes: stop sending, keep the queue.
    window.addEventListener("offline", () => this.socket.disconnect());
    window.addEventListener("online", () => {
      if (this.status !== "revoked") this.socket.connect();
    });
  }

  /**
   * `revoked` {reason, project_id?, read_only?}: read-only keeps the socket on the board (it still
   * receives ops); otherwise the server takes it off the board (or disconnects it) and we stay off.
   */
  #revoked(payload) {
    const revocation = payload && typeof payload === "object" ? payload : {};
    if (revocation.project_id !== undefined && revocation.project_id !== null
        && revocation.project_id !== this.projectId) return;
    if (!revocation.read_only) {
      this.#setStatus("revoked");
      this.socket.io.reconnection(false);
    }
    this.handlers.onRevoked?.(revocation);
  }

  /** `seq` {project_id, seq}, a heartbeat: behind it means we missed ops frames (say, a Redis outage). */
  #onSeq(payload) {
    if (!this.joined || !payload || payload.project_id !== this.projectId) return;
    if (Number.isInteger(payload.seq) && this.lastSeq !== null && payload.seq > this.lastSeq) this.#scheduleResync();
  }

  #setStatus(status) {
    if (status !== "online") this.joined = false;
    if (this.status === "revoked") return;
    this.status = status;
    this.handlers.onStatus?.(status, this.queue.length);
  }

  async #join() {
    this.#setStatus("connecting");
    this.early = [];
    const ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("join", { project_id: this.projectId, include_deleted: this.includeDeleted })
      .catch(() => null);
    if (!ack?.ok) {
      // Refused (membership gone, account disabled) is not a network problem: say so instead of retrying.
      const refused = ["forbidden", "unauthorized"].includes(ack?.error?.code);
      this.#setStatus(refused ? "revoked" : "offline");
      return;
    }
    this.joined = true;
    this.handlers.onJoined?.(ack);
    if (Array.isArray(ack.presence)) this.handlers.onPresence?.(ack.presence); // who is here already
    if (this.lastSeq === null) {
      this.handlers.onBoard(ack.board);
      this.lastSeq = ack.seq;
    } else if (ack.seq > this.lastSeq) {
      await this.resync(); // back after a disconnect: replay what we missed (or take the board)
    }
    const early = this.early;
    this.early = [];
    this.#receive(early);
    this.#setStatus("online");
    this.#pump();
  }

  #receive(batch) {
    if (!this.joined) {
      this.early.push(...batch);
      return;
    }
    let gap = false;
    for (const event of [...batch].sort((a, b) => a.seq - b.seq)) {
      if (event.seq <= this.lastSeq) continue;
      if (event.seq !== this.lastSeq + 1) {
        gap = true;
        break;
      }
      this.lastSeq = event.seq;
      this.handlers.onEvent(event);
    }
    if (gap) this.#scheduleResync();
  }

  #scheduleResync() {
    if (this.resyncTimer) return;
    // Batches from several server processes may cross; give the missing one a moment first.
    this.resyncTimer = setTimeout(() => this.resync(), 150);
  }

  /** Ask for everything after our last seq (or a fresh board when too much was missed). */
  async resync() {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    if (!this.joined) return;
    if (this.resyncing) return this.resyncing; // one at a time: a second one would ask for the same ops
    this.resyncing = (async () => {
      const ack = await this.socket.timeout(ACK_TIMEOUT_MS)
        .emitWithAck("resync", { project_id: this.projectId, since: this.lastSeq, include_deleted: this.includeDeleted })
        .catch(() => null);
      if (!ack?.ok) return;
      if (ack.board) {
        this.handlers.onBoard(ack.board);
        this.lastSeq = ack.seq;
      } else {
        this.#receive(ack.ops);
      }
    })();
    try {
      await this.resyncing;
    } finally {
      this.resyncing = null;
    }
  }

  /** Queue an op; resolves with the ack ({seq, card}) or rejects with an OpError. */
  send(type, data) {
    return new Promise((resolve, reject) => {
      this.queue.push({ op: { project_id: this.projectId, type, client_op_id: newOpId(), data }, resolve, reject });
      this.handlers.onStatus?.(this.status, this.queue.length);
      this.#pump();
    });
  }

  /** One op in flight at a time keeps a client's changes in order; retries reuse the client_op_id. */
  async #pump() {
    if (this.inFlight || !this.joined || this.queue.length === 0) return;
    this.inFlight = true;
    const item = this.queue[0];
    let ack = null;
    try {
      ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("op", item.op);
    } catch {
      ack = null; // no answer: keep it queued, resend after reconnect (the server applies it once)
    }
    this.inFlight = false;
    if (ack === null) {
      if (this.socket.connected) this.socket.disconnect().connect();
      return;
    }
    this.queue.shift();
    if (ack.ok) item.resolve(ack);
    else item.reject(new OpError(ack.error));
    this.handlers.onStatus?.(this.status, this.queue.length);
    this.#pump();
  }

  /** Fire-and-forget events that need no queue (presence). */
  emit(event, data) {
    if (this.joined) this.socket.emit(event, { project_id: this.projectId, ...data });
  }

  /** A request with an ack (text.sync). */
  async request(event, data) {
    const ack = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, { project_id: this.projectId, ...data });
    if (!ack.ok) throw new OpError(ack.error);
    return ack;
  }
}
