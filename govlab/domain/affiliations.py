"""Who speaks for an organisation: e-mail domains, claims, refusal reasons. Pure rules."""
from __future__ import annotations

import re

from .errors import N_, ValidationError

DOMAIN_MAX = 253
# Addresses anyone can get: they prove nothing about an employer, so they never verify a claim.
FREE_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.th", "outlook.com", "outlook.co.th", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.th", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "proton.me", "protonmail.com", "gmx.com", "gmx.net", "mail.com", "yandex.com", "zoho.com", "hey.com",
})
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

DECISIONS = ("claimed", "approved", "domain", "refused", "removed")
REFUSAL_REASONS = ("not_a_member", "cannot_confirm", "wrong_organisation", "other")
REFUSAL_LABELS = {
    "not_a_member": N_("This person does not work for the organisation."),
    "cannot_confirm": N_("We could not confirm this person's role."),
    "wrong_organisation": N_("This person belongs to another organisation or unit."),
    "other": N_("Another reason (see the note)."),
}
NOTE_MAX = 500


def clean_domain(value: object) -> str:
    """An e-mail domain as it is stored: lower case, IDNA (punycode) for Thai names, no leading '@'.

    Refuses free-mail providers, single labels, IP addresses and wildcards. Raises ValidationError.
    """
    if not isinstance(value, str):
        raise ValidationError(N_("Enter a domain such as dga.or.th."), field="domain")
    text = value.strip().lower().removeprefix("@").rstrip(".")
    try:
        text = text.encode("idna").decode("ascii") if text and not text.isascii() else text
    except UnicodeError:
        raise ValidationError(N_("Enter a domain such as dga.or.th."), field="domain") from None
    labels = text.split(".")
    if (len(text) > DOMAIN_MAX or len(labels) < 2 or not all(_LABEL.match(label) for label in labels)
            or labels[-1].isdigit()):
        raise ValidationError(N_("Enter a domain such as dga.or.th."), field="domain")
    if text in FREE_MAIL_DOMAINS:
        raise ValidationError(N_("Anyone can get an address at %(domain)s, so it cannot verify members."),
                              field="domain", domain=text)
    return text


def email_domain(email: str) -> str:
    """The domain part of an address, lower case (IDNA for non-ASCII domains)."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    try:
        return domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError:
        return domain


def domain_matches(email: str, domains: list[str] | set[str] | tuple[str, ...]) -> bool:
    """Is the address at one of the domains or a subdomain of one (x@mail.dga.or.th matches dga.or.th)?"""
    own = email_domain(email)
    return any(own == domain or own.endswith("." + domain) for domain in domains)


def check_refusal(reason: object, note: str) -> str:
    """A refusal names a reason from the list; "other" needs a note. Raises ValidationError."""
    if reason not in REFUSAL_REASONS:
        raise ValidationError(N_("Choose a reason for refusing."), field="reason")
    if reason == "other" and not note.strip():
        raise ValidationError(N_("Say why in the note when the reason is \"other\"."), field="note")
    return reason
