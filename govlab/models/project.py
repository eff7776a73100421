"""Projects (challenges) and their memberships."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .organisation import Organisation
from .user import User


class Project(db.Model):
    """A challenge worked on a four-stage board; `last_seq` is the counter of its Events."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    hmw: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[str] = mapped_column(String(10), default="private")
    status: Mapped[str] = mapped_column(String(12), default="active")
    stage: Mapped[str] = mapped_column(String(12), default="empathize")
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_seq: Mapped[int] = mapped_column(default=0)
    # A prototype with no activity for this many days shows as stalled on the tracker.
    stall_days: Mapped[int] = mapped_column(default=14, server_default="14")
    # Observers are stakeholders: they may comment unless the facilitators turn it off.
    observers_may_comment: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Set only by an import: the source file's members as labels ({name, organisation, role}; their
    # accounts live in another GovLab), and who imported the project when.
    imported_members: Mapped[list | None] = mapped_column(JSON)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    imported_by: Mapped[int | None] = mapped_column()  # an account id; no foreign key (see migration 0008)
    # Workshop modes (a facilitator's): the whole board or some lanes frozen for everyone else, and the
    # workshop whose silent brainstorm is running (new cards are hidden notes until revealed).
    locked: Mapped[bool] = mapped_column(default=False, server_default="0")
    locked_stages: Mapped[list | None] = mapped_column(JSON)
    silent_workshop_id: Mapped[int | None] = mapped_column()  # no foreign key: workshops point here already
    # Anonymous mode (services/anonymity.py): the seq of the Event that turned it on; NULL while it is off.
    anonymous_since: Mapped[int | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    # Whether a facilitator's verified affiliation vouches for `organisation` (set by the services that list
    # projects, not stored: it changes whenever an affiliation does).
    owner_verified = None  # type: bool | None
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="project", cascade="all, delete-orphan")


class Membership(db.Model):
    """A user's role in a project: facilitator, member or observer."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(lazy="joined")
