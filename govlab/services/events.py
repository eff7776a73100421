"""Reading the Event log: replay since a seq, and the original ack of a retried op (export: services.transfer)."""
from __future__ import annotations

from sqlalchemy import select

from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..models import Event, OpReceipt, User
from .access import load_project
from .anonymity import ack_view, for_viewer
from .serialize import event_to_dict

EVENTS_PAGE_MAX = 1000


def events_since(actor, project_id: object, since: object = 0, limit: object = 500) -> dict:
    """Events with seq > since in order, at most `limit`; `more` says whether more follow."""
    project, role = load_project(actor, project_id, "view")
    for name, value in (("since", since), ("limit", limit)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(N_("%(name)s must be a non-negative integer."), field=name, name=name)
    if not 1 <= limit <= EVENTS_PAGE_MAX:
        raise ValidationError(N_("limit must be between 1 and %(max)d."), field="limit", max=EVENTS_PAGE_MAX)
    rows = db.session.scalars(select(Event).where(Event.project_id == project.id, Event.seq > since)
                              .order_by(Event.seq).limit(limit + 1)).all()
    # In anonymous mode a participant's replay has no actors or authors but their own (the log keeps them).
    shown = for_viewer([event_to_dict(e) for e in rows[:limit]], project, role, actor)
    return {"seq": project.last_seq, "events": shown, "more": len(rows) > limit}


def receipt_ack(user_id: int, client_op_id: str) -> dict | None:
    """The original ack of an op this user already had applied, or None if it never was."""
    receipt = db.session.scalar(select(OpReceipt).where(OpReceipt.user_id == user_id,
                                                        OpReceipt.client_op_id == client_op_id))
    if receipt is None:
        return None
    event = db.session.scalar(select(Event).where(Event.project_id == receipt.project_id,
                                                  Event.seq == receipt.seq))
    ack = {"ok": True, "seq": receipt.seq, "duplicate": True}
    payload = event.payload if event is not None else {}
    for kind in ("card", "project", "link", "decision", "invitation"):  # the object the first ack carried
        if kind in payload:
            ack[kind] = payload[kind]
    if payload.get("user"):
        ack["member"] = {"user": payload["user"], "role": payload.get("role")}
    return ack_view(ack, db.session.get(User, user_id), receipt.project_id)
