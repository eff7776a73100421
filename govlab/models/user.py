"""People who sign in, and their personal API tokens."""
from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, utcnow
from .organisation import Organisation


class User(UserMixin, db.Model):
    """A person; belongs to at most one organisation (citizens to none)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(8))
    org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    # The organisation is a claim until verified (by an organisation admin, a site admin or the e-mail domain).
    org_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # closed by its owner (services/account_closure)
    # When the person followed the link mailed at registration; None: the account cannot sign in yet.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # E-mail about notifications: "instant" (each at once), "digest" (one a day) or "none".
    notify_email: Mapped[str] = mapped_column(String(8), default="digest", server_default="digest")
    time_zone: Mapped[str | None] = mapped_column(String(64))  # None: GOVLAB_DEFAULT_TIME_ZONE (Asia/Bangkok)
    digest_sent_for: Mapped[date | None] = mapped_column(Date)  # the last local day a digest covered
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    # Set for a workshop guest (models/guest.py): the account is limited to one project until a moment.
    guest: Mapped["Guest | None"] = relationship("Guest", lazy="joined", uselist=False, viewonly=True,
                                                 primaryjoin="User.id == foreign(Guest.user_id)")
    # The server-side session this request signed in with (set by the session loader, never stored here).
    session_key = None  # type: str | None
    # The personal token this request authenticated with (set by the token check, never stored here).
    token_id = None  # type: int | None

    @property
    def org_verified(self) -> bool:
        """Does this person verifiably speak for their organisation?"""
        return self.org_id is not None and self.org_verified_at is not None

    @property
    def guest_project_id(self) -> int | None:
        """The one project a guest account may see (None for everyone else)."""
        return self.guest.project_id if self.guest is not None else None

    @property
    def guest_until(self) -> datetime | None:
        """When a guest account's window ends (None for everyone else)."""
        return self.guest.until if self.guest is not None else None

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return not self.is_disabled

    def get_id(self) -> str:
        """Flask-Login's identity: the user id and the key of one server-side session ("id:key")."""
        return f"{self.id}:{self.session_key or ''}"


class UserSession(db.Model):
    """A signed-in browser. Signing out ends it on the server, so a copied cookie stops working."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the key in the cookie
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(20))


class ApiToken(db.Model):
    """A personal Bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined")
