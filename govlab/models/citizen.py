"""Citizens: public challenge pages, published learnings, contributions, their words, consents, supports, flags."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class ChallengePage(db.Model):
    """A public project's page for citizens: its address (slug) and the dates of its two open calls."""

    __tablename__ = "challenge_pages"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(60), unique=True)
    experience_opens_on: Mapped[date | None] = mapped_column(Date)
    experience_closes_on: Mapped[date | None] = mapped_column(Date)
    idea_opens_on: Mapped[date | None] = mapped_column(Date)
    idea_closes_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PublishedCard(db.Model):
    """A card the facilitators chose to show on the public page as something the lab has learned."""

    __tablename__ = "published_cards"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Contribution(db.Model):
    """A citizen's experience or idea sent to an open call, with its moderation state and public status.

    Personal data (name, email, phone) is seen only by the project's facilitators and the contributor.
    """

    __tablename__ = "contributions"
    __table_args__ = (Index("ix_contributions_project_state", "project_id", "state"),
                      Index("ix_contributions_project_norm", "project_id", "norm_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    text: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    province: Mapped[str | None] = mapped_column(String(4))
    age_band: Mapped[str | None] = mapped_column(String(12))
    who: Mapped[str | None] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(5), default="th")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    status: Mapped[str] = mapped_column(String(16), default="received")  # the last status told to the contributor
    status_override: Mapped[str | None] = mapped_column(String(16))
    status_reason: Mapped[str] = mapped_column(Text, default="")
    reject_reason: Mapped[str | None] = mapped_column(String(20))
    reject_note: Mapped[str] = mapped_column(Text, default="")
    card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"), index=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("contributions.id", ondelete="SET NULL"))
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)  # by community flags, until reviewed
    flag_count: Mapped[int] = mapped_column(default=0)
    support_count: Mapped[int] = mapped_column(default=0)
    source_key: Mapped[str] = mapped_column(String(64))  # HMAC of the sender's address: duplicates per source
    norm_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the normalised text
    sensitive_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # PDPA s.26
    status_nonce: Mapped[str] = mapped_column(String(64), unique=True)  # keyed into the private status link
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ContributionWord(db.Model):
    """One word (newmm segment, folded) of a contribution's text: the search and similarity index."""

    __tablename__ = "contribution_words"
    __table_args__ = (Index("ix_contribution_words_project_word", "project_id", "word"),)

    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"),
                                                 primary_key=True)
    word: Mapped[str] = mapped_column(String(100), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))


class ConsentRecord(db.Model):
    """What a contributor agreed to (PDPA s.19 or s.26), which version of the text, and when."""

    __tablename__ = "consent_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(8))
    version: Mapped[str] = mapped_column(String(16))
    given_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ContributionSupport(db.Model):
    """One supporter of a published idea: an account, or a browser at an address (a keyed hash)."""

    __tablename__ = "contribution_supports"
    __table_args__ = (UniqueConstraint("contribution_id", "supporter_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    supporter_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ContributionFlag(db.Model):
    """One community flag on a contribution: an account or a browser (keyed hash), and the address's hash."""

    __tablename__ = "contribution_flags"
    __table_args__ = (UniqueConstraint("contribution_id", "flagger_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"))
    flagger_key: Mapped[str] = mapped_column(String(64))
    address_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
