"""Room frames written straight to eventlet WebSockets (realtime/direct_writes.py), on a real python-socketio
server in this process and hand-made WebSocket clients: the framing, the order of everything a socket
receives, and a client that stops reading."""
from __future__ import annotations

import socket
import struct

import eventlet
import pytest
import socketio
from eventlet.websocket import RFC6455WebSocket

from govlab.realtime import direct_writes
from govlab.realtime.managers import ChunkedDelivery
from tests.live_eventlet import live_server


def test_text_frame_is_the_frame_eventlet_would_send():
    ws = RFC6455WebSocket(None, {}, version=13)
    for text in ("", "4", "x" * 125, "x" * 126, "x" * 65535, "x" * 65536, "42/board,[\"ops\",\"ข้อความภาษาไทย\"]"):
        assert direct_writes.text_frame(text) == ws._pack_message(text), len(text)


@pytest.fixture(params=["on-demand writers", "engineio writers"])
def live(request, monkeypatch):
    """The live server, with each WebSocket's queued packets sent as `govlab run` sends them (a green thread
    started on demand) and as Engine.IO alone does (a writer per socket): direct writes must hold with both."""
    with live_server(monkeypatch, on_demand_writers=request.param == "on-demand writers") as server:
        yield server


def server_side_socket(live, index: int = 0):
    """The server's end of the index-th client's connection."""
    engine_socket = live.eio.sockets[live.manager.eio_sid_from_sid(live.test_sids[index], "/")]
    return direct_writes.websocket_of(engine_socket.sid).socket


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
    assert direct_writes.sends_in_progress(direct_writes.websocket_of(engine_socket.sid)) == 1
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


def test_a_websocket_carries_nothing_extra_and_leaves_nothing_behind(live):
    """What a WebSocket needs for direct writes is kept off it (an attribute added after __init__ costs each of
    10,000 sockets a full instance dictionary), and a closed session leaves no entry in either table."""
    client = live.client()
    (engine_socket,) = live.eio.sockets.values()
    ws = direct_writes.websocket_of(engine_socket.sid)
    assert set(vars(ws)) == set(vars(RFC6455WebSocket(None, {}, version=13)))
    assert "govlab" not in " ".join(vars(engine_socket))
    live.emit("ops", {"n": 1}, to="board")
    with eventlet.Timeout(5):
        assert client.next_event() == ("ops", {"n": 1})
    client.send_control(8, struct.pack("!H", 1000))
    with eventlet.Timeout(5, AssertionError("the session outlived its WebSocket")):
        while not live.disconnects or direct_writes.websocket_of(engine_socket.sid) is not None:
            eventlet.sleep(0.01)
    assert direct_writes.sends_in_progress(ws) == 0
    assert id(ws) not in direct_writes._sends_in_progress


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
