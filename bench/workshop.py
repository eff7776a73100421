"""bench/workshop: a 200-participant workshop on ONE server process (`govlab run`, eventlet by default).

Starts a real `govlab run` on a fresh SQLite file (or a throw-away PostgreSQL database with
`--postgres URL`), seeds one facilitator and `--participants` members with tokens (bench/workshop_seed.py),
then plays a workshop over raw Socket.IO clients on one asyncio loop (bench/workshop_sim.py): everyone
joins within 30 s (re-announcing presence to newcomers as the browser does); a brainstorm where each
participant adds a card every 10–30 s and now and then opens a card (presence); the timer started,
paused, resumed, extended and skipped; a dot vote on 50 chosen cards where everyone spends 3 dots within
seconds; a second brainstorm (`--silent`: a silent one, then the reveal); a vote on the whole lane with
live results; a lane lock. Time is compressed by `--speed` (default 3: a 7.5-minute workshop in 2.5).

Reports, as JSON: per op type and overall, the delivery latency of every op to every client (send to
receipt of the `ops` frame with its seq: p50/p95/p99/max), ack latency, presence latency, missing and
duplicate deliveries (must be 0), the server's CPU seconds and share of a core over the run, its RSS,
and the generator's own CPU share. `--runs N` repeats and adds medians.

    python bench/workshop.py [--participants 200] [--speed 3] [--runs 3] [--silent] [--postgres URL] [--mode gevent]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, enable_profiling, median, percentile, process_cpu  # noqa: E402
from workshop_sim import Plan, Workshop, summarise_presence  # noqa: E402

from tests.servers import make_server  # noqa: E402

P99_BUDGET_MS = 250.0


def ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def spread(values: list[float]) -> dict:
    """p50/p95/p99/max in ms and the count."""
    if not values:
        return {"count": 0}
    values = sorted(values)
    return {"count": len(values), "p50_ms": ms(percentile(values, 0.5)), "p95_ms": ms(percentile(values, 0.95)),
            "p99_ms": ms(percentile(values, 0.99)), "max_ms": ms(values[-1])}


def runqueue_wait(pid: int) -> float:
    """Seconds the process's threads spent runnable but waiting for a CPU (the machine's noise, not ours)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e9


def memory_kib(pid: int) -> dict:
    """VmRSS and VmHWM (peak) of a process, KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            found[line.split(":")[0]] = int(line.split()[1])
    return found


class Postgres:
    """A throw-away database on a PostgreSQL server (created and dropped around a run)."""

    def __init__(self, base: str):
        self.base = base
        self.name = f"govlab_bench_{uuid.uuid4().hex[:10]}"

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return f"{self.base.rpartition('/')[0]}/{self.name}"

    def __exit__(self, *exc) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def start(args, database_url: str | None):
    """A migrated, seeded `govlab run`; returns (server, seeded)."""
    env = {"GOVLAB_DATABASE_URL": database_url} if database_url else {}
    server = make_server(Path(tempfile.mkdtemp(prefix="govlab-bench-workshop-")), async_mode=args.mode, **env)
    server.cli("db", "upgrade")
    seeded = json.loads(subprocess.run([sys.executable, str(ROOT / "bench" / "workshop_seed.py"), str(args.participants)],
                                       env=server.env, capture_output=True, text=True, check=True, timeout=900).stdout)
    if args.profile:  # the server's stacks, not the seeding
        enable_profiling(server, args.profile)
    server.start()
    return server, seeded


def one_run(args) -> dict:
    """Seed, serve, play the workshop, measure."""
    if args.postgres:
        with Postgres(args.postgres) as url:
            return measure(args, url)
    return measure(args, None)


def measure(args, database_url: str | None) -> dict:
    server, seeded = start(args, database_url)
    pid = server.process.pid
    plan = Plan(participants=args.participants, speed=args.speed, silent=args.silent)
    try:
        sim = Workshop(server.port, seeded["project"], seeded["tokens"], plan)
        load_before = os.getloadavg()
        cpu_before, wall_before, own_before = process_cpu(pid), time.perf_counter(), time.process_time()
        waited = runqueue_wait(pid)
        timing = asyncio.run(sim.run())
        wall = time.perf_counter() - wall_before
        cpu = process_cpu(pid) - cpu_before
        waited = runqueue_wait(pid) - waited
        own = time.process_time() - own_before
        memory = memory_kib(pid)
        load_after = os.getloadavg()
    finally:
        server.kill()
    return report(sim, timing, wall, cpu, own, memory, (load_before, load_after), waited, wall_before)


def report(sim: Workshop, timing: dict, wall: float, cpu: float, own: float, memory: dict,
           loads, waited: float, began: float) -> dict:
    """Latencies per op type, phase and overall; deliveries; server and generator costs."""
    recorder = sim.recorder
    final = max([sim.last_seq, *recorder.received.keys()])
    expected = sum(max(0, final - c.join_seq) for c in sim.clients)
    delivered = sum(sum(c.seen[c.join_seq + 1:final + 1]) for c in sim.clients)
    by_kind: dict[str, list[float]] = {}
    by_phase: dict[str, list[float]] = {}
    everything: list[float] = []
    timeline: dict[int, list[float]] = {}  # by 10 s of the run, when the op was sent
    for seq, (sent, kind, phase) in recorder.sent.items():
        latencies = [at - sent for at in recorder.received.get(seq, ())]
        timeline.setdefault(int((sent - began) // 10) * 10, []).extend(latencies)
        by_kind.setdefault(kind, []).extend(latencies)
        by_phase.setdefault(phase, []).extend(latencies)
        everything.extend(latencies)
    ops = {kind: {**spread(values), "ops": sum(1 for s in recorder.sent.values() if s[1] == kind),
                  "ack": spread(recorder.acks.get(kind, [])), "errors": len(recorder.errors.get(kind, []))}
           for kind, values in sorted(by_kind.items())}
    for kind, errors in recorder.errors.items():
        ops.setdefault(kind, {"ops": 0, "errors": len(errors)})["error_samples"] = errors[:3]
    overall = spread(everything)
    return {
        "clients": len(sim.clients), "speed": sim.plan.speed, "silent": sim.plan.silent,
        "ops": len(recorder.sent), "events": final - min(c.join_seq for c in sim.clients),
        "op_errors": sum(len(e) for e in recorder.errors.values()),
        "delivery": overall, "p99_met": overall.get("p99_ms") is not None and overall["p99_ms"] <= P99_BUDGET_MS,
        "deliveries_expected": expected, "deliveries_missing": expected - delivered, "duplicates": recorder.duplicates,
        "by_op": ops, "by_phase": {phase: spread(values) for phase, values in by_phase.items()},
        "presence": {**spread(recorder.presence), "sent": recorder.presence_sent, **summarise_presence(sim)},
        "join_ack": spread(recorder.joins), "connect_retries": recorder.connect_retries,
        "sockets_lost": len(recorder.lost), "sockets_lost_first": recorder.lost[:5],
        "frames_received": recorder.frames,
        "mib_received": {kind: round(size / 2**20, 1) for kind, size in recorder.bytes.items()},
        "wall_seconds": round(wall, 1), "arrival_seconds": round(timing["arrival_seconds"], 1),
        "server_cpu_seconds": round(cpu, 1), "server_cpu_percent": round(100 * cpu / wall, 1),
        "server_rss_mib": round(memory.get("VmRSS", 0) / 1024, 1),
        "server_peak_rss_mib": round(memory.get("VmHWM", 0) / 1024, 1),
        "server_runqueue_wait_seconds": round(waited, 1),
        "generator_cpu_percent": round(100 * own / wall, 1),
        "load_average_before_after": [round(load[0], 2) for load in loads],
        "p99_ms_by_10s": {second: ms(percentile(values, 0.99)) for second, values in sorted(timeline.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--speed", type=float, default=3.0, help="workshop seconds per real second")
    parser.add_argument("--silent", action="store_true", help="the second brainstorm is silent (hidden notes, reveal)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server URL: run on a throw-away database there")
    parser.add_argument("--mode", choices=("eventlet", "gevent"), default="eventlet")
    parser.add_argument("--profile", metavar="FILE", help="sample the server's CPU (bench/profiling) into FILE")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    runs = [one_run(args) for _ in range(args.runs)]
    result = {"bench": "workshop", "participants": args.participants, "speed": args.speed, "mode": args.mode,
              "database": "postgresql" if args.postgres else "sqlite", "runs": args.runs,
              "p99_budget_ms": P99_BUDGET_MS,
              "median_delivery_p50_ms": median([r["delivery"].get("p50_ms") for r in runs]),
              "median_delivery_p95_ms": median([r["delivery"].get("p95_ms") for r in runs]),
              "median_delivery_p99_ms": median([r["delivery"].get("p99_ms") for r in runs]),
              "median_delivery_max_ms": median([r["delivery"].get("max_ms") for r in runs]),
              "median_server_cpu_seconds": median([r["server_cpu_seconds"] for r in runs]),
              "median_server_cpu_percent": median([r["server_cpu_percent"] for r in runs]),
              "median_server_rss_mib": median([r["server_rss_mib"] for r in runs]),
              "deliveries_missing": sum(r["deliveries_missing"] for r in runs),
              "op_errors": sum(r["op_errors"] for r in runs),
              "runs_detail": runs}
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
