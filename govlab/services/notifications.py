"""In-app notifications: written with the change that causes them, listed, marked read, pushed live.

`notify(unit, user_id, kind, ...)` is the one way to tell someone something (mentions, comments,
prototype status, gate decisions, affiliation decisions, invitations). It runs inside the caller's
write transaction, so a rolled-back change tells nobody. Nobody is told of their own action, and
nobody is told about a project they may not see; the list checks access again when it is read,
so a person who lost access to a private project stops seeing its notifications.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, func, or_, select, update

from ..domain import notifications as rules
from ..domain.anonymity import NOTIFICATION_KINDS
from ..domain.errors import N_, NotAuthenticated, NotFound
from ..extensions import db
from ..i18n import tell
from ..models import Card, Comment, Membership, Notification, Project, User
from ..models.base import utcnow
from .access import parse_id, signed_in
from .unit_of_work import UnitOfWork, write_transaction

log = logging.getLogger(__name__)
# Called after commit with (user_id, {"unread": n}); the live layer pushes it to the person's sockets.
Pusher = Callable[[int, dict], None]


def subscribe(pusher: Pusher) -> None:
    """Register the live layer's push for unread counts (per application, idempotent)."""
    pushers = current_app.extensions.setdefault("govlab_notification_pushers", [])
    if pusher not in pushers:
        pushers.append(pusher)


def notify(unit: UnitOfWork, user_id: int | None, kind: str, *, actor=None, project: Project | None = None,
           card: Card | None = None, comment: Comment | None = None, data: dict | None = None) -> Notification | None:
    """Inside a write transaction: tell a person something; returns the row, or None when nobody is told.

    Nobody is told of their own action; a disabled account, or one that may not see the project, is
    told nothing — except of the ADDRESSED_KINDS (an invitation), told to its addressee who is no member
    yet. E-mail follows the person's preference: at once through the outbox, or in the digest; the kinds
    MAILED_WITH_THE_CHANGE are never mailed again (their own mail went out with the change).
    """
    if kind not in rules.KINDS:  # pragma: no cover - programming error
        raise ValueError(kind)
    actor_id = getattr(actor, "id", None)
    if user_id is None or user_id == actor_id:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.is_disabled:
        return None
    if project is not None and kind not in rules.ADDRESSED_KINDS and not may_see(user, project):
        return None
    hidden = kind in NOTIFICATION_KINDS and project is not None and project.anonymous_since is not None \
        and not _facilitates(user, project)
    # Anonymous mode: "Someone commented…" for participants (the Event log still names the actor).
    facts = {"actor": None if hidden else getattr(actor, "name", None) or _actor_name(actor_id),
             "project": project.title if project is not None else None,
             "card": card.title if card is not None else None, **(data or {})}
    if comment is not None:
        facts["excerpt"] = rules.excerpt(comment.body)
    row = Notification(user_id=user.id, kind=kind, actor_id=None if hidden else actor_id,
                       project_id=project.id if project else None, card_id=card.id if card else None,
                       comment_id=comment.id if comment else None,
                       data={key: value for key, value in facts.items() if value is not None})
    db.session.add(row)
    db.session.flush()
    if kind in rules.MAILED_WITH_THE_CHANGE:
        row.mailed_at = utcnow()  # so the digest leaves it out too
    elif user.notify_email == "instant" and user.confirmed_at is not None:
        _mail_at_once(unit, user, row)
    _push_after_commit(unit, user.id)
    return row


def _facilitates(user: User, project: Project) -> bool:
    """Does this person see authors on an anonymous board (a facilitator, or a site admin)?"""
    return user.is_admin or db.session.scalar(select(Membership.role).where(
        Membership.project_id == project.id, Membership.user_id == user.id)) == "facilitator"


def _actor_name(actor_id: int | None) -> str | None:
    user = db.session.get(User, actor_id) if actor_id else None
    return user.name if user is not None else None


def may_see(user: User, project: Project) -> bool:
    """May this person see the project now (site admins, members, or anyone when it is public)?"""
    if user.is_admin or project.visibility == "public":
        return True
    return db.session.scalar(select(Membership.id).where(Membership.project_id == project.id,
                                                         Membership.user_id == user.id)) is not None


def _mail_at_once(unit: UnitOfWork, user: User, row: Notification) -> None:
    from . import outbox
    from .account_links import mail_locale

    locale = mail_locale(user)
    text = describe(row, locale)
    outbox.enqueue(unit, user.email, "notification", locale, name=user.name, items=[text],
                   link=outbox.external_url("notifications.open_notification", notification_id=row.id),
                   subject_params={"summary": rules.excerpt(text["sentence"], 120)})
    row.mailed_at = utcnow()


def _push_after_commit(unit: UnitOfWork, user_id: int) -> None:
    """After the commit, send the person's new unread count to their open sockets (once per transaction)."""
    hook = unit.after_commit.get("notifications.push")
    if hook is None:
        users: set[int] = set()

        def hook() -> None:
            push_counts(users)

        hook.users = users
        unit.after_commit["notifications.push"] = hook
    hook.users.add(user_id)


def push_counts(user_ids) -> None:
    """Hand each person's unread count to the live layer (best effort: a failing push loses nothing)."""
    pushers = current_app.extensions.get("govlab_notification_pushers", [])
    if not pushers:
        return
    for user_id in sorted(user_ids):
        payload = {"unread": unread_count(user_id)}
        for pusher in list(pushers):
            try:
                pusher(user_id, payload)
            except Exception:
                log.exception("notification push failed")


def describe(row: Notification, locale: str) -> dict:
    """A notification as shown: the sentence in `locale`, the comment's excerpt, where it leads, when."""
    with force_locale(locale):
        sentence = tell(rules.sentence(row.kind, row.data or {}, locale))
    return {"id": row.id, "kind": row.kind, "sentence": sentence, "excerpt": (row.data or {}).get("excerpt"),
            "project_id": row.project_id, "card_id": row.card_id, "comment_id": row.comment_id,
            "read": row.read_at is not None, "created_at": row.created_at}


def _visible(user: User):
    """The notifications a person may see now: access to the project (or addressed to them, as an
    invitation is), and a comment neither deleted nor hidden."""
    query = (select(Notification).outerjoin(Project, Project.id == Notification.project_id)
             .outerjoin(Comment, Comment.id == Notification.comment_id)
             .where(Notification.user_id == user.id,
                    or_(Notification.comment_id.is_(None), and_(Comment.deleted_at.is_(None),
                                                                Comment.hidden_at.is_(None)))))
    if not user.is_admin:
        member = select(Membership.id).where(Membership.project_id == Notification.project_id,
                                             Membership.user_id == user.id).exists()
        query = query.where(or_(Notification.project_id.is_(None), Project.visibility == "public", member,
                                Notification.kind.in_(rules.ADDRESSED_KINDS)))
    return query


def _user(actor) -> User:
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in."))
    user = db.session.get(User, actor.id)
    if user is None or user.is_disabled:
        raise NotAuthenticated(N_("Please sign in."))
    return user


def unread_count(user_id: int) -> int:
    """How many notifications the person has not read (only those they may still see)."""
    user = db.session.get(User, user_id)
    if user is None:
        return 0
    visible = _visible(user).where(Notification.read_at.is_(None)).with_only_columns(Notification.id)
    return db.session.scalar(select(func.count()).select_from(visible.subquery())) or 0


def list_notifications(actor, locale: str, limit: object = 50, before: object = None) -> dict:
    """The person's newest notifications (those they may still see), with the unread count.

    `before` (a notification id) pages back. Raises NotAuthenticated or ValidationError.
    """
    user = _user(actor)
    limit = min(parse_id(limit, "limit"), rules.LIST_MAX) if limit is not None else 50
    query = _visible(user).order_by(Notification.id.desc()).limit(limit)
    if before is not None:
        query = query.where(Notification.id < parse_id(before, "before"))
    rows = list(db.session.scalars(query))
    return {"notifications": [describe(row, locale) for row in rows], "unread": unread_count(user.id)}


def get_visible(actor, notification_id: object) -> Notification:
    """One of the person's notifications that they may still see. Raises NotFound or NotAuthenticated."""
    user = _user(actor)
    row = db.session.scalar(_visible(user).where(Notification.id == parse_id(notification_id, "id")))
    if row is None:
        raise NotFound(N_("No such notification."))
    return row


def mark_read(actor, notification_id: object) -> Notification:
    """Mark one notification read (idempotent). Raises NotFound or NotAuthenticated."""
    with write_transaction() as unit:
        row = get_visible(actor, notification_id)
        if row.read_at is None:
            row.read_at = utcnow()
            _push_after_commit(unit, row.user_id)
    return row


def mark_all_read(actor) -> int:
    """Mark every notification of the person read; returns how many were unread. Raises NotAuthenticated."""
    with write_transaction() as unit:
        user = _user(actor)
        changed = db.session.execute(update(Notification).where(Notification.user_id == user.id,
                                                                Notification.read_at.is_(None))
                                     .values(read_at=utcnow()), execution_options={"synchronize_session": False})
        _push_after_commit(unit, user.id)
    return changed.rowcount or 0


def target(row: Notification) -> tuple[str, dict]:
    """Where a notification leads: (endpoint, values) — the card on its board, the comment in view; an
    invitation to the person's invitations page, which says what became of it if it is no longer open."""
    if row.kind == "invitation":
        invitation_id = (row.data or {}).get("invitation_id")
        return "invitations.mine", ({"invitation": invitation_id, "_anchor": f"invitation-{invitation_id}"}
                                    if isinstance(invitation_id, int) else {})
    if row.project_id is not None and row.card_id is not None:
        values = {"project_id": row.project_id, "card": row.card_id}
        if row.comment_id is not None:
            values["comment"] = row.comment_id
        return "board.show", values
    if row.project_id is not None:
        return "board.show", {"project_id": row.project_id}
    return "auth.profile", {}


def update_settings(actor, notify_email: object, time_zone: object) -> User:
    """Set how the person hears of notifications by e-mail (instant, digest, none) and their time zone.

    Raises ValidationError or NotAuthenticated.
    """
    choice = rules.check_email_choice(notify_email)
    zone = rules.check_time_zone(time_zone)
    with write_transaction():
        user = _user(actor)
        user.notify_email = choice
        user.time_zone = None if zone == rules.DEFAULT_TIME_ZONE else zone
    return user
