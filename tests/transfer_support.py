"""Shared by the export/import tests: a project with every kind of content, and the round-trip normaliser."""
from __future__ import annotations

from govlab.services import cards, details, gates, links, projects
from govlab.services.demo import seed_demo

# Keys whose values are ids of this database (rows or accounts) or moments: the only things an import may change.
ID_KEYS = {"id", "project_id", "author_id", "actor_id", "created_by", "decided_by", "prototype_id", "owner_org_id",
           "user_id", "card_id", "theme_id", "from_theme_id"}
TIME_KEYS = {"created_at", "updated_at", "exported_at"}


def normalise(value, key=None):
    """The export with ids and times taken out, and nothing else (names, text, order, seqs all stay)."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()
                if k not in ID_KEYS and k not in TIME_KEYS and not (k in ("from", "to") and isinstance(v, int))}
    if isinstance(value, list):
        if key in ("evidence", "card_ids"):
            return ["<id>" for _item in value]
        return [normalise(item, key) for item in value]
    return value


def chain_by_titles(export: dict) -> dict:
    """Links, decisions and event payload cards told by card titles: proves the ids were remapped right."""
    titles = {card["id"]: card["title"] for card in export["cards"]}
    return {
        "links": [(titles[link["from"]], titles[link["to"]], link["type"]) for link in export["links"]],
        "decisions": [(titles[d["prototype_id"]], [titles[t] for t in d["evidence"]]) for d in export["decisions"]],
        "event_cards": [(e["seq"], titles.get(e["payload"]["card"]["id"], "missing"))
                        for e in export["events"] if "card" in e["payload"]],
        "event_links": [(e["seq"], titles.get(e["payload"]["link"]["from"]), titles.get(e["payload"]["link"]["to"]))
                        for e in export["events"] if "link" in e["payload"]],
        "project_ids": {e["payload"].get("card", {}).get("project_id", export["project"]["id"])
                        for e in export["events"]} | {export["project"]["id"]},
    }


def rich_project():
    """The demo's public challenge plus a deleted card, a hidden link, a restored card and a second decision."""
    seed_demo()
    from govlab.models import User
    from govlab.extensions import db
    from sqlalchemy import select

    facilitator = db.session.scalar(select(User).where(User.email == "facilitator@govlab.test"))
    project_id = 1
    extra = cards.create_card(facilitator, project_id, {"stage": "ideate", "kind": "idea", "title": "=HYPERLINK(\"x\")",
                                                        "body": "-2+3 ลบทิ้ง\nบรรทัดสอง"})
    board = cards.board_snapshot(facilitator, project_id)
    by_title = {card["title"]: card["id"] for card in board["cards"]}
    hmw = next(card["id"] for card in board["cards"] if card["kind"] == "hmw")
    links.create_link(facilitator, project_id, {"from": extra.id, "to": hmw, "type": "answers"})
    cards.delete_card(facilitator, extra.id)  # its link is hidden, and both still belong in a facilitator's file
    restored = cards.create_card(facilitator, project_id, {"stage": "empathize", "kind": "note", "title": "กลับมา"})
    cards.delete_card(facilitator, restored.id)
    cards.restore_card(facilitator, restored.id)
    prototype = next(card["id"] for card in board["cards"] if card["kind"] == "prototype")
    details.update_prototype(facilitator, project_id, {"id": prototype, "status": "testing"})
    gates.decide(facilitator, project_id, {"prototype_id": prototype, "decision": "drop",
                                           "rationale": "ทดลองยกเลิก", "evidence": []})
    projects.update_project(facilitator, project_id, {"stall_days": 21})
    return facilitator, project_id, by_title
