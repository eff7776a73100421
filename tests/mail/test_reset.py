"""Password reset by e-mail: same answer for any address, single-use 1-hour link, everything else signed out."""
from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from govlab.cli import cli
from govlab.extensions import db
from govlab.models import AccountToken, ApiToken, OutboxMail
from govlab.models.base import utcnow
from govlab.services import accounts, outbox
from govlab.services.access import SYSTEM
from tests.conftest import PASSWORD, csrf_from, login, mailed_link, token_for
from tests.mail.conftest import mail_app
from tests.realtime.conftest import sockets  # noqa: F401 (fixture)

NEW = "a brand new phrase 42"


def _forgot(client, email):
    token = csrf_from(client.get("/password/forgot").get_data(as_text=True))
    return client.post("/password/forgot", data={"email": email, "csrf_token": token})


def _reset(client, link, password=NEW):
    page = client.get(link)
    if page.status_code != 200:
        return page
    return client.post(link, data={"new": password, "csrf_token": csrf_from(page.get_data(as_text=True))})


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_the_login_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").get_data(as_text=True)


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_owner_a_mail(app, factory, smtp_server):
    user = factory.user(locale="th")
    disabled = factory.user()
    accounts.set_disabled(SYSTEM, disabled.id, True)
    pages = []
    for email in (user.email, "nobody@example.org", disabled.email):
        client = app.test_client()
        response = _forgot(client, email)
        assert response.status_code == 302 and response.headers["Location"] == "/password/forgot/sent"
        pages.append(_main(client.get("/password/forgot/sent").get_data(as_text=True)).replace(email, "ADDRESS"))
    assert pages[0] == pages[1] == pages[2]
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    (rcpt, message), = smtp_server.inbox.wait_for(1)
    assert rcpt == [user.email] and message["Subject"] == "ตั้งรหัสผ่าน GovLab ใหม่"
    assert "https://govlab.example.go.th/password/reset/" in message.get_body(("plain",)).get_content()


def test_the_link_sets_a_new_password_once_and_lasts_one_hour(app, client, factory):
    user = factory.user()
    _forgot(client, user.email)
    db.session.rollback()
    row = db.session.query(AccountToken).one()
    assert timedelta(minutes=59) < row.expires_at - row.created_at <= timedelta(hours=1)
    link = mailed_link(user.email, "reset")
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    done = _reset(client, link)
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert login(app.test_client(), user).status_code == 401  # the old password is gone
    assert login(app.test_client(), user, NEW).status_code == 302
    assert _reset(app.test_client(), link, "another fine phrase 7").status_code == 410  # used
    assert login(app.test_client(), user, NEW).status_code == 302


def test_an_expired_reset_link_is_refused(app, client, factory):
    user = factory.user()
    _forgot(client, user.email)
    link = mailed_link(user.email, "reset")
    db.session.rollback()
    db.session.query(AccountToken).update({"expires_at": utcnow() - timedelta(seconds=1)})
    db.session.commit()
    assert client.get(link).status_code == 410
    page = client.get("/password/forgot")
    refused = client.post(link, data={"new": NEW, "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert refused.status_code == 410 and "Ask for a new link" in refused.get_data(as_text=True)
    assert login(app.test_client(), user).status_code == 302  # unchanged


@pytest.mark.parametrize("password", ["short", "password", " " * 12, "x" * 300, "EMAIL"])
def test_the_same_password_rules_apply_and_the_link_stays_usable(app, client, factory, password):
    user = factory.user()
    password = user.email if password == "EMAIL" else password  # made of one's own address: guessable
    _forgot(client, user.email)
    link = mailed_link(user.email, "reset")
    refused = _reset(client, link, password)
    assert refused.status_code == 422 and 'class="field-error"' in refused.get_data(as_text=True)
    assert _reset(client, link).status_code == 302


@pytest.mark.parametrize("token", ["A" * 16 + "." + "b" * 43, "x", "A" * 5000, "١" * 60, "%00" * 20])
def test_forged_reset_links_are_refused(app, client, factory, token):
    factory.user()
    page = client.get(f"/password/reset/{token}")
    assert page.status_code in (400, 404)
    posted = client.post(f"/password/reset/{token}",
                         data={"new": NEW, "csrf_token": csrf_from(client.get("/login").get_data(as_text=True))})
    assert posted.status_code in (400, 404)


@pytest.mark.parametrize("email", ["a\x00b@example.org", "y" * 400 + "@example.org", "nope", "é" * 300])
def test_bad_addresses_on_forgot_get_a_form_error_and_no_mail(client, email):
    response = _forgot(client, email)
    assert response.status_code == 200 and 'id="email-error"' in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(OutboxMail).count() == 0


def test_a_reset_ends_every_session_token_and_socket_of_the_account(app, world, sockets):  # noqa: F811
    member = world["users"]["member"]
    here, there = app.test_client(), app.test_client()
    login(here, member)
    login(there, member)
    headers = token_for(app.test_client(), member)
    browser_a, browser_b = sockets(client=here), sockets(client=there)
    by_token = sockets(token=headers["Authorization"].split()[1])
    for sock in (browser_a, browser_b, by_token):
        assert sock.join(world["private"]["project"].id)["ok"]
    anonymous = app.test_client()
    _forgot(anonymous, member.email)
    assert _reset(anonymous, mailed_link(member.email, "reset")).status_code == 302
    for sock in (browser_a, browser_b, by_token):
        assert sock.wait_for("revoked")["reason"] == "password_reset"
        assert not sock.connected
    assert here.get("/profile").status_code == 302 and there.get("/profile").status_code == 302
    assert app.test_client().get("/api/v1/projects", headers=headers).status_code == 401
    db.session.rollback()
    assert db.session.query(ApiToken).filter_by(user_id=member.id).count() == 0


def test_resetting_while_signed_in_keeps_this_browser(app, world, sockets):  # noqa: F811
    member = world["users"]["member"]
    here, there = app.test_client(), app.test_client()
    login(here, member)
    login(there, member)
    mine, theirs = sockets(client=here), sockets(client=there)
    _forgot(here, member.email)
    done = _reset(here, mailed_link(member.email, "reset"))
    assert done.status_code == 302 and done.headers["Location"] == "/projects"
    assert theirs.wait_for("revoked") == {"reason": "password_reset"}
    assert mine.connected and here.get("/profile").status_code == 200
    assert there.get("/profile").status_code == 302


def test_a_reset_confirms_an_unconfirmed_account(app, client):
    with app.test_request_context("/"):
        accounts.register({"email": "squat@example.org", "name": "Squatter", "password": "someone else's phrase"})
    _forgot(client, "squat@example.org")
    assert _reset(client, mailed_link("squat@example.org", "reset")).status_code == 302
    token = csrf_from(client.get("/login").get_data(as_text=True))
    signed_in = client.post("/login", data={"email": "squat@example.org", "password": NEW, "csrf_token": token})
    assert signed_in.status_code == 302
    assert _reset(client, mailed_link("squat@example.org", "reset"), "another fine phrase 7").status_code == 410


def test_forgot_is_rate_limited_per_address_and_email(tmp_path):
    app = mail_app(tmp_path, None, RATELIMIT_ENABLED=True, MAIL_LINK_RATE_LIMIT="2 per hour")
    with app.app_context():
        db.create_all()
        client = app.test_client()
        assert [_forgot(client, "target@example.org").status_code for _ in range(3)] == [302, 302, 429]
        assert _forgot(client, "other@example.org").status_code == 302
        db.session.remove()
        db.engine.dispose()


def _cli_env(app, monkeypatch, tmp_path):
    db.session.remove()
    monkeypatch.setenv("GOVLAB_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("GOVLAB_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("GOVLAB_BASE_URL", "https://lab.example.go.th/")
    monkeypatch.setenv("GOVLAB_SECRET_KEY", app.config["SECRET_KEY"])  # links are keyed with it


def test_the_cli_prints_a_one_time_link_that_works(app, factory, monkeypatch, tmp_path):
    user = factory.user()
    email = user.email
    _cli_env(app, monkeypatch, tmp_path)
    result = CliRunner().invoke(cli, ["user", "reset-password", email.upper()])
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert link.startswith("https://lab.example.go.th/password/reset/")
    client = app.test_client()
    assert _reset(client, link.removeprefix("https://lab.example.go.th")).status_code == 302
    assert login(app.test_client(), user, NEW).status_code == 302
    assert CliRunner().invoke(cli, ["user", "reset-password", "nobody@example.org"]).exit_code == 2
    assert CliRunner().invoke(cli, ["user", "reset-password", "bad\x00@example.org"]).exit_code == 2


def test_the_cli_sets_a_typed_password_with_the_same_rules(app, factory, monkeypatch, tmp_path):
    user = factory.user()
    email = user.email
    _cli_env(app, monkeypatch, tmp_path)
    weak = CliRunner().invoke(cli, ["user", "reset-password", email, "--set-password"], input="password\npassword\n")
    assert weak.exit_code == 2 and "too easy to guess" in weak.output
    ok = CliRunner().invoke(cli, ["user", "reset-password", email, "--set-password"], input=f"{NEW}\n{NEW}\n")
    assert ok.exit_code == 0, ok.output
    assert login(app.test_client(), user, NEW).status_code == 302
