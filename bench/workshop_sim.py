"""The simulated workshop of bench/workshop.py: participants, the facilitator's script, and what they measure.

All clients run on one asyncio loop in one process (bench/wsclient.py's raw Socket.IO client), so every
send and every receive is timed with the same clock. An op's delivery latency is the time from its send
to each client's receipt of the `ops` frame carrying its seq (the seq comes back in the sender's ack);
every seq committed while a client was on the board must reach it exactly once.

The script runs in workshop time; `speed` divides every interval (speed 3: a 7.5-minute workshop in 2.5).
"""
from __future__ import annotations

import asyncio
import random
import re
import sys
import time
from array import array
from dataclasses import dataclass, field

import orjson

from wsclient import Connection, connect

SEQ_IN_OPS = re.compile(rb'\{"seq":(\d+),"project_id":')  # each Event of an `ops` frame starts so
SEQ_IN_ACK = re.compile(rb'"seq":(\d+)')
HEARTBEAT_SECONDS = 20.0  # the browser's presence heartbeat (static/js/board.js), in real seconds


@dataclass
class Plan:
    """The workshop, in workshop seconds."""

    participants: int = 200
    speed: float = 3.0
    arrival: float = 30.0  # everyone joins within this
    card_every: tuple[float, float] = (10.0, 30.0)  # each participant adds a card every 10–30 s
    look_every: tuple[float, float] = (20.0, 40.0)  # opens a card (presence) for a few seconds
    burst: float = 10.0  # a participant starts spending their dots within this after the vote opens
    click_gap: tuple[float, float] = (0.3, 1.0)  # between one's dots
    silent: bool = False  # the second brainstorm is a silent one (hidden notes, then reveal)


@dataclass
class Recorder:
    """Send times by seq, receive times by seq, and everything else the report needs."""

    sent: dict[int, tuple[float, str, str]] = field(default_factory=dict)  # seq -> (sent at, op, phase)
    received: dict[int, array] = field(default_factory=dict)  # seq -> receive times (all clients)
    acks: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    joins: list[float] = field(default_factory=list)
    presence: list[float] = field(default_factory=list)
    presence_sent: int = 0
    frames: dict[str, int] = field(default_factory=dict)  # by frame kind (ops, presence)
    bytes: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    connect_retries: int = 0
    lost: list[tuple] = field(default_factory=list)  # (second of the run, client, why) of sockets that closed

    def ops_frame(self, client: "Client", packet: bytes) -> None:
        now = time.perf_counter()
        self.count("ops", packet)
        seen = client.seen
        for match in SEQ_IN_OPS.finditer(packet):
            seq = int(match.group(1))
            if seq >= len(seen):
                seen.extend(bytes(seq + 1024 - len(seen)))
            if seen[seq]:
                self.duplicates += 1
                continue
            seen[seq] = 1
            times = self.received.get(seq)
            if times is None:
                times = self.received[seq] = array("d")
            times.append(now)

    def count(self, kind: str, packet: bytes) -> None:
        self.frames[kind] = self.frames.get(kind, 0) + 1
        self.bytes[kind] = self.bytes.get(kind, 0) + len(packet)


class Client(Connection):
    """One participant's socket: counts every `ops` frame's seqs and follows presence like board.js."""

    def __init__(self, sim: "Workshop", index: int):
        super().__init__(None)
        self.sim, self.index = sim, index
        self.seen = bytearray(4096)
        self.join_seq = 0
        self.sid = None
        self.card = None  # the card this participant has open (presence), as last sent
        self.card_changed_at = 0.0
        self.people: dict[str, object] = {}  # sid -> card_id, as this client last saw it
        self.reannounce = True  # servers whose join ack lists nobody: announce again to newcomers (old board.js)
        self.ops_sent = 0

    def connection_lost(self, exc) -> None:
        if not self.sim.done:
            self.sim.recorder.lost.append((round(time.perf_counter() - self.sim.began, 1), self.index, repr(exc)[:80]))
        for future in self.acks.values():  # nothing will answer them now
            if not future.done():
                future.set_exception(ConnectionError("the socket closed"))

    def _packet(self, packet: bytes):
        if packet.startswith(b'42/board,["ops"'):
            self.sim.recorder.ops_frame(self, packet)
        elif packet.startswith(b'42/board,["presence"'):
            self.sim.recorder.count("presence", packet)
            self.on_presence(orjson.loads(packet[9:])[1])
        elif packet.startswith(b"40/board,"):
            self.sid = orjson.loads(packet[9:]).get("sid")
            super()._packet(packet)
        elif not packet.startswith(b'42/board,["'):  # acks, pings, namespace; `seq`/`private` frames ignored
            super()._packet(packet)

    def on_presence(self, states: list) -> None:
        """Time each change of another's state; re-announce ourselves when someone new arrives (board.js)."""
        now = time.perf_counter()
        newcomer = False
        for state in states:
            sid = state.get("sid")
            if sid == self.sid:
                continue
            value = "left" if state.get("state") == "left" else state.get("card_id")
            if sid not in self.people and value != "left":
                newcomer = True
            before = self.people.get(sid, "unknown")
            self.people[sid] = value
            sender = self.sim.by_sid.get(sid)
            if before != value and before != "unknown" and sender is not None and sender.card == value:
                self.sim.recorder.presence.append(now - sender.card_changed_at)
        if newcomer and self.join_seq and self.reannounce:
            self.announce()

    def announce(self) -> None:
        if self.transport.is_closing():
            return
        self.emit("presence", {"project_id": self.sim.project, "card_id": self.card})
        self.sim.recorder.presence_sent += 1

    def look_at(self, card_id) -> None:
        self.card, self.card_changed_at = card_id, time.perf_counter()
        self.announce()

    def op(self, kind: str, data: dict) -> asyncio.Task:
        """Send an op; its seq (from the ack) gets the send time. The task returns the ack object."""
        self.ops_sent += 1
        op_id = f"{self.sim.nonce}-{self.index}-{self.ops_sent}"
        sent, phase = time.perf_counter(), self.sim.phase
        if self.transport.is_closing():
            future = asyncio.get_running_loop().create_future()
            future.set_exception(ConnectionError("the socket closed"))
        else:
            future = self.emit("op", {"project_id": self.sim.project, "type": kind, "client_op_id": op_id, "data": data},
                               want_ack=True)
        return asyncio.ensure_future(self.sim.acked(future, sent, kind, phase))


class Workshop:
    """One run: connect, play the script, wait for the last deliveries, and hand the Recorder over."""

    def __init__(self, port: int, project: int, tokens: list[str], plan: Plan):
        self.port, self.project, self.tokens, self.plan = port, project, tokens, plan
        self.recorder = Recorder()
        self.nonce = f"w{int(time.time() * 1000)}"
        self.phase = "arrival"
        self.stage: str | None = None  # the lane participants add to now (None: not brainstorming)
        self.op_kind = "card.create"
        self.cards: dict[str, list[int]] = {}
        self.by_sid: dict[str, Client] = {}
        self.clients: list[Client] = []
        self.done = False
        self.last_seq = 0
        self.began = time.perf_counter()

    def wait(self, seconds: float):
        return asyncio.sleep(seconds / self.plan.speed)

    async def acked(self, future, sent: float, kind: str, phase: str) -> dict:
        try:
            raw = await asyncio.wait_for(future, 60)
        except asyncio.TimeoutError:
            self.recorder.errors.setdefault(kind, []).append("no ack within 60 s")
            return {}
        except ConnectionError as error:
            self.recorder.errors.setdefault(kind, []).append(str(error))
            return {}
        self.recorder.acks.setdefault(kind, []).append(time.perf_counter() - sent)
        match = SEQ_IN_ACK.search(raw)
        if b'"ok":true' not in raw[:12] or match is None:
            self.recorder.errors.setdefault(kind, []).append(raw[:200].decode(errors="replace"))
            return {}
        seq = int(match.group(1))
        self.recorder.sent[seq] = (sent, kind, phase)
        self.last_seq = max(self.last_seq, seq)
        return orjson.loads(raw)[0] if kind in ("card.create", "vote.open", "workshop.create") else {}

    # -- participants ---------------------------------------------------------------------------------

    async def arrive(self, index: int) -> Client:
        await self.wait(random.uniform(0, self.plan.arrival) if index else 0)
        for attempt in range(5):  # as a browser would: a handshake that times out is tried again
            try:
                conn = await connect("127.0.0.1", self.port, None, {"token": self.tokens[index]},
                                     factory=lambda: Client(self, index))
                break
            except (OSError, asyncio.TimeoutError, ConnectionError):
                self.recorder.connect_retries += 1
                if attempt == 4:
                    raise
        started = time.perf_counter()
        ack = await asyncio.wait_for(conn.emit("join", {"project_id": self.project}, want_ack=True), 120)
        self.recorder.joins.append(time.perf_counter() - started)
        head = SEQ_IN_ACK.search(ack)
        if b'"ok":true' not in ack[:12] or head is None:
            raise RuntimeError(f"join refused: {ack[:200]!r}")
        conn.join_seq = int(head.group(1))
        joined = orjson.loads(ack)[0]
        if "presence" in joined:  # who is here already comes with the ack (board.js no longer re-announces)
            conn.reannounce = False
            conn.on_presence(joined["presence"])
        self.by_sid[conn.sid] = conn
        await asyncio.wait_for(conn.emit("clock", {"t0": int(time.time() * 1000)}, want_ack=True), 120)
        return conn

    async def participate(self, conn: Client) -> None:
        """Add cards while a brainstorm runs; now and then open a card for a few seconds."""
        plan = self.plan

        async def cards():
            number = 0
            while not self.done:
                await self.wait(random.uniform(*plan.card_every))
                if self.stage is None or self.done:
                    continue
                number += 1
                title = f"ไอเดีย {conn.index}-{number}: ลดเวลารอคิวที่คลินิก / idea {conn.index}-{number}"
                task = conn.op(self.op_kind, {"stage": self.stage, "title": title})
                if self.op_kind == "card.create":
                    task.add_done_callback(lambda t, stage=self.stage: self.keep_card(stage, t))

        async def looks():
            while not self.done:
                await self.wait(random.uniform(*plan.look_every))
                pool = self.cards.get("ideate") or []
                if self.done or not pool:
                    continue
                conn.look_at(random.choice(pool[-300:]))
                await self.wait(random.uniform(3, 8))
                conn.look_at(None)

        async def heartbeat():
            while not self.done:
                await asyncio.sleep(HEARTBEAT_SECONDS)
                if not self.done:
                    conn.announce()

        await asyncio.gather(cards(), looks(), heartbeat())

    def keep_card(self, stage: str, task: asyncio.Task) -> None:
        card = (task.result() or {}).get("card")
        if card:
            self.cards.setdefault(stage, []).append(card["id"])

    async def spend(self, conn: Client, vote: dict) -> None:
        """Spend the whole budget on distinct cards, one click after another."""
        await self.wait(random.uniform(0, self.plan.burst))
        choices = random.sample(vote["card_ids"], min(vote["budget"], len(vote["card_ids"])))
        for card_id in choices:
            await conn.op("vote.add", {"vote_id": vote["id"], "card_id": card_id})
            await self.wait(random.uniform(*self.plan.click_gap))

    async def vote(self, lead: Client, options: dict, until, promote: bool = False) -> None:
        """Open a vote, let everyone spend their dots, close it once they are in (and the time is up)."""
        opened = await lead.op("vote.open", options)
        if "vote" not in opened:  # counted in the errors; the workshop goes on without this vote
            await until
            return
        vote = opened["vote"]
        voters = [asyncio.ensure_future(self.spend(c, vote)) for c in self.clients[1:]]
        await until
        await asyncio.gather(*voters)
        await lead.op("vote.close", {"vote_id": vote["id"]})
        if promote:
            await lead.op("vote.promote", {"vote_id": vote["id"], "count": 3})

    def need(self, ack: dict, key: str, kind: str) -> dict:
        """What the script cannot go on without."""
        if key not in ack:
            raise RuntimeError(f"{kind} failed: {self.recorder.errors.get(kind, ['?'])[-1]}")
        return ack[key]

    # -- the facilitator --------------------------------------------------------------------------------

    async def run_script(self, lead: Client) -> None:
        """Agenda: brainstorm (ideate, 4 min), vote on 50 chosen cards, brainstorm (prototype, 2 min),
        vote on the whole lane with live results; the timer paused, resumed, extended and skipped."""
        plan = self.plan
        start = time.perf_counter()

        async def at(moment: float) -> None:
            await asyncio.sleep(max(0.0, start + moment / plan.speed - time.perf_counter()))

        agenda = [
            {"stage": "ideate", "kind": "discuss", "duration": 240, "instruction": "เขียนไอเดียละหนึ่งการ์ด / One idea per card."},
            {"stage": "ideate", "kind": "vote", "duration": 30, "instruction": "ให้จุดกับไอเดียที่ชอบ / Dot the best ideas."},
            {"stage": "prototype", "kind": "silent_brainstorm" if plan.silent else "discuss", "duration": 120,
             "instruction": "ร่างต้นแบบ / Sketch prototypes."},
            {"stage": "prototype", "kind": "vote", "duration": 30, "instruction": "เลือกต้นแบบ / Pick prototypes."},
        ]
        workshop = self.need(await lead.op("workshop.create", {"title": "เวิร์กช็อป / Workshop", "agenda": agenda}),
                             "workshop", "workshop.create")
        wid = workshop["id"]
        timer = lambda kind, **data: lead.op(kind, {"id": wid, **data})  # noqa: E731
        await timer("workshop.start", index=0)
        self.phase, self.stage = "brainstorm-1", "ideate"
        await at(60)
        await timer("workshop.pause")
        await at(70)
        await timer("workshop.resume")
        await at(150)
        await timer("workshop.extend", seconds=60)
        await at(240)
        self.phase, self.stage = "vote-1", None
        await timer("workshop.skip")
        chosen = self.cards.get("ideate", [])[-50:]
        await self.vote(lead, {"card_ids": chosen, "budget": 3}, at(262), promote=True)
        await at(270)
        self.phase, self.stage = "brainstorm-2", "prototype"
        self.op_kind = "note.add" if plan.silent else "card.create"
        await timer("workshop.skip")
        await lead.op("board.lock", {"stages": ["ideate"]})
        await at(300)
        await timer("workshop.pause")
        await at(305)
        await timer("workshop.resume")
        await at(330)
        await timer("workshop.extend", seconds=300)
        await at(390)
        self.phase, self.stage = "vote-2", None
        if plan.silent:
            await timer("workshop.reveal")
            self.op_kind = "card.create"
        await timer("workshop.skip")
        await lead.op("board.lock", {})
        await self.vote(lead, {"stage": "prototype", "budget": 3, "live_results": True}, at(412))
        await timer("workshop.skip")
        self.phase = "end"
        await at(420)

    async def progress(self) -> None:
        """A line on stderr every 10 s: where the workshop is, and whether the server keeps up."""
        while not self.done:
            await asyncio.sleep(10)
            sent = sum(c.ops_sent for c in self.clients)
            waiting = sum(len(c.acks) for c in self.clients)
            print(f"[{time.perf_counter() - self.began:6.0f} s] {self.phase}: {len(self.clients)} clients, {sent} ops sent, "
                  f"{waiting} acks awaited, {len(self.recorder.lost)} sockets lost, seq {self.last_seq}",
                  file=sys.stderr, flush=True)

    async def run(self) -> dict:
        """The whole workshop; returns timing facts (the Recorder holds the rest)."""
        began = self.began = time.perf_counter()
        watcher = asyncio.ensure_future(self.progress())
        self.clients = list(await asyncio.gather(*(self.arrive(index) for index in range(len(self.tokens)))))
        arrived = time.perf_counter()
        lead = self.clients[0]
        people = [asyncio.ensure_future(self.participate(c)) for c in self.clients[1:]]
        await self.run_script(lead)
        self.done = True
        watcher.cancel()
        for task in people:
            task.cancel()
        for client in self.clients:  # the last state of each: nobody has a card open
            if client.card is not None:
                client.look_at(None)
        deadline = time.perf_counter() + 15
        while time.perf_counter() < deadline and not (self.settled() and summarise_presence(self)["converged"]):
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        for client in self.clients:
            client.transport.close()
        return {"arrival_seconds": arrived - began, "workshop_seconds": time.perf_counter() - arrived}

    def settled(self) -> bool:
        """Has every client seen every seq up to the last acked one?"""
        last = self.last_seq
        return all(len(c.seen) > last and c.seen[last] for c in self.clients)


def summarise_presence(sim: Workshop) -> dict:
    """Did every client end with every other's last state?"""
    wrong = 0
    for receiver in sim.clients:
        for sender in sim.clients:
            if sender is not receiver and receiver.people.get(sender.sid, None) != sender.card:
                wrong += 1
    return {"converged": wrong == 0, "stale_views": wrong}
