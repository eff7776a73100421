"""End-to-end capacity: more connections than eventlet's default pool of 1,024, slow headers, sign-up storms.

Each test runs against a real `govlab run` under eventlet and gevent; sockets are raw (asyncio or
`socket`), since the python-socketio client would cost more than the server.
"""
from __future__ import annotations

import asyncio
import http.cookiejar
import re
import select
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from bench.wsclient import connect
from tests.servers import make_server

pytestmark = [pytest.mark.e2e, pytest.mark.serial]

ROOT = Path(__file__).resolve().parents[2]
OVER_OLD_POOL = 1100  # eventlet.wsgi's default pool held 1,024 connections, idle or not
HEADER_TIMEOUT = 3.0


@pytest.fixture(scope="module", params=["eventlet", "gevent"])
def live(request, tmp_path_factory):
    """A server with the demo data and a short header deadline, once per async mode."""
    server = make_server(tmp_path_factory.mktemp(f"capacity-{request.param}"), async_mode=request.param,
                         GOVLAB_HEADER_TIMEOUT=str(HEADER_TIMEOUT), GOVLAB_WATCHERS_PER_ADDRESS="100000")
    server.with_demo()
    server.start()
    yield server
    server.kill()


def run_in_own_loop(make_coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright session keeps a loop on this thread."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    worker = threading.Thread(target=target)
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def healthz_seconds(url: str, timeout: float = 5.0) -> float:
    """Time one /healthz round trip on a fresh connection."""
    start = time.perf_counter()
    with urllib.request.urlopen(url + "/healthz", timeout=timeout) as response:
        assert response.status == 200
        response.read()
    return time.perf_counter() - start


def settled(url: str, timeout: float = 20.0) -> None:
    """Wait until the server is idle again (the previous test's sockets all closed and handled)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if healthz_seconds(url, timeout=timeout) < 0.1 and healthz_seconds(url, timeout=timeout) < 0.1:
            return
        time.sleep(0.2)
    raise AssertionError("the server stayed busy")


def still_open(sock: socket.socket) -> bool:
    """True while the peer has neither closed nor reset the connection (nothing to read yet)."""
    timeout = sock.gettimeout()
    sock.settimeout(0)  # with a timeout set, recv would first wait that long for data
    try:
        return sock.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.settimeout(timeout)


def test_more_idle_websockets_than_the_old_pool(live):
    settled(live.url)
    async def scenario():
        idle = []
        for start in range(0, OVER_OLD_POOL, 100):
            batch = range(start, min(start + 100, OVER_OLD_POOL))
            idle += await asyncio.wait_for(asyncio.gather(*(
                connect("127.0.0.1", live.port, lambda *_: None) for _ in batch)), 15)
        loop = asyncio.get_running_loop()
        latency = await loop.run_in_executor(None, healthz_seconds, live.url)
        newcomer = await asyncio.wait_for(connect("127.0.0.1", live.port, lambda *_: None), 5)
        ack = await asyncio.wait_for(newcomer.emit("join", {"project_id": 1}, want_ack=True), 5)
        # Past the header deadline the upgraded sockets must still be open: it covers request heads only.
        await asyncio.sleep(HEADER_TIMEOUT + 0.5)
        closed = sum(conn.transport.is_closing() for conn in idle)
        for conn in idle + [newcomer]:
            conn.transport.close()
        return latency, ack, closed

    latency, ack, closed = run_in_own_loop(scenario)
    assert latency < 1.0
    assert b'"ok":true' in ack
    assert closed == 0


def test_half_sent_headers_neither_block_nor_linger(live):
    settled(live.url)
    host, port = "127.0.0.1", live.port
    slow = []
    try:
        for _ in range(OVER_OLD_POOL):
            sock = socket.create_connection((host, port), timeout=5)
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: slow.example\r\n")  # never finished
            slow.append(sock)
        sent_at = time.monotonic()  # the last one; each has its own deadline from its own start
        latency = healthz_seconds(live.url)
        answered_at = time.monotonic()
        assert latency < 1.0
        if answered_at - sent_at < HEADER_TIMEOUT - 0.5:  # answered while (at least) these were still held
            assert all(still_open(sock) for sock in slow[-20:])
        # Then the server cuts every one of them at the deadline.
        pending = {sock.fileno(): sock for sock in slow}
        poller = select.poll()  # not select(): these descriptors go past FD_SETSIZE
        for fd in pending:
            poller.register(fd, select.POLLIN | select.POLLHUP | select.POLLERR)
        deadline = sent_at + HEADER_TIMEOUT + 5
        while pending and time.monotonic() < deadline:
            for fd, _ in poller.poll(200):
                if fd in pending and not still_open(pending[fd]):
                    poller.unregister(fd)
                    del pending[fd]
        closed_after = time.monotonic() - sent_at
        assert not pending, f"{len(pending)} half-sent connections still open after {closed_after:.1f}s"
        assert closed_after < HEADER_TIMEOUT + 2.0
    finally:
        for sock in slow:
            sock.close()


def test_half_sent_headers_dribbling_are_cut_at_the_deadline(live):
    settled(live.url)
    sock = socket.create_connection(("127.0.0.1", live.port), timeout=5)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\n")
        start = time.monotonic()
        cut = None
        while time.monotonic() - start < HEADER_TIMEOUT + 4:
            try:
                sock.sendall(b"X")  # one byte now and then: a per-read timeout would never fire
            except OSError:
                cut = time.monotonic() - start
                break
            if not still_open(sock):
                cut = time.monotonic() - start
                break
            time.sleep(0.25)
        assert cut is not None and cut < HEADER_TIMEOUT + 1.5
    finally:
        sock.close()


def register_once(url: str, email: str) -> int:
    """Sign up through the real form (GET for the CSRF token, then POST); the response status."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         _NoRedirect())
    page = opener.open(url + "/register", timeout=30).read().decode()
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": csrf, "name": "Storm", "email": email,
                                   "password": "storm-password-1", "org_id": ""}).encode()
    try:
        return opener.open(url + "/register", data=form, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_registration_storm_does_not_stall_the_hub(live):
    settled(live.url)
    stop = threading.Event()
    statuses: list[int] = []

    def storm(worker: int) -> None:
        number = 0
        while not stop.is_set():
            number += 1
            statuses.append(register_once(live.url, f"storm-{live.port}-{worker}-{number}@example.org"))

    workers = [threading.Thread(target=storm, args=(n,), daemon=True) for n in range(20)]
    for worker in workers:
        worker.start()
    latencies = []
    try:
        time.sleep(0.5)  # let the storm build up
        end = time.monotonic() + 5
        while time.monotonic() < end:
            latencies.append(healthz_seconds(live.url, timeout=10))
            time.sleep(0.05)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies))]
    print(f"storm: {statuses.count(302)} sign-ups, /healthz p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms")
    assert statuses.count(302) >= 3, statuses  # the storm really signed people up (and hashed)
    assert p95 < 0.3, f"/healthz p95 {p95 * 1000:.0f} ms during the storm"


def test_large_responses_reach_a_slow_reader_whole_and_the_connection_serves_again(live):
    """Each response is written to the socket without a per-connection buffer (serving.SocketWriter): a reader
    that takes small bites gets every byte in order, and keep-alive still works. The OpenAPI document goes out
    in one write, a static file in 8 KiB pieces (tests/unit/test_serving.py covers sends cut short)."""
    with urllib.request.urlopen(live.url + "/api/v1/openapi.json", timeout=20) as response:
        openapi = response.read()
    wanted = {"/api/v1/openapi.json": openapi, "/static/vendor/yjs.js": (ROOT / "static/vendor/yjs.js").read_bytes()}
    assert all(len(body) > 64 * 1024 for body in wanted.values())
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window: the server's sends fall short
    sock.settimeout(20)
    sock.connect(("127.0.0.1", live.port))
    reader = sock.makefile("rb")
    try:
        for path, expected in [*wanted.items(), *wanted.items()]:  # one connection, each twice
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: identity\r\n\r\n".encode())
            time.sleep(0.2)  # let the server fill what the window and its send buffer take
            status = reader.readline()
            assert status.startswith(b"HTTP/1.1 200"), status
            headers = {}
            while (line := reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            length, body = int(headers["content-length"]), bytearray()
            while len(body) < length:
                piece = reader.read(min(1000, length - len(body)))
                assert piece, f"{path}: the connection closed after {len(body)} of {length} bytes"
                body += piece
                time.sleep(0.0002)  # a slow reader
            assert bytes(body) == expected, path
    finally:
        reader.close()
        sock.close()
