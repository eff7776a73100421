"""The word index of card text: queued with the change that commits it, segmented off the hot path.

Card text changes often (live typing arrives as `card.text` ops, grouped per tick by the committer),
and segmenting Thai costs about a millisecond per card. So a change does not segment anything: the
services call `touch`, and when the transaction writes, one INSERT … SELECT puts the touched cards
in `card_index_queue` (with their version) — one statement per group commit, however many keystrokes
the group holds. After the commit, this process's indexer is woken (govlab/indexer.py); it waits a
moment so a burst of typing is indexed once, reads the queued cards, segments them outside any
transaction, and then, per card, deletes the queue row *only if the card was not queued again
meanwhile* (`version <=` what it read) and replaces the card's words in the same transaction. A
search first indexes what is still queued for its project (services/card_search.py), so what it
answers is right as soon as the change has committed, on every process.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from flask import current_app
from sqlalchemy import bindparam, delete, func, literal, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from ..domain import thai_search
from ..extensions import db
from ..models import Card, CardIndexQueue, CardWord
from ..models.base import UTCDateTime, utcnow
from .unit_of_work import UnitOfWork, write_transaction

HOOK = "card_index"
CHUNK = 50  # cards segmented between two write transactions
WORD_MAX = 100  # characters of a stored word (the column's size)


class _Touched:
    """The cards (and whole projects, after an import) a transaction changed the text of."""

    def __init__(self) -> None:
        self.cards: set[int] = set()
        self.projects: set[int] = set()

    def __call__(self, connection) -> None:
        """When the transaction writes: queue them all in one statement."""
        if self.cards or self.projects:
            enqueue(connection, self.cards, self.projects)


def touch(unit: UnitOfWork, card_ids=(), project_id: int | None = None) -> None:
    """Inside a write transaction: the text of these cards (or of every card of a project) changed."""
    touched = unit.before_write.get(HOOK)
    if touched is None:
        touched = unit.before_write[HOOK] = _Touched()
    touched.cards.update(card_ids)
    if project_id is not None:
        touched.projects.add(project_id)
    unit.after_commit.setdefault(HOOK, wake)


def enqueue(connection, card_ids, project_ids=(), everything: bool = False) -> None:
    """Queue cards (by id, all of some projects, or all) with their current version; a queued card is re-queued.

    Cards that no longer exist (an op of a group rolled back to its savepoint) are simply not found.
    """
    if not (everything or card_ids or project_ids):
        return
    statement = _enqueue_statement(connection.dialect.name, bool(card_ids), bool(project_ids), everything)
    connection.execute(statement, {"card_ids": list(card_ids), "project_ids": list(project_ids), "now": utcnow()})


@lru_cache(maxsize=16)
def _enqueue_statement(dialect_name: str, by_card: bool, by_project: bool, everything: bool):
    """The INSERT … SELECT … ON CONFLICT for one shape of request, built once (it runs with every commit
    that changes card text: building it anew cost about a fifth of a lone op's commit)."""
    source = select(Card.id, Card.project_id, Card.version, bindparam("now", type_=UTCDateTime()))
    conditions = []
    if by_card:
        conditions.append(Card.id.in_(bindparam("card_ids", expanding=True)))
    if by_project:
        conditions.append(Card.project_id.in_(bindparam("project_ids", expanding=True)))
    # SQLite needs a WHERE in an INSERT … SELECT … ON CONFLICT (else ON reads as a join's).
    source = source.where(literal(True) if everything else or_(*conditions))
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(CardIndexQueue).from_select(["card_id", "project_id", "version", "queued_at"], source)
    return statement.on_conflict_do_update(index_elements=["card_id"], set_={
        "version": statement.excluded.version, "queued_at": statement.excluded.queued_at})


def wake() -> None:
    """After a commit that queued cards: nudge this process's indexer, if it runs (no-op otherwise)."""
    indexer = current_app.extensions.get("govlab_card_indexer")
    if indexer is not None:
        indexer.wake()


def card_words(title: str, body: str) -> set[str]:
    """The words a card is found by: those of its title and of its body."""
    return {word[:WORD_MAX] for word in thai_search.word_set(f"{title}\n{body}")}


def index_queued(project_id: int | None = None, limit: int = CHUNK, queued_by: datetime | None = None) -> int:
    """Index up to `limit` queued cards — of one project, of any, or (with `queued_by`, the indexer's pass) of
    any project queued by that time — oldest first; returns how many were read.

    A card queued again while it was being segmented keeps its queue row (its new text is indexed next time).
    """
    if queued_by is not None:
        rows = db.session.execute(_QUEUED_BY, {"limit": limit, "queued_by": queued_by}).all()
    elif project_id is None:
        rows = db.session.execute(_QUEUED, {"limit": limit}).all()
    else:
        rows = db.session.execute(_QUEUED_IN_PROJECT, {"limit": limit, "project_id": project_id}).all()
    if not rows:
        return 0
    computed = {card_id: (project, version, card_words(title, body))
                for card_id, project, version, title, body in rows}
    with write_transaction():
        # Rows another indexer (or a writer re-queuing its card) holds are skipped, not waited for: two
        # indexers never deadlock, and a skipped card stays queued (PostgreSQL; SQLite writes one at a time).
        # A card queued again since it was read (a newer version in its row) keeps its row, and its newer
        # text is indexed on a later pass; the rows read here stay locked until the commit.
        taken = [card_id for card_id, version in db.session.execute(_FREE, {"card_ids": list(computed)})
                 if version <= computed[card_id][1]]
        if taken:
            db.session.execute(_UNQUEUE, {"card_ids": taken})
            db.session.execute(_FORGET_WORDS, {"card_ids": taken})
            inserts = [{"card_id": card_id, "project_id": computed[card_id][0], "word": word}
                       for card_id in taken for word in sorted(computed[card_id][2])]
            if inserts:
                db.session.execute(CardWord.__table__.insert(), inserts)
    return len(rows)


# Built once: the indexer runs them for every changed card, and building them anew (an OR of one condition
# per card, say) cost about a fifth of the indexing.
_QUEUED = select(CardIndexQueue.card_id, Card.project_id, Card.version, Card.title, Card.body).join(
    Card, Card.id == CardIndexQueue.card_id).order_by(CardIndexQueue.queued_at, CardIndexQueue.card_id).limit(
    bindparam("limit"))
_QUEUED_IN_PROJECT = _QUEUED.where(CardIndexQueue.project_id == bindparam("project_id"))
_QUEUED_BY = _QUEUED.where(CardIndexQueue.queued_at <= bindparam("queued_by", type_=UTCDateTime()))
_FREE = select(CardIndexQueue.card_id, CardIndexQueue.version).where(
    CardIndexQueue.card_id.in_(bindparam("card_ids", expanding=True))).order_by(CardIndexQueue.card_id).with_for_update(
    skip_locked=True)
_UNQUEUE = delete(CardIndexQueue).where(CardIndexQueue.card_id.in_(bindparam("card_ids", expanding=True))
                                        ).execution_options(synchronize_session=False)
_FORGET_WORDS = delete(CardWord).where(CardWord.card_id.in_(bindparam("card_ids", expanding=True))
                                       ).execution_options(synchronize_session=False)


def index_all_queued(project_id: int | None = None, most: int | None = None) -> int:
    """Index queued cards chunk by chunk until none is left (or `most` were read); returns how many were read."""
    done = 0
    while most is None or done < most:
        chunk = CHUNK if most is None else min(CHUNK, most - done)
        read = index_queued(project_id, chunk)
        done += read
        if read < chunk:  # the queue is empty (a card skipped because it was queued again went to its end)
            break
    return done


def queue_everything() -> int:
    """Queue every card of every project (after a change to the segmenter, say); returns how many."""
    with write_transaction():
        enqueue(db.session.connection(), (), everything=True)
    return queued_count()


def queued_count() -> int:
    """How many cards wait to be indexed."""
    return db.session.scalar(select(func.count()).select_from(CardIndexQueue)) or 0
