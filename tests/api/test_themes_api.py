"""Affinity themes through REST: the ops endpoint, the themes list, suggestions, export/import, summary, timeline."""
from __future__ import annotations

import json

import pytest

from govlab import create_app
from govlab.domain import transfer as transfer_rules
from govlab.domain.errors import ValidationError
from govlab.extensions import db
from govlab.models import Card, Theme
from govlab.services import cards, themes, transfer
from govlab.services.access import SYSTEM
from tests.conftest import login, make_config, token_for
from tests.transfer_support import normalise, rich_project


def _op(client, headers, pid, op_type, data):
    return client.post(f"/api/v1/projects/{pid}/ops", headers=headers, json={"type": op_type, "data": data})


def test_theme_ops_through_rest_with_permissions_and_lock(client, world, factory):
    project = world["private"]["project"]
    pid = project.id
    card = factory.card(project, stage="ideate", title="Queue numbers")
    member = token_for(client, world["users"]["member"])
    observer = token_for(client, world["users"]["observer"])
    facilitator = token_for(client, world["users"]["facilitator"])
    made = _op(client, member, pid, "theme.create", {"stage": "ideate", "name": "Queues", "card_ids": [card.id]})
    assert made.status_code == 200 and made.get_json()["theme"]["name"] == "Queues"
    theme_id = made.get_json()["theme"]["id"]
    assert _op(client, observer, pid, "theme.rename", {"id": theme_id, "name": "x"}).status_code == 403
    assert client.post(f"/api/v1/projects/{pid}/ops", json={"type": "theme.delete", "data": {"id": theme_id}}) \
        .status_code == 401
    _op(client, facilitator, pid, "board.lock", {"board": True})
    locked = _op(client, member, pid, "theme.assign", {"card_id": card.id, "theme_id": None})
    assert locked.status_code == 423 and locked.get_json()["error"]["code"] == "locked"
    _op(client, facilitator, pid, "board.lock", {"board": False})
    listed = client.get(f"/api/v1/projects/{pid}/themes", headers=observer)
    assert listed.status_code == 200 and [t["name"] for t in listed.get_json()["themes"]] == ["Queues"]
    assert client.get(f"/api/v1/projects/{pid}/themes", headers=token_for(client, world["users"]["outsider"])) \
        .status_code == 404
    public = world["public"]["project"].id
    assert client.get(f"/api/v1/projects/{public}/themes").status_code == 200  # anyone may read a public board
    foreign = _op(client, member, public, "theme.assign", {"card_id": card.id, "theme_id": theme_id})
    assert foreign.status_code == 404


@pytest.mark.parametrize("body, status", [
    ('{"type": "theme.create", "data": {"stage": "ideate", "name": "x", "card_ids": [18446744073709551616]}}', 422),
    ('{"type": "theme.rename", "data": {"id": 99999999999999999999999, "name": "x"}}', 422),
    ('{"type": "theme.create", "data": {"stage": "ideate", "name": "a\\u0000b"}}', 422),
    ('{"type": "theme.assign", "data": {"card_id": 1, "theme_id": "²"}}', 422),
    ('{"type": "theme.assign", "data": {"card_id": 1, "theme_id": 1.5}}', 422),
    ('{"type": "theme.explode", "data": {}}', 422),
])
def test_odd_bodies_are_clear_errors(client, world, body, status):
    headers = token_for(client, world["users"]["facilitator"]) | {"Content-Type": "application/json"}
    response = client.post(f"/api/v1/projects/{world['private']['project'].id}/ops", headers=headers, data=body)
    assert response.status_code == status and response.get_json()["error"]["code"] == "validation_error"


def test_suggestions_through_rest_are_for_facilitators_only(client, world, factory):
    project = world["private"]["project"]
    for title in ("Queue numbers are confusing", "The queue is too long", "Parking is full", "Parking fees"):
        factory.card(project, stage="empathize", title=title)
    url = f"/api/v1/projects/{project.id}/themes/suggestions"
    answer = client.get(f"{url}?stage=empathize", headers=token_for(client, world["users"]["facilitator"]))
    assert answer.status_code == 200
    data = answer.get_json()
    assert data["stage"] == "empathize" and {s["name"] for s in data["suggestions"]} == {"queue", "parking"}
    assert client.get(f"{url}?stage=empathize", headers=token_for(client, world["users"]["member"])).status_code == 403
    assert client.get(f"{url}?stage=empathize").status_code == 401
    facilitator = token_for(client, world["users"]["facilitator"])
    for query in ("", "?stage=", "?stage=%00", "?stage=ideate%20"):
        bad = client.get(url + query, headers=facilitator)
        assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "stage"


def _with_themes(facilitator, pid):
    board = cards.board_snapshot(facilitator, pid)
    ideas = [c["id"] for c in board["cards"] if c["stage"] == "ideate"][:2]
    made = themes.create_theme(facilitator, pid, {"stage": "ideate", "name": "กลุ่มไอเดีย", "card_ids": ideas})
    spare = themes.create_theme(facilitator, pid, {"stage": "empathize", "name": "Spare"})
    themes.rename_theme(facilitator, pid, {"id": spare["id"], "name": "Spare pains"})
    gone = themes.create_theme(facilitator, pid, {"stage": "test", "name": "Gone"})
    themes.delete_theme(facilitator, pid, {"id": gone["id"]})
    themes.assign_card(facilitator, pid, {"card_id": ideas[1], "theme_id": None})
    themes.assign_card(facilitator, pid, {"card_id": ideas[1], "theme_id": made["id"]})
    return made, ideas


def test_export_round_trip_keeps_themes_and_their_cards(app, tmp_path):
    facilitator, pid, _titles = rich_project()
    made, ideas = _with_themes(facilitator, pid)
    first = transfer.export_project(SYSTEM, pid)
    assert [t["name"] for t in first["themes"]] == ["Spare pains", "กลุ่มไอเดีย"]
    assert {c["id"]: c["theme_id"] for c in first["cards"] if c["theme_id"]} == {ideas[0]: made["id"],
                                                                                 ideas[1]: made["id"]}
    raw = transfer.export_json(first)
    target = create_app(make_config(tmp_path / "target"))
    with target.app_context():
        db.create_all()
        project, _warnings = transfer.import_project(SYSTEM, raw)
        second = transfer.export_project(SYSTEM, project.id)
        db.session.remove()
        db.engine.dispose()
    assert normalise(second) == normalise(first)
    by_title = {c["title"]: c for c in second["cards"]}
    names = {t["id"]: t["name"] for t in second["themes"]}
    firsts = {c["id"]: c["title"] for c in first["cards"]}
    assert {names[by_title[firsts[i]]["theme_id"]] for i in ideas} == {"กลุ่มไอเดีย"}
    events = [e for e in second["events"] if e["type"].startswith("theme.")]
    assert [e["type"] for e in events] == ["theme.create", "theme.create", "theme.rename", "theme.create",
                                           "theme.delete", "theme.assign", "theme.assign"]
    assert events[0]["payload"]["theme"]["id"] in names  # ids in payloads rewritten to the new themes
    assert events[-1]["payload"]["theme"]["id"] in names and events[-1]["payload"]["card"]["theme_id"] in names
    assert events[4]["payload"]["theme"]["id"] is None  # a deleted theme is not carried


def test_a_file_whose_cards_name_a_missing_theme_or_another_lane_is_refused(app):
    facilitator, pid, _titles = rich_project()
    _with_themes(facilitator, pid)
    document = json.loads(transfer.export_json(transfer.export_project(SYSTEM, pid)))
    themed = next(i for i, c in enumerate(document["cards"]) if c["theme_id"])
    cases = []
    for change in ({"theme_id": 999_999}, {"theme_id": document["themes"][0]["id"]}, {"theme_id": "1"}):
        copy = json.loads(json.dumps(document))
        copy["cards"][themed].update(change)
        cases.append(copy)
    nul = json.loads(json.dumps(document))
    nul["themes"][0]["name"] = "a\x00b"
    twice = json.loads(json.dumps(document))
    twice["themes"].append(dict(twice["themes"][0]))
    for copy in [*cases, nul, twice]:
        with pytest.raises(ValidationError):
            transfer_rules.read_project_file(copy)
    older = json.loads(json.dumps(document))  # a v2 file from before themes reads as ungrouped
    del older["themes"]
    for card in older["cards"]:
        del card["theme_id"]
    assert transfer_rules.read_project_file(older).themes == []


def test_summary_page_and_markdown_list_the_workshop_themes(client, world, factory):
    project = world["private"]["project"]
    facilitator = world["users"]["facilitator"]
    from govlab.services import workshops
    workshop = workshops.create_workshop(facilitator, project.id, {"title": "Clustering", "agenda": [
        {"stage": "ideate", "instruction": "Group the ideas", "duration": 60, "kind": "cluster"}]})
    before = themes.create_theme(facilitator, project.id, {"stage": "ideate", "name": "Made before"})
    workshops.start(facilitator, project.id, {"id": workshop.id})
    card = factory.card(project, stage="ideate", title="คิวออนไลน์")
    during = themes.create_theme(facilitator, project.id, {"stage": "ideate", "name": "คิว", "card_ids": [card.id]})
    assert during["workshop_id"] == workshop.id and before["workshop_id"] is None
    login(client, world["users"]["member"])
    html = client.get(f"/projects/{project.id}/workshop/summary").get_data(as_text=True)
    assert "คิวออนไลน์" in html and "Cards: 1" in html and "Made before" not in html
    markdown = client.get(f"/projects/{project.id}/workshop/summary?workshop={workshop.id}&format=md") \
        .get_data(as_text=True)
    assert "### คิว (Ideate, Cards: 1)" in markdown and "- คิวออนไลน์" in markdown


def test_timeline_tells_theme_events(client, world, factory):
    project = world["public"]["project"]
    facilitator = world["users"]["facilitator"]
    card = world["public"]["card"]
    made = themes.create_theme(facilitator, project.id, {"stage": "empathize", "name": "Waiting"})
    themes.assign_card(facilitator, project.id, {"card_id": card.id, "theme_id": made["id"]})
    themes.assign_card(facilitator, project.id, {"card_id": card.id, "theme_id": None})
    themes.rename_theme(facilitator, project.id, {"id": made["id"], "name": "Queues"})
    themes.delete_theme(facilitator, project.id, {"id": made["id"]})
    html = client.get(f"/projects/{project.id}/timeline").get_data(as_text=True).replace("&#34;", '"')
    for sentence in ("Facilitator grouped cards of Empathize into the theme “Waiting”",
                     "Facilitator put “public card” in the theme “Waiting”",
                     "Facilitator took “public card” out of its theme",
                     "Facilitator renamed a theme of Empathize to “Queues”",
                     "Facilitator removed the theme “Queues” from Empathize; its cards stay in the lane"):
        assert sentence in html, sentence
    db.session.rollback()
    assert db.session.query(Theme).count() == 0 and db.session.query(Card).filter(Card.theme_id.isnot(None)).count() == 0
