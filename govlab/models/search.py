"""Search over a board's cards: the words of each card's text, and the queue of cards to (re)index."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class CardWord(db.Model):
    """One word (newmm segment, folded) of a card's title and body, as of the card's last indexing."""

    __tablename__ = "card_words"
    __table_args__ = (Index("ix_card_words_project_word", "project_id", "word"),)

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))


class CardIndexQueue(db.Model):
    """A card whose text changed since its words were stored: written in the same transaction as the change.

    `version` is the card's version when it was queued; the indexer removes the row only if the card has
    not been queued again since it read the text, so a change made meanwhile is never lost.
    """

    __tablename__ = "card_index_queue"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column()
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
