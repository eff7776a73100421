"""Organisations: agencies, companies, civil-society groups and universities."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class Organisation(db.Model):
    """An organisation with a Thai and an English name and a sector (government has a level)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_th: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    sector: Mapped[str] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def name_for(self, locale: str) -> str:
        """The name in the given UI language, falling back to the other one."""
        return (self.name_th or self.name_en) if locale == "th" else (self.name_en or self.name_th)
