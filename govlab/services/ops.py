"""Applying one registered op outside a socket (REST `POST /projects/{id}/ops`), idempotently."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from ..domain import schemas
from ..domain.errors import N_, DomainError, ValidationError
from ..extensions import db
from . import registry
from .anonymity import ack_view
from .events import receipt_ack
from .serialize import result_dict
from .unit_of_work import current_receipt, last_committed


def apply_op(actor, project_id: int, envelope: object) -> dict:
    """Validate {type, client_op_id?, data} and apply it through the op's service; return the ack.

    A repeated client_op_id of the same user is applied once and answered with the first ack
    (`duplicate: true`). Raises ValidationError and whatever the op's service raises.
    """
    envelope = schemas.parse(schemas.OpEnvelope, envelope)
    if "project_id" in envelope and envelope["project_id"] != project_id:
        raise ValidationError(N_("The project_id does not match the address."), field="project_id")
    spec = registry.get(envelope["type"])
    payload = spec.validate(envelope.get("data", {}))
    op_id = envelope.get("client_op_id")
    token = current_receipt.set((actor.id, op_id)) if op_id and getattr(actor, "id", None) else None
    last_committed.set(None)
    try:
        result = spec.apply(actor, project_id, payload)
    except DomainError:
        db.session.rollback()
        ack = receipt_ack(actor.id, op_id) if token is not None else None  # a retry: its first ack, not the rule
        if ack is None:
            raise
        return ack
    except IntegrityError:
        db.session.rollback()
        ack = receipt_ack(actor.id, op_id) if token is not None else None
        if ack is None:
            raise
        return ack
    finally:
        if token is not None:
            current_receipt.reset(token)
    event = last_committed.get()
    return ack_view({"ok": True, "seq": event.seq if event is not None else None,
                     spec.result: result_dict(spec.result, result, event)}, actor, project_id, event)
