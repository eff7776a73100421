"""Helpers shared by the benchmarks: servers, CPU readings, medians."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import free_port, make_server  # noqa: E402


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def start_relay(nodelay: bool = False) -> tuple[subprocess.Popen, int]:
    """Start the bare relay on a free port (with TCP_NODELAY, as the app has it, if `nodelay`)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "relay_server.py"), str(port)]
                               + (["--nodelay"] if nodelay else []),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_healthy(f"http://127.0.0.1:{port}")
    return process, port


def enable_profiling(server, path: str) -> None:
    """Before `server.start()`: bench/profiling/sitecustomize.py samples the server's stacks into `path`."""
    server.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "bench" / "profiling"),
                                                             server.env.get("PYTHONPATH")]))
    server.env["GOVLAB_BENCH_PROFILE"] = str(Path(path).resolve())


def start_app(folder: Path, participants: int = 1, cards: int = 0, profile: str | None = None, **env: str):
    """Start GovLab (eventlet, SQLite) with a board of `participants` members, each with a token, and
    `cards` cards created through the services before the server starts (its CPU sampled into `profile`).

    Returns (server, seeded) with seeded = {"project", "tokens", "seq_before_cards"}; tokens[0] is the
    facilitator's.
    """
    server = make_server(folder, **env)
    server.cli("db", "upgrade")
    seeded = json.loads(subprocess.run([sys.executable, str(ROOT / "bench" / "seed.py"), str(participants),
                                        str(cards)], env=server.env, capture_output=True, text=True, check=True,
                                       timeout=600).stdout)
    if profile:
        enable_profiling(server, profile)
    server.start()
    return server, seeded


def wait_for_warm_up(server, timeout: float = 120.0) -> None:
    """Until the server says its boot warm-up (scikit-learn, the Thai dictionary) is over: before it, the
    warm-up's CPU and memory count as the bench's (bench/sockets measured 52.9 KiB per socket against 45.5
    and 46.8 that way; bench/fanout's first step, the quiet board, ran during it)."""
    deadline = time.monotonic() + timeout
    while "GovLab warmed up" not in server.log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise RuntimeError("the server's warm-up did not end")
        time.sleep(0.2)


def median(values):
    """The median, or None for no values."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def percentile(values: list[float], fraction: float) -> float | None:
    """A nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
