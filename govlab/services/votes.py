"""Dot voting: a facilitator opens a vote on a lane or chosen cards with a per-person budget.

Who gave which dot is nobody else's business: the Event log carries only the number of dots cast
(and, when results are live, the dotted card's new total); each voter gets their own dots in the ack
and in their own room. Results are ranked and counted by sector when the vote closes, and frozen on the vote.
"""
from __future__ import annotations

from sqlalchemy import delete, func, select

from ..domain import board, permissions
from ..domain import workshop as rules
from ..domain import workshop_schemas as shapes
from ..domain.errors import N_, Conflict, NotFound, ValidationError
from ..extensions import db
from ..models import Card, Guest, Organisation, Project, User, Vote, VoteDot, Workshop
from ..models.base import utcnow
from .access import actor_id, load_project, signed_in
from .placement import position_in, record_respace
from .private import send_after_commit
from .registry import op
from .serialize import card_to_dict, iso
from .unit_of_work import write_transaction

VOTES_LISTED = 20


def tally(vote_id: int) -> dict[int, int]:
    """Dots per card of a vote, one query."""
    return dict(db.session.execute(select(VoteDot.card_id, func.count(VoteDot.id)).where(VoteDot.vote_id == vote_id)
                                   .group_by(VoteDot.card_id)).all())


def vote_to_dict(vote: Vote, totals: dict[int, int] | None = None) -> dict:
    """A vote as everyone sees it: results only once closed, or live when the facilitator chose so."""
    data = {"id": vote.id, "project_id": vote.project_id, "workshop_id": vote.workshop_id, "title": vote.title,
            "stage": vote.stage, "card_ids": list(vote.card_ids), "budget": vote.budget,
            "several_per_card": vote.several_per_card, "live_results": vote.live_results, "status": vote.status,
            "opened_at": iso(vote.opened_at), "closed_at": iso(vote.closed_at), "results": vote.results}
    if vote.status == "open":
        totals = tally(vote.id) if totals is None else totals
        data["dots_cast"] = sum(totals.values())
        data["results"] = [{"card_id": c, "dots": n} for c, n in rules.ranked(totals)] if vote.live_results else None
    else:
        data["dots_cast"] = sum(row["dots"] for row in vote.results or ())
    return data


def my_dots(vote_id: int, user_id: int | None) -> dict[str, int]:
    """This person's dots per card (card ids as text: JSON object keys)."""
    if user_id is None:
        return {}
    rows = db.session.execute(select(VoteDot.card_id, func.count(VoteDot.id)).where(
        VoteDot.vote_id == vote_id, VoteDot.user_id == user_id).group_by(VoteDot.card_id)).all()
    return {str(card_id): count for card_id, count in rows}


def _load_vote(project: Project, vote_id: int) -> Vote:
    vote = db.session.get(Vote, vote_id)
    if vote is None or vote.project_id != project.id:
        raise NotFound(N_("No such vote."))
    return vote


@op("vote.open", shapes.VoteOpen, events=("vote.open",), result="vote")
def open_vote(actor, project_id: object, data: dict) -> Vote:
    """Open a dot vote on a lane's cards or on chosen cards (facilitators); one open vote per board.

    Raises ValidationError, Conflict, NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        if db.session.scalar(select(Vote.id).where(Vote.project_id == project.id, Vote.status == "open").limit(1)):
            raise Conflict(N_("Close the open vote first."))
        live = select(Card.id).where(Card.project_id == project.id, Card.deleted_at.is_(None))
        if data.get("card_ids"):
            wanted = list(dict.fromkeys(data["card_ids"]))
            found = set(db.session.scalars(live.where(Card.id.in_(wanted))))
            if len(found) != len(wanted):
                raise ValidationError(N_("Some of these cards are not on this board."), field="card_ids")
            card_ids = wanted
        elif data.get("stage"):
            card_ids = list(db.session.scalars(live.where(Card.stage == data["stage"]).order_by(Card.position)))
        else:
            raise ValidationError(N_("Choose a lane or some cards to vote on."), field="stage")
        if not card_ids:
            raise ValidationError(N_("There are no cards to vote on."), field="stage")
        running = db.session.scalar(select(Workshop.id).where(
            Workshop.project_id == project.id, Workshop.timer_state.in_(("running", "paused")))
            .order_by(Workshop.updated_at.desc()).limit(1))
        vote = Vote(project_id=project.id, workshop_id=running, title=data.get("title") or "",
                    stage=data.get("stage"), card_ids=card_ids, budget=data.get("budget", 3),
                    several_per_card=data.get("several_per_card", False), live_results=data.get("live_results", False),
                    status="open", opened_by=actor_id(actor))
        db.session.add(vote)
        db.session.flush()
        unit.record(project, actor_id(actor), "vote.open", {"vote": vote_to_dict(vote, {})})
    return vote


def _voter(actor, project_id: object, vote_id: int) -> tuple[Project, Vote]:
    """A voter's project (locked) and open vote. Voting goes on while the board is locked: it is not a card edit."""
    project, role = load_project(actor, project_id, "view", lock=True)
    permissions.require_edit_board(role, project.visibility, project.status, signed_in(actor))
    vote = _load_vote(project, vote_id)
    if vote.status != "open":
        raise Conflict(N_("This vote is closed."), field="vote_id")
    return project, vote


def _after_dot(unit, actor, project: Project, vote: Vote, event_type: str, card_id: int) -> dict:
    """Record the dot's Event: the number of dots cast and, with live results, the card's new total only.

    Only what changed: a ranking in every dot's Event grew with the vote, and 200 people spending 3 dots
    each sent every client ~600 rankings of up to 600 rows. Clients keep the ranking (the vote's
    `results` in the join snapshot, then these totals).
    """
    dots = func.count(VoteDot.id)
    public = {"vote_id": vote.id, "dots_cast": db.session.scalar(select(dots).where(VoteDot.vote_id == vote.id))}
    if vote.live_results:
        public["card"] = {"card_id": card_id, "dots": db.session.scalar(select(dots).where(
            VoteDot.vote_id == vote.id, VoteDot.card_id == card_id))}
    unit.record(project, actor_id(actor), event_type, public)
    mine = my_dots(vote.id, actor_id(actor))
    result = {"vote_id": vote.id, "mine": mine, "left": vote.budget - sum(mine.values())}
    send_after_commit(unit, project.id, [actor_id(actor)], "dots", result)
    return result


@op("vote.add", shapes.VoteDot, events=("vote.dots",), result="vote")
def add_dot(actor, project_id: object, data: dict) -> dict:
    """Give a card one dot (members and facilitators), within the budget; refused once the vote is closed."""
    with write_transaction() as unit:
        project, vote = _voter(actor, project_id, data["vote_id"])
        if data["card_id"] not in vote.card_ids:
            raise ValidationError(N_("This card is not part of the vote."), field="card_id")
        mine = my_dots(vote.id, actor_id(actor))
        rules.check_vote_add(vote.budget, vote.several_per_card, sum(mine.values()), mine.get(str(data["card_id"]), 0))
        db.session.add(VoteDot(vote_id=vote.id, user_id=actor_id(actor), card_id=data["card_id"]))
        db.session.flush()
        return _after_dot(unit, actor, project, vote, "vote.dots", data["card_id"])


@op("vote.remove", shapes.VoteDot, events=("vote.dots",), result="vote")
def remove_dot(actor, project_id: object, data: dict) -> dict:
    """Take one of your dots back from a card while the vote is open."""
    with write_transaction() as unit:
        project, vote = _voter(actor, project_id, data["vote_id"])
        dot = db.session.scalar(select(VoteDot.id).where(VoteDot.vote_id == vote.id, VoteDot.card_id == data["card_id"],
                                                         VoteDot.user_id == actor_id(actor)).limit(1))
        if dot is None:
            raise Conflict(N_("You have no dot on this card."), field="card_id")
        db.session.execute(delete(VoteDot).where(VoteDot.id == dot))
        return _after_dot(unit, actor, project, vote, "vote.dots", data["card_id"])


def results_by_sector(vote: Vote) -> list[dict]:
    """Ranked results with dots counted by the voters' sector (none: no organisation), two queries."""
    totals = tally(vote.id)
    # A workshop guest's sector is the one they chose when joining (they claim no organisation).
    sector = func.coalesce(Guest.sector, Organisation.sector)
    rows = db.session.execute(select(VoteDot.card_id, sector, func.count(VoteDot.id))
                              .join(User, User.id == VoteDot.user_id)
                              .outerjoin(Organisation, Organisation.id == User.org_id)
                              .outerjoin(Guest, Guest.user_id == User.id)
                              .where(VoteDot.vote_id == vote.id).group_by(VoteDot.card_id, sector)).all()
    sectors: dict[int, dict[str, int]] = {}
    for card_id, sector, count in rows:
        sectors.setdefault(card_id, {})[sector or "none"] = count
    titles = dict(db.session.execute(select(Card.id, Card.title).where(Card.id.in_(vote.card_ids))).all())
    ranked = rules.ranked({card_id: totals.get(card_id, 0) for card_id in vote.card_ids if card_id in titles})
    return [{"card_id": card_id, "title": titles[card_id], "dots": dots, "by_sector": sectors.get(card_id, {})}
            for card_id, dots in ranked]


@op("vote.close", shapes.VoteRef, events=("vote.close",), result="vote")
def close_vote(actor, project_id: object, data: dict) -> Vote:
    """Close a vote and publish its ranked results, by sector (facilitators); a closed vote stays closed."""
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        vote = _load_vote(project, data["vote_id"])
        if vote.status != "open":
            raise Conflict(N_("This vote is closed."), field="vote_id")
        vote.results = results_by_sector(vote)
        vote.status, vote.closed_at = "closed", utcnow()
        db.session.flush()
        unit.record(project, actor_id(actor), "vote.close", {"vote": vote_to_dict(vote)})
    return vote


@op("vote.promote", shapes.VotePromote, events=("lane.respace", "card.move"), result="vote")
def promote(actor, project_id: object, data: dict) -> dict:
    """Move a closed vote's best-ranked cards on to the next lane (or `stage`) in one action (facilitators)."""
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        vote = _load_vote(project, data["vote_id"])
        if vote.status != "closed":
            raise Conflict(N_("Close the vote first."), field="vote_id")
        winners = [row["card_id"] for row in vote.results or () if row["dots"] > 0][:data.get("count", 3)]
        cards = {card.id: card for card in db.session.scalars(select(Card).where(
            Card.id.in_(winners), Card.project_id == project.id, Card.deleted_at.is_(None)))}
        moved = []
        for card_id in winners:
            card = cards.get(card_id)
            if card is None:
                continue
            target = data.get("stage") or _next_stage(card.stage)
            if target == card.stage:
                continue
            spot = position_in(project.id, target, {}, card.id)
            record_respace(unit, project, actor, target, spot)
            before = {"stage": card.stage, "position": card.position, "kind": card.kind}
            card.kind, card.kind_memory = board.kind_after_move(card.kind, card.stage, target, card.kind_memory)
            card.stage, card.position, card.theme_id = target, spot.key, None  # themes belong to one lane
            card.version += 1
            card.updated_at = utcnow()
            db.session.flush()
            unit.record(project, actor_id(actor), "card.move", {"card": card_to_dict(card), "from": before})
            moved.append(card.id)
    return {"vote_id": vote.id, "moved": moved}


def _next_stage(stage: str) -> str:
    keys = list(board.STAGE_KEYS)
    index = keys.index(stage)
    if index + 1 >= len(keys):
        raise ValidationError(N_("These cards are in the last lane already."), field="stage")
    return keys[index + 1]


def board_votes(project_id: int, viewer_id: int | None) -> list[dict]:
    """The board's votes, newest first, with the viewer's own dots on an open one."""
    votes = list(db.session.scalars(select(Vote).where(Vote.project_id == project_id)
                                    .order_by(Vote.id.desc()).limit(VOTES_LISTED)))
    shown = []
    for vote in votes:
        data = vote_to_dict(vote)
        if vote.status == "open":
            data["mine"] = my_dots(vote.id, viewer_id)
        shown.append(data)
    return shown
