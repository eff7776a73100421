"""A citizen's light account: sign-up from the public page, submissions and support with the account,
"My contributions" with status and history, copy and erasure from the account, and claiming earlier
contributions only through a mailed link."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from sqlalchemy import select

from govlab.extensions import db
from govlab.models import AccountToken, Contribution, ContributionSupport, OutboxMail, User
from govlab.services import challenges, citizen_account, citizen_search, moderation

from ..conftest import PASSWORD, csrf_from, login, mailed_link
from .conftest import send

IDEA = "อยากให้มีระบบจองคิวออนไลน์ที่โรงพยาบาลชุมชน"


def _register(client, email, ref="hospital-wait"):
    path = f"/citizen/register?from={ref}"
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'name="org_id"' not in html  # a citizen is asked no organisation
    return client.post(path, data={"csrf_token": csrf_from(html), "name": "สมชาย รักดี", "email": email,
                                   "password": PASSWORD})


def _post(client, path, **data):
    token = csrf_from(client.get("/me/contributions").get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **data})


def _latest() -> Contribution:
    db.session.rollback()
    return db.session.scalars(select(Contribution).order_by(Contribution.id.desc())).first()


def _claim_link(address: str) -> str:
    db.session.rollback()
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.to_addr == address,
                                                       OutboxMail.kind == "contribution_claim")
                              .order_by(OutboxMail.id.desc())).first()
    assert mail is not None, f"no claim mail to {address}"
    found = re.search(r"https?://\S+/me/contributions/claim/\S+", mail.text_body)
    return urlsplit(found.group(0)).path if found else ""


def _citizen(client, email="somchai@example.org"):
    """Register from the public page, confirm by mail, sign in: the landing is "My contributions"."""
    response = _register(client, email)
    assert response.status_code == 302 and response.headers["Location"] == "/register/sent"
    link = mailed_link(email, "confirm")
    page = client.get(link)
    client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    db.session.rollback()
    user = db.session.scalars(select(User).where(User.email == email)).one()
    assert user.org_id is None and user.confirmed_at is not None
    signed = login(client, user)
    assert signed.status_code == 302 and signed.headers["Location"] == "/me/contributions"
    return user


def test_sign_up_from_the_public_page_without_an_organisation(app, client, challenge, factory):
    page = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert "/citizen/register?from=" in page
    user = _citizen(client)
    html = client.get("/me/contributions").get_data(as_text=True)
    assert "My contributions" in html and user.email in html and 'id="none-yet"' in html
    assert client.get("/me/contributions").headers["Cache-Control"] == "no-store"
    # a taken address gets the same answer and no second account
    other = app.test_client()
    assert _register(other, user.email).headers["Location"] == "/register/sent"
    db.session.rollback()
    assert db.session.query(User).filter_by(email=user.email).count() == 1
    # members keep landing on their projects
    member = factory.user()
    factory.member(challenge["project"], "member", member)
    assert login(app.test_client(), member).headers["Location"] == "/projects"


def test_weak_input_on_sign_up_is_a_clear_error(client, challenge):
    page = client.get("/citizen/register").get_data(as_text=True)
    for data in ({"email": "not-an-address", "password": PASSWORD, "name": "x"},
                 {"email": "a@example.org", "password": "12345678", "name": "x"},
                 {"email": "a@example.org", "password": PASSWORD, "name": ""},
                 {"email": "a\x00@example.org", "password": PASSWORD, "name": "x"}):
        response = client.post("/citizen/register", data={"csrf_token": csrf_from(page), **data})
        assert response.status_code == 422 and "field-error" in response.get_data(as_text=True)
    assert client.post("/citizen/register", data={"email": "a@example.org"}).status_code == 400  # no CSRF
    assert client.get("/citizen/register?from=" + "x" * 500).status_code == 200


def test_signed_in_submissions_go_to_the_account_and_support_is_one_per_account(client, challenge):
    user = _citizen(client)
    form = client.get(f"/c/{challenge['slug']}/idea").get_data(as_text=True)
    assert f'value="{user.email}"' in form and 'value="สมชาย รักดี"' in form  # prefilled
    response = send(client, challenge["slug"], IDEA, name="", contact="")  # cleared: still optional
    assert response.status_code == 200 and "/me/contributions" in response.get_data(as_text=True)
    mine = _latest()
    assert mine.user_id == user.id and mine.name is None and mine.email is None
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": mine.id})
    page = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    path = f"/c/{challenge['slug']}/ideas/{mine.id}/support"
    assert client.post(path, data={"csrf_token": csrf_from(page)}).status_code == 200
    assert client.post(path, data={"csrf_token": csrf_from(page)}).status_code == 409
    client.post("/logout", data={"csrf_token": csrf_from(page)})
    login(client, user)
    page = client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert client.post(path, data={"csrf_token": csrf_from(page)}).status_code == 409  # the account, not the browser
    db.session.rollback()
    assert db.session.query(ContributionSupport).count() == 1


def test_my_contributions_across_challenges_with_status_and_history(client, challenge, factory):
    user = _citizen(client)
    facilitator = challenge["facilitator"]
    second = factory.project(facilitator, visibility="public", title="ถนนน้ำท่วม")
    challenges.update_page(facilitator, second.id, {"experience_opens_on": "2020-01-01"})
    send(client, challenge["slug"], IDEA)
    first = _latest()
    send(client, str(second.id), "ถนนหน้าบ้านน้ำท่วมทุกปี รถผ่านไม่ได้", kind="experience")
    other = _latest()
    moderation.promote(facilitator, challenge["project"].id, {"id": first.id})
    html = client.get("/me/contributions").get_data(as_text=True)
    assert IDEA in html and "ถนนหน้าบ้านน้ำท่วมทุกปี" in html
    assert "รอคิวโรงพยาบาล" in html and "ถนนน้ำท่วม" in html  # both challenges
    item = html[html.index(f'id="contribution-{first.id}"'):html.index(f'id="contribution-{other.id}"')] \
        if html.index(f'id="contribution-{first.id}"') < html.index(f'id="contribution-{other.id}"') else \
        html[html.index(f'id="contribution-{first.id}"'):]
    assert 'data-status="published"' in item
    history = item[item.index('class="history"'):item.index("</ol>", item.index('class="history"'))]
    assert history.index("Received") < history.index("Published")
    rows = {row["contribution"].id: row for row in citizen_account.my_contributions(user)}
    assert [status for _at, status in rows[first.id]["history"]] == ["received", "published"]
    assert [status for _at, status in rows[other.id]["history"]] == ["received"]


def test_someone_elses_contribution_is_not_found(app, client, challenge):
    _citizen(client)
    send(client, challenge["slug"], IDEA)
    mine = _latest()
    stranger = app.test_client()
    _citizen(stranger, "stranger@example.org")
    assert IDEA not in stranger.get("/me/contributions").get_data(as_text=True)
    assert stranger.get(f"/me/contributions/{mine.id}/data.json").status_code == 404
    assert _post(stranger, f"/me/contributions/{mine.id}/erase").status_code == 404
    assert IDEA not in stranger.get("/me/contributions/data.json").get_data(as_text=True)
    for bad in ("²", "0", "99999999999", str(2**64), "-1"):
        assert stranger.get(f"/me/contributions/{bad}/data.json").status_code == 404
    db.session.rollback()
    assert db.session.get(Contribution, mine.id).erased_at is None
    anonymous = app.test_client()
    assert anonymous.get("/me/contributions").status_code == 302  # to sign-in
    assert anonymous.get(f"/me/contributions/{mine.id}/data.json").status_code == 302


def test_download_and_erase_from_the_account(client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA, name="สมชาย", contact=user.email, province="50")
    mine = _latest()
    moderation.approve(challenge["facilitator"], challenge["project"].id, {"id": mine.id})
    one = json.loads(client.get(f"/me/contributions/{mine.id}/data.json").data)
    assert one["contribution"]["text"] == IDEA and one["contribution"]["email"] == user.email
    everything = client.get("/me/contributions/data.json")
    assert everything.headers["Content-Disposition"].startswith("attachment")
    document = json.loads(everything.data)
    assert document["account"]["email"] == user.email and document["contributions"][0]["contribution"]["id"] == mine.id
    assert _post(client, f"/me/contributions/{mine.id}/erase", keep_text="yes").status_code == 302  # no s.26 consent
    assert "only with your explicit consent" in client.get("/me/contributions").get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Contribution, mine.id).email == user.email  # nothing half-done
    assert _post(client, f"/me/contributions/{mine.id}/erase").status_code == 302
    db.session.rollback()
    row = db.session.get(Contribution, mine.id)
    assert (row.name, row.email, row.province, row.text, row.user_id) == (None, None, None, "", None)
    assert IDEA not in client.get("/me/contributions").get_data(as_text=True)
    assert IDEA not in client.get(f"/c/{challenge['slug']}").get_data(as_text=True)
    assert citizen_search.search_public(challenge["project"].id, "โรงพยาบาล") == []
    assert db.session.scalars(select(OutboxMail).where(OutboxMail.to_addr == user.email,
                                                       OutboxMail.kind.like("contribution_%"))).all() == []


def test_erase_all_needs_the_box_ticked(client, challenge):
    _citizen(client)
    send(client, challenge["slug"], IDEA)
    send(client, challenge["slug"], "ถนนหน้าบ้านน้ำท่วมทุกปี รถผ่านไม่ได้", kind="experience")
    assert _post(client, "/me/contributions/erase").status_code == 302
    db.session.rollback()
    assert db.session.query(Contribution).filter(Contribution.erased_at.is_(None)).count() == 2
    _post(client, "/me/contributions/erase", confirm="yes")
    db.session.rollback()
    assert db.session.query(Contribution).filter(Contribution.erased_at.is_(None)).count() == 0
    assert client.post("/me/contributions/erase", data={"confirm": "yes"}).status_code == 400  # no CSRF


def test_earlier_contributions_are_claimed_only_through_the_mailed_link(app, client, challenge):
    anonymous = app.test_client()
    send(anonymous, challenge["slug"], IDEA, contact="somchai@example.org")
    earlier = _latest()
    send(anonymous, challenge["slug"], "ป้ายรถเมล์ไม่มีหลังคา ร้อนมาก", contact="someone.else@example.org",
         kind="experience")
    not_mine = _latest()
    user = _citizen(client)
    assert IDEA not in client.get("/me/contributions").get_data(as_text=True)  # not by the address alone
    # Asking (even naming another address) mails only the account's own address.
    assert _post(client, "/me/contributions/claim", email="someone.else@example.org").status_code == 302
    assert db.session.query(OutboxMail).filter_by(to_addr="someone.else@example.org",
                                                  kind="contribution_claim").count() == 0
    link = _claim_link(user.email)
    send(anonymous, challenge["slug"], "ขอให้มีที่จอดรถเพิ่มที่โรงพยาบาล", contact="somchai@example.org",
         kind="experience")
    later = _latest()  # sent after the mail: not what the mail counted
    # Opening the link shows a button; a mail scanner's GET changes nothing.
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    db.session.rollback()
    assert db.session.get(Contribution, earlier.id).user_id is None
    # Another account cannot use it.
    stranger = app.test_client()
    _citizen(stranger, "stranger@example.org")
    assert stranger.get(link).status_code == 403
    response = client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Contribution, earlier.id).user_id == user.id
    assert db.session.get(Contribution, later.id).user_id is None
    assert db.session.get(Contribution, not_mine.id).user_id is None
    assert IDEA in client.get("/me/contributions").get_data(as_text=True)
    again = client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert again.status_code == 410  # used once
    for bad in ("x", "a" * 16 + "." + "b" * 43, "²" * 60):
        assert client.get(f"/me/contributions/claim/{bad}").status_code == 400


def test_nothing_found_means_a_mail_without_a_link(client, challenge):
    user = _citizen(client)
    _post(client, "/me/contributions/claim")
    assert _claim_link(user.email) == ""
    db.session.rollback()
    assert db.session.query(AccountToken).filter_by(purpose="claim").count() == 0


def test_unconfirmed_accounts_get_no_claim_mail(app, challenge):
    from govlab.services import accounts

    accounts.register({"email": "waiting@example.org", "name": "Waiting", "password": PASSWORD})
    db.session.rollback()
    waiting = db.session.scalars(select(User).where(User.email == "waiting@example.org")).one()
    citizen_account.request_claim(waiting)
    db.session.rollback()
    assert db.session.query(OutboxMail).filter_by(kind="contribution_claim").count() == 0
