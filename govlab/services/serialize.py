"""Plain-dict views of models for JSON (REST, sockets, export, Event payloads)."""
from __future__ import annotations

from datetime import datetime

from ..models import Card, Event, Membership, Organisation, Project, User


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, or None."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if moment else None


def organisation_to_dict(org: Organisation | None) -> dict | None:
    """An organisation's public fields."""
    if org is None:
        return None
    return {"id": org.id, "name_th": org.name_th, "name_en": org.name_en, "sector": org.sector,
            "level": org.level}


def user_to_dict(user: User) -> dict:
    """A user's public fields (no e-mail)."""
    return {"id": user.id, "name": user.name, "organisation": organisation_to_dict(user.organisation)}


def card_to_dict(card: Card) -> dict:
    """A card as clients see it."""
    return {
        "id": card.id, "project_id": card.project_id, "stage": card.stage, "kind": card.kind,
        "title": card.title, "body": card.body, "color": card.color, "position": card.position,
        "version": card.version, "author_id": card.author_id,
        "author_name": card.author.name if card.author else None,
        "deleted": card.deleted_at is not None,
        "created_at": iso(card.created_at), "updated_at": iso(card.updated_at),
    }


def project_to_dict(project: Project, role: str | None = None) -> dict:
    """A project as clients see it, with the caller's role."""
    return {
        "id": project.id, "title": project.title, "hmw": project.hmw,
        "visibility": project.visibility, "status": project.status, "stage": project.stage,
        "organisation": organisation_to_dict(project.organisation), "seq": project.last_seq,
        "role": role, "created_at": iso(project.created_at), "updated_at": iso(project.updated_at),
    }


def membership_to_dict(membership: Membership, with_email: bool = False) -> dict:
    """A member of a project and their role (e-mail only for facilitators' eyes)."""
    data = {"user": user_to_dict(membership.user), "role": membership.role}
    if with_email:
        data["user"]["email"] = membership.user.email
    return data


def event_to_dict(event: Event) -> dict:
    """An Event as replayed to clients."""
    return {
        "seq": event.seq, "project_id": event.project_id, "type": event.type,
        "actor_id": event.actor_id, "payload": event.payload, "created_at": iso(event.created_at),
    }


def result_dict(kind: str, result, event=None) -> dict | None:
    """The changed object of an op for its ack: the last Event's copy when it has one (already serialised)."""
    payload = getattr(event, "payload", None) or {}
    if kind == "card":
        if "card" in payload:
            return payload["card"]
        return card_to_dict(result) if isinstance(result, Card) else None
    if kind == "project":
        return payload.get("project") or (project_to_dict(result) if isinstance(result, Project) else None)
    if kind == "member":
        if payload.get("user"):
            return {"user": payload["user"], "role": payload.get("role")}
        return membership_to_dict(result) if isinstance(result, Membership) else None
    return None
