"""What the theme scripts need from the server: every label they show, translated, and the limits."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ..domain import themes as rules
from ..domain.errors import N_
from .workshop_client import _sentence


def theme_client(project_id: int, role: str | None) -> dict:
    """Labels, limits and rights for static/js/themes.js, theme-picker.js and theme-suggest.js."""
    return {
        "isFacilitator": role == "facilitator", "nameMax": rules.NAME_MAX,
        "suggestionsUrl": url_for("api.suggest_themes", project_id=project_id),
        "labels": {
            "group": _sentence(N_("Theme %(name)s, %(count)s cards"), name="", count=""),
            "ungrouped": _("Not in a theme"),
            "rename": _("Rename"), "delete": _("Delete"),
            "renameTheme": _sentence(N_("Rename the theme “%(name)s”"), name=""),
            "deleteTheme": _sentence(N_("Delete the theme “%(name)s”"), name=""),
            "confirmDelete": _sentence(N_("Delete the theme “%(name)s”? Its cards stay in the lane."), name=""),
            "newName": _("New name"), "save": _("Save"), "cancel": _("Cancel"), "close": _("Close"),
            "moveToTheme": _("Move to theme…"),
            "pickerTitle": _sentence(N_("Put “%(title)s” in a theme"), title=""),
            "pickerSearch": _("Find a theme, or type a new theme's name"),
            "pickerOptions": _("Themes of this lane"),
            "noTheme": _("No theme (take the card out of its theme)"),
            "newTheme": _sentence(N_("New theme “%(name)s”"), name=""),
            "current": _("Its theme now"),
            "noThemesYet": _("This lane has no themes yet: type a name to make one."),
            "choose": _("Put in this theme"),
            "assigned": _sentence(N_("“%(title)s” is now in the theme “%(name)s”."), title="", name=""),
            "unassigned": _sentence(N_("“%(title)s” is no longer in a theme."), title=""),
            "created": _sentence(N_("Theme “%(name)s” created."), name=""),
            "renamed": _sentence(N_("Theme renamed to “%(name)s”."), name=""),
            "deleted": _sentence(N_("Theme “%(name)s” deleted; its cards stay in the lane."), name=""),
            "keyHelp": _("T puts the focused card in a theme of its lane."),
            "suggest": _("Suggest themes"), "suggestTitle": _("Suggested themes"),
            "suggestHint": _("Cards of a lane that share words, grouped for you. Accept a suggestion as it is, "
                             "rename it first, or dismiss it. Cards already in a theme are left out."),
            "lane": _("Lane"), "ask": _("Suggest"), "asking": _("Looking for shared words…"),
            "name": _("Theme name"), "accept": _("Accept"), "dismiss": _("Dismiss"),
            "words": _sentence(N_("Shared words: %(words)s"), words=""),
            "cards": _sentence(N_("%(count)s cards"), count=""),
            "more": _sentence(N_("and %(count)s more"), count=""),
            "none": _("No suggestions: the ungrouped cards of this lane share too few words."),
            "found": _sentence(N_("%(count)s suggestions from %(cards)s ungrouped cards."), count="", cards=""),
            "capped": _sentence(N_("Only the first %(count)s ungrouped cards of the lane were read."), count=""),
            "accepted": _sentence(N_("Theme “%(name)s” created with %(count)s cards."), name="", count=""),
            "failed": _sentence(N_("That did not work: %(reason)s"), reason=""),
        },
    }
