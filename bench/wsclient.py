"""A lean Socket.IO 5 / Engine.IO 4 client over a hand-rolled WebSocket, for load generation.

One asyncio loop drives many connections; frames are parsed with slicing and a C regex, never with
a JSON parser on the hot path, so the generator measures the server and not itself.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import time
import zlib

NAMESPACE = "/board"
STAMP = re.compile(rb"~(\d+)~(\d+)~(\d+)~([\d.]+)~")  # ~step~client~n~sent_at~


class Connection(asyncio.Protocol):
    """One WebSocket carrying Engine.IO/Socket.IO packets."""

    def __init__(self, on_stamp, offer_deflate: bool = False):
        self.on_stamp = on_stamp
        self.offer_deflate = offer_deflate
        self.buffer = bytearray()
        self.handshaken = False
        self.handshake_done = asyncio.get_running_loop().create_future()
        self.acks: dict[int, asyncio.Future] = {}
        self.next_ack = 0
        self.namespace_ready = asyncio.get_running_loop().create_future()
        self.inflater = None
        self.deflate_accepted = False
        self.errors = 0
        self.transport = None
        self.fragments: list[bytes] = []

    # -- WebSocket ------------------------------------------------------------------------------

    def connection_made(self, transport):
        self.transport = transport

    def send_text(self, text: str | bytes) -> None:
        payload = text.encode() if isinstance(text, str) else text
        length = len(payload)
        if length < 126:
            header = bytes((0x81, 0x80 | length))
        elif length < 65536:
            header = bytes((0x81, 0x80 | 126)) + length.to_bytes(2, "big")
        else:
            header = bytes((0x81, 0x80 | 127)) + length.to_bytes(8, "big")
        # A zero mask key: the XOR is a no-op, which keeps the generator cheap.
        self.transport.write(header + b"\x00\x00\x00\x00" + payload)

    def data_received(self, data):
        self.buffer += data
        if not self.handshaken:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end]).decode("latin-1")
            del self.buffer[:end + 4]
            if " 101 " not in head.split("\r\n")[0]:
                self.handshake_done.set_exception(ConnectionError(head.split("\r\n")[0]))
                return
            self.deflate_accepted = "permessage-deflate" in head.lower()
            if self.deflate_accepted:
                self.inflater = zlib.decompressobj(-15)
            self.handshaken = True
            self.handshake_done.set_result(True)
        self._frames()

    def _frames(self):
        buffer = self.buffer
        while len(buffer) >= 2:
            first, second = buffer[0], buffer[1]
            length = second & 0x7F
            offset = 2
            if length == 126:
                if len(buffer) < 4:
                    return
                length = int.from_bytes(buffer[2:4], "big")
                offset = 4
            elif length == 127:
                if len(buffer) < 10:
                    return
                length = int.from_bytes(buffer[2:10], "big")
                offset = 10
            if len(buffer) < offset + length:
                return
            payload = bytes(buffer[offset:offset + length])
            del buffer[:offset + length]
            opcode = first & 0x0F
            if first & 0x40 and self.inflater is not None:
                payload = self.inflater.decompress(payload + b"\x00\x00\xff\xff")
            if opcode == 0x9:  # ping
                self.transport.write(bytes((0x8A, 0x80)) + b"\x00\x00\x00\x00")
                continue
            if opcode == 0x8:
                self.transport.close()
                return
            if opcode == 0x0:
                self.fragments.append(payload)
                if first & 0x80:
                    payload, self.fragments = b"".join(self.fragments), []
                else:
                    continue
            elif not first & 0x80:
                self.fragments = [payload]
                continue
            self._packet(payload)

    # -- Engine.IO / Socket.IO ------------------------------------------------------------------

    def _packet(self, packet: bytes):
        if packet == b"2":
            self.send_text(b"3")
        elif packet.startswith(b'42/board,["ops"'):
            now = time.perf_counter()
            for step, client, number, sent in STAMP.findall(packet):
                self.on_stamp(int(step), int(client), int(number), now - float(sent))
        elif packet.startswith(b"43/board,"):
            body = packet[9:]
            cut = body.index(b"[")
            future = self.acks.pop(int(body[:cut]), None)
            if b'"ok":false' in body:
                self.errors += 1
            if future is not None and not future.done():
                future.set_result(body[cut:])
        elif packet.startswith(b"40/board,"):
            if not self.namespace_ready.done():
                self.namespace_ready.set_result(True)
        elif packet.startswith(b"44/board"):
            if not self.namespace_ready.done():
                self.namespace_ready.set_exception(ConnectionError(packet.decode()))
        elif packet.startswith(b"0"):
            pass  # engine.io open packet

    def emit(self, event: str, data, want_ack: bool = False):
        """Send an event; with want_ack, return a future for the ack's JSON array (bytes)."""
        body = json.dumps([event, data], separators=(",", ":"))
        if not want_ack:
            self.send_text(f"42/board,{body}")
            return None
        self.next_ack += 1
        future = asyncio.get_running_loop().create_future()
        self.acks[self.next_ack] = future
        self.send_text(f"42/board,{self.next_ack}{body}")
        return future

    def emit_raw(self, text: str) -> None:
        self.send_text(text)


async def connect(host: str, port: int, on_stamp, auth: dict | None = None, offer_deflate: bool = False,
                  factory=None) -> Connection:
    """Open a WebSocket to /socket.io/ and connect the /board namespace (`factory()`: a Connection subclass's)."""
    loop = asyncio.get_running_loop()
    make = factory or (lambda: Connection(on_stamp, offer_deflate))
    transport, conn = await loop.create_connection(make, host, port)
    key = base64.b64encode(os.urandom(16)).decode()
    extensions = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n" if offer_deflate else ""
    transport.write((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {host}:{port}\r\n"
                     f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                     f"Sec-WebSocket-Version: 13\r\n{extensions}\r\n").encode())
    try:
        await asyncio.wait_for(conn.handshake_done, 10)
        conn.send_text("40/board," + json.dumps(auth or {}))
        await asyncio.wait_for(conn.namespace_ready, 10)
    except BaseException:
        transport.close()  # a late handshake answer must not reach a future nobody waits on
        raise
    return conn
