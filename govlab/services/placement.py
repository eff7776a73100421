"""Where a card goes in its lane: the ordering key for `after`, `before`, `position` or an append.

A placement reads only what it needs: the anchor and its one neighbour (or the lane's last key for an
append), both through the (project_id, stage, position) index. A window of the lane is loaded only
when the planner has to re-key neighbours, which happens rarely (see domain/ordering.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select

from ..domain import ordering
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..models import Card
from ..models.base import utcnow
from .access import actor_id, parse_id
from .serialize import card_to_dict

# Cards loaded on each side of the gap when the planner must re-key; grows eightfold if too tight.
FIRST_WINDOW = 32


@dataclass
class Spot:
    """A card's new key and the neighbours that need new keys for it (usually none)."""

    key: str
    rekeyed: list[tuple[Card, str]] = field(default_factory=list)


def _live(project_id: int, stage: str, exclude: int | None) -> list:
    """Conditions for the live cards of one lane, minus the card being moved."""
    conditions = [Card.project_id == project_id, Card.stage == stage, Card.deleted_at.is_(None)]
    if exclude is not None:
        conditions.append(Card.id != exclude)
    return conditions


def _walk(lane: list, start: Card | None, upward: bool, limit: int, inclusive: bool) -> list[Card]:
    """Up to `limit` cards from `start` away from it in board order (start None = from that lane end)."""
    query = select(Card).where(*lane)
    if start is not None:
        # The plain range on position lets the index find the start; the OR breaks ties on id.
        if upward:
            tie = Card.id >= start.id if inclusive else Card.id > start.id
            query = query.where(Card.position >= start.position,
                                or_(Card.position > start.position, and_(Card.position == start.position, tie)))
        else:
            tie = Card.id <= start.id if inclusive else Card.id < start.id
            query = query.where(Card.position <= start.position,
                                or_(Card.position < start.position, and_(Card.position == start.position, tie)))
    order = (Card.position, Card.id) if upward else (Card.position.desc(), Card.id.desc())
    return list(db.session.scalars(query.order_by(*order).limit(limit)))


def _neighbour(value: object, field_name: str, lane: list, exclude: int | None) -> Card:
    """Resolve an `after`/`before` card id that must be a live card of the target lane."""
    card_id = parse_id(value, field_name)
    card = None if card_id == exclude else db.session.scalars(
        select(Card).where(Card.id == card_id, *lane)).first()
    if card is None:
        raise ValidationError(N_("The card given in \"%(name)s\" is not in the target lane."),
                              field=field_name, name=field_name)
    return card


def _respace(lane: list, below: Card | None, above: Card | None) -> Spot:
    """Plan with a growing window of the lane around the gap between `below` and `above`."""
    radius = FIRST_WINDOW
    while True:
        down = _walk(lane, below, False, radius + 1, True) if below is not None else []
        up = _walk(lane, above, True, radius + 1, True) if above is not None else []
        low = down.pop().position if len(down) > radius else None
        high = up.pop().position if len(up) > radius else None
        cards = down[::-1] + up
        placement = ordering.plan([card.position for card in cards], len(down), low, high)
        if placement is not None:
            return Spot(placement.key, [(cards[index], key) for index, key in sorted(placement.rekeyed.items())])
        if low is None and high is None:  # pragma: no cover - a whole lane always re-spreads
            raise RuntimeError("could not place the card")
        radius *= 8


def position_in(project_id: int, stage: str, data: dict, moving: int | None) -> Spot:
    """Work out the ordering key from `position`, `after` (None = top) or `before`; default end."""
    given = [name for name in ("position", "after", "before") if name in data]
    if len(given) > 1:
        raise ValidationError(N_("Give only one of position, after or before."), field=given[1])
    if "position" in data:
        return Spot(ordering.check_position(data["position"]))
    lane = _live(project_id, stage, moving)
    if "after" in data and data["after"] is not None:
        below = _neighbour(data["after"], "after", lane, moving)
        above = next(iter(_walk(lane, below, True, 1, False)), None)
    elif "before" in data and data["before"] is not None:
        above = _neighbour(data["before"], "before", lane, moving)
        below = next(iter(_walk(lane, above, False, 1, False)), None)
    else:
        # The top (`after: null`) or an append: the edge key alone, ORDER BY position LIMIT 1, which
        # the (project_id, stage, position) index answers without a sort however long the lane.
        top = "after" in data
        edge = db.session.scalars(select(Card.position).where(*lane).order_by(
            Card.position if top else Card.position.desc()).limit(1)).first()
        placement = ordering.plan([], 0, None if top else edge, edge if top else None)
        if placement is not None:
            return Spot(placement.key)
        # Never in practice (the integer part would have to run out); the card, ties on id, is needed.
        edge_card = next(iter(_walk(lane, None, top, 1, False)), None)
        below, above = (None, edge_card) if top else (edge_card, None)
    # An empty slice with the two neighbours as bounds: the planner either makes a key between them
    # or answers None (too long, or two cards share a key), and only then is a window loaded.
    placement = ordering.plan([], 0, below.position if below else None, above.position if above else None)
    return Spot(placement.key) if placement is not None else _respace(lane, below, above)


def record_respace(unit, project, actor, stage: str, spot: Spot) -> None:
    """Give the re-keyed neighbours their new keys and record one `lane.respace` Event for them."""
    if not spot.rekeyed:
        return
    now = utcnow()
    for card, key in spot.rekeyed:
        card.position = key
        card.version += 1
        card.updated_at = now
    db.session.flush()
    unit.record(project, actor_id(actor), "lane.respace",
                {"stage": stage, "cards": [card_to_dict(card) for card, _key in spot.rekeyed]})
