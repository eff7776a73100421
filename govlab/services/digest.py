"""The daily digest: one mail a morning with yesterday's notifications, in each person's language and time zone.

Run by the mail sender's loop (`govlab run` with SMTP) and by `govlab mail digest`. A person's day is
claimed with one conditional UPDATE of `users.digest_sent_for` in the transaction that writes the
mail, so two senders never send the same digest; an empty day sends nothing (and is still claimed).
"""
from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import or_, select, update

from ..domain import notifications as rules
from ..extensions import db
from ..i18n import format_date
from ..models import Notification, User
from ..models.base import utcnow
from . import outbox
from .account_links import mail_locale
from .notifications import _visible, describe
from .unit_of_work import write_transaction

log = logging.getLogger(__name__)
DIGEST_ITEMS_MAX = 50


def send_digests(now: datetime | None = None) -> dict[str, int]:
    """Write the digest of every person whose morning has come; counts of mails written and empty days."""
    now = now or utcnow()
    hour = current_app.config.get("DIGEST_HOUR", 7)
    today = now.date()
    candidates = list(db.session.execute(
        select(User.id, User.time_zone).where(User.notify_email == "digest", User.is_disabled.is_(False),
                                              User.confirmed_at.is_not(None),
                                              or_(User.digest_sent_for.is_(None), User.digest_sent_for < today))))
    db.session.rollback()  # end the read before the writes
    counts = {"mailed": 0, "empty": 0}
    for user_id, zone_name in candidates:
        day = rules.digest_day(now, zone_name, hour)
        if day is None:
            continue
        try:
            mailed = _digest_for(user_id, day)
        except Exception:  # one person's failure must not stop the others' digests
            db.session.rollback()
            log.exception("digest for user %s failed", user_id)
            continue
        if mailed is not None:
            counts["mailed" if mailed else "empty"] += 1
    return counts


def _digest_for(user_id: int, day) -> bool | None:
    """Claim the person's day and write its digest; True (mailed), False (nothing that day), None (taken)."""
    with write_transaction() as unit:
        claimed = db.session.execute(
            update(User).where(User.id == user_id, or_(User.digest_sent_for.is_(None), User.digest_sent_for < day))
            .values(digest_sent_for=day), execution_options={"synchronize_session": False}).rowcount
        if not claimed:
            return None
        user = db.session.get(User, user_id)
        start, end = rules.day_bounds(day, user.time_zone)
        rows = list(db.session.scalars(
            _visible(user).where(Notification.created_at >= start, Notification.created_at < end,
                                 Notification.read_at.is_(None), Notification.mailed_at.is_(None))
            .order_by(Notification.id).limit(DIGEST_ITEMS_MAX)))
        if not rows:
            return False
        locale = mail_locale(user)
        items = [describe(row, locale) for row in rows]
        for item, row in zip(items, rows):
            item["link"] = outbox.external_url("notifications.open_notification", notification_id=row.id)
            row.mailed_at = utcnow()
        day_text = _day_text(day, locale)
        outbox.enqueue(unit, user.email, "digest", locale, name=user.name, items=items, day=day_text,
                       link=outbox.external_url("notifications.notification_list"),
                       subject_params={"day": day_text})
    return True


def _day_text(day, locale: str) -> str:
    from flask_babel import force_locale

    with force_locale(locale):
        return format_date(day)
