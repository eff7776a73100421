"""Pure rules of workshop guests: join codes (shape, strength, expiry) and what a guest says about themselves.

A code is 8 characters from 32 that cannot be mistaken for one another when read off a projector or
typed on a phone: the digits 2-9 and the letters A-Z without I and O (so no 0/O and no 1/I). That is
40 bits: with /join limited to a few dozen wrong codes per address and day, guessing a live code among
thousands takes longer than any workshop lasts (see docs/architecture.md). Codes are shown and typed as
two groups of four ("K7QM-3WXP"); case, spaces and dashes do not matter.
"""
from __future__ import annotations

import secrets
import unicodedata
from datetime import datetime, timedelta

from .accounts import SECTORS, clean_name
from .errors import N_, DomainError, ValidationError
from .text_rules import refuse_control_characters

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
CODE_INPUT_MAX = 40  # characters typed (spaces and dashes included) before any are looked at
GUEST_ROLES = ("member", "observer")  # a guest never manages the project
GUEST_SECTORS = (*SECTORS, "none")  # "none": a citizen or someone without an organisation
ORGANISATION_MAX = 200
GUESTS_PER_CODE_MAX = 500  # a room of 200 with room to spare; a leaked code cannot mint accounts without end
LIVE_CODES_MAX = 20  # live codes per project
EXPIRY_MINUTES_MIN = 15
EXPIRY_MINUTES_MAX = 7 * 24 * 60
EXTEND_MINUTES_CHOICES = (15, 30, 60, 120)  # what the codes page offers when a workshop runs over
DEFAULT_GRACE_MINUTES = 60
STATES = ("live", "expired", "revoked")
_THAI = range(0x0E00, 0x0E80)


class JoinRefused(DomainError):
    """A code that lets nobody in: unknown, expired, revoked, or full (`reason`)."""

    code = "invalid_code"
    MESSAGES = {"invalid": N_("There is no workshop with this code. Check the code on the screen and try again."),
                "expired": N_("This code has expired. Ask the facilitator for a new one."),
                "revoked": N_("This code was withdrawn by the facilitator. Ask them for a new one."),
                "full": N_("This code has been used as often as it may be. Ask the facilitator for a new one."),
                "archived": N_("This project is archived and takes no new guests.")}

    def __init__(self, reason: str) -> None:
        super().__init__(self.MESSAGES[reason], field="code")
        self.reason = reason


def new_code() -> str:
    """A fresh random code (8 characters of ALPHABET, from the operating system's CSPRNG)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def shown(code: str) -> str:
    """A code as people read it: two groups of four."""
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


def normalise_code(raw: object) -> str:
    """The code someone typed, as stored: upper case, without spaces or dashes. Raises ValidationError.

    Only ASCII letters and digits count: a Thai keyboard left on, full-width or superscript digits are
    refused with a sentence that says what to do, never silently mapped to another code.
    """
    if not isinstance(raw, str) or not raw.strip():
        raise ValidationError(N_("Type the code shown on the screen."), field="code")
    if len(raw) > CODE_INPUT_MAX:
        raise ValidationError(N_("A code has %(count)d characters."), field="code", count=CODE_LENGTH)
    text = "".join(raw.split()).replace("-", "").replace("\u2010", "").replace("\u2013", "")
    if any(ord(char) in _THAI for char in text):
        raise ValidationError(N_("The code is made of English letters and digits. Switch the keyboard to English "
                                 "and type it again."), field="code")
    if not text.isascii() or not text.isalnum():
        raise ValidationError(N_("A code uses only the letters A to Z and the digits 2 to 9."), field="code")
    text = text.upper()
    if len(text) != CODE_LENGTH:
        raise ValidationError(N_("A code has %(count)d characters."), field="code", count=CODE_LENGTH)
    if any(char not in ALPHABET for char in text):
        raise ValidationError(N_("Codes have no 0, 1, I or O. Check the code on the screen and try again."),
                              field="code")
    return text


def state(revoked_at: datetime | None, expires_at: datetime, now: datetime) -> str:
    """live, expired or revoked (a withdrawal wins over the clock)."""
    if revoked_at is not None:
        return "revoked"
    return "expired" if expires_at <= now else "live"


def extended_expiry(expires_at: datetime, now: datetime, minutes: int) -> datetime:
    """A live code's new end, `minutes` after its current one; never more than EXPIRY_MINUTES_MAX from now
    (ValidationError), the same bound as a new code's."""
    later = expires_at + timedelta(minutes=minutes)
    if later > now + timedelta(minutes=EXPIRY_MINUTES_MAX):
        raise ValidationError(N_("A code can work for at most %(days)d days from now."), field="minutes",
                              days=EXPIRY_MINUTES_MAX // (24 * 60))
    return later


def default_expiry(now: datetime, starts_at: datetime | None, durations: list[int], grace_minutes: int) -> datetime:
    """When a code made now stops working: the workshop's length (the sum of its activities) after its start —
    or after now, if it starts earlier or has no start time — plus the grace period."""
    start = max(starts_at, now) if starts_at is not None else now
    return start + timedelta(seconds=sum(durations)) + timedelta(minutes=grace_minutes)


def expiry(now: datetime, starts_at: datetime | None, durations: list[int], grace_minutes: int,
           minutes: int | None) -> datetime:
    """The facilitator's choice (minutes from now), else the default."""
    if minutes is not None:
        return now + timedelta(minutes=minutes)
    return default_expiry(now, starts_at, durations, grace_minutes)


def check_new_code(live_codes: int) -> None:
    """Refuse a code past LIVE_CODES_MAX live ones in a project (ValidationError)."""
    if live_codes >= LIVE_CODES_MAX:
        raise ValidationError(N_("This project has %(count)d live codes already. Withdraw one first."),
                              field="workshop_id", count=LIVE_CODES_MAX)


def check_joinable(code_state: str, guests: int) -> None:
    """Refuse a join through a code that is not live or is full (JoinRefused)."""
    if code_state != "live":
        raise JoinRefused(code_state)
    if guests >= GUESTS_PER_CODE_MAX:
        raise JoinRefused("full")


def clean_guest(name: object, organisation: object, sector: object) -> dict:
    """What a guest says about themselves: a name (required), an organisation (free text, optional), a sector
    (optional only when the organisation is an existing one: see pick_sector).

    Raises ValidationError naming the field.
    """
    cleaned_name = clean_name(name)
    if organisation is None:
        organisation = ""
    if not isinstance(organisation, str):
        raise ValidationError(N_("The organisation must be text."), field="organisation")
    organisation = " ".join(refuse_control_characters(organisation, "organisation").split())
    if len(organisation) > ORGANISATION_MAX:
        raise ValidationError(N_("The organisation's name is too long (at most %(max)d characters)."),
                              field="organisation", max=ORGANISATION_MAX)
    if sector in (None, ""):
        sector = None  # taken from the organisation, when an existing one is named (pick_sector)
    elif sector not in GUEST_SECTORS:
        raise ValidationError(N_("Choose a sector from the list."), field="sector")
    return {"name": cleaned_name, "organisation": organisation, "sector": sector}


def pick_sector(sector: str | None, org_sector: str | None) -> str:
    """The sector chosen, else the named organisation's. Raises ValidationError when there is neither."""
    if sector is not None:
        return sector
    if org_sector is not None:
        return org_sector
    raise ValidationError(N_("Choose a sector from the list."), field="sector")


def window_open(until: datetime | None, now: datetime) -> bool:
    """Is a guest's time still running? (None: not a guest, so no limit.)"""
    return until is None or until > now


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def match_organisation(text: str, organisations: list[tuple[int, str, str]]) -> int | None:
    """The id of the organisation whose Thai or English name is the typed text (any case, NFC), if one is."""
    wanted = _folded(text)
    if not wanted:
        return None
    return next((org_id for org_id, name_th, name_en in organisations
                 if wanted in (_folded(name_th or ""), _folded(name_en or ""))), None)
