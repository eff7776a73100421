"""REST reads of the evidence pages: chain, tracker, portfolio, timeline — permissions, shapes, bad input."""
import pytest

from govlab.services import cards
from tests.conftest import token_for
from tests.web.evidence_helpers import build_chain

ACTORS = ["facilitator", "member", "observer", "outsider", "admin", "anonymous"]


@pytest.fixture
def chained(world):
    for visibility in ("public", "private"):
        world[visibility]["chain"] = build_chain(world[visibility]["project"], world["users"]["facilitator"],
                                                 world["users"]["member"], title=f"{visibility} prototype")
    return world


def headers(client, world, actor):
    return {} if actor == "anonymous" else token_for(client, world["users"][actor])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_reads_follow_the_view_rule(client, chained, actor, visibility):
    h = headers(client, chained, actor)
    pid = chained[visibility]["project"].id
    want = 200 if visibility == "public" or actor in ("facilitator", "member", "observer", "admin") else 404
    for path in (f"/api/v1/projects/{pid}/chain/{chained[visibility]['chain']['prototype']}",
                 f"/api/v1/projects/{pid}/tracker", f"/api/v1/projects/{pid}/timeline"):
        response = client.get(path, headers=h)
        assert response.status_code == want, (path, response.get_json())
        if want == 404:
            assert response.get_json()["error"]["code"] == "not_found"
            assert "private prototype" not in response.get_data(as_text=True)


@pytest.mark.parametrize("actor", ACTORS)
def test_portfolio_shows_only_what_the_caller_may_see(client, chained, actor):
    response = client.get("/api/v1/portfolio", headers=headers(client, chained, actor))
    if actor == "anonymous":
        assert response.status_code == 401
        return
    titles = {row["title"] for row in response.get_json()["prototypes"]}
    sees_private = actor != "outsider"
    assert titles == ({"public prototype", "private prototype"} if sees_private else {"public prototype"})


def test_chain_json(client, chained):
    made = chained["public"]["chain"]
    pid = chained["public"]["project"].id
    body = client.get(f"/api/v1/projects/{pid}/chain/{made['prototype']}",
                      headers=token_for(client, chained["users"]["observer"])).get_json()
    assert [card["id"] for card in body["framers"]] == [made["insight"], made["quote"]]
    assert body["framers"][0]["joins"] == [made["hmw"]]
    assert [card["id"] for card in body["hmws"]] == [made["hmw"]]
    assert body["ideas"][0]["id"] == made["idea"] and body["ideas"][0]["joins"] == [made["hmw"]]
    assert {test["id"] for test in body["tests"]} == {made["test1"], made["test2"]}
    assert body["prototype"]["prototype"]["status"] == "iterating"
    assert body["decisions"][0]["decision"] == "iterate" and body["decisions"][0]["superseded"] is False
    assert body["can_decide"] is False  # observers read; only facilitators decide


def test_tracker_and_timeline_json(client, chained):
    pid = chained["public"]["project"].id
    h = token_for(client, chained["users"]["member"])
    tracker = client.get(f"/api/v1/projects/{pid}/tracker", headers=h).get_json()
    iterating = next(group for group in tracker["groups"] if group["status"] == "iterating")
    row = iterating["prototypes"][0]
    assert row["title"] == "public prototype" and row["latest_verdict"] == "inconclusive"
    assert row["decision"]["decision"] == "iterate" and row["due_date"] == "2030-01-31"
    assert tracker["stalled"] == [] and tracker["overdue"] == []
    timeline = client.get(f"/api/v1/projects/{pid}/timeline?type=gate.decide", headers=h).get_json()
    assert [entry["text"] for entry in timeline["entries"]] == ["Facilitator decided to iterate on “public prototype”"]
    thai = client.get(f"/api/v1/projects/{pid}/timeline?type=gate.decide",
                      headers={**h, "Accept-Language": "th"}).get_json()
    assert thai["entries"][0]["text"].startswith("Facilitator ตัดสินใจ")


@pytest.mark.parametrize("path", ["/api/v1/portfolio?sort=%C2%B2", "/api/v1/portfolio?organisation=99999999999",
                                  "/api/v1/portfolio?stage=shipping"])
def test_bad_portfolio_queries(client, chained, path):
    response = client.get(path, headers=token_for(client, chained["users"]["member"]))
    assert response.status_code == 422 and response.get_json()["error"]["field"]


def test_chain_of_a_card_of_another_project_or_kind_is_not_found(client, chained):
    h = token_for(client, chained["users"]["facilitator"])
    public, private = chained["public"], chained["private"]
    for pid, card_id in ((public["project"].id, private["chain"]["prototype"]),
                         (public["project"].id, public["chain"]["hmw"]),
                         (private["project"].id, public["chain"]["prototype"])):
        assert client.get(f"/api/v1/projects/{pid}/chain/{card_id}", headers=h).status_code == 404
    cards.delete_card(chained["users"]["member"], public["chain"]["prototype"])
    response = client.get(f"/api/v1/projects/{public['project'].id}/chain/{public['chain']['prototype']}", headers=h)
    assert response.status_code == 404
