"""Guests: joining a workshop's project with a code, as a time-limited account that sees only that project.

A guest account has no password and no usable e-mail (an address in the reserved `.invalid` domain, so
nothing is ever mailed to it); it signs in once, when it joins, with a server-side session like any
other. What limits it lives in `guests` (models/guest.py): the one project it may see and `until`, the
code's expiry. `services/access.py` refuses every other project (public ones too), the session loader
and the sockets' actor refresh refuse it once `until` has passed, and `web/guest_fence.py` keeps it
off every page and endpoint that is not about its project.
"""
from __future__ import annotations

import secrets

from sqlalchemy import func, select

from ..domain import accounts as account_rules
from ..domain import guests as rules
from ..domain.errors import N_, PermissionDenied
from ..extensions import db
from ..models import Guest, JoinCode, Membership, Organisation, Project, User, Workshop
from ..models.base import utcnow
from .access import SYSTEM, load_project
from .serialize import membership_to_dict
from .unit_of_work import write_transaction

GUEST_DOMAIN = "guest.invalid"  # RFC 2606: never resolves, so no mail can leave for a guest
NO_PASSWORD = "!guest"  # not an Argon2 hash: every password check fails (InvalidHashError)


def is_guest(actor) -> bool:
    """True for a guest account (a User or a socket's ActorRef)."""
    return getattr(actor, "guest_project_id", None) is not None


def require_not_guest(actor) -> None:
    """Refuse what guests may not do (tokens, profile, new projects). Raises PermissionDenied."""
    if is_guest(actor):
        raise PermissionDenied(N_("A guest account can only take part in its workshop's project."))


def _live_code(text: str) -> tuple[JoinCode, Workshop, Project]:
    """The code's row, workshop and project if people may join with it now. Raises JoinRefused."""
    row = db.session.scalar(select(JoinCode).where(JoinCode.code == text))
    if row is None:
        raise rules.JoinRefused("invalid")
    project = db.session.get(Project, row.project_id)
    workshop = db.session.get(Workshop, row.workshop_id)
    if project is None or workshop is None:  # pragma: no cover - both cascade to the code
        raise rules.JoinRefused("invalid")
    if project.status == "archived":
        raise rules.JoinRefused("archived")
    guests = db.session.scalar(select(func.count()).select_from(Guest).where(Guest.join_code_id == row.id))
    rules.check_joinable(rules.state(row.revoked_at, row.expires_at, utcnow()), guests)
    return row, workshop, project


def join_page(code: object) -> tuple[JoinCode, Workshop, Project]:
    """What the join page shows for a typed or scanned code. Raises ValidationError (malformed) or JoinRefused."""
    return _live_code(rules.normalise_code(code))


def organisation_choices() -> list[tuple[int, str, str]]:
    """Every organisation as (id, Thai name, English name), for the form's suggestions and the match."""
    return list(db.session.execute(select(Organisation.id, Organisation.name_th, Organisation.name_en)
                                   .order_by(Organisation.name_en)).all())


def join(code: object, data: dict) -> User:
    """Make a guest account from a code: {name, organisation?, sector?, locale?}; returns the new user.

    The account gets the code's role in its project (one membership, recorded as `member.add` with the
    code's id), until the code expires. Raises ValidationError or JoinRefused.
    """
    text = rules.normalise_code(code)
    cleaned = rules.clean_guest(data.get("name"), data.get("organisation"), data.get("sector"))
    locale = account_rules.clean_locale(data.get("locale"), ("th", "en"))
    organisations = organisation_choices()
    org_id = rules.match_organisation(cleaned["organisation"], organisations)
    with write_transaction() as unit:
        project_id = db.session.scalar(select(JoinCode.project_id).where(JoinCode.code == text))
        if project_id is None:
            raise rules.JoinRefused("invalid")
        # The project's row lock, as every membership change takes it (the code is the permission); checked
        # under it, so a withdrawal or the last free place cannot slip between the check and the join.
        load_project(SYSTEM, project_id, "view", lock=True)
        row, _workshop, project = _live_code(text)
        org = db.session.get(Organisation, org_id) if org_id is not None else None
        sector = rules.pick_sector(cleaned["sector"], org.sector if org is not None else None)
        user = User(email=f"guest-{secrets.token_hex(10)}@{GUEST_DOMAIN}", name=cleaned["name"],
                    password_hash=NO_PASSWORD, locale=locale, notify_email="none")
        db.session.add(user)
        db.session.flush()
        db.session.add(Guest(user_id=user.id, project_id=project.id, join_code_id=row.id, until=row.expires_at,
                             org_id=org.id if org is not None else None,
                             organisation_text="" if org is not None else cleaned["organisation"], sector=sector))
        membership = Membership(project_id=project.id, user_id=user.id, role=row.role)
        db.session.add(membership)
        db.session.flush()
        db.session.refresh(user)  # loads the guest row onto the user (serialisation, the session's actor)
        unit.record(project, user.id, "member.add", {**membership_to_dict(membership), "join_code_id": row.id})
    return user


def presence_fields(user: User) -> dict:
    """How a guest shows in presence: the badge, and the organisation and sector they gave."""
    guest = user.guest
    org = guest.organisation
    if org is not None:
        organisation = {"name_th": org.name_th, "name_en": org.name_en}
    else:
        text = guest.organisation_text
        organisation = {"name_th": text, "name_en": text} if text else None
    return {"guest": True, "organisation": organisation, "sector": None if guest.sector == "none" else guest.sector}


def organisation_label(guest: Guest, locale: str) -> str:
    """The organisation a guest gave, as text in the UI language (an existing one's name, or what they typed)."""
    if guest.organisation is not None:
        return guest.organisation.name_for(locale)
    return guest.organisation_text
