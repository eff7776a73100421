"""bench/sockets: 10,000 idle anonymous sockets on one public board, and a sign-up storm.

`--scenario sockets` starts a real `govlab run` with the demo, opens `--sockets` anonymous WebSockets
joined to the public board from `--generators` processes (raw engine.io/socket.io, bench/wsclient.py),
and measures the server's RSS per socket, the delivery latency of REST card edits to every socket (p50
and p99 across sockets), and /healthz latency while they are open. `--scenario storm` measures /healthz
without and then with `--storm-clients` clients signing up through the real /register form (CSRF and
all, rate limits off). Prints JSON; `--runs N` repeats and reports medians.

    python bench/sockets.py [--mode eventlet|gevent] [--scenario all|sockets|storm] [--sockets 10000] [--runs 3]
"""
from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, percentile, process_cpu, wait_for_warm_up  # noqa: E402
from wsclient import connect  # noqa: E402

from tests.servers import make_server  # noqa: E402  (common put the repository root on sys.path)

PUBLIC_PROJECT = 1  # the demo's public challenge
DEMO_FACILITATOR = ("facilitator@govlab.test", "govlab-demo")
GENERATOR_MAX_SECONDS = 900  # a generator always exits by itself


# -- generator process ---------------------------------------------------------------------------

async def generate(port: int, count: int, project: int, parallel: int) -> None:
    """Open `count` sockets joined to the board; report; on a line on stdin, print latencies and exit."""
    latencies: list[tuple[int, float]] = []
    conns, failures = [], []
    gate = asyncio.Semaphore(parallel)

    async def one() -> None:
        async with gate:
            try:
                conn = await connect("127.0.0.1", port, lambda step, _c, _n, latency: latencies.append((step, latency)))
                ack = await asyncio.wait_for(conn.emit("join", {"project_id": project}, want_ack=True), 60)
            except (OSError, asyncio.TimeoutError, ConnectionError) as error:
                failures.append(repr(error)[:200])
                return
            if b'"ok":true' not in ack[:40]:
                failures.append(ack[:200].decode(errors="replace"))
            conns.append(conn)

    await asyncio.gather(*(one() for _ in range(count)))
    print(json.dumps({"ready": len(conns), "failed": len(failures), "failures": failures[:3]}), flush=True)
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(loop.run_in_executor(None, sys.stdin.readline), GENERATOR_MAX_SECONDS)
    except asyncio.TimeoutError:
        pass
    open_at_end = sum(not conn.transport.is_closing() for conn in conns)
    print(json.dumps({"latencies": latencies, "open_at_end": open_at_end}), flush=True)
    for conn in conns:
        conn.transport.close()


# -- measurements ----------------------------------------------------------------------------------

def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def settled_rss_kib(pid: int, timeout: float = 60.0) -> int:
    """RSS once the process has stopped growing by itself (the boot warm-up loads scikit-learn and the Thai
    dictionary on a worker thread for several seconds; counted with the sockets, it made them look ~10 KiB
    heavier each at 10,000 and several times heavier at 1,000)."""
    last, deadline = rss_kib(pid), time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = rss_kib(pid)
        if abs(now - last) < 512:
            return now
        last = now
    return last


def healthz_ms(url: str, timeout: float = 30.0) -> float:
    """One /healthz on a fresh connection, in ms."""
    start = time.perf_counter()
    with urllib.request.urlopen(url + "/healthz", timeout=timeout) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def sample_healthz(url: str, seconds: float, spacing: float = 0.02) -> list[float]:
    """Probe /healthz back to back (with a small gap) for `seconds`."""
    samples, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(healthz_ms(url))
        time.sleep(spacing)
    return samples


def summary(values: list[float]) -> dict:
    """p50 and p99 (ms, one decimal) of a sample."""
    return {"p50_ms": round(percentile(values, 0.5), 1), "p99_ms": round(percentile(values, 0.99), 1),
            "samples": len(values)}


def http_json(method: str, url: str, body=None, bearer: str | None = None):
    """A small JSON client."""
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                     method=method, headers={"Content-Type": "application/json"})
    if bearer:
        request.add_header("Authorization", f"Bearer {bearer}")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def start_server(mode: str):
    """A fresh `govlab run` with the demo and the anonymous-watcher cap out of the way."""
    server = make_server(Path(tempfile.mkdtemp(prefix="govlab-bench-sockets-")), async_mode=mode,
                         GOVLAB_WATCHERS_PER_ADDRESS="100000")
    server.cli("db", "upgrade")
    server.cli("demo")
    return server.start()


# -- scenario: many idle sockets -------------------------------------------------------------------

def sockets_run(args) -> dict:
    """One server, `args.sockets` watchers, `args.edits` edits."""
    server = start_server(args.mode)
    generators = []
    try:
        url, pid = server.url, server.process.pid
        bearer = http_json("POST", url + "/api/v1/tokens",
                           {"email": DEMO_FACILITATOR[0], "password": DEMO_FACILITATOR[1]})["token"]
        card_id = http_json("GET", f"{url}/api/v1/projects/{PUBLIC_PROJECT}/board", bearer=bearer)["cards"][0]["id"]
        http_json("PATCH", f"{url}/api/v1/cards/{card_id}", {"title": "warm-up"}, bearer)
        sample_healthz(url, 1.0)
        wait_for_warm_up(server)
        rss_before = settled_rss_kib(pid)
        cpu_before, wall = process_cpu(pid), time.perf_counter()
        share = [args.sockets // args.generators + (n < args.sockets % args.generators)
                 for n in range(args.generators)]
        for count in share:
            generators.append(subprocess.Popen(
                [sys.executable, __file__, "--generator", str(server.port), str(count), str(PUBLIC_PROJECT),
                 str(args.parallel)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        ready = [json.loads(g.stdout.readline() or "{}") for g in generators]
        open_seconds = time.perf_counter() - wall
        opened = sum(r.get("ready", 0) for r in ready)
        time.sleep(2.0)  # let the connects' garbage settle
        rss_open = rss_kib(pid)
        idle_cpu, idle_wall = process_cpu(pid), time.perf_counter()
        healthz = sample_healthz(url, args.healthz_seconds)  # Engine.IO pings and these probes only
        idle_cpu = (process_cpu(pid) - idle_cpu) / (time.perf_counter() - idle_wall)
        edits, during = [], []
        for step in range(1, args.edits + 1):
            edit_cpu = process_cpu(pid)
            stamp = f"~{step}~0~0~{time.perf_counter():.6f}~"
            http_json("PATCH", f"{url}/api/v1/cards/{card_id}", {"title": f"edit {stamp}"}, bearer)
            samples = sample_healthz(url, args.edit_gap, spacing=0.1)  # while the edit fans out
            during += samples
            edits.append({"step": step, "server_cpu_ms": round((process_cpu(pid) - edit_cpu) * 1000),
                          "healthz_max_ms": round(max(samples), 1)})
        cpu = process_cpu(pid) - cpu_before
        reports = []
        for g in generators:
            g.stdin.write("done\n")
            g.stdin.flush()
            reports.append(json.loads(g.stdout.readline() or "{}"))
        by_step: dict[int, list[float]] = {}
        for report in reports:
            for step, latency in report.get("latencies", []):
                by_step.setdefault(step, []).append(latency * 1000)
        for edit in edits:
            values = by_step.get(edit["step"], [])
            edit.update({"delivered": len(values),
                         "p50_ms": round(percentile(values, 0.5), 1) if values else None,
                         "p99_ms": round(percentile(values, 0.99), 1) if values else None})
        return {
            "sockets_opened": opened, "failed": sum(r.get("failed", 0) for r in ready),
            "failures": [f for r in ready for f in r.get("failures", [])][:3],
            "open_at_end": sum(r.get("open_at_end", 0) for r in reports),
            "open_seconds": round(open_seconds, 1),
            "rss_before_mib": round(rss_before / 1024, 1), "rss_open_mib": round(rss_open / 1024, 1),
            "kib_per_socket": round((rss_open - rss_before) / max(opened, 1), 1),
            "healthz_open": summary(healthz), "healthz_during_edits": summary(during),
            "server_cpu_idle_share": round(idle_cpu, 2),
            "delivery_p50_ms": median([e["p50_ms"] for e in edits]),
            "delivery_p99_ms": median([e["p99_ms"] for e in edits]),
            "all_delivered": all(e["delivered"] == opened for e in edits),
            "server_cpu_seconds": round(cpu, 1), "edits": edits,
        }
    finally:
        for g in generators:
            if g.poll() is None:
                g.kill()
            g.wait()
        server.kill()


# -- scenario: sign-up storm -----------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def register_once(url: str, email: str) -> int:
    """Sign up through the real form: GET it for the CSRF token, POST it; the response status."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         _NoRedirect())
    page = opener.open(url + "/register", timeout=120).read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "name": "Storm", "email": email,
                                   "password": "storm-password-1", "org_id": ""}).encode()
    try:
        return opener.open(url + "/register", data=form, timeout=120).status
    except urllib.error.HTTPError as error:
        return error.code


def storm_run(args) -> dict:
    """/healthz alone, then while `args.storm_clients` clients sign up back to back."""
    server = start_server(args.mode)
    try:
        url = server.url
        sample_healthz(url, 1.0)
        baseline = sample_healthz(url, args.storm_seconds / 2)
        stop, statuses = threading.Event(), []

        def client(worker: int) -> None:
            number = 0
            while not stop.is_set():
                number += 1
                try:
                    statuses.append(register_once(url, f"storm{worker}-{number}@example.org"))
                except OSError:
                    statuses.append(0)

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(args.storm_clients)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # the storm builds up
        started = time.perf_counter()
        during = sample_healthz(url, args.storm_seconds)
        elapsed = time.perf_counter() - started
        stop.set()
        for thread in threads:
            thread.join(120)
        return {"baseline": summary(baseline), "storm": summary(during),
                "sign_ups": statuses.count(302), "sign_ups_per_second": round(statuses.count(302) / (elapsed + 1), 1),
                "other_statuses": sorted(set(statuses) - {302})}
    finally:
        server.kill()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--generator":
        port, count, project, parallel = (int(v) for v in sys.argv[2:6])
        asyncio.run(generate(port, count, project, parallel))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=("eventlet", "gevent"), default="eventlet")
    parser.add_argument("--scenario", choices=("all", "sockets", "storm"), default="all")
    parser.add_argument("--sockets", type=int, default=10000)
    parser.add_argument("--generators", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=100, help="connects in flight per generator")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--edit-gap", type=float, default=8.0, help="seconds between edits (no overlap)")
    parser.add_argument("--healthz-seconds", type=float, default=5.0)
    parser.add_argument("--storm-clients", type=int, default=20)
    parser.add_argument("--storm-seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    result = {"bench": "sockets", "mode": args.mode, "runs": args.runs}
    if args.scenario in ("all", "sockets"):
        runs = [sockets_run(args) for _ in range(args.runs)]
        result["sockets"] = {
            "sockets": args.sockets,
            "median_kib_per_socket": median([r["kib_per_socket"] for r in runs]),
            "median_delivery_p50_ms": median([r["delivery_p50_ms"] for r in runs]),
            "median_delivery_p99_ms": median([r["delivery_p99_ms"] for r in runs]),
            "median_healthz_p50_ms": median([r["healthz_open"]["p50_ms"] for r in runs]),
            "median_healthz_p99_ms": median([r["healthz_open"]["p99_ms"] for r in runs]),
            "median_healthz_during_edits_p50_ms": median([r["healthz_during_edits"]["p50_ms"] for r in runs]),
            "median_healthz_during_edits_p99_ms": median([r["healthz_during_edits"]["p99_ms"] for r in runs]),
            "runs_detail": runs}
    if args.scenario in ("all", "storm"):
        runs = [storm_run(args) for _ in range(args.runs)]
        result["storm"] = {
            "clients": args.storm_clients,
            "median_baseline_healthz_p99_ms": median([r["baseline"]["p99_ms"] for r in runs]),
            "median_storm_healthz_p99_ms": median([r["storm"]["p99_ms"] for r in runs]),
            "median_storm_healthz_p50_ms": median([r["storm"]["p50_ms"] for r in runs]),
            "median_sign_ups_per_second": median([r["sign_ups_per_second"] for r in runs]),
            "runs_detail": runs}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
