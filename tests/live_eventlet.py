"""A python-socketio server under eventlet in this process, and WebSocket clients that speak Engine.IO 4 /
Socket.IO 5 by hand, reading only when told to: the real stack that realtime/direct_writes.py and
realtime/on_demand_writers.py change, without a browser or a server process."""
from __future__ import annotations

import base64
import json
import os
import socket
import struct
from contextlib import contextmanager

import eventlet
import eventlet.wsgi
import socketio
from eventlet.green import socket as green_socket

from govlab.realtime import direct_writes
from govlab.realtime.managers import ChunkedDelivery
from govlab.realtime.on_demand_writers import use_on_demand_writers
from govlab.serving import use_ping_timers


class RawClient:
    """A WebSocket client that speaks Engine.IO 4 / Socket.IO 5 by hand, reading only when told to."""

    def __init__(self, port: int, receive_buffer: int | None = None,
                 path: str = "/socket.io/?EIO=4&transport=websocket", handshake: bool = True) -> None:
        """Connect; with `handshake`, read Engine.IO's open and join the default namespace (an upgrade of a
        polling session, `path` with its sid, has neither)."""
        self.sock = green_socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
        if not handshake:
            return
        assert self.next_text().startswith("0")  # Engine.IO open
        self.send_text("40")
        assert self.next_text().startswith("40")  # Socket.IO connected

    def _recv(self) -> bytes:
        chunk = self.sock.recv(65536)
        assert chunk, "the server closed the connection"
        return chunk

    def _take(self, count: int) -> bytes:
        while len(self.buffer) < count:
            self.buffer += self._recv()
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def next_frame(self) -> tuple[int, bytes]:
        """The next frame's opcode and payload (the server never fragments nor masks)."""
        first, second = self._take(2)
        assert first & 0x80, f"not a final frame: {first:#x}"
        assert not second & 0x80
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._take(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._take(8))[0]
        return first & 0x0F, self._take(length)

    def next_text(self) -> str:
        """The next frame, which must be a text frame."""
        opcode, payload = self.next_frame()
        assert opcode == 1, f"not a text frame: opcode {opcode}"
        return payload.decode("utf-8")

    def send_control(self, opcode: int, payload: bytes) -> None:
        """Send a masked control frame (ping 9, close 8)."""
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(struct.pack("!BB", 0x80 | opcode, 0x80 | len(payload)) + mask + masked)

    def read_to_end(self) -> bytes:
        """Everything until the server closes the connection."""
        data, self.buffer = self.buffer, b""
        while chunk := self.sock.recv(65536):
            data += chunk
        return data

    def next_event(self) -> tuple[str, dict]:
        """The next Socket.IO event, skipping Engine.IO pings."""
        while True:
            text = self.next_text()
            if text.startswith("42"):
                body = text[2:]
                while body[0].isdigit():  # an ack id
                    body = body[1:]
                name, data = json.loads(body)
                return name, data

    def send_text(self, text: str) -> None:
        data = text.encode()
        mask = os.urandom(4)
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(data))
        self.sock.sendall(struct.pack("!BB", 0x81, 0x80 | len(data)) + mask + masked)

    def close(self) -> None:
        self.sock.close()


@contextmanager
def live_server(monkeypatch, on_demand_writers: bool):
    """A python-socketio server under eventlet with GovLab's manager, ping timers and direct writes (and, if
    asked, on-demand writers, as `govlab run` has); every client joins the room `board`. `live.client()` opens a
    RawClient that is closed afterwards."""
    from engineio.socket import Socket
    from eventlet.websocket import RFC6455WebSocket

    monkeypatch.setattr(Socket, "_websocket_handler", Socket._websocket_handler)  # restored afterwards
    monkeypatch.setattr(RFC6455WebSocket, "send", RFC6455WebSocket.send)
    server = socketio.Server(async_mode="eventlet", client_manager=ChunkedDelivery())
    assert use_ping_timers(server.eio)  # as `govlab run` does: no green thread sleeps until a ping
    if on_demand_writers:
        assert use_on_demand_writers(server.eio)
    sids, disconnects, clients = [], [], []

    @server.event
    def connect(sid, environ):
        server.enter_room(sid, "board")
        sids.append(sid)

    @server.event
    def disconnect(sid, reason=None):
        disconnects.append((sid, reason))

    assert direct_writes.use_direct_writes(server)
    listener = eventlet.listen(("127.0.0.1", 0))
    serving = eventlet.spawn(eventlet.wsgi.server, listener, socketio.WSGIApp(server), log_output=False)

    def client(**options) -> RawClient:
        clients.append(RawClient(listener.getsockname()[1], **options))
        return clients[-1]

    server.client, server.test_sids, server.disconnects = client, sids, disconnects
    server.port = listener.getsockname()[1]
    try:
        yield server
    finally:
        for raw in clients:
            raw.close()
        serving.kill()
        listener.close()


