"""Who follows which card: authors follow their cards unless they say otherwise; anyone who sees it may follow."""
from __future__ import annotations

from sqlalchemy import select

from ..domain.errors import N_, NotAuthenticated
from ..extensions import db
from ..models import Card, CardFollow
from .access import load_card, signed_in
from .unit_of_work import write_transaction


def followers(card: Card) -> set[int]:
    """The ids of the people who follow the card: its author (unless they unfollowed) and those who followed."""
    choices = dict(db.session.execute(select(CardFollow.user_id, CardFollow.following)
                                      .where(CardFollow.card_id == card.id)).all())
    people = {user_id for user_id, following in choices.items() if following}
    if card.author_id is not None and choices.get(card.author_id, True):
        people.add(card.author_id)
    return people


def is_following(user_id: int | None, card: Card) -> bool:
    """Does this person follow the card?"""
    return user_id is not None and user_id in followers(card)


def set_following(actor, card_id: object, following: bool) -> bool:
    """Follow or unfollow a card the actor can see; returns the new state.

    Raises NotFound (no such card, or not visible) or NotAuthenticated.
    """
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in."))
    with write_transaction():
        card, _project, _role = load_card(actor, card_id, need="view")
        row = db.session.get(CardFollow, (actor.id, card.id))
        if row is None:
            db.session.add(CardFollow(user_id=actor.id, card_id=card.id, following=following))
        else:
            row.following = following
    return following


def tell_followers(unit, actor, project, card: Card, kind: str, data: dict) -> None:
    """Inside a write transaction: notify the card's followers of a status change or a decision."""
    from .notifications import notify

    for user_id in sorted(followers(card)):
        notify(unit, user_id, kind, actor=actor, project=project, card=card, data=data)
