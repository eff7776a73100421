"""Submitting without an account: the form, consent records, and every abuse path."""
from __future__ import annotations

from sqlalchemy import select

from govlab.extensions import db
from govlab.models import ConsentRecord, Contribution, Event, OutboxMail
from govlab.services import challenges

from ..conftest import make_config
from .conftest import form_fields, private_link, send

IDEA = "ไปโรงพยาบาลชุมชนแล้วรอนาน ควรมีระบบจองคิวออนไลน์"


def _count() -> int:
    db.session.rollback()
    return db.session.query(Contribution).count()


def test_a_citizen_sends_an_idea_and_gets_a_private_link(client, challenge):
    form = client.get(f"/c/{challenge['project'].id}/idea").get_data(as_text=True)
    assert f'action="/c/{challenge["slug"]}/idea"' in form  # posts to the page's own address
    response = send(client, challenge["slug"], IDEA, province="40", age_band="25_34", who="resident",
                    name="สมชาย", contact="081-234-5678")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    link = private_link(response)
    db.session.rollback()
    contribution = db.session.scalars(select(Contribution)).one()
    assert (contribution.state, contribution.province, contribution.phone) == ("pending", "40", "0812345678")
    consents = db.session.scalars(select(ConsentRecord)).all()
    assert [(c.purpose, c.version) for c in consents] == [("s19", "2025-1")]  # s.26 left unticked
    page = client.get(link)
    assert page.status_code == 200 and IDEA in page.get_data(as_text=True)
    # The Event says nothing about the person, nor the unmoderated text.
    event = db.session.scalars(select(Event).where(Event.type == "contribution.submit")).one()
    assert "สมชาย" not in str(event.payload) and IDEA not in str(event.payload) and "081" not in str(event.payload)


def test_with_an_email_the_link_is_mailed_not_shown(client, challenge):
    response = send(client, challenge["slug"], IDEA, contact="Somchai@Example.org")
    assert "/contribution/" not in response.get_data(as_text=True)
    db.session.rollback()
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "contribution_received")).one()
    assert mail.to_addr == "somchai@example.org" and "/contribution/" in mail.text_body


def test_consent_is_required_and_s26_is_recorded_when_ticked(client, challenge):
    path = f"/c/{challenge['slug']}/idea"
    response = client.post(path, data=form_fields(client, path) | {"text": IDEA})
    assert response.status_code == 400 and _count() == 0
    send(client, challenge["slug"], IDEA, sensitive_consent="yes")
    db.session.rollback()
    assert sorted(c.purpose for c in db.session.scalars(select(ConsentRecord))) == ["s19", "s26"]


def test_honeypot_is_refused(client, challenge):
    assert send(client, challenge["slug"], IDEA, website="http://spam.example").status_code == 400
    assert _count() == 0


def test_too_fast_and_forged_stamps_are_refused(app, client, challenge):
    app.config["CONTRIBUTION_MIN_SECONDS"] = 60
    assert send(client, challenge["slug"], IDEA).status_code == 400
    app.config["CONTRIBUTION_MIN_SECONDS"] = 0
    path = f"/c/{challenge['slug']}/idea"
    forged = form_fields(client, path) | {"stamp": "MTIz.forged", "text": IDEA, "consent": "yes"}
    assert client.post(path, data=forged).status_code == 400
    assert _count() == 0


def test_oversize_and_odd_text_is_refused(client, challenge):
    assert send(client, challenge["slug"], "ก" * 2001).status_code == 400
    assert send(client, challenge["slug"], "สั้น").status_code == 400
    assert send(client, challenge["slug"], "bad\x00text with a NUL inside").status_code == 400
    assert send(client, challenge["slug"], IDEA, name="x" * 101).status_code == 400
    assert send(client, challenge["slug"], IDEA, contact="๐๘๑๒๓๔๕๖๗๘").status_code == 400  # Thai digits
    assert send(client, challenge["slug"], IDEA, province="99").status_code == 400
    assert send(client, challenge["slug"], IDEA, age_band="²").status_code == 400
    assert _count() == 0


def test_exact_duplicate_from_the_same_source_is_refused(client, challenge):
    assert send(client, challenge["slug"], IDEA).status_code == 200
    again = send(client, challenge["slug"], "  " + IDEA.replace(" ", "  ") + "!! ")
    assert again.status_code == 409 and _count() == 1
    # Another address may say the same thing.
    other = client.post(
        f"/c/{challenge['slug']}/idea", environ_base={"REMOTE_ADDR": "10.9.8.7"},
        data=form_fields(client, f"/c/{challenge['slug']}/idea") | {"text": IDEA, "consent": "yes"})
    assert other.status_code == 200 and _count() == 2


def test_closed_call_private_and_unknown_projects(client, challenge, factory):
    project = challenge["project"]
    challenges.update_page(challenge["facilitator"], project.id, {"idea_closes_on": "2020-12-31"})
    page = client.get(f"/c/{challenge['slug']}/idea")
    assert page.status_code == 200 and 'name="text"' not in page.get_data(as_text=True)
    fields = form_fields(client, f"/c/{challenge['slug']}/experience")
    closed = client.post(f"/c/{challenge['slug']}/idea", data=fields | {"text": IDEA, "consent": "yes"})
    assert closed.status_code == 400 and _count() == 0
    private = factory.project(visibility="private")
    assert client.get(f"/c/{private.id}").status_code == 404
    assert client.post(f"/c/{private.id}/idea", data=fields | {"text": IDEA, "consent": "yes"}).status_code == 404
    assert client.get("/c/no-such-page").status_code == 404
    assert client.get("/c/99999999999999999999").status_code == 404
    assert _count() == 0


def test_rate_limit_per_address(tmp_path, factory):
    from govlab import create_app
    from govlab.extensions import db as database

    app = create_app(make_config(tmp_path / "limited", RATELIMIT_ENABLED=True, CONTRIBUTION_MIN_SECONDS=0,
                                 CONTRIBUTION_RATE_LIMIT="3 per minute"))
    with app.app_context():
        database.create_all()
        facilitator = factory.user()
        project = factory.project(facilitator, visibility="public")
        challenges.update_page(facilitator, project.id, {"idea_opens_on": "2020-01-01"})
        client = app.test_client()
        codes = [send(client, str(project.id), f"{IDEA} {n} ครั้งที่ต่างกัน").status_code for n in range(4)]
        assert codes == [200, 200, 200, 429]
        database.session.remove()
        database.engine.dispose()
