"""bench/resync: a client that missed 500 ops asks for them; how long until the ack? (goal <= 200 ms)

The 500 changes (card.create Events with Thai text) are made through the services before the server
starts; the client resyncs from the seq it had before them.

    python bench/resync.py [--missed 500] [--repeat 15]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, percentile, start_app  # noqa: E402
from wsclient import connect  # noqa: E402


async def run(args) -> dict:
    server, seeded = start_app(Path(tempfile.mkdtemp(prefix="govlab-bench-")), cards=args.missed)
    project, since = seeded["project"], seeded["seq_before_cards"]
    try:
        reader = await connect("127.0.0.1", server.port, lambda *a: None, {"token": seeded["tokens"][0]})
        await reader.emit("join", {"project_id": project}, True)
        timings, count = [], None
        for _ in range(args.repeat):
            start = time.perf_counter()
            ack = json.loads(await reader.emit("resync", {"project_id": project, "since": since}, True))[0]
            timings.append((time.perf_counter() - start) * 1000)
            count = len(ack["ops"])
        return {"bench": "resync", "missed": args.missed, "ops_returned": count, "repeat": args.repeat,
                "median_ms": round(median(timings), 1), "p90_ms": round(percentile(timings, 0.9), 1),
                "goal_ms": 200, "passed": median(timings) <= 200 and count == args.missed}
    finally:
        server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--missed", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=15)
    print(json.dumps(asyncio.run(run(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
