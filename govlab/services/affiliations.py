"""Verified affiliations: a person's organisation is a claim until an admin or the e-mail domain vouches for it."""
from __future__ import annotations

from sqlalchemy import delete, select

from ..domain import affiliations as rules
from ..domain.errors import N_, Conflict, NotAuthenticated, NotFound, PermissionDenied, ValidationError
from ..extensions import db
from ..models import (AffiliationDecision, Membership, Organisation, OrganisationAdmin, OrganisationDomain, Project,
                      User)
from ..models.base import utcnow
from .access import actor_id, is_site_admin, parse_id, require_admin, signed_in
from .unit_of_work import write_transaction


def email_confirmed(user: User) -> bool:
    """Has the person proved they read mail at their address (accounts made by admins count as confirmed)?"""
    return getattr(user, "confirmed_at", None) is not None


def is_org_admin(actor, org_id: int | None) -> bool:
    """Is the actor an admin of this organisation?"""
    if org_id is None or not signed_in(actor) or getattr(actor, "id", None) is None:
        return False
    return db.session.get(OrganisationAdmin, (org_id, actor.id)) is not None


def can_manage_org(actor, org_id: int | None) -> bool:
    """Site admins manage every organisation's members; organisation admins their own."""
    return is_site_admin(actor) or is_org_admin(actor, org_id)


def managed_organisations(actor) -> list[Organisation]:
    """The organisations whose members the actor manages (all of them for site admins)."""
    if not signed_in(actor) or getattr(actor, "id", None) is None:
        return []
    query = select(Organisation).order_by(Organisation.name_en)
    if not is_site_admin(actor):
        query = query.join(OrganisationAdmin, OrganisationAdmin.org_id == Organisation.id).where(
            OrganisationAdmin.user_id == actor.id)
    return list(db.session.scalars(query))


def _require_manager(actor, org_id: int | None) -> None:
    if not signed_in(actor):
        raise NotAuthenticated(N_("Please sign in."))
    if not can_manage_org(actor, org_id):
        raise PermissionDenied(N_("Only this organisation's admins can do this."))


def _log(user: User, decision: str, actor=None, reason: str | None = None, note: str = "",
         org_id: int | None = None) -> None:
    db.session.add(AffiliationDecision(user_id=user.id, org_id=org_id if org_id is not None else user.org_id,
                                       decision=decision, reason=reason, note=note, decided_by=actor_id(actor)
                                       if actor is not None else None))


def record_claim(user: User, org_id: int | None) -> None:
    """Set the organisation a person says they belong to (inside the caller's write transaction).

    A new claim starts unverified — unless the person's confirmed address is at one of the
    organisation's domains — and ends any admin role they held elsewhere.
    """
    if org_id == user.org_id and (org_id is None or user.org_verified_at is not None):
        return
    if org_id == user.org_id:
        verify_by_domain(user)
        return
    if user.id is not None:
        db.session.execute(delete(OrganisationAdmin).where(OrganisationAdmin.user_id == user.id))
    user.org_id, user.org_verified_at = org_id, None
    db.session.flush()
    if org_id is not None:
        _log(user, "claimed")
        verify_by_domain(user)


def verify_by_domain(user: User) -> bool:
    """Verify a pending claim when the person's confirmed address is at a domain of the organisation."""
    if user.org_id is None or user.org_verified_at is not None or not email_confirmed(user):
        return False
    domains = db.session.scalars(select(OrganisationDomain.domain).where(OrganisationDomain.org_id == user.org_id))
    if not rules.domain_matches(user.email, set(domains)):
        return False
    user.org_verified_at = utcnow()
    _log(user, "domain")
    return True


def vouch(actor, user_id: int) -> None:
    """Site admins and the CLI: verify the affiliation of an account they made. Raises PermissionDenied."""
    require_admin(actor)
    with write_transaction():
        user = db.session.get(User, user_id)
        if user is not None and user.org_id is not None and user.org_verified_at is None:
            user.org_verified_at = utcnow()
            _log(user, "approved", actor)


def _pending_user(actor, user_id: object) -> User:
    user = db.session.get(User, parse_id(user_id, "user_id"))
    if user is None or user.org_id is None:
        raise NotFound(N_("No such claim."))
    _require_manager(actor, user.org_id)
    return user


def approve(actor, user_id: object) -> User:
    """Verify a person's claim (their organisation's admins or a site admin).

    Raises NotFound, Conflict (already verified), NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        user = _pending_user(actor, user_id)
        if user.org_verified_at is not None:
            raise Conflict(N_("This affiliation is already verified."))
        user.org_verified_at = utcnow()
        _log(user, "approved", actor)
        _tell(unit, user, "affiliation_approved", actor, {})
    return user


def refuse(actor, user_id: object, reason: object, note: object = "") -> User:
    """Refuse a pending claim with a reason; the person is left without an organisation and may claim again.

    Raises ValidationError (reason, note), NotFound, Conflict (already verified: remove instead),
    NotAuthenticated or PermissionDenied.
    """
    note = _clean_note(note)
    with write_transaction() as unit:
        user = _pending_user(actor, user_id)
        if user.org_verified_at is not None:
            raise Conflict(N_("This affiliation is already verified: remove the member instead."))
        reason = rules.check_refusal(reason, note)
        _log(user, "refused", actor, reason, note)
        _tell(unit, user, "affiliation_refused", actor, {"reason": reason})
        user.org_id = None
    return user


def remove_member(actor, user_id: object, note: object = "") -> User:
    """Take a verified member out of the organisation (their admin role ends too).

    Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    note = _clean_note(note)
    with write_transaction():
        user = _pending_user(actor, user_id)
        _log(user, "removed", actor, note=note)
        db.session.execute(delete(OrganisationAdmin).where(OrganisationAdmin.user_id == user.id))
        user.org_id, user.org_verified_at = None, None
    return user


def _tell(unit, user: User, kind: str, actor, data: dict) -> None:
    """Notify the person of a decision on their affiliation (in the decision's transaction)."""
    from .notifications import notify

    org = db.session.get(Organisation, user.org_id) if user.org_id is not None else None
    names = {"name_th": org.name_th, "name_en": org.name_en} if org is not None else None
    notify(unit, user.id, kind, actor=actor, data={**data, "organisation": names})


def _clean_note(note: object) -> str:
    from ..domain.board import clean_body

    return clean_body(note if note is not None else "", field="note", limit=rules.NOTE_MAX).strip()


def organisation_people(actor, org_id: object) -> dict:
    """The organisation, its verified members, pending claims, admins and domains (for its managers)."""
    org = db.session.get(Organisation, parse_id(org_id, "org_id"))
    if org is None:
        raise NotFound(N_("No such organisation."))
    _require_manager(actor, org.id)
    people = list(db.session.scalars(select(User).where(User.org_id == org.id).order_by(User.name)))
    admins = set(db.session.scalars(select(OrganisationAdmin.user_id).where(OrganisationAdmin.org_id == org.id)))
    domains = list(db.session.scalars(select(OrganisationDomain).where(OrganisationDomain.org_id == org.id)
                                      .order_by(OrganisationDomain.domain)))
    return {"organisation": org, "members": [u for u in people if u.org_verified_at is not None],
            "pending": [u for u in people if u.org_verified_at is None], "admin_ids": admins, "domains": domains}


def pending_claims(actor, limit: int = 500) -> list[User]:
    """Claims waiting for a decision, oldest account first: all for site admins, their organisations' otherwise."""
    managed = [org.id for org in managed_organisations(actor)]
    if not managed:
        return []
    query = select(User).where(User.org_id.in_(managed), User.org_verified_at.is_(None),
                               User.is_disabled.is_(False)).order_by(User.created_at, User.id).limit(limit)
    return list(db.session.scalars(query))


def add_domain(actor, org_id: object, domain: object) -> OrganisationDomain:
    """Site admins: register an e-mail domain of the organisation; pending claims from it are verified at once.

    Raises ValidationError, Conflict (registered already), NotFound, NotAuthenticated or PermissionDenied.
    """
    require_admin(actor)
    domain = rules.clean_domain(domain)
    with write_transaction():
        org = db.session.get(Organisation, parse_id(org_id, "org_id"))
        if org is None:
            raise NotFound(N_("No such organisation."))
        if db.session.scalar(select(OrganisationDomain.id).where(OrganisationDomain.domain == domain)) is not None:
            raise Conflict(N_("This domain is already registered to an organisation."), field="domain")
        row = OrganisationDomain(org_id=org.id, domain=domain)
        db.session.add(row)
        db.session.flush()
        for user in db.session.scalars(select(User).where(User.org_id == org.id, User.org_verified_at.is_(None))):
            verify_by_domain(user)
    return row


def remove_domain(actor, domain_id: object) -> None:
    """Site admins: stop verifying claims by this domain (people already verified stay verified).

    Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    require_admin(actor)
    with write_transaction():
        row = db.session.get(OrganisationDomain, parse_id(domain_id, "domain_id"))
        if row is None:
            raise NotFound(N_("No such domain."))
        db.session.delete(row)


def appoint_admin(actor, org_id: object, email: object) -> User:
    """Site admins: make a person an admin of the organisation (their affiliation is verified with it).

    Raises ValidationError (no such account, or one that claims another organisation), NotFound,
    NotAuthenticated or PermissionDenied.
    """
    from .accounts import find_user

    require_admin(actor)
    with write_transaction():
        org = db.session.get(Organisation, parse_id(org_id, "org_id"))
        if org is None:
            raise NotFound(N_("No such organisation."))
        user = find_user(email) if isinstance(email, str) else None
        if user is None:
            raise ValidationError(N_("No account uses this e-mail address."), field="email")
        if user.org_id not in (None, org.id):
            raise ValidationError(N_("This person belongs to another organisation."), field="email")
        if user.org_id is None:
            record_claim(user, org.id)
        if user.org_verified_at is None:
            user.org_verified_at = utcnow()
            _log(user, "approved", actor)
        if db.session.get(OrganisationAdmin, (org.id, user.id)) is None:
            db.session.add(OrganisationAdmin(org_id=org.id, user_id=user.id))
    return user


def dismiss_admin(actor, org_id: object, user_id: object) -> None:
    """Site admins: end a person's admin role (they stay a verified member). Raises NotFound or PermissionDenied."""
    require_admin(actor)
    with write_transaction():
        row = db.session.get(OrganisationAdmin, (parse_id(org_id, "org_id"), parse_id(user_id, "user_id")))
        if row is None:
            raise NotFound(N_("This person is not an admin of the organisation."))
        db.session.delete(row)


def require_may_speak_for(actor, org_id: int | None) -> None:
    """Only verified members of an organisation (and site admins) open or move projects under its name.

    Raises PermissionDenied.
    """
    if org_id is None or is_site_admin(actor):
        return
    if getattr(actor, "org_id", None) != org_id or not _verified_now(actor):
        raise PermissionDenied(N_("You can put a project under an organisation only once your affiliation with it "
                                  "is verified."), field="org_id")


def speaks_for(actor) -> bool:
    """Is the actor's own organisation verified (read fresh: a socket's cached actor may be stale)?"""
    return _verified_now(actor)


def _verified_now(actor) -> bool:
    user = db.session.get(User, actor.id) if getattr(actor, "id", None) else None
    return user is not None and user.org_verified


def verified_owners(projects: list[Project]) -> set[int]:
    """Ids of the projects whose organisation is vouched for by one of their facilitators' verified affiliation."""
    wanted = {project.id: project.org_id for project in projects if project.org_id is not None}
    if not wanted:
        return set()
    rows = db.session.execute(
        select(Membership.project_id, User.org_id, User.org_verified_at, User.is_admin)
        .join(User, User.id == Membership.user_id)
        .where(Membership.project_id.in_(wanted), Membership.role == "facilitator", User.is_disabled.is_(False)))
    return {project_id for project_id, org_id, verified_at, is_admin in rows
            if is_admin or (verified_at is not None and wanted.get(project_id) == org_id)}
