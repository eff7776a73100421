"""Card text as CRDTs (Yjs-compatible, via pycrdt): one document per card, roots "title" and "body".

Pure: takes and returns update bytes; storage and transport live elsewhere.
"""
from __future__ import annotations

from pycrdt import Doc, Text

from .board import BODY_MAX, TITLE_MAX
from .errors import N_, ValidationError
from .text_rules import refuse_control_characters

TEXT_FIELDS = ("title", "body")
LIMITS = {"title": TITLE_MAX, "body": BODY_MAX}
UPDATE_MAX_BYTES = 48 * 1024


class CardText:
    """The CRDT document of one card's text fields."""

    def __init__(self, updates: list[bytes] | tuple[bytes, ...] = ()) -> None:
        self.doc = Doc()
        self.fields = {name: self.doc.get(name, type=Text) for name in TEXT_FIELDS}
        for update in updates:
            self.doc.apply_update(update)

    @classmethod
    def seeded(cls, title: str, body: str) -> tuple["CardText", bytes]:
        """A new document holding the given plain text, and the update that creates it."""
        text = cls()
        with text.doc.transaction():
            text.fields["title"] += title
            text.fields["body"] += body
        return text, text.doc.get_update()

    def value(self, field: str) -> str:
        """The plain text of one field."""
        return str(self.fields[field])

    def values(self) -> dict[str, str]:
        """The plain-text projection of every field."""
        return {name: self.value(name) for name in TEXT_FIELDS}

    def apply(self, update: bytes) -> dict[str, str] | None:
        """Apply a client's update; return the projection, None if it changed nothing (already applied),
        or raise if it is malformed or breaks a limit.

        The caller discards this object on error (the document may be partly changed).
        """
        if not isinstance(update, (bytes, bytearray)) or not update:
            raise ValidationError(N_("The text update is empty or not binary."), field="update")
        if len(update) > UPDATE_MAX_BYTES:
            raise ValidationError(N_("The text update is too large."), field="update")
        state, before = self.doc.get_state(), self.values()
        if not self._continues(state, bytes(update)):
            raise ValidationError(N_("This text change depends on changes the server has not received. "
                                     "Open the card again to continue."), field="update")
        try:
            self.doc.apply_update(bytes(update))
        except Exception:  # pycrdt raises ValueError (and others) for undecodable updates
            raise ValidationError(N_("The text update could not be decoded."), field="update") from None
        unknown = set(self.doc.keys()) - set(TEXT_FIELDS)
        if unknown:
            raise ValidationError(N_("The text update touches an unknown field."), field="update")
        values = self.values()
        if values == before and self.doc.get_state() == state:
            return None
        refuse_control_characters(values["title"], "title")
        refuse_control_characters(values["body"], "body", multiline=True)
        for name, limit in LIMITS.items():
            if len(values[name]) > limit:
                raise ValidationError(N_("The text is too long (at most %(max)d characters)."), field=name,
                                      max=limit)
        return values

    @staticmethod
    def _continues(state: bytes, update: bytes) -> bool:
        """False when a one-client update starts past what the document holds of that client.

        Such an update (its sender's earlier change was refused or lost) would wait in the CRDT's
        pending set, change nothing now and surface later: refused instead, so the client resyncs.
        Updates that carry several clients are left to the CRDT (the server relays every change, so
        honest clients only ever depend on what it already holds).
        """
        try:
            clients, offset = _varuint(update, 0)
            if clients != 1:
                return True
            _structs, offset = _varuint(update, offset)
            client, offset = _varuint(update, offset)
            clock, offset = _varuint(update, offset)
        except IndexError:
            return True  # not decodable here: pycrdt decides (and refuses it)
        return clock <= _state_vector(state).get(client, 0)

    def replace(self, field: str, value: str) -> bytes:
        """Replace a whole field (a REST-style edit); return the update that does it."""
        before = self.doc.get_state()
        text = self.fields[field]
        with self.doc.transaction():
            text.clear()  # pycrdt offsets are UTF-8 bytes, not characters: never slice by len(str)
            if value:
                text += value
        return self.doc.get_update(before)

    def full_update(self) -> bytes:
        """One update that rebuilds the whole document (for syncing a client and for compaction)."""
        return self.doc.get_update()


def _varuint(data: bytes, offset: int) -> tuple[int, int]:
    """One lib0 variable-length unsigned integer at `offset`; returns (value, next offset)."""
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, offset
        shift += 7


def _state_vector(encoded: bytes) -> dict[int, int]:
    """A Yjs state vector (client -> next clock) from its encoding."""
    count, offset = _varuint(encoded, 0)
    vector = {}
    for _ in range(count):
        client, offset = _varuint(encoded, offset)
        vector[client], offset = _varuint(encoded, offset)
    return vector
