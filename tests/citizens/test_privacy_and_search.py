"""PDPA paths (copy, erasure everywhere, s.26, retention), Thai search, the page's weight and public data."""
from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlalchemy import select

from govlab.domain import thai_search
from govlab.extensions import db
from govlab.models import Card, Contribution, Event, OutboxMail
from govlab.models.base import utcnow
from govlab.services import citizen_privacy, citizen_search, moderation

from ..conftest import csrf_from
from .conftest import send

IDEA = "ไปโรงพยาบาลชุมชนแล้วรอนาน อยากให้มีคิวออนไลน์"


def _sent(client, challenge, text=IDEA, **extra) -> tuple[Contribution, str]:
    response = send(client, challenge["slug"], text, name="สมหญิง ใจดี", contact="somying@example.org",
                    province="50", **extra)
    assert response.status_code == 200
    db.session.rollback()
    contribution = db.session.scalars(select(Contribution).order_by(Contribution.id.desc())).first()
    from govlab.services.contributions import status_token

    return contribution, f"/contribution/{contribution.id}.{status_token(contribution)}"


def test_the_copy_holds_everything_about_the_person(client, challenge):
    contribution, link = _sent(client, challenge, sensitive_consent="yes")
    response = client.get(f"{link}/data.json")
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.data)
    person = document["contribution"]
    assert (person["name"], person["email"], person["province"], person["text"]) == (
        "สมหญิง ใจดี", "somying@example.org", "50", IDEA)
    assert sorted(c["purpose"] for c in document["consents"]) == ["s19", "s26"]
    assert document["mails"] and document["mails"][0]["status"] == "pending"


def test_erasure_reaches_page_export_search_and_outbox(client, challenge):
    contribution, link = _sent(client, challenge)
    facilitator, project = challenge["facilitator"], challenge["project"]
    moderation.promote(facilitator, project.id, {"id": contribution.id})
    assert citizen_search.search_public(project.id, "โรงพยาบาล")
    html = client.get(link).get_data(as_text=True)
    response = client.post(f"{link}/erase", data={"csrf_token": csrf_from(html)})
    assert response.status_code == 200
    db.session.rollback()
    row = db.session.get(Contribution, contribution.id)
    assert (row.name, row.email, row.province, row.text) == (None, None, None, "")
    assert client.get(link).status_code == 404  # the link stops working
    assert IDEA not in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert citizen_search.search_public(project.id, "โรงพยาบาล") == []
    assert db.session.scalars(select(OutboxMail).where(OutboxMail.to_addr == "somying@example.org")).all() == []
    card = db.session.get(Card, row.card_id)
    assert IDEA not in card.title + card.body
    erase_event = db.session.scalars(select(Event).where(Event.type == "contribution.erase")).one()
    assert "somying" not in str(erase_event.payload) and "สมหญิง" not in str(erase_event.payload)
    from ..conftest import token_for

    export = client.get(f"/api/v1/projects/{project.id}/export", headers=token_for(client, facilitator))
    text = export.get_data(as_text=True)
    assert export.status_code == 200 and "somying" not in text and "สมหญิง" not in text


def test_keeping_the_text_without_s26_consent_is_refused(client, challenge):
    contribution, link = _sent(client, challenge)
    html = client.get(link).get_data(as_text=True)
    assert 'name="keep_text"' not in html  # not offered
    response = client.post(f"{link}/erase", data={"csrf_token": csrf_from(html), "keep_text": "yes"})
    assert response.status_code == 400
    db.session.rollback()
    assert db.session.get(Contribution, contribution.id).email == "somying@example.org"  # nothing half-done


def test_with_s26_consent_the_text_stays_published_without_the_name(client, challenge):
    contribution, link = _sent(client, challenge, sensitive_consent="yes")
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": contribution.id})
    html = client.get(link).get_data(as_text=True)
    client.post(f"{link}/erase", data={"csrf_token": csrf_from(html), "keep_text": "yes"})
    page = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert IDEA in page and "สมหญิง" not in page


def test_retention_erases_old_contributions(app, client, challenge, monkeypatch):
    contribution, _link = _sent(client, challenge)
    assert citizen_privacy.apply_retention() == 0
    later = utcnow() + timedelta(days=app.config["CONTRIBUTION_RETENTION_DAYS"] + 1)
    assert citizen_privacy.apply_retention(now=later) == 1
    db.session.rollback()
    assert db.session.get(Contribution, contribution.id).email is None
    from click.testing import CliRunner

    from govlab import cli

    monkeypatch.setattr(cli, "_app", lambda: app)
    result = CliRunner().invoke(cli.cli, ["retention", "apply"])
    assert result.exit_code == 0 and "of 0 contribution(s)" in result.output


def test_bad_private_links_are_404(client):
    for token in ("x", "1.abc", "99999999999.aaaa", "²." + "a" * 40, "1." + "a" * 80):
        assert client.get(f"/contribution/{token}").status_code == 404


def test_public_pages_never_show_personal_data(client, challenge):
    contribution, _link = _sent(client, challenge)
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": contribution.id})
    for path in (f"/c/{challenge['slug']}", f"/c/{challenge['slug']}/search?q=คิว",
                 f"/projects/{challenge['project'].id}/board"):
        html = client.get(path).get_data(as_text=True)
        assert "สมหญิง" not in html and "somying" not in html
    for event in db.session.scalars(select(Event)):
        assert "somying" not in str(event.payload) and "สมหญิง" not in str(event.payload)


def test_the_page_weighs_under_100_kb_without_the_font(client, challenge):
    page = client.get(f"/c/{challenge['slug']}")
    html = page.get_data(as_text=True)
    total = len(page.data)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(client.get(asset).data)
    for module in re.findall(r'import[^"]*"\./([^"]+\.js)"', client.get("/static/js/app.js").get_data(as_text=True)):
        total += len(client.get(f"/static/js/{module}").data)
    assert total < 100 * 1024, total


CORPUS = {
    "hospital": "ไปโรงพยาบาลชุมชนแล้วรอนาน",
    "compound": "ห้องพยาบาลของโรงเรียนปิดเร็ว",
    "road": "ถนนหน้าบ้านน้ำท่วมทุกปี",
    "english": "The bus stop has no shade and buses are late",
    "shelter": "ที่พักผู้โดยสารไม่มีหลังคา bus stop ร้อนมาก",
}


def _corpus(client, challenge) -> dict[str, int]:
    ids = {}
    for n, (key, text) in enumerate(CORPUS.items()):
        response = client.post(f"/c/{challenge['slug']}/experience", environ_base={"REMOTE_ADDR": f"10.2.0.{n}"},
                               data=_fields(client, challenge) | {"text": text, "consent": "yes"})
        assert response.status_code == 200
        db.session.rollback()
        ids[key] = db.session.scalars(select(Contribution.id).order_by(Contribution.id.desc())).first()
        moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": ids[key]})
    return ids


def _fields(client, challenge):
    from .conftest import form_fields

    return form_fields(client, f"/c/{challenge['slug']}/experience")


def test_thai_search_corpus(client, challenge):
    ids = _corpus(client, challenge)
    project_id = challenge["project"].id

    def found(query):
        return [hit["contribution"].id for hit in citizen_search.search_public(project_id, query)]

    assert found("โรงพยาบาล") == [ids["hospital"]]  # a word inside a run of unspaced Thai
    ranked = found("พยาบาล")  # a whole word in one text, inside a longer word in another
    assert ids["hospital"] in ranked and ids["compound"] in ranked
    assert ranked == [ids["compound"], ids["hospital"]]  # "ห้อง|พยาบาล" (whole) above "โรงพยาบาล" (inside)
    assert ids["road"] in found("น้ำ")  # 2 characters
    assert found("ถ")  # 1 character
    assert set(found("bus")) == {ids["english"], ids["shelter"]}  # English alike, in the same box
    assert ids["english"] in found("BUSES") or ids["english"] in found("buses")
    assert found("bus stop")[:2] and set(found("bus stop")[:2]) == {ids["english"], ids["shelter"]}
    assert found("") == [] and found("\x00") == [] and found("%") == [] and found("x" * 10_000) == []
    html = client.get(f"/c/{challenge['slug']}/search?q=โรงพยาบาล").get_data(as_text=True)
    assert "<mark>โรงพยาบาล</mark>" in html


def test_whole_words_rank_above_inside_words():
    assert thai_search.score(["พยาบาล"], {"พยาบาล"}, set()) > thai_search.score(["พยาบาล"], set(), {"พยาบาล"})
    assert thai_search.words("ไปโรงพยาบาลชุมชนแล้วรอนาน")[:3] == ["ไป", "โรงพยาบาล", "ชุมชน"]


def test_similar_ideas_are_suggested_before_sending(client, challenge):
    first = send(client, challenge["slug"], "อยากให้มีระบบจองคิวออนไลน์ที่โรงพยาบาล")
    assert first.status_code == 200
    db.session.rollback()
    existing = db.session.scalars(select(Contribution)).one()
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": existing.id})
    response = send(client, challenge["slug"], "ระบบจองคิวออนไลน์ที่โรงพยาบาล ดีมาก", website="")
    html = response.get_data(as_text=True)
    assert "Support this one instead" in html and 'name="confirm_new" value="yes"' in html
    db.session.rollback()
    assert db.session.query(Contribution).count() == 1  # nothing stored until confirmed
    confirmed = send(client, challenge["slug"], "ระบบจองคิวออนไลน์ที่โรงพยาบาล ดีมาก", confirm_new="yes")
    assert confirmed.status_code == 200 and "Thank you" in confirmed.get_data(as_text=True)


def test_participation_counts_citizens_without_showing_anyone(client, challenge):
    _sent(client, challenge)
    _sent(client, challenge, text="ถนนหน้าบ้านน้ำท่วมทุกปี ควรลอกท่อระบายน้ำ")
    from ..conftest import login

    login(client, challenge["facilitator"])
    html = client.get(f"/projects/{challenge['project'].id}/participation?period=all").get_data(as_text=True)
    assert "Contributions from citizens in this period: 2" in html
    assert re.search(r"Chiang Mai</th><td class=\"num\">2<", html)
    assert "สมหญิง" not in html and "somying" not in html


def test_erasure_leaves_no_word_of_the_text_in_the_cards_history(client, challenge):
    """The promoted card's past Events, a closed vote's results and the CRDT rows forget the text too."""
    import base64

    from pycrdt import Doc, Text

    from govlab.models import CardTextUpdate, Vote
    from govlab.services import text, votes

    contribution, link = _sent(client, challenge)
    facilitator, project = challenge["facilitator"], challenge["project"]
    moderation.promote(facilitator, project.id, {"id": contribution.id})
    card_id = db.session.get(Contribution, contribution.id).card_id
    # Someone types in the card (CRDT rows and card.text deltas), a REST-style edit, a closed vote on it.
    doc = Doc()
    doc.apply_update(base64.b64decode(text.text_state(facilitator, card_id)["update"]))
    before = doc.get_state()
    doc.get("body", type=Text).insert(0, "คิวออนไลน์ช่วยได้มาก ")
    text.apply_text_update(facilitator, card_id, base64.b64encode(doc.get_update(before)).decode(),
                           in_project=project.id)
    vote = votes.open_vote(facilitator, project.id, {"card_ids": [card_id]})
    votes.add_dot(facilitator, project.id, {"vote_id": vote.id, "card_id": card_id})
    votes.close_vote(facilitator, project.id, {"vote_id": vote.id})
    db.session.rollback()
    words = ("ชุมชนแล้วรอนาน", "คิวออนไลน์")

    def traces() -> list[str]:
        db.session.rollback()
        found = [json.dumps(event.payload, ensure_ascii=False) for event in db.session.scalars(
            select(Event).where(Event.project_id == project.id))]
        found += [json.dumps(v.results, ensure_ascii=False) for v in db.session.scalars(select(Vote))]
        deltas = [base64.b64decode(d) for e in db.session.scalars(select(Event)) for key in ("update", "text_update")
                  if isinstance(d := (e.payload or {}).get(key), str)]
        rows = list(db.session.scalars(select(CardTextUpdate.update).where(CardTextUpdate.card_id == card_id)))
        found += [blob.decode("utf-8", "replace") for blob in deltas + rows]
        return [trace for trace in found if any(word in trace for word in words)]

    assert traces()  # the text is in the history before the erasure (so the check below means something)
    html = client.get(link).get_data(as_text=True)
    assert client.post(f"{link}/erase", data={"csrf_token": csrf_from(html)}).status_code == 200
    assert traces() == []
    card = db.session.get(Card, card_id)
    assert card.deleted_at is None and not any(word in card.title + card.body for word in words)  # it stays
    assert text.text_state(facilitator, card_id)["update"]  # its document still opens
    erased = db.session.scalars(select(Event).where(Event.type == "card.update").order_by(Event.id.desc())).first()
    assert erased.payload["card"]["body"] == "" and "text_update" in erased.payload  # the erasure itself, as sent
    from ..conftest import token_for

    export = client.get(f"/api/v1/projects/{project.id}/export", headers=token_for(client, facilitator))
    assert export.status_code == 200 and not any(word in export.get_data(as_text=True) for word in words)


def test_participation_counts_months_as_thailand_has_them(client, challenge):
    """The period's days are Bangkok days, and so are its months: an idea sent at 03:00 on 1 December in Bangkok
    (20:00 on 30 November in UTC) counts in December."""
    from datetime import datetime, timezone

    from govlab.services.participation import participation

    late, _link = _sent(client, challenge)
    early, _link = _sent(client, challenge, text="ถนนหน้าบ้านน้ำท่วมทุกปี ควรลอกท่อระบายน้ำ")
    late.created_at = datetime(2026, 11, 30, 20, 0, tzinfo=timezone.utc)
    early.created_at = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)
    db.session.commit()
    counted = participation(challenge["facilitator"], challenge["project"].id, {"period": "all"})
    assert counted["citizens"]["months"] == [("2026-11", 1), ("2026-12", 1)]
    from ..conftest import login

    login(client, challenge["facilitator"])
    for language, december in (("en", "December 2026"), ("th", "ธันวาคม 2569")):
        html = client.get(f"/projects/{challenge['project'].id}/participation?period=all",
                          headers={"Accept-Language": language}).get_data(as_text=True)
        months = html[html.index('data-citizens="months"'):]
        assert f'<th scope="row">{december}</th><td class="num">1<' in months, months[:600]
