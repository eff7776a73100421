"""Guests of a workshop: the join codes facilitators hand out, and the time-limited accounts made with them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .organisation import Organisation


class JoinCode(db.Model):
    """A short code (and its QR) that lets people join one workshop's project as guests until it expires."""

    __tablename__ = "join_codes"
    __table_args__ = (Index("ix_join_codes_project", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    # Kept readable: the code is shown again on the projector and the facilitators' page. Its strength is its
    # length together with the rate limit of /join (see domain/guests.py), not secrecy of the stored row.
    code: Mapped[str] = mapped_column(String(16), unique=True)
    role: Mapped[str] = mapped_column(String(12))  # the guests' role: member or observer
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Guest(db.Model):
    """What makes an account a guest: the one project it may see, until when, and who the person said they are.

    The organisation is either an existing one (`org_id`, never a claim: guests stay out of affiliation
    queues) or free text; `sector` is one of the organisations' sectors, or "none".
    """

    __tablename__ = "guests"
    __table_args__ = (Index("ix_guests_join_code", "join_code_id"), Index("ix_guests_project", "project_id"))

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    # No cascade from the project or the code: were either ever deleted, a vanished row would turn the guest
    # into an ordinary account. Kept, it limits the guest to a project that no longer exists: nothing.
    project_id: Mapped[int] = mapped_column()
    join_code_id: Mapped[int | None] = mapped_column(ForeignKey("join_codes.id", ondelete="SET NULL"))
    until: Mapped[datetime] = mapped_column(UTCDateTime())
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    organisation_text: Mapped[str] = mapped_column(String(200), default="")
    sector: Mapped[str] = mapped_column(String(20), default="none")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
