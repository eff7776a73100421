"""The outbox against a real SMTP server (aiosmtpd): delivery, language, retries, leases, the admin page."""
from __future__ import annotations

import threading
import time

import pytest
from click.testing import CliRunner

from govlab.cli import cli
from govlab.extensions import db
from govlab.models import OutboxMail, User
from govlab.models.base import utcnow
from govlab.sender import start_sender
from govlab.services import accounts, outbox
from govlab.services.unit_of_work import write_transaction
from tests.conftest import PASSWORD, csrf_from, login


def _register(app, email, name="Somchai", locale="en"):
    """Register as a browser with the given language would (a request context, as the page does)."""
    with app.test_request_context("/register", headers={"Accept-Language": locale}):
        return accounts.register({"email": email, "name": name, "password": PASSWORD}, mail_locale=locale)


def _rows():
    db.session.rollback()
    return db.session.query(OutboxMail).order_by(OutboxMail.id).all()


def _waited_between(next_at, before, after, delay):
    """The retry was set `delay` seconds (±25 % jitter) after a try made between `before` and `after`."""
    assert (next_at - before).total_seconds() >= delay * 0.75
    assert (next_at - after).total_seconds() <= delay * 1.25


def _until(predicate, timeout=10.0):
    """Wait for a condition (polling the database), failing after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.rollback()
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_a_registration_mail_reaches_the_smtp_server_in_the_registrants_language(app, smtp_server):
    _register(app, "somchai@example.org", name="สมชาย <b>ใจดี</b>", locale="th")
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    rcpt, message = smtp_server.inbox.wait_for(1)[0]
    assert rcpt == ["somchai@example.org"] and message["To"] == "somchai@example.org"
    assert message["From"] == "GovLab <noreply@govlab.test>" and message["Message-ID"]
    assert message["Subject"] == "ยืนยันอีเมลของคุณสำหรับ GovLab"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "สวัสดีคุณ สมชาย <b>ใจดี</b>" in text  # plain text is not HTML-escaped
    assert "สมชาย &lt;b&gt;ใจดี&lt;/b&gt;" in html and "<b>ใจดี" not in html  # HTML is
    assert "https://govlab.example.go.th/confirm/" in text and 'href="https://govlab.example.go.th/confirm/' in html
    year = utcnow().year + 543
    assert str(year) in text or str(year + 1) in text  # Buddhist Era year in the expiry
    row = _rows()[0]
    assert (row.status, row.attempts, row.text_body, row.html_body) == ("sent", 1, "", "")  # links not kept


def test_an_existing_owner_is_told_in_their_own_language(app, smtp_server, factory):
    owner = factory.user(name="Malee", locale="th")
    _register(app, owner.email.upper(), locale="en")
    outbox.send_due()
    message = smtp_server.inbox.wait_for(1)[0][1]
    assert message["Subject"] == "มีผู้พยายามสมัคร GovLab ด้วยอีเมลของคุณ"
    assert "https://govlab.example.go.th/password/forgot" in message.get_body(("plain",)).get_content()
    english = factory.user(name="Ann", locale="en")
    _register(app, english.email, locale="th")
    outbox.send_due()
    assert smtp_server.inbox.wait_for(2)[1][1]["Subject"] == "Someone tried to register on GovLab with your e-mail address"


def test_smtp_down_loses_nothing_backs_off_and_delivers_when_it_is_back(app, smtp_down):
    user = _register(app, "patient@example.org")
    db.session.rollback()
    assert db.session.get(User, user.id) is not None  # the change that caused the mail is committed
    before, counts, after = utcnow(), outbox.send_due(), utcnow()
    assert counts == {"sent": 0, "failed": 1}
    first = _rows()[0]
    assert first.status == "pending" and first.attempts == 1 and first.lease_owner is None
    assert "Connection refused" in first.last_error or "Errno" in first.last_error
    _waited_between(first.next_attempt_at, before, after, 0.05)  # base 0.05 s, ±25 %
    first_id = first.id
    _until(lambda: db.session.get(OutboxMail, first_id).next_attempt_at <= utcnow())
    before, counts, after = utcnow(), outbox.send_due(), utcnow()
    assert counts == {"sent": 0, "failed": 1}
    second = _rows()[0]
    assert second.attempts == 2
    _waited_between(second.next_attempt_at, before, after, 0.10)  # doubled
    smtp_down.start()
    _until(lambda: db.session.get(OutboxMail, first_id).next_attempt_at <= utcnow())
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    assert len(smtp_down.inbox.wait_for(1)) == 1
    assert _rows()[0].status == "sent" and _rows()[0].attempts == 3


def test_the_server_task_retries_on_its_own_and_delivers_once_smtp_is_up(app, smtp_down):
    sender = start_sender(app)
    try:
        _register(app, "later@example.org")
        _until(lambda: db.session.query(OutboxMail).one().attempts >= 2)  # woken by the commit, then backoff
        smtp_down.start()
        assert len(smtp_down.inbox.wait_for(1, timeout=15)) == 1
        _until(lambda: db.session.query(OutboxMail).one().status == "sent")
    finally:
        sender.stop()
        sender.task.join()


def test_a_commit_wakes_the_server_task_at_once(app, smtp_server):
    app.config["MAIL_POLL"] = 60.0  # without the wake-up, the mail would wait a minute
    sender = start_sender(app)
    try:
        _until(lambda: sender.passes >= 1)
        _register(app, "quick@example.org")
        assert smtp_server.inbox.wait_for(1, timeout=5)
    finally:
        sender.stop()
        sender.task.join()


def test_a_rolled_back_change_writes_no_mail(app, smtp_server):
    with pytest.raises(RuntimeError):
        with app.test_request_context("/"):
            with write_transaction() as unit:
                outbox.enqueue(unit, "nobody@example.org", "reset", "en", name="x", link="https://x", expires="",
                               hours=1)
                raise RuntimeError("the change failed")
    assert _rows() == [] and outbox.send_due() == {"sent": 0, "failed": 0}


def test_two_senders_at_once_send_each_mail_once(app, smtp_server):
    count = 30
    with app.test_request_context("/"):
        with write_transaction() as unit:
            for n in range(count):
                outbox.enqueue(unit, f"crowd{n}@example.org", "reset", "en", name=f"P{n}", link="https://x",
                               expires="", hours=1)
    totals, start = [], threading.Barrier(2)

    def sender():
        with app.app_context():
            start.wait()
            totals.append(outbox.send_due())
            db.session.remove()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    messages = smtp_server.inbox.wait_for(count)
    time.sleep(0)  # nothing more is in flight: both senders returned
    assert sum(total["sent"] for total in totals) == count
    recipients = [rcpt[0] for rcpt, _message in smtp_server.inbox.messages]
    assert len(recipients) == count == len(set(recipients)) == len(messages)
    assert {row.status for row in _rows()} == {"sent"}


def test_a_leased_mail_is_not_claimed_by_another_sender(app, smtp_server):
    _register(app, "leased@example.org")
    mine = outbox.claim("sender-a")
    assert len(mine) == 1 and outbox.claim("sender-b") == []
    row = _rows()[0]
    row.lease_until = utcnow()  # sender-a died: its lease runs out
    db.session.commit()
    assert [mail.id for mail in outbox.claim("sender-b")] == [mine[0].id]


def test_a_refused_recipient_fails_for_good_and_the_others_still_leave(app, smtp_server):
    async def refuse(server, session, envelope, address, rcpt_options):
        if address.startswith("ghost"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.inbox.handle_RCPT = refuse
    _register(app, "ghost@example.org")
    _register(app, "real@example.org")
    counts = outbox.send_due()
    assert counts == {"sent": 1, "failed": 1}
    ghost, real = _rows()
    assert ghost.status == "failed" and "550" in ghost.last_error and ghost.attempts == 1
    assert real.status == "sent"


def test_a_mail_gives_up_after_its_last_try(app, smtp_down):
    app.config["MAIL_MAX_ATTEMPTS"] = 2
    _register(app, "never@example.org")
    outbox.send_due()
    _until(lambda: db.session.query(OutboxMail).one().next_attempt_at <= utcnow())
    outbox.send_due()
    row = _rows()[0]
    assert row.status == "failed" and row.attempts == 2 and row.text_body  # kept for a retry by an admin


def test_without_smtp_mail_waits_and_the_admin_page_lists_it(app, client, factory):
    admin = factory.user(admin=True)
    _register(app, "waiting@example.org")
    assert outbox.send_due() == {"sent": 0, "failed": 0}
    assert _rows()[0].status == "pending" and _rows()[0].attempts == 0
    login(client, admin)
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "waiting@example.org" in page and "Confirm your e-mail address for GovLab" in page
    assert "No SMTP server is set up" in page and 'href="/admin/outbox"' in page
    assert "/confirm/" not in page  # the link itself is never shown
    assert "waiting@example.org" not in client.get("/admin/outbox?status=sent").get_data(as_text=True)
    for status in ("<script>", "x" * 5000, "pending\x00"):
        assert client.get("/admin/outbox", query_string={"status": status}).status_code == 200


def test_only_site_admins_see_the_outbox(app, client, factory):
    login(client, factory.user())
    assert client.get("/admin/outbox").status_code == 403
    assert app.test_client().get("/admin/outbox").status_code == 302  # to sign-in


def test_an_admin_sends_a_failed_mail_again(app, client, factory, smtp_down):
    app.config["MAIL_MAX_ATTEMPTS"] = 1
    admin = factory.user(admin=True)
    _register(app, "again@example.org")
    outbox.send_due()
    row = _rows()[0]
    assert row.status == "failed"
    login(client, admin)
    page = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "Send again" in page
    assert client.post(f"/admin/outbox/{row.id}/retry", data={"csrf_token": csrf_from(page)}).status_code == 302
    smtp_down.start()
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    assert smtp_down.inbox.wait_for(1)
    again = client.post(f"/admin/outbox/{row.id}/retry", data={"csrf_token": csrf_from(page)})
    assert again.status_code == 302  # a sent mail cannot be retried: flashed, nothing changes
    assert _rows()[0].status == "sent"


def test_the_cli_sends_what_is_due_and_refuses_without_smtp(app, smtp_server, monkeypatch, tmp_path):
    _register(app, "cli@example.org")
    db.session.remove()
    monkeypatch.setenv("GOVLAB_DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("GOVLAB_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("GOVLAB_SMTP_URL", smtp_server.url)
    result = CliRunner().invoke(cli, ["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1" in result.output and smtp_server.inbox.wait_for(1)
    monkeypatch.delenv("GOVLAB_SMTP_URL")
    refused = CliRunner().invoke(cli, ["mail", "send"])
    assert refused.exit_code == 2 and "GOVLAB_SMTP_URL" in refused.output
    monkeypatch.setenv("GOVLAB_SMTP_URL", "http://not-smtp")
    assert CliRunner().invoke(cli, ["mail", "send"]).exit_code == 2
