"""Affinity themes: named groups of cards inside one lane (a card's theme is `cards.theme_id`)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class Theme(db.Model):
    """A named group of cards in one lane; deleting it ungroups its cards (cards.theme_id SET NULL)."""

    __tablename__ = "themes"
    __table_args__ = (Index("ix_themes_project_stage", "project_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(80))
    # The workshop that ran when the theme was made (its summary lists it); None outside a workshop.
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
