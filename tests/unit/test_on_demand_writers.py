"""Each WebSocket's queued packets are sent from a green thread started on demand, not by a writer waiting for
the connection's life (realtime/on_demand_writers.py), on a real python-socketio server in this process."""
from __future__ import annotations

import gc
import json
import socket
import struct

import eventlet
import greenlet
import pytest
import socketio
from engineio import packet
from eventlet.green import socket as green_socket

from govlab.realtime import direct_writes
from govlab.realtime.on_demand_writers import OnDemandWriter, use_on_demand_writers, writer_closure_values
from tests.live_eventlet import RawClient, live_server


@pytest.fixture
def live(monkeypatch):
    with live_server(monkeypatch, on_demand_writers=True) as server:
        yield server


def running_green_threads() -> int:
    """Green threads started and not finished (each keeps its stack on the heap while it waits)."""
    return sum(1 for thing in gc.get_objects()
               if isinstance(thing, greenlet.greenlet) and thing and not thing.dead)


def settle(condition, seconds: float = 5.0) -> None:
    """Let the hub run until `condition()` holds."""
    with eventlet.Timeout(seconds, AssertionError("the condition never held")):
        while not condition():
            eventlet.sleep(0.005)


def engine_socket(live, index: int = 0):
    return live.eio.sockets[live.manager.eio_sid_from_sid(live.test_sids[index], "/")]


@pytest.mark.parametrize("on_demand", [True, False], ids=["on-demand writers", "engineio writers"])
def test_an_idle_websocket_keeps_one_green_thread_instead_of_two(monkeypatch, on_demand):
    """Engine.IO alone keeps a reader and a writer per WebSocket; with on-demand writers only the reader."""
    with live_server(monkeypatch, on_demand_writers=on_demand) as live:
        live.client()  # the server's own green threads are running from here on
        settle(lambda: len(live.test_sids) == 1)
        before = running_green_threads()
        for _ in range(20):
            live.client()
        settle(lambda: len(live.test_sids) == 21)
        eventlet.sleep(0.05)
        assert running_green_threads() - before == (20 if on_demand else 40)


def test_queued_packets_go_out_in_order_and_the_green_thread_ends(live):
    client = live.client()
    settle(lambda: live.test_sids)
    socket_ = engine_socket(live)
    before = running_green_threads()
    for number in range(50):
        socket_.send(packet.Packet(packet.MESSAGE, data=f"2[\"n\",{number}]"))
    with eventlet.Timeout(5):
        assert [client.next_event() for _ in range(50)] == [("n", number) for number in range(50)]
    writer = socket_.queue.writer
    settle(lambda: not writer.running)
    assert running_green_threads() == before
    socket_.send(packet.Packet(packet.MESSAGE, data="2[\"n\",50]"))  # a later packet wakes a new one
    with eventlet.Timeout(5):
        assert client.next_event() == ("n", 50)


def test_room_frames_and_queued_packets_keep_their_order(live):
    """Acks and pings go through the queue, room frames straight out: each socket gets them in sent order."""
    client = live.client()
    settle(lambda: live.test_sids)
    socket_ = engine_socket(live)
    expected = []
    for number in range(30):
        if number % 3:
            live.emit("n", number, to="board")
        else:
            socket_.send(packet.Packet(packet.MESSAGE, data=f"2[\"n\",{number}]"))
        expected.append(("n", number))
    with eventlet.Timeout(5):
        assert [client.next_event() for _ in range(30)] == expected


@pytest.mark.parametrize("on_demand", [True, False], ids=["on-demand writers", "engineio writers"])
def test_a_failed_send_ends_the_connection_as_engineio_does(monkeypatch, on_demand):
    """A send that fails (the client is gone) ends the WebSocket, and the session ends when the client's end
    is closed, with or without on-demand writers; nothing more is sent after it."""
    with live_server(monkeypatch, on_demand_writers=on_demand) as live:
        client = live.client()
        settle(lambda: live.test_sids)
        socket_ = engine_socket(live)
        ws = direct_writes.websocket_of(socket_.sid)
        writer = getattr(socket_.queue, "writer", None)

        def broken_send(message, **options):
            raise BrokenPipeError("the client is gone")

        monkeypatch.setattr(ws, "send", broken_send)
        socket_.send(packet.Packet(packet.MESSAGE, data="2[\"n\",1]"))
        with eventlet.Timeout(5):
            assert client.read_to_end() == b""  # the server ended the connection (no close frame: sends fail)
        client.close()
        settle(lambda: live.disconnects)
        assert live.disconnects == [(live.test_sids[0], live.reason.TRANSPORT_CLOSE)]
        assert not live.eio.sockets
        if on_demand:
            assert writer.finished and socket_.queue.writer is None
            before = running_green_threads()
            socket_.queue.put(packet.Packet(packet.NOOP))  # nothing more is sent: no green thread starts
            assert running_green_threads() == before and not writer.running


def test_the_server_ending_a_session_sends_the_goodbye_then_ends_the_connection(live):
    client = live.client()
    settle(lambda: live.test_sids)
    socket_ = engine_socket(live)
    writer = socket_.queue.writer
    live.eio.disconnect(socket_.sid)
    with eventlet.Timeout(5):
        frames = []
        while not frames or frames[-1][0] != 8:
            frames.append(client.next_frame())
        assert client.read_to_end() == b""
    assert (1, b"1") in frames  # Engine.IO's close packet, then the WebSocket close frame
    assert writer.finished


def http(port: int, method: str, path: str, body: bytes = b"") -> str:
    """One HTTP/1.1 request on its own connection; the response body."""
    with green_socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(("127.0.0.1", port))
        sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     f"Content-Length: {len(body)}\r\nContent-Type: text/plain\r\n\r\n".encode() + body)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    head, _, content = response.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    return content.decode()


def test_packets_queued_while_a_polling_session_upgrades_are_sent_on_the_websocket(live):
    """A session that starts on long-polling (the Socket.IO client's default) and upgrades: what the server
    sends between the probe and the upgrade waits in the queue, and goes out on the WebSocket."""
    port = live.port
    opened = http(port, "GET", "/socket.io/?EIO=4&transport=polling")
    sid = json.loads(opened[1:])["sid"]
    assert http(port, "POST", f"/socket.io/?EIO=4&transport=polling&sid={sid}", b"40") == "OK"
    assert http(port, "GET", f"/socket.io/?EIO=4&transport=polling&sid={sid}").startswith("40")
    upgrading = RawClient(port, path=f"/socket.io/?EIO=4&transport=websocket&sid={sid}", handshake=False)
    try:
        upgrading.send_text("2probe")
        with eventlet.Timeout(5):
            assert upgrading.next_text() == "3probe"
        socket_ = live.eio.sockets[sid]
        for number in range(3):
            socket_.send(packet.Packet(packet.MESSAGE, data=f"2[\"n\",{number}]"))
        upgrading.send_text("5")
        with eventlet.Timeout(5):
            assert [upgrading.next_event() for _ in range(3)] == [("n", 0), ("n", 1), ("n", 2)]
        assert isinstance(socket_.queue.writer, OnDemandWriter)
    finally:
        upgrading.close()


def test_other_background_tasks_and_servers_are_left_as_they_are():
    def writer():
        """Not Engine.IO's writer: same name, no closure."""

    assert writer_closure_values(writer) is None
    assert writer_closure_values(lambda: None) is None
    server = socketio.Server(async_mode="threading")
    create_queue = server.eio.create_queue
    assert not use_on_demand_writers(server.eio)
    assert server.eio.create_queue == create_queue


def test_a_websocket_close_frame_from_the_client_ends_the_session(live):
    client = live.client()
    settle(lambda: live.test_sids)
    socket_ = engine_socket(live)
    writer = socket_.queue.writer
    client.send_control(8, struct.pack("!H", 1000))
    settle(lambda: live.disconnects)
    assert writer.finished
    with eventlet.Timeout(5):
        assert client.read_to_end().startswith(b"\x88")


def test_a_session_upgraded_twice_ends_whole_when_its_first_websocket_goes(live):
    """A client may send two upgrade requests for one session before either finishes: the later WebSocket's
    writer takes over the queue, and when the first WebSocket goes, its handler does not wait forever for a
    writer nobody wakes (each such wait would hold a green thread and a descriptor for good)."""
    live.eio.ping_interval, live.eio.ping_timeout = 1, 1  # join's deadline, the backstop, would be 2 s
    port = live.port
    sid = json.loads(http(port, "GET", "/socket.io/?EIO=4&transport=polling")[1:])["sid"]
    assert http(port, "POST", f"/socket.io/?EIO=4&transport=polling&sid={sid}", b"40") == "OK"
    http(port, "GET", f"/socket.io/?EIO=4&transport=polling&sid={sid}")
    path = f"/socket.io/?EIO=4&transport=websocket&sid={sid}"
    first, second = RawClient(port, path=path, handshake=False), RawClient(port, path=path, handshake=False)
    try:
        with eventlet.Timeout(5):
            first.send_text("2probe")
            assert first.next_text() == "3probe"
            first.send_text("5")
            settle(lambda: isinstance(live.eio.sockets[sid].queue.writer, OnDemandWriter))
            socket_ = live.eio.sockets[sid]
            first_writer = socket_.queue.writer
            second.send_text("2probe")
            assert second.next_text() == "3probe"
            second.send_text("5")
            settle(lambda: socket_.queue.writer is not first_writer)
        assert first_writer.finished
        second_writer = socket_.queue.writer
        socket_.send(packet.Packet(packet.MESSAGE, data="2[\"n\",1]"))
        with eventlet.Timeout(5):
            assert second.next_event() == ("n", 1)
        before = running_green_threads()
        first.close()
        settle(lambda: live.disconnects, seconds=1.5)  # sooner than join's deadline
        settle(lambda: running_green_threads() <= before - 1, seconds=1.5)  # the first handler has ended
        assert second_writer.finished and socket_.closed
    finally:
        first.close()
        second.close()


def test_a_closed_session_leaves_no_socket_writer_cycle(live):
    """The writer lets go of its socket and WebSocket at the end, and the queue of its writer: a closed
    session is freed by reference counting once Engine.IO lets go of it, not left to the cyclic collector."""
    client = live.client()
    settle(lambda: live.test_sids)
    socket_ = engine_socket(live)
    writer = socket_.queue.writer
    assert writer.socket is socket_ and writer.ws is direct_writes.websocket_of(socket_.sid)
    client.send_control(8, struct.pack("!H", 1000))
    settle(lambda: live.disconnects and writer.finished)
    assert writer.socket is None and writer.ws is None and socket_.queue.writer is None


def test_join_waits_no_longer_than_engineio_writer_waited_then_ends_the_websocket(live):
    """The backstop: Engine.IO's writer gave up after ping_interval + ping_timeout with nothing queued, so a
    join() that nothing ends returns then, and closes the WebSocket, as that writer did."""
    client = live.client()
    settle(lambda: live.test_sids)
    writer = engine_socket(live).queue.writer
    live.eio.ping_interval, live.eio.ping_timeout = 0.2, 0.2
    with eventlet.Timeout(5):
        writer.join()
        assert writer.finished
        assert client.read_to_end().startswith(b"\x88")  # the WebSocket's close frame, then the end
