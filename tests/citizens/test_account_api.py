"""A person's own contributions over REST (token or session): list with status and history, copies, erasure."""
from __future__ import annotations

from sqlalchemy import select

from govlab.extensions import db
from govlab.models import Contribution
from govlab.services import moderation

from ..conftest import token_for
from .conftest import send
from .test_account import IDEA, _citizen, _latest

FLOOD = "ถนนหน้าบ้านน้ำท่วมทุกปี รถผ่านไม่ได้"


def test_the_list_has_status_and_history_and_only_ones_own(app, client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA)
    first = _latest()
    send(client, challenge["slug"], FLOOD, kind="experience")
    second = _latest()
    moderation.promote(challenge["facilitator"], challenge["project"].id, {"id": first.id})
    api = app.test_client()
    headers = token_for(api, user)
    listed = api.get("/api/v1/me/contributions", headers=headers)
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "no-store"
    body = listed.get_json()
    assert [item["id"] for item in body["contributions"]] == [second.id, first.id]  # newest first
    promoted = body["contributions"][1]
    assert promoted["text"] == IDEA and promoted["kind"] == "idea" and promoted["status"] == "published"
    assert promoted["challenge"] == {"id": challenge["project"].id, "title": "รอคิวโรงพยาบาล"}
    assert [step["status"] for step in promoted["history"]] == ["received", "published"]
    assert body["contributions"][0]["history"][0]["status"] == "received" and body["listed_max"] == 500
    assert client.get("/api/v1/me/contributions").get_json()["contributions"][0]["id"] == second.id  # session

    stranger = app.test_client()
    other = _citizen(stranger, "stranger@example.org")
    theirs = token_for(app.test_client(), other)
    assert stranger.get("/api/v1/me/contributions", headers=theirs).get_json()["contributions"] == []
    assert stranger.get(f"/api/v1/me/contributions/{first.id}", headers=theirs).status_code == 404
    assert stranger.delete(f"/api/v1/me/contributions/{first.id}", headers=theirs).status_code == 404
    anonymous = app.test_client()
    for path in ("/api/v1/me/contributions", "/api/v1/me/contributions/export", f"/api/v1/me/contributions/{first.id}"):
        response = anonymous.get(path)
        assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized", path
    assert anonymous.delete("/api/v1/me/contributions?confirm=all").status_code == 401
    db.session.rollback()
    assert db.session.scalar(select(Contribution.erased_at).where(Contribution.id == first.id)) is None


def test_copies_and_erasure(app, client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA, name="สมชาย", contact=user.email, province="50")
    mine = _latest()
    api = app.test_client()
    headers = token_for(api, user)
    one = api.get(f"/api/v1/me/contributions/{mine.id}", headers=headers)
    assert one.status_code == 200 and one.headers["Cache-Control"] == "no-store"
    assert one.get_json()["format"] == "govlab.contribution.v1"
    assert one.get_json()["contribution"]["email"] == user.email
    everything = api.get("/api/v1/me/contributions/export", headers=headers).get_json()
    assert everything["format"] == "govlab.citizen.v1" and everything["account"]["email"] == user.email
    assert [item["contribution"]["id"] for item in everything["contributions"]] == [mine.id]

    for bad in ("yes", "1", "True", "", "ture"):
        refused = api.delete(f"/api/v1/me/contributions/{mine.id}?keep_text={bad}", headers=headers)
        assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "keep_text", bad
    no_consent = api.delete(f"/api/v1/me/contributions/{mine.id}?keep_text=true", headers=headers)
    assert no_consent.status_code == 422  # the text is kept only with the s.26 consent
    for bad in ("²", "0", str(2**64), "-1"):
        assert api.delete(f"/api/v1/me/contributions/{bad}", headers=headers).status_code == 404, bad
    db.session.rollback()
    assert db.session.get(Contribution, mine.id).email == user.email  # nothing half-done
    assert api.delete(f"/api/v1/me/contributions/{mine.id}?keep_text=false", headers=headers).status_code == 204
    db.session.rollback()
    row = db.session.get(Contribution, mine.id)
    assert (row.name, row.email, row.text, row.user_id) == (None, None, "", None)
    assert api.get(f"/api/v1/me/contributions/{mine.id}", headers=headers).status_code == 404
    assert api.get("/api/v1/me/contributions", headers=headers).get_json()["contributions"] == []


def test_erasing_everything_needs_confirm_all(app, client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA)
    send(client, challenge["slug"], FLOOD, kind="experience")
    api = app.test_client()
    headers = token_for(api, user)
    for query in ("", "?confirm=yes", "?confirm=ALL", "?confirm=all%00"):
        refused = api.delete(f"/api/v1/me/contributions{query}", headers=headers)
        assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "confirm", query
    db.session.rollback()
    assert db.session.query(Contribution).filter(Contribution.erased_at.is_(None)).count() == 2
    erased = api.delete("/api/v1/me/contributions?confirm=all", headers=headers)
    assert erased.status_code == 200 and erased.get_json() == {"erased": 2}
    assert api.delete("/api/v1/me/contributions?confirm=all", headers=headers).get_json() == {"erased": 0}
    db.session.rollback()
    assert db.session.query(Contribution).filter(Contribution.erased_at.is_(None)).count() == 0
    # With the session instead of a token, a write needs the CSRF header like every other API write.
    assert client.delete("/api/v1/me/contributions?confirm=all").status_code in (400, 403)
