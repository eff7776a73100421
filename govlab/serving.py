"""Start the web server for `govlab run`, per async mode, sized for many idle WebSockets.

Imported lazily from `govlab.cli.run` only (with govlab/entry.py, the only modules that import eventlet
or gevent, besides the direct and on-demand writers this module enables under eventlet). eventlet and
gevent get a listener with a large backlog, a connection pool sized from GOVLAB_MAX_CONNECTIONS and the
file-descriptor limit, and a deadline for the request line and headers (GOVLAB_HEADER_TIMEOUT) that a slow
client cannot stretch; threading keeps Flask-SocketIO's werkzeug path.
Under eventlet an idle WebSocket is kept light: small connection buffers (SocketWriter, READ_BUFFER) and its
Engine.IO pings on a hub timer (use_ping_timers) instead of a sleeping green thread, and the frames browsers
send are unmasked in C (use_fast_unmasking); its writer runs only while it has packets queued
(realtime/on_demand_writers.py); a frame to a room is written straight to each WebSocket with nothing ahead
of it (realtime/direct_writes.py). Both set TCP_NODELAY on every connection (no_delay).
"""
from __future__ import annotations

import logging
import os
import resource
import time

log = logging.getLogger("govlab.serving")

DEFAULT_MAX_CONNECTIONS = 20000
DEFAULT_HEADER_TIMEOUT = 15.0
FD_RESERVE = 100  # descriptors kept for the database, logs, pipes and Redis, never handed to clients
MAX_BACKLOG = 4096
READ_BUFFER = 1024  # bytes of read-ahead per connection (eventlet: 8 KiB, kept by every WebSocket for life)


class SocketWriter:
    """A connection's response writer without a buffer of its own: each write is one `sendall`.

    eventlet gives every connection a 16 KiB buffered writer (unbuffered, its `writelines` could drop data
    on a partial send). A WebSocket never writes through it after its upgrade, yet kept it for its whole
    life: with the 8 KiB read buffer, a third of the memory of an idle socket. eventlet already hands each
    response to `writelines` whole, so this sends the same bytes in as many system calls.
    """

    def __init__(self, connection) -> None:
        self.connection = connection
        self.closed = False

    def write(self, data) -> int:
        """Send all of `data`; return its length."""
        self.connection.sendall(data)
        return len(data)

    def writelines(self, lines) -> None:
        """Send the lines as one piece."""
        self.connection.sendall(b"".join(lines))

    def flush(self) -> None:
        """Nothing is ever held back."""

    def close(self) -> None:
        """The connection itself is closed by the protocol."""
        self.closed = True


# -- Engine.IO's pings on a hub timer (eventlet) --------------------------------------------------------
# Engine.IO schedules each socket's next ping as a background task that sleeps `ping_interval` (25 s) and
# then queues a PING; under eventlet that is a started green thread per socket, and a sleeping green thread
# keeps its slice of the C stack on the heap (about 5 KiB; measured: 16 KiB for the three of each idle
# WebSocket). Here the wait is a timer of the hub (a few hundred bytes) that starts a green thread only when
# the ping is due. What the ping does is Engine.IO's own `Socket._send_ping` after its sleep; the task is
# recognised by that method, and without it (another Engine.IO) nothing is changed.

def ping_now(socket) -> None:
    """Queue a PING to `socket` unless it is closing (Engine.IO's `_send_ping` once its sleep is over)."""
    from engineio import packet

    if not socket.closing and not socket.closed:
        socket.last_ping = time.time()
        socket.send(packet.Packet(packet.PING))


def use_ping_timers(eio_server) -> bool:
    """Make `eio_server` (an eventlet Engine.IO server) wait for each ping on a hub timer; return whether it
    could. Every other background task starts as before."""
    import eventlet
    from engineio.socket import Socket

    send_ping = getattr(Socket, "_send_ping", None)
    if eio_server.async_mode != "eventlet" or send_ping is None:
        log.info("Engine.IO pings keep their green threads (async mode %s)", eio_server.async_mode)
        return False
    start_task = eio_server.start_background_task
    hub = eventlet.hubs.get_hub

    def start_background_task(target, *args, **kwargs):
        if getattr(target, "__func__", None) is send_ping and not args and not kwargs:
            hub().schedule_call_global(eio_server.ping_interval, eventlet.spawn_n, ping_now, target.__self__)
            return None  # Engine.IO never keeps the ping's task
        return start_task(target, *args, **kwargs)

    eio_server.start_background_task = start_background_task
    return True


# eventlet unmasks every frame a browser sends (RFC 6455: clients mask, servers do not) one byte at a time in
# Python: a generator step and a one-byte `bytes` per byte, a twentieth of the process's CPU while 50 people
# edit (bench/profiling). The same XOR over whole integers runs in C.

def apply_mask(data, mask, length=None, offset=0) -> bytes:
    """`data[:length]` XORed with the 4-byte `mask`, the mask starting at byte `offset` of itself (eventlet's
    `RFC6455WebSocket._apply_mask`, same arguments and result)."""
    if length is None:
        length = len(data)
    key = bytes(mask[(offset + index) % 4] for index in range(4))
    stream = (key * (length // 4 + 1))[:length]
    return (int.from_bytes(data[:length], "big") ^ int.from_bytes(stream, "big")).to_bytes(length, "big")


def use_fast_unmasking() -> bool:
    """Make eventlet's WebSocket unmask frames with `apply_mask`; return whether its method was there to
    replace (another eventlet: nothing is changed)."""
    from eventlet.websocket import RFC6455WebSocket

    if not isinstance(RFC6455WebSocket.__dict__.get("_apply_mask"), staticmethod):
        log.info("eventlet's WebSocket unmasks frames its own way")
        return False
    RFC6455WebSocket._apply_mask = staticmethod(apply_mask)
    return True


class HeaderDeadline(TimeoutError):
    """The request line and headers did not arrive within GOVLAB_HEADER_TIMEOUT."""


def raise_fd_limit() -> int:
    """Raise RLIMIT_NOFILE's soft limit to the hard limit; return the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as error:
            log.warning("could not raise the file-descriptor limit from %s to %s: %s", soft, target, error)
    return soft if soft != resource.RLIM_INFINITY else 1 << 20


def max_connections(fd_limit: int, fds_per_connection: int = 1) -> int:
    """GOVLAB_MAX_CONNECTIONS (default 20,000), never more than the descriptors left after the reserve."""
    try:
        wanted = int(os.environ.get("GOVLAB_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS))
    except ValueError:
        wanted = DEFAULT_MAX_CONNECTIONS
    return max(1, min(wanted if wanted > 0 else DEFAULT_MAX_CONNECTIONS,
                      (fd_limit - FD_RESERVE) // fds_per_connection))


def header_timeout() -> float:
    """GOVLAB_HEADER_TIMEOUT seconds for a request line and its headers (default 15)."""
    try:
        value = float(os.environ.get("GOVLAB_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT))
    except ValueError:
        return DEFAULT_HEADER_TIMEOUT
    return value if 0 < value <= 3600 else DEFAULT_HEADER_TIMEOUT


def backlog() -> int:
    """The listen backlog: the kernel's somaxconn, at most 4,096 (a burst of connects queues, not fails)."""
    try:
        with open("/proc/sys/net/core/somaxconn") as handle:
            return max(128, min(int(handle.read().strip()), MAX_BACKLOG))
    except (OSError, ValueError):
        return 1024


def serve(socketio, app, host: str, port: int) -> None:
    """Serve `app` (the Flask app, whose wsgi_app is Flask-SocketIO's middleware) until stopped."""
    mode = socketio.server.eio.async_mode
    if mode == "threading":
        socketio.run(app, host=host, port=port, debug=False, use_reloader=False, log_output=False,
                     allow_unsafe_werkzeug=True)
        return
    fds = raise_fd_limit()
    # Under gevent a WebSocket holds two descriptors: simple-websocket works on a dup() of the socket.
    per_connection = 2 if mode == "gevent" else 1
    limits = {"fd_limit": fds, "max_connections": max_connections(fds, per_connection),
              "header_timeout": header_timeout(), "backlog": backlog()}
    print("GovLab limits: " + ", ".join(f"{key}={value}" for key, value in limits.items()), flush=True)
    direct = False
    if mode == "eventlet":
        from .realtime.direct_writes import use_direct_writes
        from .realtime.on_demand_writers import use_on_demand_writers

        use_ping_timers(socketio.server.eio)  # no green thread per socket sleeps until its next ping
        use_on_demand_writers(socketio.server.eio)  # nor one waits for packets: an idle WebSocket keeps one
        use_fast_unmasking()
        direct = use_direct_writes(socketio.server)  # a room's frame: framed once, written without a queue
    print(f"GovLab room frames: {'direct writes' if direct else 'queued'}", flush=True)
    if mode == "eventlet":
        _serve_eventlet(app, host, port, limits)
    elif mode == "gevent":
        _serve_gevent(socketio, app, host, port, limits)
    else:
        raise RuntimeError(f"unknown async mode {mode!r}")


def no_delay(connection) -> None:
    """Send each write at once (TCP_NODELAY). A board's frames are small and close together: with Nagle's
    algorithm the kernel holds a frame back until the peer acknowledges the one before, which a peer delays
    by up to 40 ms (bench/fanout's p99 at 1 op/s per client, 50 clients: 40-46 ms with it, 25-36 without)."""
    import socket

    try:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        pass  # not a TCP socket (a Unix socket behind a proxy): nothing is held back there


def eventlet_protocol(deadline_seconds: float):
    """eventlet's HttpProtocol with the header deadline, small buffers and TCP_NODELAY."""
    import eventlet
    import eventlet.wsgi

    class DeadlineProtocol(eventlet.wsgi.HttpProtocol):
        """One deadline for the request line and headers, idle keep-alive waits included.

        A per-read socket timeout would let a client send a byte every few seconds forever; this is a
        timer started before the request line and cancelled once the headers are parsed, so a WebSocket
        (which stays inside the application after its upgrade) is never subject to it. Its buffers are small
        (READ_BUFFER, SocketWriter): a connection that becomes a WebSocket keeps them as long as it lives.
        """

        rbufsize = READ_BUFFER

        def setup(self):
            super().setup()
            no_delay(self.connection)
            self.wfile.close()  # eventlet's 16 KiB buffered writer, still empty: released at once
            self.wfile = SocketWriter(self.connection)

        def handle_one_request(self):
            self._deadline = eventlet.Timeout(deadline_seconds, HeaderDeadline())
            try:
                super().handle_one_request()
            finally:
                self._deadline.cancel()

        def parse_request(self):
            try:
                return super().parse_request()
            finally:
                self._deadline.cancel()

    return DeadlineProtocol


def gevent_handler(deadline_seconds: float):
    """gevent's WSGIHandler with the header deadline and TCP_NODELAY."""
    import gevent
    from gevent import pywsgi

    class DeadlineHandler(pywsgi.WSGIHandler):
        """gevent's equivalent of the eventlet protocol above: one timer per request's head."""

        def handle(self):
            no_delay(self.socket)  # simple-websocket's dup() of it shares the option
            return super().handle()

        def handle_one_request(self):
            self._deadline = gevent.Timeout(deadline_seconds, HeaderDeadline())
            self._deadline.start()
            try:
                return super().handle_one_request()
            except HeaderDeadline:
                return None  # None closes the connection
            finally:
                self._deadline.cancel()

        def read_request(self, raw_requestline):
            try:
                return super().read_request(raw_requestline)
            finally:
                self._deadline.cancel()

        def _handle_client_error(self, ex):
            if isinstance(ex, HeaderDeadline):
                return None  # a slow client: close quietly, no 400 and no traceback
            return super()._handle_client_error(ex)

    return DeadlineHandler


def _serve_eventlet(app, host: str, port: int, limits: dict) -> None:
    import eventlet
    import eventlet.green.socket
    import eventlet.wsgi

    # Server.process_request closes the connection on socket.timeout, of which HeaderDeadline is a kind.
    addresses = eventlet.green.socket.getaddrinfo(host, port)
    if not addresses:
        raise RuntimeError("Could not resolve host to a valid address")
    listener = eventlet.listen(addresses[0][4], addresses[0][0], backlog=limits["backlog"])
    eventlet.wsgi.server(listener, app, max_size=limits["max_connections"],
                         protocol=eventlet_protocol(limits["header_timeout"]), log_output=False)


def _serve_gevent(socketio, app, host: str, port: int, limits: dict) -> None:
    from gevent import pywsgi
    from gevent.pool import Pool

    # The same object Flask-SocketIO's run() would serve, kept on socketio so that socketio.stop() works.
    server = pywsgi.WSGIServer((host, port), app, backlog=limits["backlog"], spawn=Pool(limits["max_connections"]),
                               handler_class=gevent_handler(limits["header_timeout"]), log=None)
    socketio.wsgi_server = server
    server.serve_forever()
