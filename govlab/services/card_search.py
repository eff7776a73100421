"""Search over a board's cards for those who may see the board: Thai and English in one box, best first.

Ranked like the citizens' search (domain/thai_search.py): a query word equal to a word of the card
counts above one found inside a longer word ("พยาบาล" in "โรงพยาบาล"); queries of one or two characters
are also looked for in the raw title and body. Only live cards are found: deleted cards never, and
hidden silent-brainstorm notes are not cards at all (services/silent.py). Before answering, the
search indexes what is still queued for the board (services/card_index.py); should more be queued
than it indexes at once, those cards are matched on their raw text instead of their stale words.
"""
from __future__ import annotations

import logging

from sqlalchemy import case, func, or_, select
from sqlalchemy.exc import SQLAlchemyError

from ..domain import thai_search
from ..extensions import db
from ..models import Card, CardIndexQueue, CardWord
from .access import load_project
from .card_index import index_all_queued

log = logging.getLogger(__name__)
RESULTS_MAX = 50
CATCH_UP_MAX = 200  # queued cards a search indexes before answering (about 0.2 s of segmenting)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_cards(actor, project_id: object, query: object, limit: int = RESULTS_MAX) -> dict:
    """{project, role, query, terms, results}: live cards of a board the actor may see that match, best first.

    Each result has the card, its score, and highlight pieces of its title and of a window of its body.
    Raises NotFound (no such project, or a private one the actor is not a member of) or ValidationError.
    """
    project, role = load_project(actor, project_id, "view")
    text = query if isinstance(query, str) else ""
    terms = thai_search.query_terms(text)
    found = {"project": project, "role": role, "query": text[:thai_search.QUERY_MAX], "terms": terms, "results": []}
    if not terms:
        return found
    project_id = project.id
    try:
        index_all_queued(project_id, most=CATCH_UP_MAX)
    except SQLAlchemyError:  # what stays queued is matched on its raw text below: the answer is still right
        db.session.rollback()
        log.exception("search of project %s could not index its queued cards first", project_id)
    still_queued = select(CardIndexQueue.card_id).where(CardIndexQueue.project_id == project_id)
    whole: dict[int, set[str]] = {}
    inside: dict[int, set[str]] = {}
    for term in terms:
        pattern = _like(term)
        # One row per card: does one of its words equal the term (whole), or only contain it (inside)?
        rows = db.session.execute(select(CardWord.card_id, func.max(case((CardWord.word == term, 1), else_=0))).join(
            Card, Card.id == CardWord.card_id).where(
            CardWord.project_id == project_id, CardWord.word.like(pattern, escape="\\"), Card.deleted_at.is_(None),
            CardWord.card_id.not_in(still_queued)).group_by(CardWord.card_id))
        for card_id, is_whole in rows:
            (whole if is_whole else inside).setdefault(card_id, set()).add(term)
        raw = select(Card.id).where(Card.project_id == project_id, Card.deleted_at.is_(None), or_(
            Card.title.ilike(pattern, escape="\\"), Card.body.ilike(pattern, escape="\\")))
        if len(term) > thai_search.SHORT_QUERY:
            raw = raw.where(Card.id.in_(still_queued))  # only cards whose words are not stored yet
        for card_id in db.session.scalars(raw):
            inside.setdefault(card_id, set()).add(term)
    scored = sorted(((thai_search.score(terms, whole.get(card_id, set()), inside.get(card_id, set())
                                        - whole.get(card_id, set())), card_id) for card_id in set(whole) | set(inside)),
                    key=lambda item: (-item[0], -item[1]))[:limit]
    cards = {card.id: card for card in db.session.scalars(select(Card).where(Card.id.in_([cid for _s, cid in scored])))}
    found["results"] = [{"card": cards[card_id], "score": score,
                         "title": thai_search.highlight(cards[card_id].title, terms),
                         "body": thai_search.snippet(cards[card_id].body, terms)}
                        for score, card_id in scored if card_id in cards]
    return found


def result_dict(hit: dict) -> dict:
    """One result for JSON: the card and its highlight pieces as [{text, match}]."""
    from .serialize import card_to_dict

    def pieces(items):
        return [{"text": piece, "match": marked} for piece, marked in items]

    return {"card": card_to_dict(hit["card"]), "score": hit["score"], "title": pieces(hit["title"]),
            "body": pieces(hit["body"])}
