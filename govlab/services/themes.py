"""Affinity themes: named groups of cards in a lane, changed by ops (create, rename, delete, assign).

A card's theme is `cards.theme_id`, always a theme of the card's own lane: a card that changes lane
leaves its theme (services/cards.py, votes.py), deleting a theme ungroups its cards, and a deleted
card keeps its theme so that restoring it puts it back. Grouping is arrangement, not content: it does
not bump a card's `version`, so nobody's open edit conflicts because a facilitator sorted the lane.
Members and facilitators group cards; observers cannot; a locked board or lane refuses everyone but
facilitators. Every change is an Event carrying the theme (and the cards it touched) for live clients.
"""
from __future__ import annotations

from sqlalchemy import func, select, update

from ..domain import board
from ..domain import theme_schemas as shapes
from ..domain import themes as rules
from ..domain.errors import N_, NotFound, ValidationError
from ..extensions import db
from ..models import Card, Project, Theme, Workshop
from ..models.base import utcnow
from .access import actor_id, load_card, load_project, require_unlocked
from .registry import op
from .serialize import card_to_dict, iso
from .unit_of_work import write_transaction


def theme_to_dict(theme: Theme) -> dict:
    """A theme as clients see it (its cards are the cards whose theme_id names it)."""
    return {"id": theme.id, "project_id": theme.project_id, "stage": theme.stage, "name": theme.name,
            "workshop_id": theme.workshop_id, "created_by": theme.created_by,
            "created_at": iso(theme.created_at), "updated_at": iso(theme.updated_at)}


def board_themes(project_id: int) -> list[dict]:
    """The board's themes, lane by lane, oldest first (one query)."""
    order = {key: index for index, key in enumerate(board.STAGE_KEYS)}
    themes = db.session.scalars(select(Theme).where(Theme.project_id == project_id).order_by(Theme.id))
    return [theme_to_dict(theme) for theme in sorted(themes, key=lambda theme: (order.get(theme.stage, 9), theme.id))]


def list_themes(actor, project_id: object) -> list[dict]:
    """The board's themes for anyone who may see it. Raises NotFound, NotAuthenticated or PermissionDenied."""
    project, _role = load_project(actor, project_id, "view")
    return board_themes(project.id)


def _load_theme(project: Project, theme_id: int, field: str = "id") -> Theme:
    """A theme of this project; another project's theme is "not found" (ids reveal nothing)."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.project_id != project.id:
        raise NotFound(N_("No such theme."), field=field)
    return theme


def _size(theme_id: int) -> int:
    return db.session.scalar(select(func.count(Card.id)).where(Card.theme_id == theme_id, Card.deleted_at.is_(None)))


def _running_workshop(project_id: int) -> int | None:
    """The workshop whose timer runs (or is paused): its summary lists the themes made meanwhile."""
    return db.session.scalar(select(Workshop.id).where(
        Workshop.project_id == project_id, Workshop.timer_state.in_(("running", "paused")))
        .order_by(Workshop.updated_at.desc()).limit(1))


@op("theme.create", shapes.ThemeCreate, events=("theme.create",), result="theme")
def create_theme(actor, project_id: object, data: dict) -> dict:
    """Name a new theme in a lane, with some of the lane's cards in it at once (members and facilitators).

    Cards already in another theme move to the new one. Raises ValidationError, Locked, NotFound,
    NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        stage = board.get_stage(data["stage"]).key
        require_unlocked(project, role, stage)
        rules.check_room(db.session.scalar(select(func.count(Theme.id)).where(
            Theme.project_id == project.id, Theme.stage == stage)))
        wanted = list(dict.fromkeys(data.get("card_ids") or ()))
        cards = list(db.session.scalars(select(Card).where(
            Card.id.in_(wanted), Card.project_id == project.id, Card.stage == stage, Card.deleted_at.is_(None)))
            ) if wanted else []
        if len(cards) != len(wanted):
            raise ValidationError(N_("Some of these cards are not in this lane."), field="card_ids")
        rules.check_size(0, len(cards))
        now = utcnow()
        theme = Theme(project_id=project.id, stage=stage, name=data["name"], created_by=actor_id(actor),
                      workshop_id=_running_workshop(project.id), created_at=now, updated_at=now)
        db.session.add(theme)
        db.session.flush()
        order = {card_id: index for index, card_id in enumerate(wanted)}
        cards.sort(key=lambda card: order[card.id])
        for card in cards:
            card.theme_id = theme.id
        db.session.flush()
        shown = theme_to_dict(theme)
        unit.record(project, actor_id(actor), "theme.create", {"theme": shown,
                                                               "cards": [card_to_dict(card) for card in cards]})
    return shown


@op("theme.rename", shapes.ThemeRename, events=("theme.rename",), result="theme")
def rename_theme(actor, project_id: object, data: dict) -> dict:
    """Give a theme another name (members and facilitators)."""
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        theme = _load_theme(project, data["id"])
        require_unlocked(project, role, theme.stage)
        if theme.name == data["name"]:
            return theme_to_dict(theme)
        theme.name, theme.updated_at = data["name"], utcnow()
        db.session.flush()
        shown = theme_to_dict(theme)
        unit.record(project, actor_id(actor), "theme.rename", {"theme": shown})
    return shown


@op("theme.delete", shapes.ThemeRef, events=("theme.delete",), result="theme")
def delete_theme(actor, project_id: object, data: dict) -> dict:
    """Remove a theme; its cards stay in the lane, ungrouped (members and facilitators)."""
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        theme = _load_theme(project, data["id"])
        require_unlocked(project, role, theme.stage)
        # Deleted cards too: restoring one must not bring back a theme that is gone.
        card_ids = list(db.session.scalars(select(Card.id).where(Card.theme_id == theme.id).order_by(Card.id)))
        db.session.execute(update(Card).where(Card.theme_id == theme.id).values(theme_id=None),
                           execution_options={"synchronize_session": "fetch"})
        shown = theme_to_dict(theme)
        db.session.delete(theme)
        db.session.flush()
        unit.record(project, actor_id(actor), "theme.delete", {"theme": shown, "card_ids": card_ids})
    return shown


@op("theme.assign", shapes.ThemeAssign, events=("theme.assign",), result="card")
def assign_card(actor, project_id: object, data: dict) -> Card:
    """Put a card in a theme of its own lane, or take it out of its theme (`theme_id` null)."""
    with write_transaction() as unit:
        card, project, _role = load_card(actor, data["card_id"], need="edit", in_project=project_id)
        before = card.theme_id
        theme = None
        if data["theme_id"] is not None:
            theme = _load_theme(project, data["theme_id"], field="theme_id")
            if theme.stage != card.stage:
                raise ValidationError(N_("This theme is in another lane. Move the card to that lane first."),
                                      field="theme_id")
            if before != theme.id:
                rules.check_size(_size(theme.id))
        after = theme.id if theme is not None else None
        if after == before:
            return card
        card.theme_id = after
        db.session.flush()
        unit.record(project, actor_id(actor), "theme.assign",
                    {"card": card_to_dict(card), "theme": theme_to_dict(theme) if theme else None,
                     "from_theme_id": before})
    return card


def workshop_themes(workshop_id: int) -> list[dict]:
    """The themes made during a workshop, lane by lane, each with its live cards' titles (two queries)."""
    order = {key: index for index, key in enumerate(board.STAGE_KEYS)}
    themes = sorted(db.session.scalars(select(Theme).where(Theme.workshop_id == workshop_id)),
                    key=lambda theme: (order.get(theme.stage, 9), theme.id))
    titles: dict[int, list[str]] = {theme.id: [] for theme in themes}
    if themes:
        rows = db.session.execute(select(Card.theme_id, Card.title).where(
            Card.theme_id.in_(list(titles)), Card.deleted_at.is_(None)).order_by(Card.position, Card.id))
        for theme_id, title in rows:
            titles[theme_id].append(title)
    return [{"id": theme.id, "name": theme.name, "stage": theme.stage, "cards": titles[theme.id]} for theme in themes]
