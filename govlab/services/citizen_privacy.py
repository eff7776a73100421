"""PDPA rights of contributors: see and download their data, erase it; and the retention period.

Erasure removes the name, contact, province, age band and "who are you", the outbox mails to the
address, and the text too unless the contributor chose to keep it public and had given the s.26
consent (a kept text is anonymous) — from the promoted card as well, including its past Events, closed
votes' results and its text history (services/card_history.py). It is recorded as an Event that carries no personal data.
"""
from __future__ import annotations

from datetime import timedelta

import orjson
from flask import current_app
from sqlalchemy import delete, select

from ..domain import citizens
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..i18n import translate
from ..models import Card, ConsentRecord, Contribution, ContributionWord, OutboxMail, Project
from ..models.base import utcnow
from .access import SYSTEM
from .accountability import reason_of, status_of
from .card_history import forget_card_text
from .card_index import touch
from .cards import update_content
from .contributions import by_token
from .moderation import joint_transaction
from .serialize import iso

MAIL_KINDS = ("contribution_received", "contribution_status")
CONSENT_TEXTS = {"s19": citizens.CONSENT_S19, "s26": citizens.CONSENT_S26}


def private_view(token: object) -> dict:
    """What the contributor's private page shows. Raises NotFound for a bad or erased link."""
    return view_of(by_token(token))


def view_of(contribution: Contribution) -> dict:
    """What a contributor sees of their contribution: status, the lab's reason, consents (link or account)."""
    status, facts = status_of(contribution)
    consents = list(db.session.scalars(select(ConsentRecord).where(
        ConsentRecord.contribution_id == contribution.id).order_by(ConsentRecord.id)))
    return {"contribution": contribution, "project": db.session.get(Project, contribution.project_id),
            "status": status, "prototype": (facts or {}).get("prototype"), "reason": reason_of(contribution, facts),
            "consents": consents, "can_keep_text": contribution.sensitive_consent}


def export_json(token: object) -> bytes:
    """Everything stored about the contributor, as a JSON document. Raises NotFound."""
    return orjson.dumps(document_of(by_token(token)), option=orjson.OPT_INDENT_2)


def document_of(contribution: Contribution) -> dict:
    """Everything stored about one contribution and its contributor (the copy they may download)."""
    view = view_of(contribution)
    mails = list(db.session.scalars(select(OutboxMail).where(
        OutboxMail.to_addr == contribution.email, OutboxMail.kind.in_(MAIL_KINDS)))) if contribution.email else []
    document = {
        "format": "govlab.contribution.v1",
        "challenge": view["project"].title,
        "contribution": {
            "id": contribution.id, "kind": contribution.kind, "text": contribution.text, "name": contribution.name,
            "email": contribution.email, "phone": contribution.phone, "province": contribution.province,
            "age_band": contribution.age_band, "who": contribution.who, "language": contribution.locale,
            "state": contribution.state, "status": view["status"], "reason": view["reason"],
            "reject_reason": contribution.reject_reason, "support_count": contribution.support_count,
            "created_at": iso(contribution.created_at), "published_at": iso(contribution.published_at)},
        "consents": [{"purpose": c.purpose, "version": c.version, "given_at": iso(c.given_at),
                      "text": translate(CONSENT_TEXTS[c.purpose])}
                     for c in view["consents"]],
        "mails": [{"subject": m.subject, "status": m.status, "created_at": iso(m.created_at)} for m in mails],
    }
    return document


def erase_in(unit, contribution: Contribution, keep_text: bool, why: str) -> None:
    """Inside a joint transaction: remove the personal data (and the text unless kept) and record the erasure.

    The one write path of every erasure: the private link, the contributor's account, and retention.
    Raises ValidationError (the text kept without the s.26 consent).
    """
    if keep_text and not contribution.sensitive_consent:
        raise ValidationError(N_("The text can be kept only with your explicit consent (PDPA section 26)."),
                              field="keep_text")
    project = db.session.get(Project, contribution.project_id)
    if contribution.email:
        db.session.execute(delete(OutboxMail).where(OutboxMail.to_addr == contribution.email,
                                                    OutboxMail.kind.in_(MAIL_KINDS)))
    contribution.name = contribution.email = contribution.phone = None
    contribution.province = contribution.age_band = contribution.who = None
    contribution.user_id = None
    contribution.erased_at = utcnow()
    if not keep_text:
        card_id = contribution.card_id
        contribution.text = ""
        contribution.state = "rejected" if contribution.state == "pending" else contribution.state
        contribution.hidden = True  # an erased text leaves the public page, the search and the similar ideas
        db.session.execute(delete(ContributionWord).where(ContributionWord.contribution_id == contribution.id))
        if card_id is not None:
            card = _erase_card_words(unit, project, card_id)
            forget_card_text(unit, card)  # nor in the card's past Events, vote results and text history
    db.session.flush()
    unit.record(project, None, "contribution.erase",
                {"contribution": {"id": contribution.id}, "kept_text": keep_text, "why": why})


def _erase_card_words(unit, project: Project, card_id: int) -> Card:
    """The card a contribution became says "Erased by its author" instead of its words.

    On a live board it is an ordinary edit everyone sees at once. A card deleted since, or on a board
    archived since, refuses edits, but erasure is owed all the same: its words are replaced in place
    (and re-indexed), with no board edit to show.
    """
    title = translate(N_("Erased by its author"))
    card = db.session.get(Card, card_id)
    if card.deleted_at is None and project.status != "archived":
        return update_content(SYSTEM, project.id, {"id": card_id, "title": title, "body": ""})
    card.title, card.body, card.version = title, "", card.version + 1
    touch(unit, [card.id])
    return card


def erase(token: object, keep_text: bool = False) -> None:
    """The contributor erases their data. Raises NotFound, or ValidationError (text kept without s.26 consent)."""
    with joint_transaction() as unit:
        contribution = by_token(token)
        erase_in(unit, contribution, keep_text, "request")


def apply_retention(now=None) -> int:
    """Erase the personal data of contributions older than the retention period; returns how many."""
    days = current_app.config["CONTRIBUTION_RETENTION_DAYS"]
    cutoff = (now or utcnow()) - timedelta(days=days)
    ids = list(db.session.scalars(select(Contribution.id).where(Contribution.created_at < cutoff,
                                                                Contribution.erased_at.is_(None))))
    for contribution_id in ids:
        with joint_transaction() as unit:
            contribution = db.session.get(Contribution, contribution_id)
            keep = contribution.sensitive_consent and contribution.state == "published"
            erase_in(unit, contribution, keep, "retention")
    return len(ids)
