"""Workshops on a project: the agenda and its shared timer, hidden notes of a silent brainstorm, dot votes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .user import User


class Workshop(db.Model):
    """A timed session on a board; the timer is a state plus when its run began, never ticked in storage."""

    __tablename__ = "workshops"
    __table_args__ = (Index("ix_workshops_project", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # [{stage, instruction, duration (seconds), kind}]
    agenda: Mapped[list] = mapped_column(JSON, default=list)
    timer_state: Mapped[str] = mapped_column(String(8), default="idle")
    timer_index: Mapped[int] = mapped_column(default=-1)
    timer_started_ms: Mapped[int | None] = mapped_column(BigInteger)  # server epoch ms when the run began
    timer_remaining_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    # What happened when, for the summary: [{index, started_at, ended_at}] (ISO text)
    timings: Mapped[list] = mapped_column(JSON, default=list)
    # Follow-me (services/follow.py): the lane, or the card (and its lane), the facilitator brings everyone to.
    focus_stage: Mapped[str | None] = mapped_column(String(12))
    focus_card_id: Mapped[int | None] = mapped_column()  # no foreign key: checked when set, a gone card is skipped
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WorkshopNote(db.Model):
    """A card written during a silent brainstorm, kept apart (and out of every public read) until revealed."""

    __tablename__ = "workshop_notes"
    __table_args__ = (Index("ix_workshop_notes_project", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    stage: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")


class Vote(db.Model):
    """A dot vote on a lane or on chosen cards; `results` is frozen when it closes."""

    __tablename__ = "votes"
    __table_args__ = (Index("ix_votes_project", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200), default="")
    stage: Mapped[str | None] = mapped_column(String(12))
    card_ids: Mapped[list] = mapped_column(JSON, default=list)  # the cards on the ballot, fixed at opening
    budget: Mapped[int] = mapped_column(default=3)
    several_per_card: Mapped[bool] = mapped_column(default=False)
    live_results: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(8), default="open")
    results: Mapped[list | None] = mapped_column(JSON)
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VoteDot(db.Model):
    """One dot one person gave one card (several rows when several dots on one card are allowed)."""

    __tablename__ = "vote_dots"
    __table_args__ = (Index("ix_vote_dots_vote_user", "vote_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
