"""Moderation (ops and Events), support, flags, and the accountability chain."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from govlab.domain.errors import ValidationError
from govlab.extensions import db
from govlab.models import Card, Contribution, Event, OutboxMail
from govlab.services import challenges, contributions, gates, links, moderation

from ..conftest import csrf_from, login
from .conftest import private_link, send

IDEA = "ควรมีระบบจองคิวออนไลน์ของโรงพยาบาลชุมชน"


@pytest.fixture
def sent(client, challenge):
    """One idea sent (with an e-mail for news) and its private link."""
    response = send(client, challenge["slug"], IDEA, contact="citizen@example.org")
    db.session.rollback()
    contribution = db.session.scalars(select(Contribution)).one()
    token = f"{contribution.id}.{contributions.status_token(contribution)}"
    assert response.status_code == 200
    return contribution, f"/contribution/{token}"


def _events(kind: str) -> list[Event]:
    db.session.rollback()
    return list(db.session.scalars(select(Event).where(Event.type == kind)))


def test_approve_publishes_and_records_an_event(client, challenge, sent):
    contribution, link = sent
    assert IDEA not in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": contribution.id})
    assert IDEA in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert 'data-status="published"' in client.get(link).get_data(as_text=True)
    assert [e.payload["contribution"]["state"] for e in _events("contribution.approve")] == ["published"]
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "contribution_status")).all()
    assert len(mails) == 1 and "/contribution/" in mails[0].text_body


def test_promote_creates_a_card_through_card_create_then_the_chain_moves_the_status(client, challenge, sent):
    contribution, link = sent
    facilitator, project = challenge["facilitator"], challenge["project"]
    moderation.promote(facilitator, project.id, {"id": contribution.id})
    db.session.rollback()
    card = db.session.get(Card, db.session.get(Contribution, contribution.id).card_id)
    assert (card.stage, card.kind, card.body) == ("ideate", "idea", IDEA)
    assert [e.payload["card"]["id"] for e in _events("card.create")] == [card.id]
    prototype = challenges.db.session.get(Card, _prototype(facilitator, project.id))
    links.create_link(facilitator, project.id, {"from": prototype.id, "to": card.id, "type": "embodies"})
    page = client.get(link).get_data(as_text=True)
    assert 'data-status="in_prototype"' in page and "Queue kiosk" in page
    db.session.rollback()
    assert db.session.get(Contribution, contribution.id).status == "in_prototype"  # followed the board's Event
    gates.decide(facilitator, project.id, {"prototype_id": prototype.id, "decision": "drop",
                                           "rationale": "Too costly for the district"})
    page = client.get(link).get_data(as_text=True)
    assert 'data-status="not_adopted"' in page and "Too costly for the district" in page
    statuses = [e.payload["contribution"]["status"] for e in _events("contribution.status")]
    assert statuses == ["published", "in_prototype", "not_adopted"]
    assert len(db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "contribution_status")).all()) == 3


def _prototype(facilitator, project_id) -> int:
    from govlab.services import cards

    return cards.create_card(facilitator, project_id, {"stage": "prototype", "kind": "prototype",
                                                       "title": "Queue kiosk"}).id


def test_decide_and_reject_with_reasons(client, challenge, sent):
    contribution, link = sent
    facilitator, project = challenge["facilitator"], challenge["project"]
    moderation.approve(facilitator, project.id, {"id": contribution.id})
    moderation.decide(facilitator, project.id, {"id": contribution.id, "status": "adopted",
                                                "reason": "เริ่มใช้ที่ 3 อำเภอ"})
    page = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert "What we did with your ideas" in page and "เริ่มใช้ที่ 3 อำเภอ" in page
    moderation.reject(facilitator, project.id, {"id": contribution.id, "reason": "off_topic", "note": "Sorry"})
    assert IDEA not in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert 'data-status="rejected"' in client.get(link).get_data(as_text=True)
    with pytest.raises(ValidationError):
        moderation.reject(facilitator, project.id, {"id": contribution.id, "reason": "because"})


def test_only_facilitators_moderate(client, challenge, sent, factory):
    contribution, _link = sent
    member = factory.member(challenge["project"], "member")
    login(client, member)
    page = client.get(f"/projects/{challenge['project'].id}/contributions")
    assert page.status_code == 403
    from govlab.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        moderation.approve(member, challenge["project"].id, {"id": contribution.id})


def test_the_queue_page_approves_and_promotes(client, challenge, sent):
    contribution, _link = sent
    login(client, challenge["facilitator"])
    path = f"/projects/{challenge['project'].id}/contributions"
    html = client.get(path).get_data(as_text=True)
    assert IDEA in html and "citizen@example.org" in html  # facilitators see the contact
    response = client.post(f"{path}/{contribution.id}", data={"csrf_token": csrf_from(html), "action": "promote"})
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Contribution, contribution.id).card_id is not None


def _published(challenge, client, text) -> Contribution:
    response = send(client, challenge["slug"], text)
    assert response.status_code == 200
    db.session.rollback()
    contribution = db.session.scalars(select(Contribution).order_by(Contribution.id.desc())).first()
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": contribution.id})
    return contribution


def _react(client, challenge, contribution_id, act, address="10.0.0.1"):
    html = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    return client.post(f"/c/{challenge['slug']}/ideas/{contribution_id}/{act}", environ_base={"REMOTE_ADDR": address},
                       data={"csrf_token": csrf_from(html)})


def test_support_once_per_browser_and_sorting(app, client, challenge):
    first = _published(challenge, client, IDEA)
    second = _published(challenge, client, "ขยายเวลาเปิดคลินิกช่วงเย็นสำหรับคนทำงาน")
    assert _react(client, challenge, second.id, "support").status_code == 200
    assert _react(client, challenge, second.id, "support").status_code == 409  # twice
    other_browser = app.test_client()
    assert _react(other_browser, challenge, second.id, "support", "10.0.0.2").status_code == 200
    db.session.rollback()
    assert db.session.get(type(second), second.id).support_count == 2
    by_support = client.get(f"/c/{challenge['slug']}?sort=support").get_data(as_text=True)
    assert by_support.index(f'id="idea-{second.id}"') < by_support.index(f'id="idea-{first.id}"')
    newest = client.get(f"/c/{challenge['slug']}?sort=newest").get_data(as_text=True)
    assert newest.index(f'id="idea-{second.id}"') < newest.index(f'id="idea-{first.id}"')
    assert _react(client, challenge, 999999, "support").status_code == 404


def test_merge_moves_supporters(app, client, challenge):
    keep = _published(challenge, client, IDEA)
    merged = _published(challenge, client, "อยากให้จองคิวโรงพยาบาลผ่านแอปได้ จะได้ไม่ต้องรอ")
    _react(client, challenge, keep.id, "support")
    _react(client, challenge, merged.id, "support")  # the same browser: counted once after the merge
    _react(app.test_client(), challenge, merged.id, "support", "10.0.0.3")
    moderation.merge(challenge["facilitator"], challenge["project"].id, {"id": merged.id, "into_contribution": keep.id})
    db.session.rollback()
    assert db.session.get(Contribution, keep.id).support_count == 2
    assert db.session.get(Contribution, merged.id).state == "merged"
    assert _events("contribution.merge")


def test_three_flags_hide_until_reviewed_and_one_flag_per_browser(app, client, challenge):
    idea = _published(challenge, client, IDEA)
    assert _react(client, challenge, idea.id, "flag", "10.1.0.1").status_code == 200
    assert _react(client, challenge, idea.id, "flag", "10.1.0.1").status_code == 409  # flag twice
    for n in (2, 3):
        assert _react(app.test_client(), challenge, idea.id, "flag", f"10.1.0.{n}").status_code == 200
    assert IDEA not in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    db.session.rollback()
    queue = moderation.queue(challenge["facilitator"], challenge["project"].id)
    assert [row["contribution"].id for row in queue["rows"]] == [idea.id]
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": idea.id})  # reviewed: kept
    assert IDEA in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)


def test_ops_are_in_the_registry_and_reachable_over_rest(client, challenge, sent):
    from ..conftest import token_for

    contribution, _link = sent
    headers = token_for(client, challenge["facilitator"])
    response = client.post(f"/api/v1/projects/{challenge['project'].id}/ops", headers=headers,
                           json={"type": "contribution.approve", "data": {"id": contribution.id}})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["contribution"]["state"] == "published" and "text" not in body["contribution"]
    bad = client.post(f"/api/v1/projects/{challenge['project'].id}/ops", headers=headers,
                      json={"type": "contribution.reject", "data": {"id": contribution.id, "reason": "x" * 5000}})
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "validation_error"


def test_qr_codes_encode_the_page_address(client, challenge):
    import segno

    png = client.get(f"/c/{challenge['slug']}/qr.png")
    svg = client.get(f"/c/{challenge['slug']}/qr.svg")
    assert png.data[:8] == b"\x89PNG\r\n\x1a\n" and svg.mimetype == "image/svg+xml"
    page = client.get(f"/c/{challenge['project'].id}").get_data(as_text=True)
    url = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    assert url.endswith("/c/hospital-wait")
    import io

    expected = io.BytesIO()
    segno.make(url, error="m").save(expected, kind="png", scale=10, border=4)
    assert expected.getvalue() == png.data
    assert 'property="og:title" content="รอคิวโรงพยาบาล"' in page and 'property="og:image"' in page
