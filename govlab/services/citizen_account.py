"""A citizen's light account: their contributions across challenges, their copy and erasure, and claiming.

A citizen account is an ordinary user without an organisation (services/accounts.register). Signed
in, a contribution is stored with the account (services/contributions.submit). Here the account
sees every contribution of its own with its public status and history, downloads everything (JSON)
and erases contributions — through the same PDPA functions as the private link (citizen_privacy).

Contributions sent earlier without the account, with the same address, are linked ("claimed") only
through a link mailed to the account's confirmed address: typing an address proves nothing.
"""
from __future__ import annotations


import orjson
from sqlalchemy import func, select, update

from ..domain import mail as mail_rules
from ..domain.errors import N_, NotFound, PermissionDenied
from ..extensions import db
from ..models import Contribution, Event, Membership, Project, User
from . import account_links
from .access import parse_id
from .citizen_privacy import document_of, erase_in, view_of
from .my_invitations import open_count
from .moderation import joint_transaction
from .outbox import enqueue, external_url
from .serialize import iso
from .unit_of_work import write_transaction

CLAIM = "claim"
LISTED_MAX = 500  # contributions listed on one page (a person rarely sends more)


def _mine(user_id: int):
    """The query of a person's live (not erased) contributions, newest first."""
    return select(Contribution).where(Contribution.user_id == user_id, Contribution.erased_at.is_(None)).order_by(
        Contribution.created_at.desc(), Contribution.id.desc())


def own(user, contribution_id: object) -> Contribution:
    """One of the person's own live contributions. Raises NotFound (someone else's, erased, or none)."""
    contribution = db.session.get(Contribution, parse_id(contribution_id, "contribution_id"))
    if contribution is None or contribution.user_id != getattr(user, "id", None) or contribution.erased_at is not None:
        raise NotFound(N_("No such contribution."))
    return contribution


def history(contributions: list[Contribution]) -> dict[int, list[tuple]]:
    """Each contribution's public statuses over time: [(when, status)], starting with "received"."""
    found = {c.id: [(c.created_at, "received")] for c in contributions}
    if not found:
        return found
    rows = db.session.execute(select(Event.payload, Event.created_at).where(
        Event.project_id.in_({c.project_id for c in contributions}), Event.type == "contribution.status",
        Event.payload["contribution"]["id"].as_integer().in_(list(found))).order_by(Event.id))
    for payload, at in rows:
        steps = found.get(payload["contribution"]["id"])
        if steps is not None and steps[-1][1] != payload["contribution"]["status"]:
            steps.append((at, payload["contribution"]["status"]))
    return found


def my_contributions(user) -> list[dict]:
    """Every live contribution of the person across challenges: view_of (status, reason…), project, history."""
    rows = list(db.session.scalars(_mine(user.id).limit(LISTED_MAX)))
    steps = history(rows)
    projects = {p.id: p for p in db.session.scalars(select(Project).where(
        Project.id.in_({row.project_id for row in rows})))} if rows else {}
    listed = []
    for row in rows:
        view = view_of(row)
        view["project"] = projects.get(row.project_id)
        view["history"] = steps[row.id]
        listed.append(view)
    return listed


def export_account(user) -> bytes:
    """Everything stored about the person as a citizen: the account and each contribution (JSON)."""
    user = db.session.get(User, user.id)
    document = {
        "format": "govlab.citizen.v1",
        "account": {"email": user.email, "name": user.name, "language": user.locale,
                    "created_at": iso(user.created_at), "confirmed_at": iso(user.confirmed_at)},
        "contributions": [document_of(row) for row in db.session.scalars(_mine(user.id))],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


def export_one(user, contribution_id: object) -> bytes:
    """Everything stored about one of the person's contributions (JSON). Raises NotFound."""
    return orjson.dumps(document_of(own(user, contribution_id)), option=orjson.OPT_INDENT_2)


def erase_own(user, contribution_id: object, keep_text: bool = False) -> None:
    """Erase one of the person's contributions (as its private link does). Raises NotFound or ValidationError."""
    with joint_transaction() as unit:
        erase_in(unit, own(user, contribution_id), keep_text, "request")


def erase_all(user) -> int:
    """Erase every contribution of the person (texts kept only where they consented under s.26 and asked
    to keep them: never here). Returns how many."""
    with joint_transaction() as unit:
        rows = list(db.session.scalars(_mine(user.id)))
        for row in rows:
            erase_in(unit, row, False, "request")
    return len(rows)


def _unclaimed(email: str, before=None):
    """Live contributions sent with this address and linked to no account (optionally sent before a moment)."""
    query = select(Contribution.id).where(func.lower(Contribution.email) == email.lower(),
                                          Contribution.user_id.is_(None), Contribution.erased_at.is_(None))
    return query.where(Contribution.created_at <= before) if before is not None else query


def request_claim(user, locale: str | None = None) -> None:
    """Mail the account's confirmed address a link that links the contributions sent earlier with it.

    The page answers the same whatever is found; the mail says how many (none: no link). Nothing
    happens for an unconfirmed or disabled account.
    """
    with write_transaction() as unit:
        user = db.session.get(User, user.id)
        if user is None or user.confirmed_at is None or user.is_disabled:
            return
        count = len(db.session.scalars(_unclaimed(user.email)).all())
        language = account_links.mail_locale(user, locale)
        link = expires = None
        if count:
            token, row = account_links.issue(user.id, CLAIM)
            link = external_url(account_links.ENDPOINTS[CLAIM], token=token)
            expires = account_links.until(row.expires_at, language)
        enqueue(unit, user.email, "contribution_claim", language, name=user.name, count=count, link=link,
                expires=expires, mine=external_url("citizen_account.mine"), privacy=external_url("citizens.privacy"))


def check_claim(token: object, user) -> User:
    """The account a claim link is for (shown before it is used). Raises LinkRefused or PermissionDenied."""
    return _claim_link(token, user)[1]


def _claim_link(token: object, user):
    """(link row, account) of a live claim link that the signed-in person (if any) may use."""
    row = account_links.check(token, CLAIM)
    if user is not None and user.id != row.user_id:
        raise PermissionDenied(N_("This link was sent to another account. Sign out, then open it again."))
    owner = db.session.get(User, row.user_id)
    if owner is None or owner.is_disabled:
        raise mail_rules.LinkRefused("invalid")
    return row, owner


def claim(token: object, user) -> int:
    """Use a claim link: contributions sent with the account's address before the mail are linked to it.

    `user` is who is signed in (None: nobody; the link alone then speaks for its account). Returns how
    many were linked. Raises LinkRefused (invalid, used, expired) or PermissionDenied (another account).
    """
    row, owner = _claim_link(token, user)
    row_id, owner_id, email, sent = row.id, owner.id, owner.email, row.created_at
    with write_transaction():
        account_links.use(row_id)
        # Only what was sent before the link was mailed: the mail counted exactly those.
        linked = db.session.execute(update(Contribution).where(Contribution.id.in_(
            _unclaimed(email, before=sent))).values(user_id=owner_id),
            execution_options={"synchronize_session": False}).rowcount
    return linked


def landing(user) -> str:
    """Where a person goes after signing in without a destination: the invitations waiting for them, if any;
    else their contributions for a citizen (no organisation and no project); else their projects."""
    if open_count(user.id):
        return "invitations.mine"
    if user.org_id is None and not user.is_admin and db.session.scalar(
            select(Membership.id).where(Membership.user_id == user.id).limit(1)) is None:
        return "citizen_account.mine"
    return "projects.my_projects"
