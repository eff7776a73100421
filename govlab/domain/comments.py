"""Rules of comments on cards: text, mentions, threads, who may write, edit, hide and see what.

Pure functions of plain values; the services load the rows and call these.
"""
from __future__ import annotations

import unicodedata

from .board import clean_body
from .errors import N_, PermissionDenied, ValidationError

COMMENT_MAX = 5_000
MENTIONS_MAX = 20
MENTION_TEXT_MAX = 130  # "@" and a name of at most 120 characters, with room to spare
MEMBER_SEARCH_MAX = 20


def clean_comment(value: object) -> str:
    """A comment's text: at most COMMENT_MAX characters, no control characters, and not blank."""
    text = clean_body(value, field="body", limit=COMMENT_MAX).strip()
    if not text or all(unicodedata.category(char) in ("Cf", "Zs", "Mn", "Cc") for char in text):
        raise ValidationError(N_("Write something first: the comment is empty."), field="body")
    return text


def check_mentions(body: str, mentions: list[dict], members: set[int]) -> list[dict]:
    """The mentions as stored: each names text that occurs in the body; a non-member keeps the text only.

    `mentions` are {"user_id", "text"} dicts (shape already checked); `members` are the ids of the
    project's members. A mention of someone who is not a member is kept with user_id None: it is
    shown as written and notifies nobody.
    """
    if len(mentions) > MENTIONS_MAX:
        raise ValidationError(N_("A comment can mention at most %(max)d people."), field="mentions",
                              max=MENTIONS_MAX)
    stored, seen = [], set()
    for mention in mentions:
        text = mention["text"]
        if not text.startswith("@") or text not in body:
            raise ValidationError(N_("Each mention must be text of the comment that starts with @."),
                                  field="mentions")
        user_id = mention["user_id"] if mention["user_id"] in members else None
        if (user_id, text) in seen:
            continue
        seen.add((user_id, text))
        stored.append({"user_id": user_id, "text": text})
    return stored


def mentioned_users(mentions: list[dict] | None) -> set[int]:
    """The member ids a comment's stored mentions name (non-members were stored without an id)."""
    return {m["user_id"] for m in mentions or () if isinstance(m.get("user_id"), int)}


def thread_parent(parent_facts: dict | None, card_id: int) -> int | None:
    """The top comment a reply attaches to: a reply to a reply joins the top comment's thread.

    `parent_facts` is {"id", "card_id", "parent_id", "deleted"} of the comment replied to, or None.
    """
    if parent_facts is None:
        return None
    if parent_facts["card_id"] != card_id:
        raise ValidationError(N_("A reply must be on the same card as the comment it answers."), field="parent_id")
    if parent_facts["deleted"]:
        raise ValidationError(N_("This comment has been deleted: it cannot be answered."), field="parent_id")
    return parent_facts["parent_id"] or parent_facts["id"]


def can_comment(role: str | None, observers_may_comment: bool, status: str) -> bool:
    """Facilitators and members comment; observers too unless the project turned it off; not when archived."""
    if status == "archived":
        return False
    return role in ("facilitator", "member") or (role == "observer" and observers_may_comment)


def require_comment(role: str | None, observers_may_comment: bool, status: str) -> None:
    """Raise PermissionDenied when the actor may not comment in the project."""
    if status == "archived":
        raise PermissionDenied(N_("This project is archived and read-only."))
    if role == "observer" and not observers_may_comment:
        raise PermissionDenied(N_("Observers cannot comment in this project."))
    if not can_comment(role, observers_may_comment, status):
        raise PermissionDenied(N_("Only members of this project can comment."))


def require_own(author_id: int | None, actor_id: int | None) -> None:
    """Only the author edits or deletes a comment."""
    if author_id is None or author_id != actor_id:
        raise PermissionDenied(N_("You can only change your own comments."))


def visibility(comment: dict, viewer_id: int | None, role: str | None, has_visible_replies: bool) -> str | None:
    """How a viewer sees a comment: "full", "placeholder" (deleted or hidden, kept for its replies) or None.

    `comment` has "author_id", "deleted" and "hidden". The author and facilitators see a hidden
    comment's text (flagged hidden); a deleted comment's text is gone for everyone.
    """
    if comment["deleted"]:
        return "placeholder" if has_visible_replies else None
    if comment["hidden"]:
        if role == "facilitator" or (viewer_id is not None and viewer_id == comment["author_id"]):
            return "full"
        return "placeholder" if has_visible_replies else None
    return "full"


def fold(text: str) -> str:
    """Text as compared by the member search: NFC, case-folded (Thai has no case; Latin has)."""
    return unicodedata.normalize("NFC", text).casefold()


def name_matches(query: str, name: str) -> bool:
    """Does any part of the name contain the query (e.g. "ศรี" finds "สมศรี ใจดี")?"""
    return fold(query.strip()) in fold(name)
