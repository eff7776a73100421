"""The invitation mail: one bilingual mail (the inviter's language first, then the other), the same for
an address with or without an account, so neither its content nor the work to make it tells them apart."""
from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from markupsafe import Markup

from ..domain import invitations as rules
from ..domain import permissions
from ..domain.errors import N_
from ..extensions import db
from ..i18n import format_date, translate
from ..models import Invitation, OutboxMail, Project, User
from ..models.base import utcnow
from . import outbox
from .unit_of_work import UnitOfWork

KIND = "invitation"
SUBJECT = N_("You are invited to a project on GovLab")


def languages(inviter: User | None) -> list[str]:
    """The mail's languages in order: the inviter's (else the site default) first, then the others."""
    supported = list(current_app.config["LANGUAGES"])
    first = getattr(inviter, "locale", None)
    if first not in supported:
        first = current_app.config["BABEL_DEFAULT_LOCALE"]
    return [first] + [locale for locale in supported if locale != first]


def enqueue(unit: UnitOfWork, invitation: Invitation, project: Project, token: str) -> OutboxMail:
    """Inside a write transaction: store the invitation mail carrying this link; it leaves only on commit."""
    inviter = db.session.get(User, invitation.invited_by) if invitation.invited_by is not None else None
    link = outbox.external_url("invitations.show", token=token)
    locales = languages(inviter)
    subjects, texts, parts = [], [], []
    for locale in locales:
        with force_locale(locale):
            context = {"locale": locale, "link": link, "project_title": project.title,
                       "inviter": inviter.name if inviter is not None else "GovLab",
                       "role": translate(permissions.ROLE_LABELS[invitation.role]),
                       "until": format_date(invitation.expires_at, with_time=True), "days": rules.INVITE_DAYS}
            subjects.append(translate(SUBJECT))
            texts.append(render_template("mail/invitation.txt", **context))
            parts.append(Markup(render_template("mail/invitation_part.html", **context)))
    subject = " / ".join(subjects)
    with force_locale(locales[0]):
        html = render_template("mail/invitation.html", parts=parts, subject=subject, locale=locales[0])
    text = "\n\n----\n\n".join(texts)
    mail = OutboxMail(to_addr=invitation.email, locale=locales[0], kind=KIND, subject=subject[:300],
                      text_body=text, html_body=html, status="pending", attempts=0, next_attempt_at=utcnow())
    db.session.add(mail)
    unit.after_commit["mail.wake"] = outbox.wake
    return mail
