"""Rules for citizens' contributions: calls, form fields, consent, moderation and the public status.

Pure Python: no Flask, no SQLAlchemy. Labels are msgids (N_) that the pages translate.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from . import board
from .errors import N_, ValidationError
from .provinces import BY_CODE

# An open call and where what it gathers lands on the board: (stage, card kind).
CALL_KINDS = ("experience", "idea")
CALL_TARGET = {"experience": ("empathize", "pain_point"), "idea": ("ideate", "idea")}
CALL_LABELS = {"experience": N_("Tell us your experience"), "idea": N_("Share an idea")}

AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_59", "60_plus", "not_said")
AGE_LABELS = {"under_18": N_("Under 18"), "18_24": N_("18–24"), "25_34": N_("25–34"), "35_44": N_("35–44"),
              "45_59": N_("45–59"), "60_plus": N_("60 or over"), "not_said": N_("Prefer not to say")}
WHO = ("resident", "business_owner", "civil_servant", "student", "farmer", "community_leader", "other")
WHO_LABELS = {"resident": N_("Resident"), "business_owner": N_("Business owner"),
              "civil_servant": N_("Civil servant"), "student": N_("Student"), "farmer": N_("Farmer"),
              "community_leader": N_("Community leader"), "other": N_("Someone else")}
REJECT_REASONS = ("off_topic", "duplicate", "personal_data", "offensive", "spam", "other")
REJECT_LABELS = {"off_topic": N_("Not about this challenge"), "duplicate": N_("Already said by someone else"),
                 "personal_data": N_("It reveals someone's personal data"), "offensive": N_("Offensive or hateful"),
                 "spam": N_("Advertising or spam"), "other": N_("Another reason")}

# Moderation states (what facilitators decided) and public statuses (what the contributor sees).
STATES = ("pending", "published", "rejected", "merged")
STATUSES = ("received", "published", "in_prototype", "tested", "adopted", "not_adopted", "rejected", "merged")
STATUS_LABELS = {"received": N_("Received"), "published": N_("Published"), "in_prototype": N_("In prototype"),
                 "tested": N_("Tested"), "adopted": N_("Adopted"), "not_adopted": N_("Not adopted"),
                 "rejected": N_("Not published"), "merged": N_("Joined with a similar contribution")}
FINAL_STATUSES = ("adopted", "not_adopted")

TEXT_MIN = 10
TEXT_MAX = 2000
NAME_MAX = 100
CONTACT_MAX = 254
REASON_MAX = 1000
FLAGS_TO_HIDE = 3
SIMILAR_SHOWN = 3
SIMILARITY_MIN = 0.5

# The consent texts a contributor agrees to; a new wording gets a new version (records keep the old one).
CONSENT_VERSION = "2025-1"
CONSENT_PURPOSE = N_("We use what you write to understand this challenge and design better public services. "
                     "Your name and contact are seen only by the lab's facilitators, to tell you what became "
                     "of your contribution; they are never published. You can see, download or erase your "
                     "data at any time with your private link.")
CONSENT_S19 = N_("I agree that the lab keeps and uses my contribution and the details I gave for this purpose.")
CONSENT_S26 = N_("My text may reveal my opinions or beliefs (for example political or religious): I explicitly "
                 "agree that it is kept and published without my name.")

_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])")
_EMAIL = re.compile(r"[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
_PHONE = re.compile(r"\+?[0-9][0-9 -]{7,16}[0-9]")
_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def check_call_kind(value: object) -> str:
    """An open call's kind (experience or idea)."""
    if value not in CALL_KINDS:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="kind",
                              name="kind", allowed=", ".join(CALL_KINDS))
    return value  # type: ignore[return-value]


def check_slug(value: str) -> str:
    """A page address: 3–60 lowercase ASCII letters, digits and dashes, not only digits (ids are digits)."""
    if not _SLUG.fullmatch(value) or value.isdigit():
        raise ValidationError(N_("Use 3 to 60 lowercase letters a–z, digits and dashes, not only digits."),
                              field="slug")
    return value


def call_is_open(opens_on: date | None, closes_on: date | None, today: date) -> bool:
    """Is a call open today? Both ends count; a call without an opening date is closed."""
    return opens_on is not None and opens_on <= today and (closes_on is None or today <= closes_on)


def check_call_dates(opens_on: date | None, closes_on: date | None) -> None:
    """The closing date may not come before the opening date."""
    if opens_on is not None and closes_on is not None and closes_on < opens_on:
        raise ValidationError(N_("The closing date is before the opening date."), field="closes_on")


def clean_text(value: object) -> str:
    """A contribution's text: 10–2000 characters, no control characters, trimmed."""
    text = board.clean_body(value, field="text", limit=TEXT_MAX).strip()
    if len(text) < TEXT_MIN:
        raise ValidationError(N_("Please write at least %(min)d characters."), field="text", min=TEXT_MIN)
    return unicodedata.normalize("NFC", text)


def clean_name(value: object) -> str:
    """An optional name: one line, at most 100 characters."""
    text = board.clean_body(value, field="name", limit=NAME_MAX).strip()
    if "\n" in text:
        raise ValidationError(N_("This field must be a single line of text."), field="name")
    return text


def parse_contact(value: object) -> tuple[str | None, str | None]:
    """(e-mail, phone) from one optional field; a phone is written with the digits 0-9 (spaces, dashes, +)."""
    text = board.clean_body(value, field="contact", limit=CONTACT_MAX).strip()
    if not text:
        return None, None
    if "@" in text:
        if not _EMAIL.fullmatch(text):
            raise ValidationError(N_("Please enter a valid e-mail address or phone number."), field="contact")
        return text.lower(), None
    if not _PHONE.fullmatch(text) or not text.isascii():
        raise ValidationError(N_("Please enter a valid e-mail address or phone number."), field="contact")
    return None, re.sub(r"[ -]", "", text)


def check_choice(value: object, allowed: tuple[str, ...], field: str, required: bool = False) -> str | None:
    """One of the allowed keys, or None when empty and not required."""
    if value in (None, "") and not required:
        return None
    if value not in allowed:
        raise ValidationError(N_("Please choose one of the options."), field=field)
    return value  # type: ignore[return-value]


def check_province(value: object) -> str | None:
    """A province code (see domain.provinces), or None when not given."""
    return check_choice(value, tuple(BY_CODE), "province")


def normalised(text: str) -> str:
    """The text as compared for exact duplicates: NFC, case folded, punctuation and spaces removed."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFC", text).casefold())


def public_status(state: str, override: str | None, chain: dict | None) -> str:
    """The status a contribution shows: the facilitators' final word, else the furthest step of its chain.

    `chain` (or None) has `prototype` (a title or None), `tested` (bool) and `decision` (scale, iterate,
    pivot, drop or None) of the furthest prototype that its card leads to.
    """
    if state in ("pending", "rejected", "merged"):
        return {"pending": "received"}.get(state, state)
    if override in FINAL_STATUSES:
        return override
    if not chain or not chain.get("prototype"):
        return "published"
    decision = chain.get("decision")
    if decision == "scale":
        return "adopted"
    if decision == "drop":
        return "not_adopted"
    return "tested" if chain.get("tested") else "in_prototype"


def similarity(a: set[str], b: set[str]) -> float:
    """How alike two token sets are (Jaccard: shared tokens over all tokens), 0–1."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
