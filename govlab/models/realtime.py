"""Rows behind live co-editing: idempotency receipts and append-only CRDT text updates."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class OpReceipt(db.Model):
    """Proof that a client's op was applied: a retry with the same id is answered from here."""

    __tablename__ = "op_receipts"
    __table_args__ = (UniqueConstraint("user_id", "client_op_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    client_op_id: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CardTextUpdate(db.Model):
    """One Yjs/pycrdt update of a card's text; the document is the merge of a card's rows.

    Ids grow in commit order per card and are never reused (caches of documents are tagged with them).
    """

    __tablename__ = "card_text_updates"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    update: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
