"""What follow.js and anonymity.js show: every label, translated (whole sentences; the scripts fill {names})."""
from __future__ import annotations

from flask_babel import gettext as _

from ..domain.errors import N_
from ..i18n import translate


def _sentence(msgid: str, **names: str) -> str:
    """A whole translated sentence whose placeholders the script fills in: %(name)s becomes {name}."""
    return translate(msgid, {name: "{" + name + "}" for name in names})


def follow_labels() -> dict:
    """Labels of follow-me: the facilitator's lead controls, the participants' pill and announcements."""
    return {
        "lead": _("Bring everyone to"), "bring": _("Bring everyone here"), "stopLeading": _("Stop leading"),
        "region": _("Follow the facilitator"),
        "cardOption": _sentence(N_("The card “%(title)s”"), title=""),
        "laneOption": _sentence(N_("The lane %(lane)s"), lane=""),
        "cardTarget": _sentence(N_("the card “%(title)s” in %(lane)s"), title="", lane=""),
        "laneTarget": _sentence(N_("the lane %(lane)s"), lane=""),
        "leading": _sentence(N_("Everyone follows you to %(target)s."), target=""),
        "brought": _sentence(N_("The facilitator brought everyone to %(target)s."), target=""),
        "following": _sentence(N_("Following the facilitator: %(target)s."), target=""),
        "away": _sentence(N_("The facilitator is at %(target)s."), target=""),
        "moved": _sentence(N_("The facilitator moved on to %(target)s. Choose “Back to facilitator” to follow."),
                           target=""),
        "stopFollowing": _("Stop following"), "back": _("Back to facilitator"),
        "stopped": _("You stopped following the facilitator."),
        "ended": _("The facilitator stopped leading: look around freely."),
        "keyHint": _("On a card, the F key brings everyone to it."),
    }


def anonymous_labels() -> dict:
    """Labels of anonymous mode: the banner, the facilitators' switch, and what replaces names."""
    return {
        "turnOn": _("Turn anonymous mode on"), "turnOff": _("Turn anonymous mode off"),
        "banner": _("Anonymous mode: nobody sees who wrote what, except the facilitators."),
        "bannerFacilitator": _("Anonymous mode is on: participants do not see who wrote what; you still do."),
        "confirmOff": _("Turn anonymous mode off? Everyone will see again who wrote each card and comment, "
                        "including what was written while it was on."),
        "turnedOn": _("Anonymous mode is on: authors are hidden."),
        "turnedOff": _("Anonymous mode is off: authors are shown again."),
        "you": _("You"), "someone": _("Someone"),
        "peopleHere": _sentence(N_("People here: %(count)s"), count=""),
    }
