"""Payload shapes of the join-code ops (facilitators make and withdraw the codes guests join with)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from . import guests as rules
from .schemas import Id, Payload


class JoinCodeCreate(Payload):
    """op join_code.create: a code for one workshop; its guests get `role`; it expires after `expires_in_minutes`
    (default: the workshop's length from its start, plus the grace period)."""

    workshop_id: Id
    role: Literal[rules.GUEST_ROLES] = "member"
    expires_in_minutes: Annotated[int, Field(ge=rules.EXPIRY_MINUTES_MIN, le=rules.EXPIRY_MINUTES_MAX)] | None = None


class JoinCodeRef(Payload):
    """op join_code.revoke"""

    id: Id


class JoinCodeExtend(Payload):
    """op join_code.extend: a live code works `minutes` longer, and so do its guests (15 minutes to 7 days)."""

    id: Id
    minutes: Annotated[int, Field(ge=rules.EXPIRY_MINUTES_MIN, le=rules.EXPIRY_MINUTES_MAX)]
