"""Private deliveries: data only some people of a board may see (hidden notes, their own dots).

Never in the Event log and never in the board's room: after commit the live layer sends each message
to the named users' own rooms of that board. Late joiners and reconnecting clients get the same data
from the board snapshot, filtered for them.
"""
from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

from flask import current_app

log = logging.getLogger(__name__)
_keys = itertools.count()
PrivateSubscriber = Callable[[int, list[int], str, dict], None]


def _subscribers() -> list:
    return current_app.extensions.setdefault("govlab_private_subscribers", [])


def subscribe_private(subscriber: PrivateSubscriber) -> None:
    """Register the live layer's sender (idempotent)."""
    if subscriber not in _subscribers():
        _subscribers().append(subscriber)


def send_after_commit(unit, project_id: int, user_ids, name: str, data: dict) -> None:
    """Queue a message for these users of the board, sent only if the transaction commits."""
    audience = sorted({user_id for user_id in user_ids if user_id is not None})
    if not audience:
        return
    key = f"private:{next(_keys)}"
    unit.after_commit[key] = lambda: _send(project_id, audience, name, data)


def _send(project_id: int, user_ids: list[int], name: str, data: dict) -> None:
    for subscriber in list(_subscribers()):
        try:
            subscriber(project_id, user_ids, name, data)
        except Exception:  # a committed change stays committed whatever a subscriber does
            log.exception("private subscriber failed")
