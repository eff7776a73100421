"""A big room is delivered in chunks with a yield to the hub between them (no stall for other requests)."""
from __future__ import annotations

import socketio

from govlab.realtime.managers import CHUNK, ChunkedDelivery, ChunkedRedisManager


class FakeServer:
    packet_class = socketio.packet.Packet

    class eio:  # noqa: N801 - the attribute python-socketio's manager reads
        @staticmethod
        def generate_id():
            import uuid

            return uuid.uuid4().hex

    def __init__(self):
        self.sent: list[str] = []
        self.yields: list[int] = []

    def _send_eio_packet(self, eio_sid, frame):
        self.sent.append(eio_sid)

    def sleep(self, seconds):
        self.yields.append(len(self.sent))


def _room(size: int) -> tuple[ChunkedDelivery, FakeServer]:
    manager, server = ChunkedDelivery(), FakeServer()
    manager.set_server(server)
    manager.initialize()
    for n in range(size):
        sid = manager.connect(f"eio-{n}", "/board")
        manager.enter_room(sid, "/board", "project:1")
    return manager, server


def test_a_large_room_is_delivered_in_chunks_with_a_yield_between_them():
    manager, server = _room(CHUNK * 2 + 200)
    manager.emit("ops", [{"seq": 1}], "/board", room="project:1")
    assert len(server.sent) == CHUNK * 2 + 200 and len(set(server.sent)) == len(server.sent)
    assert server.yields == [CHUNK, CHUNK * 2, CHUNK * 2 + 200]


def test_a_socket_that_leaves_the_room_during_a_yield_gets_no_later_chunk():
    """Access revoked while a big frame is being delivered: the rest of it does not reach that socket (a frame
    to one room, or to a list of rooms)."""
    manager, server = _room(CHUNK * 2 + 10)
    leaving = []

    def sleep_while_they_leave(seconds):
        server.yields.append(len(server.sent))
        for sid, _eio_sid in leaving:
            if manager.is_connected(sid, "/board") and sid in manager.rooms["/board"]["project:1"]:
                manager.leave_room(sid, "/board", "project:1")

    server.sleep = sleep_while_they_leave
    for room in ("project:1", ["project:1", "project:2"]):
        leaving[:] = list(manager.get_participants("/board", "project:1"))[-5:]
        before = len(list(manager.get_participants("/board", "project:1")))
        server.sent.clear()
        manager.emit("ops", [{"seq": 1}], "/board", room=room)
        assert len(server.sent) == before - 5
        assert not {eio_sid for _sid, eio_sid in leaving} & set(server.sent)


def test_a_small_room_goes_out_in_one_loop():
    manager, server = _room(3)
    manager.emit("ops", [{"seq": 1}], "/board", room="project:1")
    assert len(server.sent) == 3 and server.yields == []


def test_the_redis_manager_chunks_its_local_delivery():
    assert ChunkedRedisManager.__mro__.index(ChunkedDelivery) < ChunkedRedisManager.__mro__.index(socketio.Manager)


def test_acks_and_ops_frames_go_out_without_a_search_for_bytes(world, sockets, monkeypatch):
    """The server's packets are JSON only: python-socketio's walk through every element of a payload, looking
    for bytes, cost 30 times the encoding of a big `ops` frame. The ack and the frame still arrive whole."""
    from socketio import packet

    from govlab.extensions import socketio as flask_socketio
    from govlab.realtime.packets import JsonOnlyPacket

    searched = []
    walk = packet.Packet.data_is_binary.__func__
    monkeypatch.setattr(packet.Packet, "data_is_binary",
                        classmethod(lambda cls, data: searched.append(data) or walk(cls, data)))
    pid = world["private"]["project"].id
    alice, bob = sockets(world["users"]["member"]), sockets(world["users"]["facilitator"])
    alice.join(pid)
    bob.join(pid)
    ack = alice.op(pid, "card.update", {"id": world["private"]["card"].id, "title": "Sent as text"}, "op-json")
    assert ack["ok"] and ack["card"]["title"] == "Sent as text"
    assert [event["payload"]["card"]["title"] for event in bob.ops()] == ["Sent as text"]
    server_sent = [data for data in searched
                   if isinstance(data, list) and data and (data[0] == "ops" or isinstance(data[0], dict) and "ok" in data[0])]
    assert server_sent == []
    assert flask_socketio.server.packet_class is JsonOnlyPacket
