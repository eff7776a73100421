// The shared timer on this screen. The server's clock is the truth: we measure our offset from it
// NTP-style (the `clock` ack carries the server's time; the midpoint of our send and receive times is
// when it was read) and keep the sample with the shortest round trip. The timer state itself comes
// from the server (state, when the run began, what remained then); we only subtract.

export class ServerClock {
  constructor(socket) {
    this.socket = socket;
    this.offset = 0;      // server time minus our time, in ms
    this.bestRtt = Infinity;
  }

  /** Take a few samples (on every join: a reconnect may come with a changed clock). */
  async measure(samples = 5) {
    this.bestRtt = Infinity;
    for (let i = 0; i < samples; i += 1) {
      const t0 = Date.now();
      const ack = await this.socket.timeout(3000).emitWithAck("clock", { t0 }).catch(() => null);
      const t1 = Date.now();
      if (!ack?.ok || typeof ack.server_ms !== "number") continue;
      const rtt = t1 - t0;
      if (rtt < this.bestRtt) {
        this.bestRtt = rtt;
        this.offset = ack.server_ms - (t0 + t1) / 2;
      }
    }
    return this.offset;
  }

  now() {
    return Date.now() + this.offset;
  }
}

/** Milliseconds left of a timer {state, started_ms, remaining_ms} at server time `nowMs`. */
export function remainingMs(timer, nowMs) {
  if (!timer) return 0;
  if (timer.state === "running" && timer.started_ms !== null) {
    return Math.max(0, timer.remaining_ms - Math.max(0, nowMs - timer.started_ms));
  }
  return timer.state === "paused" ? Math.max(0, timer.remaining_ms) : 0;
}

/** m:ss (or h:mm:ss), rounding up so the screen reads 0:00 only when the time is really up. */
export function formatMs(ms) {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** A soft two-note chime (only when the person switched sound on: browsers need a gesture first). */
export function chime() {
  try {
    const audio = new AudioContext();
    [660, 880].forEach((frequency, index) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, audio.currentTime + index * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.15, audio.currentTime + index * 0.35 + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + index * 0.35 + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + index * 0.35);
      tone.stop(audio.currentTime + index * 0.35 + 0.65);
    });
  } catch { /* no audio: the visual cue is enough */ }
}

/** Fill "{name}" placeholders of a server-translated sentence. */
export function fill(sentence, values = {}) {
  return sentence.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** A small element with text (never HTML). */
export function el(tag, { text, className, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  for (const [key, value] of Object.entries(attrs ?? {})) node.setAttribute(key, value);
  for (const child of children) if (child) node.append(child);
  return node;
}
