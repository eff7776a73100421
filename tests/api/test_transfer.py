"""Export, CSV downloads and import through REST and the services: permissions, content, refusals, round trip."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import func, select

from govlab import create_app
from govlab.domain.ordering import keys_between
from govlab.extensions import db
from govlab.models import Card, CardLink, Decision, Event, Membership, Organisation, Project
from govlab.services import transfer
from govlab.services.access import SYSTEM
from tests.api.test_permissions_api import ACTORS, expected, headers
from tests.conftest import login, make_config, token_for
from tests.transfer_support import chain_by_titles, normalise, rich_project

TABLES = ("cards", "prototypes", "tests", "decisions")


def _counts() -> dict:
    db.session.rollback()  # a fresh snapshot: the requests commit on their own sessions
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Project, Card, CardLink, Decision, Event, Membership, Organisation)}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_export_and_csv_need_view_permission(client, world, actor, visibility):
    h = headers(client, world, actor)
    pid = world[visibility]["project"].id
    want = expected(actor, visibility, "view")
    paths = [f"/api/v1/projects/{pid}/export"] + [f"/api/v1/projects/{pid}/export/{t}.csv" for t in TABLES]
    for path in paths:
        response = client.get(path, headers=h)
        assert response.status_code == want, (path, response.data[:200])
    if want == 200:
        data = client.get(paths[0], headers=h).get_json()
        titles = {card["title"] for card in data["cards"]}
        deleted_visible = actor in ("facilitator", "admin")
        assert (f"{visibility} deleted card" in titles) == deleted_visible
        cards_csv = client.get(paths[1], headers=h).data.decode("utf-8-sig")
        assert (f"{visibility} deleted card" in cards_csv) == deleted_visible


@pytest.mark.parametrize("visibility", ["public", "private"])
def test_csv_pages_use_the_session_and_view_permission(client, world, visibility):
    pid = world[visibility]["project"].id
    anonymous = client.get(f"/projects/{pid}/export/cards.csv")
    assert anonymous.status_code == (200 if visibility == "public" else 404)
    login(client, world["users"]["observer"])
    for table in TABLES:
        response = client.get(f"/projects/{pid}/export/{table}.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert response.headers["Content-Disposition"].startswith("attachment; filename=\"govlab-")
    whole = client.get(f"/projects/{pid}/export.json")
    assert whole.status_code == 200 and json.loads(whole.data)["format"] == "govlab.project.v2"
    assert client.get(f"/projects/{pid}/export/secrets.csv").status_code == 404
    login(client, world["users"]["outsider"])
    assert client.get(f"/projects/{pid}/export/cards.csv").status_code == (200 if visibility == "public" else 404)


def test_export_carries_the_whole_chain_and_never_an_email(app, client):
    facilitator, pid, _titles = rich_project()
    h = token_for(client, facilitator, "govlab-demo")
    response = client.get(f"/api/v1/projects/{pid}/export", headers=h)
    data = response.get_json()
    assert data["format"] == "govlab.project.v2"
    assert set(data) == {"format", "exported_at", "project", "members", "stages", "cards", "themes", "links", "decisions",
                         "events"}
    assert data["project"]["stall_days"] == 21 and data["project"]["organisation"]["name_en"]
    assert [m["role"] for m in data["members"]] == ["facilitator", "member", "member", "observer"]
    assert all(set(m) == {"name", "organisation", "role"} for m in data["members"])
    assert "@" not in response.get_data(as_text=True).replace("@SUM", "")  # no e-mail anywhere
    prototype = next(c for c in data["cards"] if c["kind"] == "prototype")
    assert prototype["prototype"]["fidelity"] == "clickable" and prototype["prototype"]["due_date"]
    verdicts = sorted(c["test"]["verdict"] for c in data["cards"] if c["kind"] == "test")
    assert verdicts == ["inconclusive", "validated"]
    assert [d["decision"] for d in data["decisions"]] == ["iterate", "drop"]
    assert len(data["decisions"][0]["evidence"]) == 2
    assert any(c["deleted"] for c in data["cards"]) and len(data["links"]) == 11  # the hidden link too
    assert all(e["actor_name"] for e in data["events"])


def test_csv_content_bom_thai_and_injection_safety(client):
    facilitator, pid, _titles = rich_project()
    h = token_for(client, facilitator, "govlab-demo")

    def table(name):
        response = client.get(f"/api/v1/projects/{pid}/export/{name}.csv", headers=h)
        assert response.data.startswith(b"\xef\xbb\xbf") and response.mimetype == "text/csv"
        assert "filename*=UTF-8''govlab-1-" in response.headers["Content-Disposition"]
        return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))

    cards_rows = table("cards")
    assert any(row["title"] == "'=HYPERLINK(\"x\")" and row["body"] == "'-2+3 ลบทิ้ง\nบรรทัดสอง" and
               row["deleted"] == "true" for row in cards_rows)
    assert any(row["title"] == "ต้องไปหลายหน่วยงานเพื่อขอใบอนุญาตเดียว" for row in cards_rows)
    (prototype,) = table("prototypes")
    assert prototype["fidelity"] == "clickable" and prototype["latest_decision"] == "drop"
    assert prototype["owner_organisation_th"] == "สำนักงานนวัตกรรมภาครัฐ" and len(prototype["tested_by"].split(";")) == 2
    tests = table("tests")
    assert {row["verdict"] for row in tests} == {"validated", "inconclusive"}
    assert all(row["tests_prototypes"] == prototype["id"] for row in tests)
    decisions = table("decisions")
    assert [row["decision"] for row in decisions] == ["iterate", "drop"]
    assert decisions[0]["decided_by"] == "สมศรี ใจดี (Somsri)" and decisions[0]["prototype_title"]


def test_import_needs_a_signed_in_caller(client, world):
    body = client.get(f"/api/v1/projects/{world['public']['project'].id}/export").get_json()
    before = _counts()
    response = client.post("/api/v1/import", json=body)
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    assert _counts() == before
    login(client, world["users"]["outsider"])
    no_csrf = client.post("/api/v1/import", json=body)
    assert no_csrf.status_code == 400 and _counts() == before


def test_rest_round_trip_adds_only_the_importer_as_facilitator(client):
    facilitator, pid, _titles = rich_project()
    importer_h = token_for(client, facilitator, "govlab-demo")
    first = client.get(f"/api/v1/projects/{pid}/export", headers=importer_h).get_json()
    response = client.post("/api/v1/import", json=first, headers=importer_h)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert answer["warnings"] == [] and answer["project"]["role"] == "facilitator"
    assert answer["counts"] == {"cards": len(first["cards"]), "links": len(first["links"]),
                                "decisions": len(first["decisions"]), "events": len(first["events"])}
    new_id = answer["project"]["id"]
    members = client.get(f"/api/v1/projects/{new_id}/members", headers=importer_h).get_json()["members"]
    assert [(m["user"]["name"], m["role"]) for m in members] == [(facilitator.name, "facilitator")]
    second = client.get(f"/api/v1/projects/{new_id}/export", headers=importer_h).get_json()
    assert second["members"][-1]["name"] == facilitator.name
    second["members"] = second["members"][:-1]  # the importer: the one thing a signed-in import adds
    assert normalise(second) == normalise(first)
    assert chain_by_titles(second) | {"project_ids": None} == chain_by_titles(first) | {"project_ids": None}
    assert chain_by_titles(second)["project_ids"] == {new_id}


def test_round_trip_into_an_empty_database_is_identical_apart_from_ids_and_times(app, tmp_path):
    _facilitator, pid, _titles = rich_project()
    first = transfer.export_project(SYSTEM, pid)
    raw = transfer.export_json(first)
    target = create_app(make_config(tmp_path / "target"))
    with target.app_context():
        db.create_all()
        project, warnings = transfer.import_project(SYSTEM, raw)
        second = transfer.export_project(SYSTEM, project.id)
        assert warnings == [] and Membership.query.count() == 0
        db.session.remove()
        db.engine.dispose()
    # The file names the owner for the system and members (an import keeps it); whether anyone vouches for it
    # is a fact about each database's people, so the file does not carry it.
    assert "organisation_verified" not in first["project"]
    assert second["project"]["organisation"]["name_en"] == first["project"]["organisation"]["name_en"]
    assert normalise(second) == normalise(first)
    assert chain_by_titles(second)["links"] == chain_by_titles(first)["links"]
    assert chain_by_titles(second)["event_cards"] == chain_by_titles(first)["event_cards"]
    assert "missing" not in {title for _seq, title in chain_by_titles(second)["event_cards"]}
    assert second["events"][0]["created_at"] == first["events"][0]["created_at"]  # history keeps its times


def test_a_v1_file_imports_without_links_and_decisions(client, world):
    h = token_for(client, world["users"]["member"])
    data = client.get(f"/api/v1/projects/{world['public']['project'].id}/export", headers=h).get_json()
    v1 = {"format": "govlab.project.v1", "project": data["project"], "stages": data["stages"],
          "members": [{"user": {"id": 1, "name": m["name"], "organisation": m["organisation"]}, "role": m["role"]}
                      for m in data["members"]],
          "cards": data["cards"], "events": [{k: v for k, v in e.items() if k != "actor_name"} for e in data["events"]]}
    response = client.post("/api/v1/import", json=v1, headers=h)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["counts"]["links"] == 0


def _mutations():
    def drop(key):
        return lambda d: d.pop(key)

    def set_in(getter, key, value):
        return lambda d: getter(d).__setitem__(key, value)

    return {
        "newer format": (set_in(lambda d: d, "format", "govlab.project.v3"), "newer GovLab"),
        "missing cards": (drop("cards"), "cards"),
        "link to an unknown card": (set_in(lambda d: d["links"][0], "to", 999_999), "links[0].to"),
        "duplicate card ids": (set_in(lambda d: d["cards"][1], "id", None), "cards[1].id"),
        "link kinds": (set_in(lambda d: d["links"][0], "type", "embodies"), "links[0].type"),
        "NUL in a title": (set_in(lambda d: d["cards"][0], "title", "x\u0000"), "cards[0].title"),
        "gap in the log": (lambda d: d["events"].pop(3), "events[3].seq"),
        "evidence not a test": (lambda d: d["decisions"][0]["evidence"].append(d["cards"][0]["id"]), "evidence"),
    }


@pytest.mark.parametrize("name", list(_mutations()))
def test_bad_files_are_refused_whole_with_nothing_written(client, name):
    facilitator, pid, _titles = rich_project()
    h = token_for(client, facilitator, "govlab-demo")
    document = client.get(f"/api/v1/projects/{pid}/export", headers=h).get_json()
    if name == "duplicate card ids":
        document["cards"][1]["id"] = document["cards"][0]["id"]
    else:
        change, _where = _mutations()[name]
        change(document)
    before = _counts()
    response = client.post("/api/v1/import", json=document, headers=h)
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and _mutations()[name][1] in (error.get("field", "") + error["message"])
    assert _counts() == before


@pytest.mark.parametrize("body,needle", [(b"{not json", "not valid JSON"), (b"[1, 2]", "JSON object"),
                                         (b"[" * 100 + b"]" * 100, "nested too deeply"),
                                         (b"[" * 5000 + b"]" * 5000, "not valid JSON")])
def test_malformed_bodies_are_refused(client, world, body, needle):
    h = token_for(client, world["users"]["member"]) | {"Content-Type": "application/json"}
    before = _counts()
    response = client.post("/api/v1/import", data=body, headers=h)
    assert response.status_code in (400, 422) and needle in response.get_json()["error"]["message"]
    assert _counts() == before
    assert client.post("/api/v1/import", data=b"{}", headers=token_for(client, world["users"]["member"]) | {
        "Content-Type": "text/plain"}).status_code == 415


def test_size_limits_are_raised_for_import_only_and_clear_past_them(app, client, world):
    h = token_for(client, world["users"]["member"])
    document = client.get(f"/api/v1/projects/{world['public']['project'].id}/export", headers=h).get_json()
    document["cards"][0]["body"] = "ก" * 10_000
    document["cards"] += [{**document["cards"][0], "id": 10_000 + n, "title": f"card {n}"} for n in range(150)]
    body = json.dumps(document, ensure_ascii=False).encode()
    assert len(body) > app.config["MAX_CONTENT_LENGTH"]
    assert client.post("/api/v1/projects", data=body, headers=h | {"Content-Type": "application/json"}).status_code == 413
    accepted = client.post("/api/v1/import", data=body, headers=h | {"Content-Type": "application/json"})
    assert accepted.status_code == 201, accepted.get_json()
    app.config["IMPORT_MAX_BYTES"] = 1024 * 1024
    before = _counts()
    refused = client.post("/api/v1/import", data=body, headers=h | {"Content-Type": "application/json"})
    assert refused.status_code == 413 and "at most 1 MB" in refused.get_json()["error"]["message"]
    assert _counts() == before


def test_organisations_are_matched_by_name_and_unknown_ones_only_reported(app, client, world, factory):
    h = token_for(client, world["users"]["member"])
    document = client.get(f"/api/v1/projects/{world['public']['project'].id}/export", headers=h).get_json()
    known = factory.org(name_th="กรมการปกครอง", name_en="Department of Provincial Administration")
    document["project"]["organisation"] = {"id": 555, "name_th": known.name_th, "name_en": known.name_en,
                                           "sector": "government", "level": "central"}
    document["members"][0]["organisation"] = {"id": 556, "name_th": "ไม่มี", "name_en": "Nowhere",
                                              "sector": "private", "level": None}
    before = db.session.scalar(select(func.count()).select_from(Organisation))
    answer = client.post("/api/v1/import", json=document, headers=h).get_json()
    assert answer["project"]["organisation"]["id"] == known.id
    assert answer["warnings"] == [{"code": "organisation_not_found", "name_th": "ไม่มี", "name_en": "Nowhere"}]
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == before  # members may not create
    exported = client.get(f"/api/v1/projects/{answer['project']['id']}/export", headers=h).get_json()
    assert exported["members"][0]["organisation"] == {"id": None, "name_th": "ไม่มี", "name_en": "Nowhere",
                                                      "sector": "private", "level": None}
    admin_answer = client.post("/api/v1/import", json=document, headers=token_for(client, world["users"]["admin"]))
    assert admin_answer.get_json()["warnings"] == []
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == before + 1


def test_ten_thousand_cards_import(app, client, world):
    h = token_for(client, world["users"]["member"])
    document = client.get(f"/api/v1/projects/{world['public']['project'].id}/export", headers=h).get_json()
    template = document["cards"][0]
    keys = keys_between(None, None, 10_000)
    document["cards"] = [{**template, "id": n + 1, "title": f"บัตร {n}", "position": keys[n]} for n in range(10_000)]
    document["links"], document["decisions"] = [], []
    response = client.post("/api/v1/import", json=document, headers=h)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["counts"]["cards"] == 10_000


def test_the_app_serves_imported_projects_with_labels(client):
    facilitator, pid, _titles = rich_project()
    raw = transfer.export_json(transfer.export_project(SYSTEM, pid))
    project, _warnings = transfer.import_project(SYSTEM, raw)
    admin_h = token_for(client, facilitator, "govlab-demo")
    board = client.get(f"/api/v1/projects/{project.id}/board", headers=admin_h)
    assert board.status_code == 200  # public: any viewer
    assert {card["author_name"] for card in board.get_json()["cards"]} >= {"สมศรี ใจดี (Somsri)"}
    decisions = client.get(f"/api/v1/projects/{project.id}/decisions").get_json()["decisions"]
    assert decisions[0]["decided_by_name"] == "สมศรี ใจดี (Somsri)"




def test_export_include_shows_only_what_the_viewer_may_download(app, world):
    from flask import render_template_string

    page = '{% include "projects/_export.html" %}'
    with app.test_request_context("/"):
        public = render_template_string(page, project=world["public"]["project"])
        private = render_template_string(page, project=world["private"]["project"])
    assert "/projects/%d/export/decisions.csv" % world["public"]["project"].id in public
    assert "export.json" in public and "deleted cards" not in public
    assert private.strip() == ""  # an anonymous visitor may not see the private project: no buttons at all
    assert transfer_downloads(world["users"]["facilitator"], world["private"]["project"].id)["with_deleted"]
    assert transfer_downloads(world["users"]["outsider"], world["private"]["project"].id)["files"] == []


def transfer_downloads(user, project_id):
    from govlab.services.tables import downloads_for

    return downloads_for(user, project_id)
