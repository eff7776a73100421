"""bench/direct_writes: the server's CPU for each copy of a frame sent to a room of WebSockets, written
straight to each socket (realtime/direct_writes.py) against through Engine.IO's queue and writer.

Each sitting runs a python-socketio server under eventlet with GovLab's manager (the same code as
`govlab run`, without the app around it) in its own process, its clients (--sockets raw WebSockets, read
with one selector) in another, and emits --frames frames of --size bytes to the room, one every
--gap seconds. It reports the server's CPU seconds per written copy, from the first emit until every
client has every frame. Sittings alternate between the two ways; medians of --runs each. Prints JSON.

    python bench/direct_writes.py [--sockets 200] [--frames 400] [--size 2000] [--gap 0.005] [--runs 5]
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import selectors
import socket
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def clients(port: int, count: int, expected: int) -> None:
    """Connect `count` WebSockets, say "ready", read until each has `expected` bytes, say "done"."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                      f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                      f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        buffer = b""
        while buffer.count(b"\r\n\r\n") < 1 or b'0{"sid"' not in buffer:  # the upgrade and Engine.IO's open
            buffer += sock.recv(4096)
        mask = os.urandom(4)
        sock.sendall(bytes((0x81, 0x82)) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(b"40")))
        while b"40{" not in buffer:  # Socket.IO's connect answer
            buffer += sock.recv(4096)
        sock.setblocking(False)
        sockets.append(sock)
    print("ready", flush=True)
    selector = selectors.DefaultSelector()
    received = {}
    for sock in sockets:
        selector.register(sock, selectors.EVENT_READ)
        received[sock] = 0
    waiting = len(sockets)
    while waiting:
        for key, _ in selector.select(timeout=30):
            data = key.fileobj.recv(262144)
            if not data:
                raise SystemExit("a connection closed")
            received[key.fileobj] += len(data)
            if received[key.fileobj] >= expected:
                selector.unregister(key.fileobj)
                waiting -= 1
    print("done", flush=True)


def serve(way: str, count: int, frames: int, size: int, gap: float) -> dict:
    """One sitting: a server emitting to its room of `count` clients; returns its CPU per written copy."""
    import eventlet
    import eventlet.wsgi
    import socketio
    from eventlet.green import subprocess as green_subprocess

    sys.path.insert(0, str(ROOT))
    from govlab.realtime import direct_writes
    from govlab.realtime.managers import ChunkedDelivery

    server = socketio.Server(async_mode="eventlet", client_manager=ChunkedDelivery())
    joined = []

    @server.event
    def connect(sid, environ):
        server.enter_room(sid, "board")
        joined.append(sid)

    if way == "direct":
        assert direct_writes.use_direct_writes(server)
    listener = eventlet.listen(("127.0.0.1", 0))
    eventlet.spawn(eventlet.wsgi.server, listener, socketio.WSGIApp(server), log_output=False, max_size=count + 100)
    payload = {"ops": [{"seq": 1, "pad": "x" * max(0, size - 40)}]}
    text = server.packet_class(2, namespace="/", data=["ops", payload]).encode()
    frame_bytes = len(direct_writes.text_frame("4" + text))
    reader = green_subprocess.Popen([sys.executable, __file__, "--clients", str(listener.getsockname()[1]),
                                     str(count), str(frame_bytes * frames)], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready"
    while len(joined) < count:
        eventlet.sleep(0.01)
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(frames):
        server.emit("ops", payload, to="board")
        eventlet.sleep(gap)
    assert reader.stdout.readline().strip() == "done"
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    writer = server.manager.direct_writer
    return {"way": way, "cpu_seconds": round(cpu, 4), "wall_seconds": round(wall, 3),
            "us_per_copy": round(cpu / (frames * count) * 1e6, 2),
            "written_directly": writer.written_directly if writer else 0,
            "left_to_queue": writer.left_to_queue if writer else frames * count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--frames", type=int, default=400)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--gap", type=float, default=0.005)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--serve", choices=("queued", "direct"))
    parser.add_argument("--clients", nargs=3, type=int, metavar=("PORT", "COUNT", "BYTES"))
    args = parser.parse_args()
    if args.clients:
        clients(*args.clients)
        return
    if args.serve:
        print(json.dumps(serve(args.serve, args.sockets, args.frames, args.size, args.gap)))
        return
    sittings = {"queued": [], "direct": []}
    for _ in range(args.runs):
        for way in ("queued", "direct"):
            out = subprocess.run([sys.executable, __file__, "--serve", way, "--sockets", str(args.sockets),
                                  "--frames", str(args.frames), "--size", str(args.size), "--gap", str(args.gap)],
                                 capture_output=True, text=True, check=True, timeout=600).stdout
            sittings[way].append(json.loads(out.strip().splitlines()[-1]))
    medians = {way: statistics.median(s["us_per_copy"] for s in runs) for way, runs in sittings.items()}
    print(json.dumps({
        "bench": "direct_writes", "sockets": args.sockets, "frames": args.frames, "size": args.size,
        "gap": args.gap, "runs": args.runs, "median_us_per_copy": medians,
        "ratio_queued_to_direct": round(medians["queued"] / medians["direct"], 2) if medians["direct"] else None,
        "sittings": sittings,
    }, indent=2))


if __name__ == "__main__":
    main()
