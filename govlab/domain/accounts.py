"""Rules for users and organisations: e-mail, password, name, sector and government level."""
from __future__ import annotations

import re
import unicodedata

from zxcvbn import zxcvbn

from .errors import N_, ValidationError
from .text_rules import refuse_control_characters

PASSWORD_MIN = 8
PASSWORD_MAX = 256
NAME_MAX = 120
EMAIL_MAX = 254
SECTORS = ("government", "private", "civil_society", "academia")
SECTOR_LABELS = {"government": N_("Government"), "private": N_("Private sector"),
                 "civil_society": N_("Civil society"), "academia": N_("Academia")}
GOVERNMENT_LEVELS = ("central", "regional", "local")
LEVEL_LABELS = {"central": N_("Central"), "regional": N_("Regional"), "local": N_("Local")}
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


GUESSABLE_BELOW = 2  # zxcvbn scores 0-4; 0 and 1 are among the most common or trivially guessed passwords
ZXCVBN_MAX = 72  # zxcvbn refuses longer input; the first 72 characters decide


def clean_email(value: object) -> str:
    """Return a normalised (NFC, trimmed, lower-case) e-mail address that fits its column, or raise."""
    if not isinstance(value, str) or len(value) > EMAIL_MAX * 4:
        raise ValidationError(N_("Enter a valid e-mail address."), field="email")
    # Lower-casing can lengthen text ("İ" becomes two characters): check the length of what is stored.
    email = unicodedata.normalize("NFC", refuse_control_characters(value.strip(), "email")).lower()
    if len(email) > EMAIL_MAX or not _EMAIL_RE.match(email):
        raise ValidationError(N_("Enter a valid e-mail address."), field="email")
    return email


def clean_password(value: object, hints: tuple[str, ...] = (), field: str = "password") -> str:
    """8 to 256 characters, not blank, and not a common or easily guessed password (zxcvbn).

    `hints` are the person's own e-mail and name: a password made of them is easy to guess.
    """
    if not isinstance(value, str) or len(value) < PASSWORD_MIN:
        raise ValidationError(N_("The password must have at least %(min)d characters."),
                              field=field, min=PASSWORD_MIN)
    if len(value) > PASSWORD_MAX:
        raise ValidationError(N_("The password is too long."), field=field)
    if not value.strip():
        raise ValidationError(N_("The password cannot be only spaces."), field=field)
    words = [hint for hint in hints if isinstance(hint, str) and hint]
    if zxcvbn(value[:ZXCVBN_MAX], user_inputs=words)["score"] < GUESSABLE_BELOW:
        raise ValidationError(N_("This password is too easy to guess (it is common, or close to your name "
                                 "or e-mail). Try a longer phrase of a few unrelated words."), field=field)
    return value


def clean_name(value: object, field: str = "name") -> str:
    """A person's or organisation's name: 1 to 120 characters after trimming."""
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(N_("The name is required."), field=field)
    if len(value.strip()) > NAME_MAX:
        raise ValidationError(N_("The name is too long (at most %(max)d characters)."),
                              field=field, max=NAME_MAX)
    return refuse_control_characters(value.strip(), field)


def clean_sector(sector: object, level: object) -> tuple[str, str | None]:
    """Validate a sector; government needs a level, the other sectors have none."""
    if sector not in SECTORS:
        raise ValidationError(N_("Unknown sector."), field="sector")
    if sector == "government":
        if level not in GOVERNMENT_LEVELS:
            raise ValidationError(N_("A government organisation needs a level: central, regional or local."),
                                  field="level")
        return sector, level
    return sector, None


def clean_locale(value: object, supported: tuple[str, ...]) -> str | None:
    """A supported UI language, or None to follow the browser."""
    if value in (None, ""):
        return None
    if value not in supported:
        raise ValidationError(N_("Unsupported language."), field="locale")
    return value
