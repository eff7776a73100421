"""Socket.IO client managers that deliver to a big room in chunks, yielding to the hub in between.

An `ops` frame for a public board watched by 10,000 sockets queues 10,000 sends; delivered in one
go, the async hub runs all of them before it reads the network again, and every other request
(/healthz, other boards) waits a second or two. Here the recipients are sent to CHUNK at a time
with a cooperative sleep(0) between chunks: the delivery costs the same, but nothing stalls.
The Redis variant keeps python-socketio's publishing; only the local delivery (on every process)
is chunked. Under eventlet (`govlab run`) each recipient's copy is written straight to its WebSocket
when nothing is ahead of it (realtime/direct_writes.py).
"""
from __future__ import annotations

from engineio import packet as eio_packet
from socketio import Manager, RedisManager, packet

from .direct_writes import text_frame

CHUNK = 500
CONTROL_EVENT = "govlab:control"  # never delivered to a socket: handed to `on_control` (realtime/control.py)


class ChunkedDelivery(Manager):
    """Local delivery in chunks of CHUNK recipients (rooms smaller than that go out in one loop)."""

    on_control = None  # set by the live layer: receives control messages, in order with the frames
    presence_book = None  # set by the live layer: notes every delivered `presence` batch (realtime/presence_book.py)
    direct_writer = None  # set by `govlab run` under eventlet (realtime/direct_writes.py)

    def emit(self, event, data, namespace, room=None, skip_sid=None, callback=None, to=None, **kwargs):
        """Deliver to this process's participants of `room`, yielding between chunks when it is large."""
        if event == CONTROL_EVENT:
            if self.on_control is not None and isinstance(data, dict):
                self.on_control(data)
            return None
        room = to or room
        if event == "presence" and self.presence_book is not None and isinstance(room, str):
            self.presence_book.record(room, data)
        if callback is not None or room is None or namespace not in self.rooms:
            return super().emit(event, data, namespace, room=room, skip_sid=skip_sid, callback=callback, **kwargs)
        participants = list(self.get_participants(namespace, room))  # a snapshot: joins may happen meanwhile
        payload = list(data) if isinstance(data, tuple) else ([] if data is None else [data])
        encoded = self.server.packet_class(packet.EVENT, namespace=namespace, data=[event] + payload).encode()
        frames = [eio_packet.Packet(eio_packet.MESSAGE, part)
                  for part in (encoded if isinstance(encoded, list) else [encoded])]
        text = frames[0].encode() if len(frames) == 1 else None  # binary attachments: several packets
        writer = self.direct_writer if isinstance(text, str) else None
        wire = text_frame(text) if writer is not None else b""
        skipped = skip_sid if isinstance(skip_sid, list) else [skip_sid]
        for start in range(0, len(participants), CHUNK):
            # After a yield, a socket may have left the room (access revoked meanwhile): it gets no more.
            members = self._members(namespace, room) if start else None
            for sid, eio_sid in participants[start:start + CHUNK]:
                if sid in skipped or (members is not None and sid not in members) or (
                        writer is not None and writer.write(eio_sid, wire)):
                    continue
                for frame in frames:
                    self.server._send_eio_packet(eio_sid, frame)
            if len(participants) > CHUNK:
                self.server.sleep(0)
        return None

    def _members(self, namespace, room):
        """The sids in `room` (or any of a list of rooms) now."""
        if isinstance(room, str):
            return self.rooms.get(namespace, {}).get(room, {})
        return {sid for sid, _eio_sid in self.get_participants(namespace, room)}


class ChunkedRedisManager(RedisManager, ChunkedDelivery):
    """Redis message queue between processes; chunked delivery to each process's own sockets."""


def client_manager(redis_url: str | None, channel: str):
    """The manager for this process: chunked delivery, over Redis when a URL is given."""
    return ChunkedRedisManager(redis_url, channel=channel) if redis_url else ChunkedDelivery()
