"""Registration confirmed by e-mail: the same answer for new and taken addresses, single-use expiring links."""
from __future__ import annotations

from datetime import timedelta

import pytest

from govlab.extensions import db
from govlab.models import AccountToken, OutboxMail, User
from govlab.models.base import utcnow
from govlab.services import outbox
from tests.conftest import PASSWORD, csrf_from, mailed_link
from tests.mail.conftest import mail_app


def _register(client, email, name="Somebody", password=PASSWORD):
    token = csrf_from(client.get("/register").get_data(as_text=True))
    return client.post("/register", data={"name": name, "email": email, "password": password, "csrf_token": token})


def _sign_in(client, email, password=PASSWORD):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def _confirm(client, link):
    page = client.get(link)
    if page.status_code != 200:
        return page
    return client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))})


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_new_and_taken_addresses_get_the_same_page_and_different_mails(app, factory, smtp_server):
    owner = factory.user(name="Owner")
    pages = []
    for email in (owner.email, "fresh@example.org"):
        client = app.test_client()
        response = _register(client, email)
        assert response.status_code == 302 and response.headers["Location"] == "/register/sent"
        pages.append(_main(client.get("/register/sent").get_data(as_text=True)).replace(email, "ADDRESS"))
    assert pages[0] == pages[1] and "Check your inbox" in pages[0]
    assert outbox.send_due()["sent"] == 2
    smtp_server.inbox.wait_for(2)
    assert [m["Subject"] for m in smtp_server.inbox.to(owner.email)] == [
        "Someone tried to register on GovLab with your e-mail address"]
    assert [m["Subject"] for m in smtp_server.inbox.to("fresh@example.org")] == [
        "Confirm your e-mail address for GovLab"]
    db.session.rollback()
    assert db.session.query(User).filter_by(name="Somebody").count() == 1  # the taken address got no account


def test_the_account_works_only_after_the_link_and_the_link_works_once(app, client):
    _register(client, "newbie@example.org")
    refused = _sign_in(client, "newbie@example.org")
    assert refused.status_code == 403
    assert "not confirmed yet" in refused.get_data(as_text=True)
    assert "Send the confirmation mail again" in refused.get_data(as_text=True)
    assert client.post("/api/v1/tokens", json={"email": "newbie@example.org", "password": PASSWORD}).get_json() \
        ["error"]["code"] == "not_confirmed"
    assert _sign_in(client, "newbie@example.org", "wrong password!").status_code == 401  # wrong stays wrong
    link = mailed_link("newbie@example.org", "confirm")
    page = client.get(link)
    assert page.status_code == 200 and "Confirm my address" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    db.session.rollback()
    assert db.session.query(User).filter_by(email="newbie@example.org").one().confirmed_at is None  # GET spends nothing
    done = client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))})
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert _sign_in(client, "newbie@example.org").status_code == 302
    again = app.test_client().get(link)
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)
    second_post = client.post(link, data={"csrf_token": csrf_from(client.get("/login").get_data(as_text=True))})
    assert second_post.status_code == 410


def test_an_expired_link_is_refused_and_the_account_stays_unconfirmed(app, client):
    _register(client, "slow@example.org")
    link = mailed_link("slow@example.org", "confirm")
    db.session.query(AccountToken).update({"expires_at": utcnow() - timedelta(seconds=1)})
    db.session.commit()
    page = client.get(link)
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)
    assert _confirm(client, link).status_code == 410
    assert client.post(link, data={"csrf_token": csrf_from(page.get_data(as_text=True))}).status_code == 410
    db.session.rollback()
    assert db.session.query(User).filter_by(email="slow@example.org").one().confirmed_at is None
    assert _sign_in(client, "slow@example.org").status_code == 403


def test_a_link_expires_after_48_hours(app, client):
    _register(client, "timing@example.org")
    row = db.session.query(AccountToken).one()
    assert timedelta(hours=47, minutes=59) < row.expires_at - row.created_at <= timedelta(hours=48)
    assert row.purpose == "confirm" and len(row.verifier_hash) == 64
    assert row.verifier_hash not in mailed_link("timing@example.org", "confirm")  # stored hashed


@pytest.mark.parametrize("token", [
    "A" * 16 + "." + "b" * 43,  # well-formed, never issued
    "short", "A" * 200, "²" * 60, "AAAAAAAAAAAAAAA%00.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "%E0%B8%81" * 20, "..", "A" * 16 + ".." + "b" * 42,
])
def test_forged_and_malformed_links_are_refused_without_a_500(client, token):
    page = client.get(f"/confirm/{token}")
    assert page.status_code in (400, 404) and page.status_code != 500
    if page.status_code == 400:
        assert "not valid" in page.get_data(as_text=True)


def test_a_tampered_verifier_or_a_reset_link_does_not_confirm(app, client, factory):
    _register(client, "tamper@example.org")
    link = mailed_link("tamper@example.org", "confirm")
    selector, verifier = link.rsplit("/", 1)[1].split(".")
    flipped = verifier[:-1] + ("A" if verifier[-1] != "A" else "B")
    assert client.get(f"/confirm/{selector}.{flipped}").status_code == 400
    assert client.get(link.replace("/confirm/", "/password/reset/")).status_code == 400  # wrong purpose
    db.session.rollback()
    assert db.session.query(User).filter_by(email="tamper@example.org").one().confirmed_at is None


def test_resend_mails_a_new_link_only_to_someone_who_gave_the_password(app, client):
    _register(client, "forgetful@example.org")
    token = csrf_from(client.get("/login").get_data(as_text=True))
    client.post("/confirm/resend", data={"csrf_token": token})  # no password given in this browser: nothing
    db.session.rollback()
    assert db.session.query(OutboxMail).filter_by(kind="confirm").count() == 1
    _sign_in(client, "forgetful@example.org")
    response = client.post("/confirm/resend", data={"csrf_token": token})
    assert response.status_code == 302
    assert "a new link is on its way" in client.get("/login").get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(OutboxMail).filter_by(kind="confirm").count() == 2
    assert _confirm(client, mailed_link("forgetful@example.org", "confirm")).status_code == 302
    assert _sign_in(client, "forgetful@example.org").status_code == 302


def test_resend_is_rate_limited(tmp_path):
    app = mail_app(tmp_path, None, RATELIMIT_ENABLED=True, MAIL_LINK_RATE_LIMIT="2 per hour")
    with app.app_context():
        db.create_all()
        client = app.test_client()
        _register(client, "spam@example.org")
        _sign_in(client, "spam@example.org")
        token = csrf_from(client.get("/login").get_data(as_text=True))
        statuses = [client.post("/confirm/resend", data={"csrf_token": token}).status_code for _ in range(3)]
        assert statuses == [302, 302, 429]
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("email", ["a\x00b@example.org", "x" * 300 + "@example.org", "not-an-address",
                                   "ab@example.org\r\nBcc: victim@example.org", "", "é" * 250 + "@x.org"])
def test_bad_addresses_get_a_form_error_and_no_mail(client, email):
    response = _register(client, email)
    assert response.status_code == 200 and 'class="field-error" id="email-error"' in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(OutboxMail).count() == 0 and db.session.query(User).count() == 0


def test_users_made_by_the_cli_admin_demo_and_factories_are_confirmed(app, factory):
    from govlab.services.demo import seed_demo

    assert factory.user().confirmed_at is not None
    seed_demo()
    db.session.rollback()
    assert db.session.query(User).filter(User.confirmed_at.is_(None)).count() == 0
    assert db.session.query(OutboxMail).count() == 0  # nobody was mailed
