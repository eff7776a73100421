"""Cards on a project's board."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, ordering_key_type, utcnow
from .user import User


class Card(db.Model):
    """A card in one lane; `position` is a fractional key, `version` counts accepted changes."""

    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_project_stage_position", "project_id", "stage", "position"),
                      Index("ix_cards_theme", "theme_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(12))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(12), default="yellow")
    position: Mapped[str] = mapped_column(ordering_key_type())
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The author's name from an imported file (the account lives in another GovLab); set only by an import.
    author_label: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(default=1)
    # The kind the card last had in each lane it left: moving back restores it.
    kind_memory: Mapped[dict | None] = mapped_column(JSON)
    # The affinity theme of its lane the card is grouped in (models/theme.py); cleared when it changes lane.
    # No foreign key (SQLite could not drop the column again): services/themes.py ungroups on delete.
    theme_id: Mapped[int | None] = mapped_column()
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
    # Loaded only when a prototype or test card is serialised (board snapshots load them in one query each).
    prototype_details: Mapped["PrototypeDetails | None"] = relationship(lazy="select", uselist=False,
                                                                          cascade="all, delete-orphan")
    test_details: Mapped["TestDetails | None"] = relationship(lazy="select", uselist=False,
                                                               cascade="all, delete-orphan")
