"""Invitations to a project by e-mail address, answered by following a single-use mailed link."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .project import Project
from .user import User


class Invitation(db.Model):
    """A pending (or answered) invitation: an address, a role, and the keyed hash of its link.

    The link is "<selector>.<verifier>"; only the selector and an HMAC of the verifier are stored, and a
    resend replaces both, so only the newest mail's link works. Whether the address has an account is
    never stored or decided here: it is found out only when the link is followed.
    """

    __tablename__ = "invitations"
    __table_args__ = (Index("ix_invitations_project_email", "project_id", "email"),
                      Index("ix_invitations_inviter_created", "invited_by", "created_at"),
                      Index("ix_invitations_email", "email"))  # "invitations for you", by the person's address

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))  # cleaned: NFC, trimmed, lower-case
    role: Mapped[str] = mapped_column(String(12))
    selector: Mapped[str] = mapped_column(String(16), unique=True)
    verifier_hash: Mapped[str] = mapped_column(String(64))  # HMAC-SHA256(secret key, invite|selector|verifier)
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    send_count: Mapped[int] = mapped_column(Integer, default=1)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the invited person said no

    project: Mapped[Project] = relationship()
    inviter: Mapped[User | None] = relationship(foreign_keys=[invited_by], lazy="joined")
