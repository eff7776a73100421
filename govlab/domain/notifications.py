"""What people are told: the kinds of notification, their sentences, e-mail choices and digest days.

Sentences are English msgids with placeholders, translated in the reader's language when shown
or mailed. Pure: no Flask, no SQLAlchemy.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .affiliations import REFUSAL_LABELS
from .errors import N_, ValidationError
from .evidence import DECISION_LABELS, PROTOTYPE_STATUS_LABELS
from .permissions import ROLE_LABELS

DEFAULT_TIME_ZONE = "Asia/Bangkok"
EMAIL_CHOICES = ("instant", "digest", "none")
EMAIL_CHOICE_LABELS = {"instant": N_("Each one at once"), "digest": N_("One daily digest"),
                       "none": N_("No e-mail")}
SENTENCES = {
    "mention": N_("%(actor)s mentioned you on the card “%(card)s” in %(project)s."),
    "comment": N_("%(actor)s commented on your card “%(card)s” in %(project)s."),
    "reply": N_("%(actor)s replied to your comment on the card “%(card)s” in %(project)s."),
    "status": N_("%(actor)s changed the status of the prototype “%(card)s” in %(project)s to %(status)s."),
    "decision": N_("%(actor)s recorded the decision “%(decision)s” on the prototype “%(card)s” in %(project)s."),
    "affiliation_approved": N_("Your affiliation with %(organisation)s was verified."),
    "affiliation_refused": N_("Your affiliation with %(organisation)s was not verified. %(reason)s"),
    "invitation": N_("%(actor)s invited you to the project %(project)s as %(role)s."),
}
KINDS = tuple(SENTENCES)
PROJECT_KINDS = ("mention", "comment", "reply", "status", "decision", "invitation")
# Told because of the person's own address, not their access: an invitee is not a member yet, so these are
# shown to their addressee without project access (and to nobody else: the row names one person).
ADDRESSED_KINDS = ("invitation",)
# Kinds whose own mail already went out with the change (the invitation mail IS the invitation): never mailed
# again as a notification, neither at once nor in the digest, whatever the person's e-mail preference.
MAILED_WITH_THE_CHANGE = ("invitation",)
EXCERPT_MAX = 280
LIST_MAX = 100


SOMEONE = N_("Someone")
# The data keys whose values are keys of a label table: translated when the sentence is shown.
_LABELLED = {"status": PROTOTYPE_STATUS_LABELS, "decision": DECISION_LABELS, "reason": REFUSAL_LABELS,
             "role": ROLE_LABELS}


def sentence(kind: str, data: dict, locale: str) -> dict:
    """The sentence of a notification as {msgid, params, labels} (see i18n.tell): labels are msgids.

    `data` is what the notification stored: actor, card and project names, keys of statuses,
    decisions, roles and refusal reasons, and the organisation's Thai and English names.
    """
    params = {name: str(data.get(name) or "") for name in ("actor", "card", "project")}
    labels = {name: table.get(data.get(name), "") for name, table in _LABELLED.items()}
    labels = {name: msgid for name, msgid in labels.items() if msgid}
    if not params["actor"]:
        labels["actor"] = SOMEONE
    names = data.get("organisation") or {}
    params["organisation"] = (names.get("name_th") if locale == "th" else names.get("name_en")) or \
        names.get("name_en") or names.get("name_th") or ""
    for name in _LABELLED:
        params.setdefault(name, "")
    return {"msgid": SENTENCES[kind], "params": params, "labels": labels}


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """The start of a comment for a notification or mail (whole text when short)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def check_email_choice(value: object) -> str:
    """One of EMAIL_CHOICES, or ValidationError."""
    if value not in EMAIL_CHOICES:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="notify_email",
                              name="notify_email", allowed=", ".join(EMAIL_CHOICES))
    return value


def check_time_zone(value: object) -> str:
    """An IANA time zone name such as Asia/Bangkok, or ValidationError."""
    if not isinstance(value, str) or len(value) > 64 or value not in time_zones():
        raise ValidationError(N_("Choose a time zone from the list."), field="time_zone")
    return value


_ZONES: list[str] = []


def time_zones() -> list[str]:
    """Every IANA time zone name, sorted (computed once)."""
    if not _ZONES:
        _ZONES.extend(sorted(name for name in available_timezones() if "/" in name and not name.startswith("Etc/")))
    return _ZONES


def zone(name: str | None) -> ZoneInfo:
    """The person's time zone (the default when unset or unknown)."""
    try:
        return ZoneInfo(name or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def digest_day(now: datetime, zone_name: str | None, send_hour: int) -> date | None:
    """The local day whose digest is due at `now` (UTC), or None before `send_hour` local time.

    A digest covers one whole local day (yesterday) and leaves at `send_hour` the morning after.
    """
    local = now.astimezone(zone(zone_name))
    if local.hour < send_hour:
        return None
    return local.date() - timedelta(days=1)


def day_bounds(day: date, zone_name: str | None) -> tuple[datetime, datetime]:
    """The start and end of a local day, as aware datetimes (compare with UTC timestamps)."""
    tz = zone(zone_name)
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)
