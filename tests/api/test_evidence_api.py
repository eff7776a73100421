"""The evidence chain over REST: links, prototype and test fields, gate decisions — rules and bad input."""
import pytest

from govlab.services import cards
from tests.conftest import token_for


@pytest.fixture
def chain(factory):
    """A project with one card of each kind in the chain, a member, an observer and another project."""
    facilitator = factory.user("Facilitator")
    project = factory.project(facilitator, visibility="private")
    member = factory.member(project, "member")
    observer = factory.member(project, "observer")
    made = {kind: factory.card(project, stage=stage, kind=kind, title=f"A {kind}")
            for kind, stage in (("insight", "empathize"), ("hmw", "empathize"), ("idea", "ideate"),
                                ("prototype", "prototype"), ("test", "test"))}
    made["other_test"] = factory.card(project, stage="test", kind="test", title="Another test")
    other = factory.project(facilitator, visibility="private", title="Other")
    return {"project": project, "facilitator": facilitator, "member": member, "observer": observer,
            "cards": made, "other_card": factory.card(other, stage="ideate", title="Elsewhere"), "other": other}


def seq(client, headers, project_id):
    return client.get(f"/api/v1/projects/{project_id}/events", headers=headers).get_json()["seq"]


def link(client, headers, project_id, source, target, link_type):
    return client.post(f"/api/v1/projects/{project_id}/links", headers=headers,
                       json={"from": source, "to": target, "type": link_type})


def op(client, headers, project_id, op_type, data):
    return client.post(f"/api/v1/projects/{project_id}/ops", headers=headers, json={"type": op_type, "data": data})


def test_a_whole_chain_links_and_is_listed(client, chain):
    h = token_for(client, chain["member"])
    pid, c = chain["project"].id, chain["cards"]
    before = seq(client, h, pid)
    for source, target, link_type in (("insight", "hmw", "frames"), ("idea", "hmw", "answers"),
                                      ("prototype", "idea", "embodies"), ("test", "prototype", "tests")):
        response = link(client, h, pid, c[source].id, c[target].id, link_type)
        assert response.status_code == 201, response.get_json()
        assert response.get_json() | {"id": 0, "created_at": ""} == {
            "id": 0, "project_id": pid, "from": c[source].id, "to": c[target].id, "type": link_type,
            "created_by": chain["member"].id, "created_at": ""}
    links = client.get(f"/api/v1/projects/{pid}/links", headers=h).get_json()["links"]
    assert [item["type"] for item in links] == ["frames", "answers", "embodies", "tests"]
    events = client.get(f"/api/v1/projects/{pid}/events?since={before}", headers=h).get_json()["events"]
    assert [e["type"] for e in events] == ["link.create"] * 4
    board = client.get(f"/api/v1/projects/{pid}/board", headers=h).get_json()
    assert len(board["links"]) == 4 and board["link_rules"]["tests"] == {"from": ["test"], "to": ["prototype"]}


@pytest.mark.parametrize("case,status,field", [
    ("itself", 422, "to"), ("kinds", 422, "type"), ("reversed kinds", 422, "type"), ("unknown type", 422, "type"),
    ("other project", 422, "to"), ("missing card", 404, None), ("string id", 422, "from"), ("unicode digit", 422, "to"),
    ("huge id", 422, "to"), ("extra field", 422, "note")])
def test_bad_links_are_refused_and_nothing_is_stored(client, chain, case, status, field):
    h = token_for(client, chain["facilitator"])
    pid, c = chain["project"].id, chain["cards"]
    body = {"from": c["insight"].id, "to": c["hmw"].id, "type": "frames"}
    body |= {"itself": {"to": c["insight"].id, "type": "relates"}, "kinds": {"to": c["idea"].id},
             "reversed kinds": {"from": c["hmw"].id, "to": c["insight"].id},
             "unknown type": {"type": "causes"}, "other project": {"to": chain["other_card"].id, "type": "relates"},
             "missing card": {"to": 999_999}, "string id": {"from": str(c["insight"].id)}, "unicode digit": {"to": "²"},
             "huge id": {"to": 2**64}, "extra field": {"note": "x"}}[case]
    before = seq(client, h, pid)
    response = client.post(f"/api/v1/projects/{pid}/links", headers=h, json=body)
    assert response.status_code == status, response.get_json()
    if field:
        assert response.get_json()["error"]["field"] == field
    assert seq(client, h, pid) == before
    assert client.get(f"/api/v1/projects/{pid}/links", headers=h).get_json()["links"] == []


def test_a_card_of_a_project_you_cannot_see_is_just_not_found(client, chain, factory):
    h = token_for(client, chain["member"])  # not a member of "other"
    pid, c = chain["project"].id, chain["cards"]
    response = link(client, h, pid, c["idea"].id, chain["other_card"].id, "relates")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_same_link_twice_is_a_conflict(client, chain):
    h = token_for(client, chain["facilitator"])
    pid, c = chain["project"].id, chain["cards"]
    assert link(client, h, pid, c["insight"].id, c["hmw"].id, "frames").status_code == 201
    again = link(client, h, pid, c["insight"].id, c["hmw"].id, "frames")
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "conflict"
    assert link(client, h, pid, c["idea"].id, c["test"].id, "relates").status_code == 201
    assert link(client, h, pid, c["test"].id, c["idea"].id, "relates").status_code == 409  # relates has no direction
    assert link(client, h, pid, c["insight"].id, c["hmw"].id, "relates").status_code == 201  # another type is fine


def test_deleting_a_card_hides_its_links_and_restoring_brings_them_back(client, chain):
    h = token_for(client, chain["facilitator"])
    pid, c = chain["project"].id, chain["cards"]
    created = link(client, h, pid, c["test"].id, c["prototype"].id, "tests").get_json()
    cards.delete_card(chain["facilitator"], c["test"].id)
    assert client.get(f"/api/v1/projects/{pid}/links", headers=h).get_json()["links"] == []
    hidden = client.get(f"/api/v1/projects/{pid}/links?include_hidden=1", headers=h).get_json()["links"]
    assert [item["id"] for item in hidden] == [created["id"]]
    assert client.delete(f"/api/v1/links/{created['id']}", headers=h).status_code == 404  # hidden with its card
    assert link(client, h, pid, c["test"].id, c["prototype"].id, "tests").status_code == 404  # deleted card
    before = seq(client, h, pid)
    assert client.post(f"/api/v1/cards/{c['test'].id}/restore", headers=h).status_code == 200
    restored = client.get(f"/api/v1/projects/{pid}/events?since={before}", headers=h).get_json()["events"][0]
    assert restored["type"] == "card.restore" and [item["id"] for item in restored["payload"]["links"]] == [created["id"]]
    assert [item["id"] for item in client.get(f"/api/v1/projects/{pid}/links", headers=h).get_json()["links"]] == \
        [created["id"]]


def test_a_link_is_removed_once(client, chain):
    h = token_for(client, chain["member"])
    pid, c = chain["project"].id, chain["cards"]
    created = link(client, h, pid, c["idea"].id, c["hmw"].id, "answers").get_json()
    before = seq(client, h, pid)
    assert client.delete(f"/api/v1/links/{created['id']}", headers=h).status_code == 204
    events = client.get(f"/api/v1/projects/{pid}/events?since={before}", headers=h).get_json()["events"]
    assert [(e["type"], e["payload"]["link"]["id"]) for e in events] == [("link.delete", created["id"])]
    assert client.delete(f"/api/v1/links/{created['id']}", headers=h).status_code == 404
    gone = op(client, h, pid, "link.delete", {"id": created["id"]})
    assert gone.status_code == 404


def test_prototype_and_test_fields_are_saved_versioned_and_recorded(client, chain, factory):
    h = token_for(client, chain["member"])
    pid, c = chain["project"].id, chain["cards"]
    org = factory.org()
    factory.member(chain["project"], "observer", factory.user(org=org))  # a verified member vouches for org
    prototype = client.get(f"/api/v1/cards/{c['prototype'].id}", headers=h).get_json()
    assert prototype["prototype"]["status"] == "planned" and "test" not in prototype
    response = op(client, h, pid, "prototype.update", {
        "id": c["prototype"].id, "version": prototype["version"], "fidelity": "clickable", "status": "testing",
        "owner_org_id": org.id, "next_step": "ทดสอบกับผู้สูงอายุ 5 คน", "due_date": "2026-12-15"})
    assert response.status_code == 200, response.get_json()
    saved = response.get_json()["card"]
    assert saved["version"] == prototype["version"] + 1
    assert saved["prototype"] | {"owner_organisation": None} == {
        "fidelity": "clickable", "status": "testing", "owner_org_id": org.id, "owner_organisation": None,
        "next_step": "ทดสอบกับผู้สูงอายุ 5 คน", "due_date": "2026-12-15"}
    assert saved["prototype"]["owner_organisation"]["name_en"] == org.name_en
    test = op(client, h, pid, "test.update", {"id": c["test"].id, "hypothesis": "ผู้ใช้จองคิวได้เองใน 2 นาที",
                                              "method": "usability", "participants_count": 5,
                                              "participants_who": "ผู้สูงอายุ", "result": "4 ใน 5",
                                              "verdict": "validated"}).get_json()["card"]
    assert test["test"]["verdict"] == "validated" and test["test"]["participants_count"] == 5
    events = client.get(f"/api/v1/projects/{pid}/events", headers=h).get_json()["events"]
    last = events[-2:]
    assert [e["type"] for e in last] == ["prototype.update", "test.update"]
    assert last[0]["payload"]["fields"] == ["fidelity", "status", "owner_org_id", "next_step", "due_date"]
    before = seq(client, h, pid)
    same = op(client, h, pid, "test.update", {"id": c["test"].id, "verdict": "validated"})
    assert same.status_code == 200 and seq(client, h, pid) == before  # nothing changed: no Event


@pytest.mark.parametrize("op_type,data,status,field", [
    ("prototype.update", {"card": "test", "status": "testing"}, 422, "id"),
    ("test.update", {"card": "prototype", "verdict": "validated"}, 422, "id"),
    ("prototype.update", {"card": "idea", "fidelity": "paper"}, 422, "id"),
    ("prototype.update", {"card": "prototype", "status": "finished"}, 422, "status"),
    ("prototype.update", {"card": "prototype", "status": None}, 422, "status"),
    ("prototype.update", {"card": "prototype", "fidelity": "Paper"}, 422, "fidelity"),
    ("test.update", {"card": "test", "verdict": "true"}, 422, "verdict"),
    ("test.update", {"card": "test", "method": "focus_group"}, 422, "method"),
    ("prototype.update", {"card": "prototype", "due_date": "next week"}, 422, "due_date"),
    ("prototype.update", {"card": "prototype", "due_date": "2026-02-30"}, 422, "due_date"),
    ("prototype.update", {"card": "prototype", "due_date": "2569-12-01"}, 422, "due_date"),
    ("prototype.update", {"card": "prototype", "due_date": 20261201}, 422, "due_date"),
    ("prototype.update", {"card": "prototype", "owner_org_id": 999_999}, 422, "owner_org_id"),
    ("prototype.update", {"card": "prototype", "next_step": "a\u0000b"}, 422, "next_step"),
    ("prototype.update", {"card": "prototype", "next_step": "x" * 501}, 422, "next_step"),
    ("test.update", {"card": "test", "participants_count": -1}, 422, "participants_count"),
    ("test.update", {"card": "test", "participants_count": 2**63}, 422, "participants_count"),
    ("test.update", {"card": "test", "participants_count": "5"}, 422, "participants_count"),
    ("test.update", {"card": "test", "participants_count": True}, 422, "participants_count"),
    ("test.update", {"card": "test", "result": "x" * 5001}, 422, "result"),
    ("test.update", {"card": "test", "version": 99}, 409, "version"),
])
def test_bad_fields_are_refused_with_nothing_stored(client, chain, op_type, data, status, field):
    h = token_for(client, chain["facilitator"])
    pid = chain["project"].id
    data = dict(data)
    card = chain["cards"][data.pop("card")]
    before = seq(client, h, pid)
    version = client.get(f"/api/v1/cards/{card.id}", headers=h).get_json()["version"]
    response = op(client, h, pid, op_type, {"id": card.id, **data})
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]["field"] == field
    assert seq(client, h, pid) == before
    assert client.get(f"/api/v1/cards/{card.id}", headers=h).get_json()["version"] == version


def decide(client, headers, project_id, **data):
    return op(client, headers, project_id, "gate.decide", data)


def test_a_decision_sets_the_status_and_a_newer_one_supersedes(client, chain):
    h = token_for(client, chain["facilitator"])
    pid, c = chain["project"].id, chain["cards"]
    link(client, h, pid, c["test"].id, c["prototype"].id, "tests")
    first = decide(client, h, pid, prototype_id=c["prototype"].id, decision="iterate",
                   rationale="ยังสรุปไม่ได้ ต้องทดสอบเพิ่ม", evidence=[c["test"].id, c["test"].id])
    assert first.status_code == 200, first.get_json()
    decision = first.get_json()["decision"]
    assert decision["decision"] == "iterate" and decision["evidence"] == [c["test"].id]
    assert client.get(f"/api/v1/cards/{c['prototype'].id}", headers=h).get_json()["prototype"]["status"] == "iterating"
    event = client.get(f"/api/v1/projects/{pid}/events", headers=h).get_json()["events"][-1]
    assert event["type"] == "gate.decide" and event["payload"]["card"]["prototype"]["status"] == "iterating"
    second = decide(client, h, pid, prototype_id=c["prototype"].id, decision="drop", rationale="Too costly.")
    assert second.status_code == 200
    decisions = client.get(f"/api/v1/projects/{pid}/decisions", headers=h).get_json()["decisions"]
    assert [(d["decision"], d["current"]) for d in decisions] == [("iterate", False), ("drop", True)]
    assert client.get(f"/api/v1/cards/{c['prototype'].id}", headers=h).get_json()["prototype"]["status"] == "dropped"


@pytest.mark.parametrize("actor,case,status", [
    ("member", "ok", 403), ("observer", "ok", 403), ("facilitator", "not a prototype", 422),
    ("facilitator", "no evidence", 422), ("facilitator", "untested evidence", 422),
    ("facilitator", "evidence not a test", 422), ("facilitator", "blank rationale", 422),
    ("facilitator", "unknown decision", 422), ("facilitator", "other project's card", 404),
    ("facilitator", "too much evidence", 422)])
def test_bad_decisions_are_refused_with_nothing_stored(client, chain, actor, case, status):
    fh = token_for(client, chain["facilitator"])
    h = token_for(client, chain[actor])
    pid, c = chain["project"].id, chain["cards"]
    link(client, fh, pid, c["test"].id, c["prototype"].id, "tests")
    data = {"prototype_id": c["prototype"].id, "decision": "scale", "rationale": "Validated with 5 of 5.",
            "evidence": [c["test"].id]}
    data |= {"ok": {}, "not a prototype": {"prototype_id": c["idea"].id}, "no evidence": {"evidence": []},
             "untested evidence": {"evidence": [c["other_test"].id]}, "evidence not a test": {"evidence": [c["idea"].id]},
             "blank rationale": {"rationale": "  \n "}, "unknown decision": {"decision": "approve"},
             "other project's card": {"prototype_id": chain["other_card"].id},
             "too much evidence": {"evidence": list(range(1, 52))}}[case]
    before = seq(client, fh, pid)
    response = decide(client, h, pid, **data)
    assert response.status_code == status, response.get_json()
    assert seq(client, fh, pid) == before
    assert client.get(f"/api/v1/projects/{pid}/decisions", headers=fh).get_json()["decisions"] == []
    assert client.get(f"/api/v1/cards/{c['prototype'].id}", headers=fh).get_json()["prototype"]["status"] == "planned"


def test_an_archived_project_takes_no_decision(client, chain):
    h = token_for(client, chain["facilitator"])
    pid, c = chain["project"].id, chain["cards"]
    assert client.patch(f"/api/v1/projects/{pid}", headers=h, json={"status": "archived"}).status_code == 200
    response = decide(client, h, pid, prototype_id=c["prototype"].id, decision="drop", rationale="Stopped.")
    assert response.status_code == 403
