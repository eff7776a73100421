"""Search over a challenge's public contributions: words indexed at write time (newmm), whole words first.

The index is a plain table of (contribution, word) with an index on (project, word), so it works the
same on SQLite and PostgreSQL: a query word equal to an indexed word is a whole-word match; a query
word found inside an indexed word (e.g. "พยาบาล" in "โรงพยาบาล") is a weaker match; queries of one or two
characters also look inside the raw text, as they are too short to be words of their own.
"""
from __future__ import annotations

from sqlalchemy import select

from ..domain import thai_search
from ..extensions import db
from ..models import Contribution, ContributionWord

RESULTS_MAX = 50


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_public(project_id: int, query: str) -> list[dict]:
    """Published, visible contributions of a project matching the query, best first, with highlight pieces."""
    terms = thai_search.query_terms(query)
    if not terms:
        return []
    whole: dict[int, set[str]] = {}
    inside: dict[int, set[str]] = {}
    for term in terms:
        for cid, word in db.session.execute(select(ContributionWord.contribution_id, ContributionWord.word).where(
                ContributionWord.project_id == project_id, ContributionWord.word.like(_like(term), escape="\\"))):
            (whole if word == term else inside).setdefault(cid, set()).add(term)
        if len(term) <= thai_search.SHORT_QUERY:
            for cid in db.session.scalars(select(Contribution.id).where(
                    Contribution.project_id == project_id, Contribution.text.like(_like(term), escape="\\"))):
                inside.setdefault(cid, set()).add(term)
    ids = set(whole) | set(inside)
    if not ids:
        return []
    rows = db.session.scalars(select(Contribution).where(
        Contribution.id.in_(ids), Contribution.state == "published", Contribution.hidden.is_(False)))
    results = [{"contribution": row, "score": thai_search.score(terms, whole.get(row.id, set()),
                                                                 inside.get(row.id, set()) - whole.get(row.id, set())),
                "pieces": thai_search.highlight(row.text, terms)} for row in rows]
    results.sort(key=lambda item: (-item["score"], -item["contribution"].support_count, -item["contribution"].id))
    return results[:RESULTS_MAX]
