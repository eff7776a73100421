"""Suggested themes for a lane (facilitators): read-only proposals, never stored.

The lane's ungrouped cards (the first CARDS_MAX, in lane order) are grouped by the words they share
(domain/theme_suggest.py). The facilitator accepts a suggestion with an ordinary `theme.create`
carrying its cards (renamed or not), or dismisses it in the browser; nothing else is written. The
work takes up to a second of CPU (and loading scikit-learn a few more, once per process: `govlab run`
starts that at boot, see warm_up), so it runs on a worker thread under eventlet/gevent (offload.py),
with the database connection handed back first, answers from a small cache while the board has not
changed, and each person may ask SUGGESTIONS_PER_MINUTE times a minute (per process).
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from collections import OrderedDict, deque

from flask import current_app
from sqlalchemy import select

from ..domain import board, theme_suggest
from ..domain import themes as rules
from ..domain.errors import N_
from ..extensions import db
from ..models import Card
from ..offload import run_on_worker
from .access import actor_id, load_project

CACHE_MAX = 32
WINDOW_SECONDS = 60.0
# At most two suggestions compute at once per process (a green semaphore under eventlet/gevent, which
# patch `threading` before this module is imported); password hashing keeps its own slots (offload.py).
_COMPUTING = threading.BoundedSemaphore(2)


def _state() -> dict:
    """This application's cache and per-person request times (several apps in one process stay apart)."""
    return current_app.extensions.setdefault("govlab_theme_suggestions", {"cache": OrderedDict(), "asked": {}})


def _throttle(person: int | None) -> None:
    """Refuse a person's request past SUGGESTIONS_PER_MINUTE in the last minute (raises SuggestionsBusy)."""
    asked: dict[int | None, deque] = _state()["asked"]
    now = time.monotonic()
    times = asked.setdefault(person, deque())
    while times and now - times[0] > WINDOW_SECONDS:
        times.popleft()
    if len(times) >= rules.SUGGESTIONS_PER_MINUTE:
        raise rules.SuggestionsBusy(N_("Suggestions were asked for too often. Wait a minute and try again."))
    times.append(now)


def suggest_themes(actor, project_id: object, stage: object) -> dict:
    """Suggested themes for a lane's ungrouped cards: {stage, seq, considered, capped, suggestions}.

    Facilitators only. Raises ValidationError (unknown lane), SuggestionsBusy, NotFound,
    NotAuthenticated or PermissionDenied.
    """
    project, _role = load_project(actor, project_id, "manage")
    stage = board.get_stage(stage).key
    key = (project.id, stage, project.last_seq)
    cache: OrderedDict = _state()["cache"]
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    _throttle(actor_id(actor))
    rows = db.session.execute(select(Card.id, Card.title, Card.body).where(
        Card.project_id == project.id, Card.stage == stage, Card.deleted_at.is_(None), Card.theme_id.is_(None))
        .order_by(Card.position, Card.id).limit(theme_suggest.CARDS_MAX + 1)).all()
    capped = len(rows) > theme_suggest.CARDS_MAX
    cards = [(card_id, theme_suggest.card_text(title, body or "")) for card_id, title, body in
             rows[:theme_suggest.CARDS_MAX]]
    db.session.rollback()  # hand the connection back: the clustering holds none
    # On a worker thread (eventlet/gevent): the clustering, and the first time the imports too, would
    # otherwise hold every socket of this process for up to seconds.
    with _COMPUTING:
        found = run_on_worker(theme_suggest.suggest, cards)
    result = {"stage": stage, "seq": key[2], "considered": len(cards), "capped": capped,
              "suggestions": [{"key": f"{stage}-{key[2]}-{index}", "name": rules.suggested_name(item.name),
                               "words": list(item.words), "card_ids": list(item.card_ids)}
                              for index, item in enumerate(found, start=1)]}
    cache[key] = result
    while len(cache) > CACHE_MAX:
        cache.popitem(last=False)
    return result


def warm_up() -> None:
    """Load scikit-learn, the stop words and the Thai dictionary on a worker thread (`govlab run` at boot),
    then take everything loaded so far out of the garbage collector's view (gc.freeze)."""
    try:
        run_on_worker(theme_suggest.prepare)
    except Exception:  # pragma: no cover - a failed warm-up only makes the first suggestion slower
        logging.getLogger(__name__).exception("warming up theme suggestions failed")
    # These libraries are hundreds of thousands of long-lived objects. Left in view, every full
    # collection walked them all: pauses of 100-170 ms that stopped every board (bench/fanout, 200
    # clients: p99 190 ms at 100 ops/s, 50 ms once frozen).
    gc.freeze()
