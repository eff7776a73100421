"""bench/board: a board of 2,000 cards; how fast is the snapshot served? (goal <= 150 ms)

Measures GET /api/v1/projects/{id}/board and the socket `join` ack (which carries the same board).
The cards are created through the services before the server starts (creating them over one socket
would only measure the per-connection rate limit).

    python bench/board.py [--cards 2000] [--repeat 15]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, percentile, start_app  # noqa: E402
from wsclient import connect  # noqa: E402


async def run(args) -> dict:
    server, seeded = start_app(Path(tempfile.mkdtemp(prefix="govlab-bench-")), cards=args.cards)
    project, token = seeded["project"], seeded["tokens"][0]
    try:
        rest = []
        for _ in range(args.repeat):
            request = urllib.request.Request(f"{server.url}/api/v1/projects/{project}/board")
            request.add_header("Authorization", f"Bearer {token}")
            start = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                body = json.loads(response.read())
            rest.append((time.perf_counter() - start) * 1000)
        reader = await connect("127.0.0.1", server.port, lambda *a: None, {"token": token})
        joins, joined = [], None
        for _ in range(args.repeat):
            start = time.perf_counter()
            joined = json.loads(await reader.emit("join", {"project_id": project}, True))[0]
            joins.append((time.perf_counter() - start) * 1000)
        complete = len(body["cards"]) == args.cards and len(joined["board"]["cards"]) == args.cards
        return {"bench": "board", "cards": len(body["cards"]), "join_cards": len(joined["board"]["cards"]),
                "repeat": args.repeat,
                "rest_median_ms": round(median(rest), 1), "rest_p90_ms": round(percentile(rest, 0.9), 1),
                "join_median_ms": round(median(joins), 1), "join_p90_ms": round(percentile(joins, 0.9), 1),
                "goal_ms": 150, "passed": complete and median(rest) <= 150 and median(joins) <= 150}
    finally:
        server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    print(json.dumps(asyncio.run(run(parser.parse_args())), indent=2))


if __name__ == "__main__":
    main()
