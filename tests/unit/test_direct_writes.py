"""Room frames written straight to eventlet WebSockets (realtime/direct_writes.py), on a real python-socketio
server in this process and hand-made WebSocket clients: the framing, the order of everything a socket
receives, and a client that stops reading."""
from __future__ import annotations

import base64
import json
import os
import socket
import struct

import eventlet
import eventlet.wsgi
import pytest
import socketio
from eventlet.green import socket as green_socket
from eventlet.websocket import RFC6455WebSocket

from govlab.realtime import direct_writes
from govlab.realtime.managers import ChunkedDelivery


def test_text_frame_is_the_frame_eventlet_would_send():
    ws = RFC6455WebSocket(None, {}, version=13)
    for text in ("", "4", "x" * 125, "x" * 126, "x" * 65535, "x" * 65536, "42/board,[\"ops\",\"ข้อความภาษาไทย\"]"):
        assert direct_writes.text_frame(text) == ws._pack_message(text), len(text)


class RawClient:
    """A WebSocket client that speaks Engine.IO 4 / Socket.IO 5 by hand, reading only when told to."""

    def __init__(self, port: int, receive_buffer: int | None = None) -> None:
        self.sock = green_socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if receive_buffer:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head
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


@pytest.fixture
def live(monkeypatch):
    """A python-socketio server under eventlet with GovLab's manager and direct writes; every client joins
    the room `board`. `live.client()` opens a RawClient that is closed afterwards."""
    from engineio.socket import Socket

    monkeypatch.setattr(Socket, "_websocket_handler", Socket._websocket_handler)  # restored afterwards
    server = socketio.Server(async_mode="eventlet", client_manager=ChunkedDelivery())
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
    yield server
    for raw in clients:
        raw.close()
    serving.kill()
    listener.close()


def server_side_socket(live, index: int = 0):
    """The server's end of the index-th client's connection."""
    engine_socket = live.eio.sockets[live.manager.eio_sid_from_sid(live.test_sids[index], "/")]
    return getattr(engine_socket, direct_writes.WEBSOCKET_ATTRIBUTE).socket


def test_room_frames_go_straight_out_yet_never_overtake_a_queued_packet(live):
    """Frames to the room go out at once; the first socket also gets packets through Engine.IO's queue (as acks
    and pings do) in between, and every socket still receives everything in the order it was sent."""
    clients = [live.client() for _ in range(3)]
    writer = live.manager.direct_writer
    first_sid = live.test_sids[0]
    expected = []
    for number in range(40):
        live.emit("ops", {"n": number}, to="board")
        expected.append(("ops", {"n": number}))
        if number % 3 == 0:  # with a callback: an ack id for this socket, so it goes through its queue
            live.emit("ops", {"n": number, "queued": True}, to=first_sid, callback=lambda *args: None)
            expected.append(("ops", {"n": number, "queued": True}))
        if number % 6 == 3:
            eventlet.sleep(0)  # the first socket's writer empties its queue
    with eventlet.Timeout(10):
        received = [[client.next_event() for _ in range(len(expected) if index == 0 else 40)]
                    for index, client in enumerate(clients)]
    assert received[0] == expected
    assert received[1] == received[2] == [("ops", {"n": number}) for number in range(40)]
    # The first socket's frames 1-3 of every six waited behind a queued packet (21 of its 40); every other
    # copy went straight out.
    assert (writer.written_directly, writer.left_to_queue) == (80 + 19, 21)


def test_a_client_that_stops_reading_gets_every_frame_whole_and_in_order_and_delays_no_one(live):
    """Frames far bigger than the socket buffers: the kernel takes them in part, the rest is sent while the
    emits go on, and frames behind it queue. The other client and the emitter are never held up."""
    slow = live.client(receive_buffer=4096)
    fast = live.client()
    server_side_socket(live).setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)  # the kernel takes frames in part
    writer = live.manager.direct_writer
    padding = "ข" * 20_000  # 60 kB a frame, in Thai: UTF-8 of three bytes a character
    with eventlet.Timeout(10, AssertionError("the emits or the fast client waited for the slow one")):
        for number in range(60):
            live.emit("ops", {"n": number, "pad": padding}, to="board")
            assert fast.next_event() == ("ops", {"n": number, "pad": padding})
    assert writer.left_to_queue >= 1  # the slow socket's buffer was full: its later frames went to its queue

    def emit_more():
        for number in range(60, 120):
            live.emit("ops", {"n": number, "pad": padding}, to="board")
            eventlet.sleep(0.001)

    emitter = eventlet.spawn(emit_more)  # frames keep coming while the slow client catches up
    with eventlet.Timeout(20, AssertionError("the slow client did not get every frame")):
        for number in range(120):
            name, data = slow.next_event()
            assert (name, data["n"], data["pad"] == padding) == ("ops", number, True)
        emitter.wait()
        for number in range(60, 120):
            assert fast.next_event()[1]["n"] == number


def test_a_frame_never_jumps_ahead_of_one_the_writer_waits_to_send(live, monkeypatch):
    """The moment the rest of a part-sent frame is out and the send lock is free, Engine.IO's writer may still
    be waiting for that lock with a packet it took from the queue: a frame emitted then must go after it."""
    slow = live.client(receive_buffer=4096)
    big = "x" * 300_000
    send_rest = direct_writes.DirectWriter._send_rest

    def send_rest_then_emit(ws, lock, rest):
        send_rest(ws, lock, rest)  # the lock is free now; the writer has not run yet
        live.emit("ops", {"n": 2}, to="board")

    monkeypatch.setattr(direct_writes.DirectWriter, "_send_rest", staticmethod(send_rest_then_emit))
    server_side_socket(live).setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)  # the kernel takes frames in part
    live.emit("ops", {"n": 0, "pad": big}, to="board")  # taken in part: the rest holds the send lock
    live.emit("ops", {"n": 1, "pad": big}, to="board")  # behind it: queued
    for _ in range(10):
        eventlet.sleep(0)  # the writer takes frame 1 from the queue and waits for the lock
    (engine_socket,) = live.eio.sockets.values()
    assert getattr(engine_socket, direct_writes.WEBSOCKET_ATTRIBUTE).sends_in_progress == 1
    with eventlet.Timeout(10):
        assert [slow.next_event()[1]["n"] for _ in range(3)] == [0, 1, 2]


def test_a_client_ping_is_answered_and_the_socket_goes_on(live):
    """eventlet answers a WebSocket ping itself, through the same send as Engine.IO's writer."""
    client = live.client()
    client.send_control(9, b"hi")
    with eventlet.Timeout(5):
        assert client.next_frame() == (0xA, b"hi")
        live.emit("ops", {"n": 1}, to="board")
        assert client.next_event() == ("ops", {"n": 1})
    assert live.manager.direct_writer.written_directly == 1


def test_a_client_that_closes_is_gone_at_once(live):
    """A closing tab sends a close frame: eventlet answers it, and the session ends then, not at the ping
    timeout."""
    client = live.client()
    (sid,) = live.test_sids
    client.send_control(8, struct.pack("!H", 1000))
    with eventlet.Timeout(5, AssertionError("the session outlived its WebSocket")):
        while not live.disconnects:
            eventlet.sleep(0.01)
    assert live.disconnects == [(sid, live.reason.TRANSPORT_CLOSE)]
    assert not live.eio.sockets
    with eventlet.Timeout(5):
        assert client.read_to_end().startswith(b"\x88")  # the close frame echoed, then the end


def test_a_connection_the_server_ends_gets_a_close_frame_and_the_end(live):
    """Engine.IO's goodbye, a close frame (sent by eventlet through the counted send), then EOF."""
    client = live.client()
    live.emit("ops", {"n": 1}, to="board")
    live.eio.disconnect(live.manager.eio_sid_from_sid(live.test_sids[0], "/"))
    with eventlet.Timeout(5):
        assert client.next_event() == ("ops", {"n": 1})
        frames = []
        while not frames or frames[-1][0] != 8:
            frames.append(client.next_frame())
        assert client.read_to_end() == b""
    assert (1, b"1") in frames  # Engine.IO's close packet


def test_an_unknown_or_closed_socket_is_left_to_engineio(live):
    writer = live.manager.direct_writer
    assert writer.write("no-such-socket", direct_writes.text_frame("42[]")) is False
    assert writer.left_to_queue == 1


def test_nothing_changes_outside_eventlet():
    server = socketio.Server(async_mode="threading", client_manager=ChunkedDelivery())
    assert not direct_writes.use_direct_writes(server)
    assert server.manager.direct_writer is None
