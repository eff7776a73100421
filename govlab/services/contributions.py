"""Citizens' contributions: submitting without an account, the private status link, support and flags.

Anti-abuse lives here, not in the views: a hidden honeypot field, a signed timestamp that must be
older than a few seconds, length limits, and the same normalised text from the same source (a keyed
hash of the address) refused. The per-address rate limits are on the views (web/citizen_limits.py).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select

from ..domain import citizens, thai_search
from ..domain.errors import N_, Conflict, NotAuthenticated, NotFound, ValidationError
from ..extensions import db
from ..models import ConsentRecord, Contribution, ContributionFlag, ContributionSupport, ContributionWord, Project
from .access import lock_user, parse_id
from .challenges import call_states, public_project
from .outbox import enqueue, external_url
from .unit_of_work import write_transaction

STAMP_MAX_AGE = 24 * 3600


def keyed(purpose: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with the app's secret) of a value: the same source gives the same key."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()


def form_stamp() -> str:
    """A signed timestamp for the submission form (the fill-time check reads it back)."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="contribution-form").dumps(time.time())


def check_form(stamp: object, honeypot: object) -> None:
    """Refuse a filled honeypot, a missing or forged stamp, and a form sent faster than a person can.

    Raises ValidationError.
    """
    if honeypot:
        raise ValidationError(N_("Your contribution could not be sent. Please try again."), field="website")
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="contribution-form")
    try:
        started = serializer.loads(stamp if isinstance(stamp, str) else "", max_age=STAMP_MAX_AGE)
    except BadSignature:
        raise ValidationError(N_("This form has expired. Please reload the page and try again."),
                              field="started") from None
    if not isinstance(started, (int, float)) or time.time() - started < current_app.config["CONTRIBUTION_MIN_SECONDS"]:
        raise ValidationError(N_("That was very fast. Please read the form and send it again."), field="started")


def status_token(contribution: Contribution) -> str:
    """The secret part of a contribution's private link (rebuilt from the row's nonce and the app's secret)."""
    return keyed("status", f"{contribution.id}|{contribution.status_nonce}")[:40]


def status_link(contribution: Contribution) -> str:
    """The absolute private status link of a contribution (for mails)."""
    return external_url("citizens.status", token=f"{contribution.id}.{status_token(contribution)}")


def by_token(token: object) -> Contribution:
    """The contribution a private link names. Raises NotFound for anything else (erased ones included)."""
    if not isinstance(token, str) or "." not in token or len(token) > 64:
        raise NotFound(N_("This link is not valid."))
    raw_id, secret = token.split(".", 1)
    try:
        contribution = db.session.get(Contribution, parse_id(raw_id))
    except ValidationError:
        raise NotFound(N_("This link is not valid.")) from None
    if contribution is None or contribution.erased_at is not None \
            or not hmac.compare_digest(status_token(contribution), secret):
        raise NotFound(N_("This link is not valid."))
    return contribution


def public_dict(contribution: Contribution) -> dict:
    """What an Event may say about a contribution: no text and no personal data (boards broadcast Events)."""
    return {"id": contribution.id, "kind": contribution.kind, "state": contribution.state,
            "status": contribution.status, "card_id": contribution.card_id}


def index_words(contribution: Contribution) -> None:
    """Store the words of the contribution's text (segmented now, at write time) for search and similarity."""
    db.session.execute(delete(ContributionWord).where(ContributionWord.contribution_id == contribution.id))
    words = {word[:100] for word in thai_search.word_set(contribution.text)}
    if words:
        db.session.execute(ContributionWord.__table__.insert(), [
            {"contribution_id": contribution.id, "project_id": contribution.project_id, "word": word}
            for word in sorted(words)])


def similar(project_id: int, text: str, limit: int = citizens.SIMILAR_SHOWN) -> list[Contribution]:
    """Published, visible contributions of the project whose words are most alike the text (best first)."""
    words = thai_search.word_set(text)
    if not words:
        return []
    shared = db.session.execute(
        select(ContributionWord.contribution_id, func.count()).join(
            Contribution, Contribution.id == ContributionWord.contribution_id).where(
            ContributionWord.project_id == project_id, ContributionWord.word.in_(words),
            Contribution.state == "published", Contribution.hidden.is_(False))
        .group_by(ContributionWord.contribution_id)).all()
    if not shared:
        return []
    sizes = dict(db.session.execute(select(ContributionWord.contribution_id, func.count()).where(
        ContributionWord.contribution_id.in_([row[0] for row in shared])).group_by(
        ContributionWord.contribution_id)).all())
    scored = sorted(((count / (len(words) + sizes[cid] - count), cid) for cid, count in shared), reverse=True)
    ids = [cid for score, cid in scored if score >= citizens.SIMILARITY_MIN][:limit]
    found = {row.id: row for row in db.session.scalars(select(Contribution).where(Contribution.id.in_(ids)))}
    return [found[cid] for cid in ids]


def submit(actor, project_ref: object, kind: object, form: dict, source: str) -> tuple[Contribution, str]:
    """Store a citizen's contribution to an open call; returns it and its private link's token.

    `form` has text, name, contact, province, age_band, who, consent (s.19, required), sensitive_consent
    (s.26), stamp and website (the honeypot). `source` is the sender's address. Raises NotFound (no such
    public project), ValidationError (closed call, honeypot, too fast, bad field), Conflict (duplicate) or
    NotAuthenticated (the sender's account was closed or disabled meanwhile).
    """
    check_form(form.get("stamp"), form.get("website"))
    kind = citizens.check_call_kind(kind)
    text = citizens.clean_text(form.get("text"))
    name = citizens.clean_name(form.get("name"))
    email, phone = citizens.parse_contact(form.get("contact"))
    province = citizens.check_province(form.get("province"))
    age_band = citizens.check_choice(form.get("age_band"), citizens.AGE_BANDS, "age_band")
    who = citizens.check_choice(form.get("who"), citizens.WHO, "who")
    if form.get("consent") is not True:
        raise ValidationError(N_("Please agree to how we use your contribution, or we cannot keep it."),
                              field="consent")
    sensitive = form.get("sensitive_consent") is True
    source_key = keyed("source", source or "")
    norm_hash = hashlib.sha256(citizens.normalised(text).encode()).hexdigest()
    with write_transaction() as unit:
        user_id = getattr(actor, "id", None)
        if user_id is not None:
            # The account's row lock before the project's (the order account closure takes them): an account
            # closing at this moment is waited for, and a closed one stores nothing in its name.
            account = lock_user(user_id)
            if account is None or account.is_disabled:
                raise NotAuthenticated(N_("Please sign in."))
        project = public_project(project_ref, lock=True)
        if not call_states(project)[kind]["open"]:
            raise ValidationError(N_("This call is closed: it does not take contributions now."), field="kind")
        duplicate = db.session.scalar(select(Contribution.id).where(
            Contribution.project_id == project.id, Contribution.norm_hash == norm_hash,
            Contribution.source_key == source_key).limit(1))
        if duplicate is not None:
            raise Conflict(N_("You have already sent this text to this challenge."), field="text")
        contribution = Contribution(
            project_id=project.id, kind=kind, text=text, name=name or None, email=email, phone=phone,
            province=province, age_band=age_band, who=who, locale=form.get("locale") or "th",
            user_id=user_id, state="pending", status="received", source_key=source_key,
            norm_hash=norm_hash, sensitive_consent=sensitive, status_nonce=secrets.token_hex(16))
        db.session.add(contribution)
        db.session.flush()
        index_words(contribution)
        db.session.add(ConsentRecord(contribution_id=contribution.id, purpose="s19", version=citizens.CONSENT_VERSION))
        if sensitive:
            db.session.add(ConsentRecord(contribution_id=contribution.id, purpose="s26",
                                         version=citizens.CONSENT_VERSION))
        unit.record(project, None, "contribution.submit", {"contribution": public_dict(contribution)})
        if email:
            enqueue(unit, email, "contribution_received", contribution.locale, project_title=project.title,
                    link=status_link(contribution), privacy=external_url("citizens.privacy"))
    return contribution, f"{contribution.id}.{status_token(contribution)}"


def _visible(contribution_id: object) -> tuple[Contribution, Project]:
    """A published, visible contribution of a public project (NotFound otherwise)."""
    contribution = db.session.get(Contribution, parse_id(contribution_id))
    if contribution is None or contribution.state != "published" or contribution.hidden:
        raise NotFound(N_("No such idea."))
    return contribution, public_project(contribution.project_id, lock=True)


def support(actor, contribution_id: object, supporter_key: str) -> Contribution:
    """Support a published idea once (per account, or per browser and address). Raises NotFound or Conflict."""
    with write_transaction() as unit:
        contribution, project = _visible(contribution_id)
        if contribution.kind != "idea":
            raise NotFound(N_("No such idea."))
        taken = db.session.scalar(select(ContributionSupport.id).where(
            ContributionSupport.contribution_id == contribution.id,
            ContributionSupport.supporter_key == supporter_key))
        if taken is not None:
            raise Conflict(N_("You already support this idea."))
        db.session.add(ContributionSupport(contribution_id=contribution.id, supporter_key=supporter_key))
        contribution.support_count += 1
        unit.record(project, getattr(actor, "id", None), "contribution.support",
                    {"contribution": {"id": contribution.id, "support_count": contribution.support_count}})
    return contribution


def flag(actor, contribution_id: object, flagger_key: str, address_key: str) -> Contribution:
    """Flag a published contribution once per person or browser; flags from three sources hide it until reviewed.

    Raises NotFound or Conflict.
    """
    with write_transaction() as unit:
        contribution, project = _visible(contribution_id)
        taken = db.session.scalar(select(ContributionFlag.id).where(
            ContributionFlag.contribution_id == contribution.id, ContributionFlag.flagger_key == flagger_key))
        if taken is not None:
            raise Conflict(N_("You have already reported this."))
        db.session.add(ContributionFlag(contribution_id=contribution.id, flagger_key=flagger_key,
                                        address_key=address_key))
        db.session.flush()
        contribution.flag_count += 1
        sources = db.session.scalar(select(func.count(func.distinct(ContributionFlag.address_key))).where(
            ContributionFlag.contribution_id == contribution.id)) or 0
        if sources >= citizens.FLAGS_TO_HIDE:
            contribution.hidden = True
        unit.record(project, getattr(actor, "id", None), "contribution.flag",
                    {"contribution": {"id": contribution.id, "hidden": contribution.hidden}})
    return contribution
