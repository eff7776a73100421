"""One frame to a room's WebSockets: framed once, written straight to each socket with nothing ahead of it.

Engine.IO sends every packet through a socket's queue and writer green thread, which encodes and frames
it again for that socket: an `ops` frame to a room of 200 costs 200 queue puts, 200 hub timers, 400
green-thread switches and 200 encodings, and the writes are spread over the hub's other work
(bench/profiling at 200 clients: a third of the process's CPU). Under eventlet a socket whose queue is
empty and that nothing is writing to (no send in progress, its send lock free) has nothing ahead of the
frame, so it is written to the kernel at once with one non-blocking send. Anything else — a packet already
queued, a send in progress, a full socket buffer, compression, TLS, another async mode — goes through
Engine.IO's queue as before, so a socket receives everything in the order it was sent. A frame the kernel
takes only in part keeps the socket's send lock until a green thread has sent the rest: nothing can be
written in between, and a slow client delays no one else.
"""
from __future__ import annotations

import logging
import socket as stdlib_socket
import struct

log = logging.getLogger(__name__)

# Kept at module level, not on the objects: an attribute added to an instance after its __init__ turns its
# compact dictionary into a full one (about 0.85 KB per WebSocket at 10,000 sockets), and a closure stored
# on the WebSocket would make a reference cycle that only the cyclic collector frees.
_websockets: dict[str, object] = {}  # Engine.IO session id -> its eventlet WebSocket, while its handler runs
_sends_in_progress: dict[int, int] = {}  # id(WebSocket) -> sends under way through it; no entry means none


def websocket_of(eio_sid: str):
    """The eventlet WebSocket of an Engine.IO session while its WebSocket handler runs, else None."""
    return _websockets.get(eio_sid)


def sends_in_progress(ws) -> int:
    """How many sends through `ws` are under way (Engine.IO's writer, eventlet's pongs and close frame)."""
    return _sends_in_progress.get(id(ws), 0)


def text_frame(text: str) -> bytes:
    """The unmasked, final RFC 6455 text frame a server sends to carry `text`."""
    data = text.encode("utf-8")
    length = len(data)
    if length <= 125:
        header = struct.pack("!BB", 0x81, length)
    elif length <= 0xFFFF:
        header = struct.pack("!BBH", 0x81, 126, length)
    else:
        header = struct.pack("!BBQ", 0x81, 127, length)
    return header + data


def _count_sends(websocket_class) -> None:
    """Count every send through a WebSocket of `websocket_class` (patched once on the class)."""
    send = websocket_class.__dict__["send"]
    if getattr(send, "counts_sends", False):
        return

    def counted_send(self, message, **options):
        # Every send of a WebSocket comes through here: Engine.IO's writer (a packet it has taken from the
        # queue is ahead of any frame written directly, even while it waits for the send lock, which a
        # direct write could otherwise take the moment it is released) and eventlet's own control frames (a
        # pong, the close frame). The writer never yields between the packets of one batch it polled except
        # inside such a send, so while it holds packets this count is above zero.
        key = id(self)
        _sends_in_progress[key] = _sends_in_progress.get(key, 0) + 1
        try:
            return send(self, message, **options)
        finally:
            left = _sends_in_progress[key] - 1
            if left:
                _sends_in_progress[key] = left
            else:
                del _sends_in_progress[key]

    counted_send.counts_sends = True
    websocket_class.send = counted_send


def keep_websockets() -> bool:
    """Make each Engine.IO session's WebSocket findable (websocket_of) while its handler runs, and count the
    sends through it; return whether Engine.IO has the handler to wrap (another Engine.IO: nothing is
    changed, and every packet goes through the queue)."""
    from engineio.socket import Socket
    from eventlet.websocket import RFC6455WebSocket

    handler = Socket.__dict__.get("_websocket_handler")
    if handler is None or "send" not in RFC6455WebSocket.__dict__:
        return False
    _count_sends(RFC6455WebSocket)
    if getattr(handler, "keeps_websocket", False):
        return True

    def _websocket_handler(self, ws):
        # A second upgrade request for the same session must neither take over nor forget the first's
        # WebSocket: only the first is kept, and only its own handler forgets it.
        sid = self.sid
        _websockets.setdefault(sid, ws)
        try:
            return handler(self, ws)
        finally:
            if _websockets.get(sid) is ws:
                del _websockets[sid]

    _websocket_handler.keeps_websocket = True
    Socket._websocket_handler = _websocket_handler
    return True


class DirectWriter:
    """Writes a shared frame to an eventlet Engine.IO socket at once when nothing is ahead of it."""

    def __init__(self, eio_server) -> None:
        import eventlet
        from eventlet.greenio import GreenSocket
        from eventlet.websocket import RFC6455WebSocket

        self.eio = eio_server
        self.spawn = eventlet.spawn_n
        self.green_socket_class = GreenSocket  # a plain TCP connection (TLS and others are queued)
        self.websocket_class = RFC6455WebSocket
        self.written_directly = 0  # counts, read by bench/direct_writes and the tests
        self.left_to_queue = 0

    def write(self, eio_sid: str, frame: bytes) -> bool:
        """Write `frame` (from text_frame) to the socket at once and return True (True too when Engine.IO
        closes the socket for unanswered pings, and the frame is dropped as its own send would drop it);
        False when it must go through the socket's queue instead, which the caller then does (something is
        ahead of it, or the socket cannot take it now, or it is unknown or closed)."""
        socket = self.eio.sockets.get(eio_sid)
        ws = _websockets.get(eio_sid)
        if (ws is None or socket is None or not socket.upgraded or socket.upgrading or socket.closing
                or socket.closed or socket.queue.qsize() or id(ws) in _sends_in_progress
                or type(ws) is not self.websocket_class
                or ws.websocket_closed or ws.extensions.get("permessage-deflate")
                or type(ws.socket) is not self.green_socket_class):
            self.left_to_queue += 1
            return False
        if not socket.check_ping_timeout():  # Engine.IO closes a socket whose pings went unanswered
            return True
        lock = ws._sendlock
        if not lock.acquire(blocking=False):  # the rest of an earlier frame is still being sent
            self.left_to_queue += 1
            return False
        try:
            sent = ws.socket.fd.send(frame)
        except OSError:  # a full buffer (BlockingIOError) or a broken connection: the writer deals with both
            lock.release()
            self.left_to_queue += 1
            return False
        self.written_directly += 1
        if sent < len(frame):
            # One green thread per socket at most (the lock makes later frames queue), living until this
            # client has read enough: the price of never waiting for a slow reader here.
            self.spawn(self._send_rest, ws, lock, memoryview(frame)[sent:])
        else:
            lock.release()
        return True

    @staticmethod
    def _send_rest(ws, lock, rest) -> None:
        """Send the rest of a frame the kernel took in part, holding the socket's send lock throughout."""
        try:
            ws.socket.sendall(rest)
        except OSError:
            # Half a frame went out: nothing after it would parse. End the connection (its reader sees it).
            try:
                ws.socket.shutdown(stdlib_socket.SHUT_RDWR)
            except OSError:
                pass
        finally:
            lock.release()


def use_direct_writes(sio_server) -> bool:
    """Let the Socket.IO server's manager write room frames straight to eventlet WebSockets; return whether
    it could (another async mode, Engine.IO or manager: every packet goes through the queue as before)."""
    if sio_server.eio.async_mode != "eventlet" or not hasattr(sio_server.manager, "direct_writer"):
        log.info("room frames go through Engine.IO's queue (async mode %s)", sio_server.eio.async_mode)
        return False
    if not keep_websockets():
        log.info("Engine.IO has no WebSocket handler to wrap: room frames go through its queue")
        return False
    sio_server.manager.direct_writer = DirectWriter(sio_server.eio)
    return True
