"""What the workshop scripts need from the server: every label, choice and rule they show, translated."""
from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from ..domain import board
from ..domain import workshop as rules
from ..domain.errors import N_
from ..i18n import translate
from .follow_client import anonymous_labels, follow_labels


def _sentence(msgid: str, **names: str) -> str:
    """A whole translated sentence whose placeholders the script fills in: %(name)s becomes {name}."""
    return translate(msgid, {name: "{" + name + "}" for name in names})


def workshop_client(project_id: int, role: str | None, can_edit: bool) -> dict:
    """Labels, choices and permissions for static/js/workshop.js and projector.js."""
    return {
        "isFacilitator": role == "facilitator", "canTakePart": can_edit,
        "kinds": [[key, translate(rules.KIND_LABELS[key])] for key in rules.KINDS],
        "timerStates": {key: translate(label) for key, label in rules.TIMER_STATE_LABELS.items()},
        "stages": [[stage.key, translate(stage.label)] for stage in board.STAGES],
        "extend": list(rules.EXTEND_CHOICES), "budgetMax": rules.BUDGET_MAX, "voteCardsMax": rules.VOTE_CARDS_MAX,
        "durationMax": rules.DURATION_MAX // 60, "activitiesMax": rules.ACTIVITIES_MAX,
        "projectorUrl": url_for("workshops.projector", project_id=project_id),
        "summaryUrl": url_for("workshops.summary", project_id=project_id),
        # Facilitators only: the page where guests' join codes are made and shown with their QR.
        "joinCodesUrl": url_for("guests.codes", project_id=project_id) if role == "facilitator" else None,
        "follow": follow_labels(), "anonymous": anonymous_labels(),  # web/follow_client.py
        "sectors": {"government": _("Government"), "private": _("Private sector"),
                    "civil_society": _("Civil society"), "academia": _("Academia"), "none": _("No organisation")},
        "labels": {
            "workshop": _("Workshop"), "noWorkshop": _("No workshop yet."),
            "activity": _sentence(N_("Activity %(number)s of %(total)s"), number="", total=""),
            "start": _("Start"), "pause": _("Pause"), "resume": _("Resume"), "skip": _("Next activity"),
            "extend1": _("+1 minute"), "extend5": _("+5 minutes"), "reveal": _("Reveal all hidden cards"),
            "timeUp": _("Time is up."), "timeLeft": _sentence(N_("Time left: %(time)s"), time=""),
            "sound": _("Sound at the end"), "projector": _("Projector view"), "summary": _("Workshop summary"),
            "joinCodes": _("Guests join by code"),
            "plan": _("Plan a workshop"), "title": _("Title"), "startsAt": _("Date and time"),
            "stage": _("Lane"), "kind": _("Kind"), "minutes": _("Minutes"), "instruction": _("Instruction"),
            "addActivity": _("Add an activity"), "removeActivity": _("Remove this activity"),
            "create": _("Create the workshop"), "cancel": _("Cancel"),
            "silentOn": _("Silent brainstorm: your new cards stay hidden from the others until the facilitator reveals them."),
            "myNotes": _("Your hidden cards"), "allNotes": _("Hidden cards (only you and the authors see them)"),
            "counts": _sentence(N_("%(name)s: %(count)s hidden cards"), name="", count=""),
            "noteAdded": _("Your card is hidden until the reveal."), "withdraw": _("Withdraw"),
            "lockBoard": _("Lock the board"), "unlockBoard": _("Unlock the board"),
            "lockLane": _sentence(N_("Lock %(lane)s"), lane=""), "unlockLane": _sentence(N_("Unlock %(lane)s"), lane=""),
            "locked": _("Locked"), "lock": _("Lock"), "unlock": _("Unlock"), "laneLocked": _("The facilitator has locked this lane for now."),
            "laneLockedSaid": _sentence(N_("The facilitator locked %(lane)s: its cards cannot be added or changed for now."),
                                        lane=""),
            "boardLocked": _("The facilitator has locked the board for now."),
            "lanesLocked": _sentence(N_("Locked lanes: %(lanes)s"), lanes=""),
            "vote": _("Dot vote"), "openVote": _("Open a vote on this lane"), "budget": _("Dots per person"),
            "several": _("Several dots on one card"), "live": _("Show results live"),
            "closeVote": _("Close the vote"), "promote": _sentence(N_("Move the top %(count)s to the next lane"), count=""),
            "giveDot": _sentence(N_("Give a dot to %(title)s"), title=""),
            "takeDot": _sentence(N_("Take a dot back from %(title)s"), title=""),
            "dotsLeft": _sentence(N_("Dots left: %(count)s."), count=""),
            "dotsCast": _sentence(N_("Dots given so far: %(count)s."), count=""),
            "results": _("Results"), "resultsHidden": _("Results are shown when the vote closes."),
            "dots": _sentence(N_("Dots: %(count)s"), count=""), "pastVotes": _("Past votes"),
            "chooseCards": _("Choose cards for a vote"), "stopChoosing": _("Stop choosing cards"),
            "chooseHint": _("Tick the cards to vote on, on the board, then open the vote."),
            "choosePick": _("Choose"), "chooseCard": _sentence(N_("Choose “%(title)s” for the vote"), title=""),
            "chosen": _sentence(N_("Cards chosen: %(count)s"), count=""),
            "tooMany": _sentence(N_("Choose at most %(max)s cards."), max=""),
            "openChosen": _("Open a vote on the chosen cards"), "clearChoice": _("Clear the choice"),
            "failed": _sentence(N_("That did not work: %(reason)s"), reason=""),
        },
    }
