"""The workshop summary page and its Markdown: activities with timings, cards per lane, votes, sectors."""
from tests.conftest import login


def test_summary_shows_activities_cards_votes_and_downloads_markdown(world, sockets, factory, client):
    pid = world["private"]["project"].id
    facilitator = sockets(world["users"]["facilitator"])
    facilitator.join(pid)
    agenda = [{"stage": "ideate", "instruction": "ระดมไอเดีย", "duration": 60, "kind": "discuss"}]
    workshop = facilitator.op(pid, "workshop.create", {"title": "Summary sprint", "agenda": agenda}, "w")["workshop"]
    facilitator.op(pid, "workshop.start", {"id": workshop["id"]}, "s")
    card = facilitator.op(pid, "card.create", {"stage": "ideate", "title": "Mobile clinic"}, "c")["card"]
    vote = facilitator.op(pid, "vote.open", {"card_ids": [card["id"]]}, "v")["vote"]
    facilitator.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": card["id"]}, "d")
    facilitator.op(pid, "vote.close", {"vote_id": vote["id"]}, "x")
    facilitator.op(pid, "workshop.skip", {"id": workshop["id"]}, "k")
    login(client, world["users"]["member"])
    page = client.get(f"/projects/{pid}/workshop/summary")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Summary sprint" in text and "ระดมไอเดีย" in text and "Mobile clinic" in text
    markdown = client.get(f"/projects/{pid}/workshop/summary?workshop={workshop['id']}&format=md")
    assert markdown.status_code == 200 and markdown.mimetype == "text/markdown"
    assert "attachment" in markdown.headers["Content-Disposition"]
    body = markdown.get_data(as_text=True)
    assert body.startswith("# Summary sprint") and "Mobile clinic" in body and "(dots: 1)" in body
    outsider = client.application.test_client()
    login(outsider, world["users"]["outsider"])
    assert outsider.get(f"/projects/{pid}/workshop/summary").status_code == 404
    assert outsider.get(f"/projects/{pid}/workshop/projector").status_code == 404
    assert client.get(f"/projects/{pid}/workshop/summary?workshop=%C2%B2").status_code in (404, 422)
    other = world["public"]["project"].id  # a workshop of another board is not found there
    assert client.get(f"/projects/{other}/workshop/summary?workshop={workshop['id']}").status_code == 404
