"""A count, per thread, of the changes made to mapped objects.

Group commit runs a group's ops one after another in one transaction and must tell, when an op is
refused, whether it had already changed something (then the group is run again with a savepoint per
op; services/batch.py). Comparing what the transaction would write before and after each op cost time
in proportion to everything the group had changed so far: a fifth of a group of 40 card edits. This
count answers the same question at once: SQLAlchemy's attribute events (every set, collection append
and remove, and flagged change of a mapped object), its session events (an object added, a deletion
flushed) and every ORM INSERT, UPDATE or DELETE statement add one. The count is kept per thread (per green
thread under eventlet and gevent, which patch `threading.local`): an op runs, and changes what it
changes, on the thread that commits its group, so changes made meanwhile by other threads never count
as its own, and two threads never lose each other's additions.
"""
from __future__ import annotations

import threading

from sqlalchemy import event
from sqlalchemy.orm import Session

_local = threading.local()
ATTRIBUTE_EVENTS = ("set", "append", "remove", "bulk_replace", "modified")


def changes() -> int:
    """How many changes this thread has made to mapped objects so far (only differences mean anything)."""
    return getattr(_local, "count", 0)


def _changed(*_args, **_kwargs) -> None:
    _local.count = getattr(_local, "count", 0) + 1


def count_changes(model_base) -> None:
    """Count changes to every mapped subclass of `model_base` (call before any of them is defined)."""

    @event.listens_for(model_base, "attribute_instrument")
    def _watch(_cls, _key, attribute) -> None:
        for name in ATTRIBUTE_EVENTS:
            event.listen(attribute, name, _changed)

    event.listen(Session, "transient_to_pending", _changed)  # session.add of a new object
    event.listen(Session, "persistent_to_deleted", _changed)  # a session.delete, once flushed

    @event.listens_for(Session, "do_orm_execute")
    def _statement(orm_execute_state) -> None:
        if orm_execute_state.is_update or orm_execute_state.is_delete or orm_execute_state.is_insert:
            _changed()
