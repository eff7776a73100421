"""The evidence chain: typed card links, prototype and test fields, and stage-gate decisions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .organisation import Organisation
from .user import User


class CardLink(db.Model):
    """A typed link from one card to another of the same project (frames, answers, embodies, tests, relates)."""

    __tablename__ = "card_links"
    __table_args__ = (UniqueConstraint("from_card_id", "to_card_id", "type"),
                      Index("ix_card_links_project", "project_id"),
                      Index("ix_card_links_to", "to_card_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    from_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    to_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(12))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PrototypeDetails(db.Model):
    """The structured fields of a prototype card (a card without a row has the defaults)."""

    __tablename__ = "prototype_details"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    fidelity: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default="planned")
    owner_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    next_step: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    owner_organisation: Mapped[Organisation | None] = relationship(lazy="joined")


class TestDetails(db.Model):
    """The structured fields of a test card: what was tried, on whom, measured how, and the verdict."""

    __tablename__ = "test_details"
    __test__ = False  # not a pytest test class

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    hypothesis: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str | None] = mapped_column(String(16))
    participants_count: Mapped[int | None] = mapped_column(Integer)
    participants_who: Mapped[str] = mapped_column(Text, default="")
    metric: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[str | None] = mapped_column(String(14))
    learnings: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Decision(db.Model):
    """A facilitator's stage-gate decision on a prototype; never edited, a newer one supersedes it."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_project", "project_id"), Index("ix_decisions_prototype", "prototype_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    prototype_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(8))
    rationale: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The decider's name from an imported file; set only by an import.
    decided_by_label: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    decider: Mapped[User | None] = relationship(lazy="joined")
    evidence: Mapped[list["DecisionEvidence"]] = relationship(lazy="selectin", cascade="all, delete-orphan",
                                                              order_by="DecisionEvidence.test_card_id")


class DecisionEvidence(db.Model):
    """A test card a decision rests on."""

    __tablename__ = "decision_evidence"

    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True)
    test_card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
