"""The evidence chain's permission matrix through the REST API: role × visibility × action."""
import pytest

from tests.api.test_permissions_api import ACTORS, expected, headers
from tests.conftest import token_for


@pytest.fixture
def linked(world, factory):
    """In each project: an idea, a prototype embodying it, a test testing it (made by the facilitator)."""
    from govlab.services import links

    facilitator = world["users"]["facilitator"]
    for visibility in ("public", "private"):
        project = world[visibility]["project"]
        idea = factory.card(project, stage="ideate", title="Idea")
        prototype = factory.card(project, stage="prototype", title="Prototype")
        test = factory.card(project, stage="test", title="Test")
        embodies = links.create_link(facilitator, project.id, {"from": prototype.id, "to": idea.id, "type": "embodies"})
        links.create_link(facilitator, project.id, {"from": test.id, "to": prototype.id, "type": "tests"})
        world[visibility] |= {"idea": idea, "prototype": prototype, "test": test, "link": embodies}
    return world


def events_seq(client, world, project_id):
    fac = token_for(client, world["users"]["facilitator"])
    return client.get(f"/api/v1/projects/{project_id}/events", headers=fac).get_json()["seq"]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_reading_links_and_decisions(client, linked, actor, visibility):
    h = headers(client, linked, actor)
    pid = linked[visibility]["project"].id
    want = expected(actor, visibility, "view")
    for path in (f"/api/v1/projects/{pid}/links", f"/api/v1/projects/{pid}/decisions"):
        response = client.get(path, headers=h)
        assert response.status_code == want, (path, response.get_json())
    if want == 200:
        assert len(client.get(f"/api/v1/projects/{pid}/links", headers=h).get_json()["links"]) == 2


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_linking_and_fields_are_for_members_and_facilitators(client, linked, actor, visibility):
    h = headers(client, linked, actor)
    world = linked[visibility]
    pid = world["project"].id
    want = expected(actor, visibility, "edit")
    before = events_seq(client, linked, pid)
    created = client.post(f"/api/v1/projects/{pid}/links", headers=h,
                          json={"from": world["idea"].id, "to": world["test"].id, "type": "relates"})
    assert created.status_code == (201 if want == 200 else want), created.get_json()
    removed = client.delete(f"/api/v1/links/{world['link'].id}", headers=h)
    assert removed.status_code == (204 if want == 200 else want)
    for op_type, data in (("prototype.update", {"id": world["prototype"].id, "status": "building"}),
                          ("test.update", {"id": world["test"].id, "verdict": "inconclusive"}),
                          ("link.create", {"from": world["test"].id, "to": world["idea"].id, "type": "relates"})):
        response = client.post(f"/api/v1/projects/{pid}/ops", headers=h, json={"type": op_type, "data": data})
        wanted = 401 if actor == "anonymous" else want  # the ops endpoint asks anonymous callers to sign in first
        wanted = 409 if op_type == "link.create" and want == 200 else wanted  # the REST call above made it already
        assert response.status_code == wanted, (op_type, response.get_json())
    assert events_seq(client, linked, pid) - before == (4 if want == 200 else 0)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_gate_decisions_are_for_facilitators(client, linked, actor, visibility):
    h = headers(client, linked, actor)
    world = linked[visibility]
    pid = world["project"].id
    want = 401 if actor == "anonymous" else expected(actor, visibility, "manage")
    before = events_seq(client, linked, pid)
    response = client.post(f"/api/v1/projects/{pid}/ops", headers=h, json={"type": "gate.decide", "data": {
        "prototype_id": world["prototype"].id, "decision": "scale", "rationale": "5 of 5 booked alone.",
        "evidence": [world["test"].id]}})
    assert response.status_code == want, response.get_json()
    assert events_seq(client, linked, pid) - before == (1 if want == 200 else 0)
