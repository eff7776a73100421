"""The outbox: mail written with the change that causes it, then claimed, sent and recorded by a sender.

Several senders (server processes, `govlab mail send`) may run at once: a sender claims due rows
by giving them a lease (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite runs write
transactions one at a time), sends them outside any transaction, then records each result.
A sender that dies between sending and recording leaves its rows to be sent again once the lease
ends: delivery is at least once, never twice by two live senders.
"""
from __future__ import annotations

import logging
import random
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template, request
from flask_babel import force_locale
from sqlalchemy import func, or_, select

from .. import smtp
from ..domain import mail as rules
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..i18n import translate
from ..models import OutboxMail
from ..models.base import utcnow
from .access import parse_id, require_admin
from .unit_of_work import UnitOfWork, write_transaction

log = logging.getLogger(__name__)
BATCH = 20  # mails per claim (one SMTP connection each)
STATUSES = ("pending", "sent", "failed")
SUBJECTS = {
    "confirm": N_("Confirm your e-mail address for GovLab"),
    "register_attempt": N_("Someone tried to register on GovLab with your e-mail address"),
    "reset": N_("Reset your GovLab password"),
    "contribution_received": N_("We received your contribution"),
    "contribution_status": N_("News about your contribution"),
    "contribution_claim": N_("Your earlier contributions on GovLab"),
    "notification": N_("GovLab: %(summary)s"),
    "digest": N_("Your GovLab digest for %(day)s"),
}
DEFAULT_BASE = "http://127.0.0.1:5000"


def external_url(endpoint: str, **values) -> str:
    """An absolute link for a mail: on GOVLAB_BASE_URL, else on the address of the current request.

    Set GOVLAB_BASE_URL in production: a link built from a request's Host header could be pointed
    at another site by whoever sends that header.
    """
    base = current_app.config.get("BASE_URL") or (request.url_root if has_request_context() else DEFAULT_BASE)
    parts = urlsplit(base)
    adapter = current_app.url_map.bind(parts.netloc, script_name=parts.path.rstrip("/") or "/",
                                       url_scheme=parts.scheme or "http")
    return adapter.build(endpoint, values, force_external=True)


def render(kind: str, locale: str, **context) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of a mail in the given language (templates/mail/<kind>.txt|.html)."""
    if not has_request_context():  # a change caused by a socket op or the CLI: templates expect a request
        with current_app.test_request_context(base_url=current_app.config.get("BASE_URL") or DEFAULT_BASE):
            return render(kind, locale, **context)
    with force_locale(locale):
        subject = translate(SUBJECTS[kind], context.get("subject_params"))
        context = {**context, "subject": subject, "locale": locale}
        return (subject, render_template(f"mail/{kind}.txt", **context),
                render_template(f"mail/{kind}.html", **context))


def enqueue(unit: UnitOfWork, to_addr: str, kind: str, locale: str, **context) -> OutboxMail:
    """Inside a write transaction: store a rendered mail for the sender; it leaves only if the change commits."""
    subject, text, html = render(kind, locale, **context)
    mail = OutboxMail(to_addr=to_addr, locale=locale, kind=kind, subject=subject[:300], text_body=text,
                      html_body=html, status="pending", attempts=0, next_attempt_at=utcnow())
    db.session.add(mail)
    unit.after_commit["mail.wake"] = wake
    return mail


def smtp_settings() -> rules.SmtpSettings | None:
    """The configured SMTP server, or None (unset or malformed: mails wait in the outbox)."""
    try:
        return rules.parse_smtp_url(current_app.config.get("SMTP_URL"))
    except ValidationError:
        log.error("GOVLAB_SMTP_URL is not a valid smtp:// or smtps:// URL; mails stay in the outbox")
        return None


def claim(owner: str, limit: int = BATCH) -> list[smtp.Outgoing]:
    """Lease up to `limit` due mails to `owner` (one more attempt each) and return them."""
    now = utcnow()
    lease = timedelta(seconds=current_app.config.get("MAIL_LEASE", 300.0))
    with write_transaction():
        rows = list(db.session.scalars(
            select(OutboxMail).where(OutboxMail.status == "pending", OutboxMail.next_attempt_at <= now,
                                     or_(OutboxMail.lease_until.is_(None), OutboxMail.lease_until < now))
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id).limit(limit)
            .with_for_update(skip_locked=True)))
        for row in rows:
            row.lease_owner, row.lease_until, row.attempts = owner, now + lease, row.attempts + 1
        claimed = [smtp.Outgoing(row.id, row.to_addr, row.subject, row.text_body, row.html_body) for row in rows]
    return claimed


def record(owner: str, results: list[smtp.Result]) -> None:
    """Store what happened: sent mails lose their bodies; failures wait (backoff) or give up."""
    now = utcnow()
    base = current_app.config.get("MAIL_RETRY_BASE", 30.0)
    most = current_app.config.get("MAIL_MAX_ATTEMPTS", rules.MAX_ATTEMPTS)
    with write_transaction():
        for result in results:
            row = db.session.get(OutboxMail, result.id)
            if row is None or row.status != "pending":
                continue
            if result.sent:
                row.status, row.sent_at, row.last_error = "sent", now, None
                row.text_body = row.html_body = ""  # they may hold single-use links
            elif row.lease_owner != owner:
                continue  # our lease ran out and another sender has it now
            else:
                row.last_error = result.error
                if result.permanent or rules.gives_up(row.attempts, most):
                    row.status = "failed"
                else:
                    row.next_attempt_at = now + timedelta(seconds=rules.retry_delay(row.attempts, base,
                                                                                    random.random()))
            row.lease_owner, row.lease_until = None, None


def send_due(limit_batches: int | None = None) -> dict[str, int]:
    """Send every mail that is due now, batch by batch; counts of sent and failed tries.

    Does nothing without SMTP settings. Holds no database connection while talking to the server.
    """
    settings = smtp_settings()
    counts = {"sent": 0, "failed": 0}
    if settings is None:
        return counts
    owner = uuid.uuid4().hex
    batches = 0
    while limit_batches is None or batches < limit_batches:
        mails = claim(owner)  # its commit hands the connection back to the pool before the network
        if not mails:
            break
        batches += 1
        results = smtp.deliver(settings, current_app.config["MAIL_FROM"], mails,
                               current_app.config.get("SMTP_TIMEOUT", 20.0))
        record(owner, results)
        for result in results:
            counts["sent" if result.sent else "failed"] += 1
        if any(not result.sent for result in results):
            log.warning("mail: %d of %d not sent (%s)", sum(not r.sent for r in results), len(results),
                        next(r.error for r in results if not r.sent))
    return counts


def seconds_until_due() -> float | None:
    """Seconds until the next pending mail is due (0 when one is due now), or None when none waits."""
    earliest = db.session.scalar(select(func.min(OutboxMail.next_attempt_at))
                                 .where(OutboxMail.status == "pending"))
    leased = db.session.scalar(select(func.min(OutboxMail.lease_until)).where(OutboxMail.status == "pending",
                                                                             OutboxMail.lease_until.is_not(None)))
    moments = [moment for moment in (earliest, leased) if moment is not None]
    if not moments:
        return None
    return max(0.0, (min(moments) - utcnow()).total_seconds())


def wake() -> None:
    """After a commit that wrote mail: nudge this process's sender, if it runs (no-op otherwise)."""
    sender = current_app.extensions.get("govlab_mail_sender")
    if sender is not None:
        sender.wake()


# -- the site admin's view ----------------------------------------------------------------------

def list_outbox(actor, status: object = None, limit: int = 200) -> tuple[list[OutboxMail], dict[str, int]]:
    """Site admin: the newest mails (optionally of one status) and the count per status."""
    require_admin(actor)
    statement = select(OutboxMail).order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc()).limit(limit)
    if status in STATUSES:
        statement = statement.where(OutboxMail.status == status)
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(db.session.execute(select(OutboxMail.status, func.count()).group_by(OutboxMail.status)).all())
    return list(db.session.scalars(statement)), counts


def retry_mail(actor, mail_id: object) -> OutboxMail:
    """Site admin: give a mail that gave up a fresh set of tries, now. Raises ValidationError."""
    require_admin(actor)
    with write_transaction() as unit:
        mail = db.session.get(OutboxMail, parse_id(mail_id, "mail_id"))
        if mail is None or mail.status != "failed":
            raise ValidationError(N_("Only a mail that failed can be sent again."), field="mail_id")
        mail.status, mail.attempts, mail.next_attempt_at = "pending", 0, utcnow()
        unit.after_commit["mail.wake"] = wake
    return mail
