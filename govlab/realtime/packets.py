"""The Socket.IO packets this server sends: JSON only, never classified as binary.

python-socketio walks every outgoing payload, element by element, to find bytes that would make it a
binary packet (`Packet.data_is_binary`). GovLab never sends bytes — Yjs updates travel as base64 text
(docs/protocol.md) — and the walk costs far more than the encoding itself: about 650 µs for an `ops`
frame of 75 card changes against 20 µs to encode it, on the event loop, once per frame and once per ack.
Packets from clients are decoded as before (a binary event is reassembled, then refused by its schema).
"""
from __future__ import annotations

from socketio import packet


class JsonOnlyPacket(packet.Packet):
    """A Socket.IO packet whose payload is JSON: sent as a plain text packet without looking for bytes."""

    uses_binary_events = False
