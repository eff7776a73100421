"""Payload shapes of the citizens' ops (challenge page settings, learnings, moderation), strict like domain.schemas."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from . import citizens
from . import evidence as chain
from .errors import N_, ValidationError
from .schemas import Id, Payload, _text

CallDate = Annotated[str, AfterValidator(chain.parse_due_date),
                     Field(description="A date, YYYY-MM-DD (Christian Era).", json_schema_extra={"format": "date"})]
Slug = Annotated[str, AfterValidator(citizens.check_slug),
                 Field(min_length=3, max_length=60, json_schema_extra={"pattern": "^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$"})]


class ChallengeUpdate(Payload):
    """op challenge.update: the public page's address and its open calls' dates (null clears; absent keeps)."""

    slug: Slug | None = None
    experience_opens_on: CallDate | None = None
    experience_closes_on: CallDate | None = None
    idea_opens_on: CallDate | None = None
    idea_closes_on: CallDate | None = None


class CardPublish(Payload):
    """op card.publish: show a card on the public page as something learned (or stop showing it)."""

    id: Id
    published: bool


class ContributionRef(Payload):
    """op contribution.approve / contribution.promote: a contribution of the project."""

    id: Id


class ContributionMerge(Payload):
    """op contribution.merge: join a contribution with a card or another contribution (exactly one)."""

    id: Id
    into_card: Id | None = None
    into_contribution: Id | None = None

    @model_validator(mode="after")
    def _one_target(self):
        if (self.into_card is None) == (self.into_contribution is None):
            raise ValidationError(N_("Choose either a card or a contribution to merge into."), field="into_card")
        return self


class ContributionReject(Payload):
    """op contribution.reject: a reason from the list, and free text for the contributor."""

    id: Id
    reason: Literal[citizens.REJECT_REASONS]
    note: _text(citizens.REASON_MAX, "note") | None = None


class ContributionDecide(Payload):
    """op contribution.decide: the facilitators' final word (adopted / not adopted, null withdraws it) and why."""

    id: Id
    status: Literal[citizens.FINAL_STATUSES] | None
    reason: _text(citizens.REASON_MAX, "reason") | None = None
