"""Comments on cards: one level of replies, @mentions, edit and delete one's own, facilitators hide any.

Every change is an op (comment.create|update|delete|hide): validated, authorised, stored with its
Event, broadcast live, and it tells the people concerned (services/notifications.py) in the same
transaction.
"""
from __future__ import annotations

from sqlalchemy import func, select

from ..domain import comments as rules
from ..domain import schemas
from ..domain.errors import N_, Conflict, DomainError, NotAuthenticated, NotFound, ValidationError
from ..extensions import db
from ..models import Card, Comment, Membership, Project, User
from ..models.base import utcnow
from .access import actor_id, load_card, load_project, parse_id, signed_in
from .anonymity import for_viewer
from .follows import followers
from .notifications import notify
from .registry import op
from .serialize import iso
from .unit_of_work import UnitOfWork, write_transaction


def comment_to_dict(comment: Comment, shown: str = "full") -> dict:
    """A comment as clients see it; a placeholder (deleted, or hidden from this viewer) carries no text."""
    names = _names(rules.mentioned_users(comment.mentions)) if shown == "full" else {}
    return {
        "id": comment.id, "project_id": comment.project_id, "card_id": comment.card_id,
        "parent_id": comment.parent_id, "author_id": comment.author_id,
        "author_name": comment.author.name if comment.author else comment.author_label,
        "body": comment.body if shown == "full" and comment.deleted_at is None else "",
        "mentions": [{**m, "name": names.get(m["user_id"])} for m in comment.mentions or ()] if shown == "full" else [],
        "version": comment.version, "created_at": iso(comment.created_at), "edited_at": iso(comment.edited_at),
        "deleted": comment.deleted_at is not None, "hidden": comment.hidden_at is not None,
    }


def _names(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())


def comment_count(card_id: int) -> int:
    """The comments shown on a card's face: neither deleted nor hidden."""
    return db.session.scalar(select(func.count(Comment.id)).where(
        Comment.card_id == card_id, Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))) or 0


def comment_counts(project_id: int) -> dict[str, int]:
    """The comment count of every card of the project that has comments, by card id as text (JSON object keys)."""
    rows = db.session.execute(select(Comment.card_id, func.count(Comment.id)).where(
        Comment.project_id == project_id, Comment.deleted_at.is_(None), Comment.hidden_at.is_(None))
        .group_by(Comment.card_id))
    return {str(card_id): count for card_id, count in rows}


def _card_to_comment(actor, card_id: int, project_id: int | None) -> tuple[Card, Project, str | None]:
    """A live card of the op's project that the actor may comment on; a card of another project is named so."""
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in to comment."))
    card = db.session.get(Card, card_id)
    if card is not None and project_id is not None and card.project_id != project_id:
        try:
            load_project(actor, card.project_id, "view")
        except DomainError:
            raise NotFound(N_("No such card."), field="card_id") from None  # ids of hidden projects reveal nothing
        raise ValidationError(N_("This card belongs to another project."), field="card_id")
    card, project, role = load_card(actor, card_id, need="view_locked", in_project=project_id)
    rules.require_comment(role, project.observers_may_comment, project.status)
    return card, project, role


def _load_comment(actor, comment_id: object, project_id: int | None) -> tuple[Comment, Card, Project, str | None]:
    """A comment (not deleted) with its card and project, the actor's role checked on the project."""
    comment = db.session.get(Comment, parse_id(comment_id, "id"))
    if comment is None or comment.deleted_at is not None or (project_id is not None and comment.project_id != project_id):
        raise NotFound(N_("No such comment."))
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in to comment."))
    try:
        card, project, role = load_card(actor, comment.card_id, need="view_locked")
    except NotFound:
        raise NotFound(N_("No such comment.")) from None
    return comment, card, project, role


def _members(project: Project) -> set[int]:
    return set(db.session.scalars(select(Membership.user_id).where(Membership.project_id == project.id)))


@op("comment.create", schemas.CommentCreate, events=("comment.create",), result="comment")
def create_comment(actor, project_id: int | None, data: dict) -> Comment:
    """Comment on a card, or answer a comment (members, facilitators, and observers unless turned off).

    Mentions of members notify them; a mention of anyone else keeps its text and notifies nobody.
    Raises ValidationError (text, mentions, a reply on another card, a card of another project),
    NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        card, project, _role = _card_to_comment(actor, data["card_id"], project_id)
        parent = None
        if data.get("parent_id") is not None:
            parent = db.session.get(Comment, data["parent_id"])
            facts = None if parent is None else {"id": parent.id, "card_id": parent.card_id,
                                                 "parent_id": parent.parent_id, "deleted": parent.deleted_at is not None}
            if facts is None or (parent.card_id != card.id and parent.project_id != project.id):
                raise NotFound(N_("No such comment."), field="parent_id")
            parent_id = rules.thread_parent(facts, card.id)
            parent = db.session.get(Comment, parent_id) if parent_id != parent.id else parent
        mentions = rules.check_mentions(data["body"], data.get("mentions", []), _members(project))
        comment = Comment(project_id=project.id, card_id=card.id, parent_id=parent.id if parent else None,
                          author_id=actor_id(actor), body=data["body"], mentions=mentions, version=1)
        db.session.add(comment)
        db.session.flush()
        unit.record(project, actor_id(actor), "comment.create",
                    {"comment": comment_to_dict(comment), "comment_count": comment_count(card.id)})
        _tell(unit, actor, project, card, comment, _replied_to(data, parent), set())
    return comment


def _replied_to(data: dict, parent: Comment | None) -> set[int]:
    """The authors a reply answers: the comment replied to and, for a reply to a reply, its author too."""
    if parent is None:
        return set()
    people = {parent.author_id}
    direct = db.session.get(Comment, data["parent_id"])
    if direct is not None:
        people.add(direct.author_id)
    return {person for person in people if person is not None}


def _tell(unit: UnitOfWork, actor, project: Project, card: Card, comment: Comment, replied: set[int],
          already: set[int]) -> None:
    """Notify the people mentioned (not already told), those answered, and the card's followers.

    One notification per person per comment: a mention wins over a reply, a reply over a comment.
    """
    told = set(already)
    for kind, people in (("mention", rules.mentioned_users(comment.mentions)), ("reply", replied),
                         ("comment", followers(card))):
        for user_id in sorted(people - told):
            told.add(user_id)
            notify(unit, user_id, kind, actor=actor, project=project, card=card, comment=comment)


@op("comment.update", schemas.CommentUpdate, events=("comment.update",), result="comment")
def update_comment(actor, project_id: int | None, data: dict) -> Comment:
    """Change the text of one's own comment; `version` must match when given. New mentions are notified.

    Raises ValidationError, Conflict (version, hidden), NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        comment, card, project, role = _load_comment(actor, data["id"], project_id)
        rules.require_own(comment.author_id, actor_id(actor))
        rules.require_comment(role, project.observers_may_comment, project.status)
        if comment.hidden_at is not None:
            raise Conflict(N_("A facilitator hid this comment: it cannot be edited."))
        if "version" in data and data["version"] != comment.version:
            raise Conflict(N_("This comment was changed meanwhile. Reload and try again."), field="version")
        mentions = rules.check_mentions(data["body"], data.get("mentions", []), _members(project))
        if data["body"] == comment.body and mentions == (comment.mentions or []):
            return comment
        before = rules.mentioned_users(comment.mentions)
        comment.body, comment.mentions = data["body"], mentions
        comment.version += 1
        comment.edited_at = utcnow()
        db.session.flush()
        unit.record(project, actor_id(actor), "comment.update",
                    {"comment": comment_to_dict(comment), "comment_count": comment_count(card.id)})
        for user_id in sorted(rules.mentioned_users(mentions) - before):
            notify(unit, user_id, "mention", actor=actor, project=project, card=card, comment=comment)
    return comment


@op("comment.delete", schemas.CommentRef, events=("comment.delete",), result="comment")
def delete_comment(actor, project_id: int | None, data: dict) -> Comment:
    """Delete one's own comment; its text is gone, and it shows as "comment deleted" while it has replies.

    Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        comment, card, project, _role = _load_comment(actor, data["id"], project_id)
        rules.require_own(comment.author_id, actor_id(actor))
        comment.deleted_at = utcnow()
        comment.body, comment.mentions = "", []
        comment.version += 1
        db.session.flush()
        unit.record(project, actor_id(actor), "comment.delete",
                    {"comment": comment_to_dict(comment, "placeholder"), "comment_count": comment_count(card.id)})
    return comment


@op("comment.hide", schemas.CommentRef, events=("comment.hide",), result="comment")
def hide_comment(actor, project_id: int | None, data: dict) -> Comment:
    """Hide a comment from everyone but its author and the facilitators (facilitators).

    Raises Conflict (hidden already), NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        comment, card, project, _role = _load_comment(actor, data["id"], project_id)
        load_project(actor, project.id, "manage")
        if comment.hidden_at is not None:
            raise Conflict(N_("This comment is hidden already."))
        comment.hidden_at, comment.hidden_by = utcnow(), actor_id(actor)
        comment.version += 1
        db.session.flush()
        unit.record(project, actor_id(actor), "comment.hide",
                    {"comment": comment_to_dict(comment, "placeholder"), "comment_count": comment_count(card.id)})
    return comment


def list_comments(actor, card_id: object) -> dict:
    """A card's thread as the actor may see it: top comments oldest first, each followed by its replies.

    Also says whether the actor may comment or hide, and follows the card. Raises NotFound.
    """
    card, project, role = load_card(actor, card_id, need="view")
    rows = list(db.session.scalars(select(Comment).where(Comment.card_id == card.id).order_by(Comment.id)))
    viewer = getattr(actor, "id", None)
    reply_shown = {row.id: rules.visibility(_facts(row), viewer, role, False) for row in rows if row.parent_id}
    answered = {row.parent_id for row in rows if row.parent_id and reply_shown[row.id] == "full"}
    threads: dict[int, list[Comment]] = {}
    for row in rows:  # ids grow with time: a thread's top comment comes before its replies
        threads.setdefault(row.parent_id or row.id, []).append(row)
    signed = signed_in(actor) and viewer is not None
    may_comment = signed and rules.can_comment(role, project.observers_may_comment, project.status)
    result = []
    for top_id, thread in threads.items():
        for row in thread:
            shown = reply_shown[row.id] if row.parent_id else rules.visibility(_facts(row), viewer, role,
                                                                               top_id in answered)
            if shown is None:
                continue
            live = row.deleted_at is None and row.hidden_at is None
            result.append({**comment_to_dict(row, shown), "can_reply": may_comment and live,
                           "can_edit": may_comment and live and row.author_id == viewer,
                           "can_hide": live and role == "facilitator" and project.status != "archived"})
    from .follows import is_following

    return for_viewer({"card_id": card.id, "comments": result, "count": comment_count(card.id),
                       "can_comment": may_comment, "can_hide": role == "facilitator",
                       "following": is_following(viewer, card), "can_follow": signed}, project, role, actor)


def _facts(row: Comment) -> dict:
    return {"author_id": row.author_id, "deleted": row.deleted_at is not None, "hidden": row.hidden_at is not None}


def mentionable(actor, project_id: object, query: object) -> list[dict]:
    """Members of the project whose name contains the query (NFC, any part: "ศรี" finds "สมศรี ใจดี").

    Only for people who may comment there. Raises ValidationError, NotFound, NotAuthenticated or PermissionDenied.
    """
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in to comment."))
    project, role = load_project(actor, project_id, "view")
    rules.require_comment(role, project.observers_may_comment, project.status)
    text = query if isinstance(query, str) else ""
    if len(text) > 120:
        raise ValidationError(N_("The text is too long (at most %(max)d characters)."), field="q", max=120)
    people = db.session.execute(select(User.id, User.name).join(Membership, Membership.user_id == User.id)
                                .where(Membership.project_id == project.id, User.is_disabled.is_(False)))
    found = sorted(((user_id, name) for user_id, name in people if rules.name_matches(text, name)),
                   key=lambda person: (rules.fold(person[1]), person[0]))
    return [{"id": user_id, "name": name} for user_id, name in found[:rules.MEMBER_SEARCH_MAX]]
