"""Pure rules of invitations: how long a link lives, how often it may be sent, and an invitation's state.

An invitation is answered the same way whether or not its address has an account, so nothing here
ever looks at accounts. Limits are counted from stored rows (every process sees the same counts).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from .errors import N_, DomainError, ValidationError

INVITE_DAYS = 14  # a link (and every resent link) works this long
RESEND_MINUTES = 10  # at least this long between two mails of one invitation
SENDS_MAX = 5  # mails per invitation, the first included
INVITES_PER_DAY = 50  # new invitations per inviter in any 24 hours (all projects together)
PENDING_MAX = 200  # pending invitations per project
STATES = ("pending", "accepted", "declined", "revoked", "expired")
PURPOSE = "invite"  # bound into the link's keyed hash, so a confirm or reset token never opens an invitation


class RateLimited(DomainError):
    """Too many invitations or mails in too short a time."""

    code = "rate_limited"


class InvitationRefused(ValidationError):
    """An invitation link that cannot be used: not one of ours, accepted, revoked or expired (`reason`)."""

    code = "invalid_link"
    MESSAGES = {"invalid": N_("This invitation link is not valid. Use the whole link from the most recent "
                              "invitation mail."),
                "accepted": N_("This invitation has already been accepted."),
                "declined": N_("This invitation was declined."),
                "revoked": N_("This invitation was withdrawn by the project's facilitators."),
                "expired": N_("This invitation has expired.")}

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGES[reason], field="token")
        self.reason = reason


def state(accepted_at: datetime | None, revoked_at: datetime | None, expires_at: datetime, now: datetime,
          declined_at: datetime | None = None) -> str:
    """pending, accepted, declined, revoked or expired (answers and withdrawal win over the clock).

    A withdrawal after a decline wins over the decline: facilitators withdraw a declined invitation to
    take it off their list.
    """
    if accepted_at is not None:
        return "accepted"
    if revoked_at is not None:
        return "revoked"
    if declined_at is not None:
        return "declined"
    return "expired" if expires_at <= now else "pending"


def expiry(now: datetime) -> datetime:
    """When a link sent now stops working."""
    return now + timedelta(days=INVITE_DAYS)


def check_resend(send_count: int, last_sent_at: datetime, now: datetime) -> None:
    """Refuse a resend too soon after the last mail, or past the mails an invitation may have (RateLimited)."""
    if send_count >= SENDS_MAX:
        raise RateLimited(N_("This invitation has been sent %(count)d times already. Withdraw it and invite "
                             "the person again if they still need it."), count=SENDS_MAX)
    wait = last_sent_at + timedelta(minutes=RESEND_MINUTES) - now
    if wait > timedelta(0):
        minutes = max(1, int((wait.total_seconds() + 59) // 60))
        raise RateLimited(N_("The invitation was sent a moment ago. You can send it again in %(minutes)d "
                             "minutes."), minutes=minutes)


def check_invite_quota(sent_today: int, pending_in_project: int) -> None:
    """Refuse a new invitation past the inviter's daily number or the project's pending number (RateLimited)."""
    if sent_today >= INVITES_PER_DAY:
        raise RateLimited(N_("You have sent %(count)d invitations in the last 24 hours. Please try again "
                             "later."), count=INVITES_PER_DAY)
    if pending_in_project >= PENDING_MAX:
        raise RateLimited(N_("This project has %(count)d invitations waiting. Withdraw some before inviting "
                             "more people."), count=PENDING_MAX)
