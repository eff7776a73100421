"""Plain-dict views of models for JSON (REST, sockets, export, Event payloads)."""
from __future__ import annotations

from datetime import datetime

from ..domain.evidence import DEFAULT_PROTOTYPE_STATUS
from ..models import Card, CardLink, Decision, Event, Membership, Organisation, Project, User


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
    """A user's public fields (no e-mail); `organisation_verified` says whether the organisation is a mere claim.

    A workshop guest (`guest: true`) shows the organisation and sector they gave when joining, never verified.
    """
    data = {"id": user.id, "name": user.name, "organisation": organisation_to_dict(user.organisation),
            "organisation_verified": user.org_verified, "guest": user.guest is not None}
    if user.guest is not None:
        data.update(organisation=organisation_to_dict(user.guest.organisation), organisation_verified=False,
                    organisation_text=user.guest.organisation_text or None, sector=user.guest.sector)
    return data


def card_to_dict(card: Card) -> dict:
    """A card as clients see it; prototype and test cards carry their structured fields."""
    data = {
        "id": card.id, "project_id": card.project_id, "stage": card.stage, "kind": card.kind,
        "title": card.title, "body": card.body, "color": card.color, "position": card.position,
        "version": card.version, "author_id": card.author_id,
        "author_name": card.author.name if card.author else card.author_label,
        "deleted": card.deleted_at is not None, "theme_id": card.theme_id,
        "created_at": iso(card.created_at), "updated_at": iso(card.updated_at),
    }
    if card.kind == "prototype":
        data["prototype"] = prototype_fields(card)
    elif card.kind == "test":
        data["test"] = test_fields(card)
    return data


def prototype_fields(card: Card) -> dict:
    """A prototype card's structured fields (the defaults when none were ever set)."""
    details = card.prototype_details
    if details is None:
        return {"fidelity": None, "status": DEFAULT_PROTOTYPE_STATUS, "owner_org_id": None, "owner_organisation": None,
                "next_step": "", "due_date": None}
    return {"fidelity": details.fidelity, "status": details.status, "owner_org_id": details.owner_org_id,
            "owner_organisation": organisation_to_dict(details.owner_organisation), "next_step": details.next_step,
            "due_date": details.due_date.isoformat() if details.due_date else None}


def test_fields(card: Card) -> dict:
    """A test card's structured fields (empty when none were ever set)."""
    details = card.test_details
    if details is None:
        return {"hypothesis": "", "method": None, "participants_count": None, "participants_who": "", "metric": "",
                "target": "", "result": "", "verdict": None, "learnings": ""}
    return {"hypothesis": details.hypothesis, "method": details.method,
            "participants_count": details.participants_count, "participants_who": details.participants_who,
            "metric": details.metric, "target": details.target, "result": details.result,
            "verdict": details.verdict, "learnings": details.learnings}


test_fields.__test__ = False  # not a pytest test function


def link_to_dict(link: CardLink) -> dict:
    """A typed link between two cards."""
    return {"id": link.id, "project_id": link.project_id, "from": link.from_card_id, "to": link.to_card_id,
            "type": link.type, "created_by": link.created_by, "created_at": iso(link.created_at)}


def decision_to_dict(decision: Decision) -> dict:
    """A stage-gate decision with the tests it rests on."""
    return {"id": decision.id, "project_id": decision.project_id, "prototype_id": decision.prototype_id,
            "decision": decision.decision, "rationale": decision.rationale,
            "evidence": [row.test_card_id for row in decision.evidence],
            "decided_by": decision.decided_by, "decided_by_name": decision.decider.name if decision.decider else decision.decided_by_label,
            "created_at": iso(decision.created_at)}


def project_to_dict(project: Project, role: str | None = None) -> dict:
    """A project as clients see it, with the caller's role.

    An owner organisation no verified affiliation vouches for is shown to the project's members only
    (flagged `organisation_verified: false`); everyone else sees no owner.
    """
    verified = owner_verified(project)
    shown = project.organisation if verified or role is not None else None
    return {
        "id": project.id, "title": project.title, "hmw": project.hmw,
        "visibility": project.visibility, "status": project.status, "stage": project.stage,
        "organisation": organisation_to_dict(shown), "organisation_verified": verified, "seq": project.last_seq,
        "role": role, "stall_days": project.stall_days, "observers_may_comment": project.observers_may_comment,
        "anonymous": project.anonymous_since is not None, "anonymous_since": project.anonymous_since,
        "created_at": iso(project.created_at), "updated_at": iso(project.updated_at),
    }


def owner_verified(project: Project) -> bool:
    """Does a facilitator's verified affiliation vouch for the project's organisation (computed once per object)?"""
    if project.org_id is None:
        return False
    if project.owner_verified is None:
        from .affiliations import verified_owners  # here, not at the top: affiliations writes through unit_of_work

        project.owner_verified = project.id in verified_owners([project])
    return project.owner_verified


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
    if kind in ("link", "decision", "contribution", "comment", "invitation"):
        return payload.get(kind)
    if kind == "member":
        if payload.get("user"):
            return {"user": payload["user"], "role": payload.get("role")}
        return membership_to_dict(result) if isinstance(result, Membership) else None
    if kind in payload:  # workshop ops: the Event's own copy
        return payload[kind]
    return result if isinstance(result, dict) else None  # what only the actor may see (a hidden note, own dots)
