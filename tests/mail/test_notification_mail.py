"""Notification mail against a real SMTP server (aiosmtpd): the daily digest and mail at once."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from govlab.extensions import db
from govlab.models import Notification, OutboxMail, User
from govlab.models.base import utcnow
from govlab.services import comments, digest, notifications, outbox

BANGKOK = ZoneInfo("Asia/Bangkok")


def _next_morning(hour: int = 8) -> datetime:
    """Tomorrow at `hour` in Bangkok: the digest of today (Bangkok time) is due then."""
    today = utcnow().astimezone(BANGKOK).date()
    return datetime.combine(today + timedelta(days=1), time(hour), tzinfo=BANGKOK)


def _setup(factory, locale="th"):
    facilitator = factory.user("Facilitator")
    reader = factory.user("สมศรี ใจดี", locale=locale)
    project = factory.project(facilitator, title="บริการต่อบัตร")
    factory.member(project, "member", reader)
    card = factory.card(project, facilitator, title="คิวยาวที่สำนักงานเขต")
    return facilitator, reader, project, card


def _mention(facilitator, reader, project, card, body="ช่วยดูหน่อย"):
    text = "@สมศรี ใจดี"
    return comments.create_comment(facilitator, project.id, {
        "card_id": card.id, "body": f"{text} {body}", "mentions": [{"user_id": reader.id, "text": text}]})


def test_the_digest_is_one_mail_with_the_days_items_and_none_when_empty(app, smtp_server, factory):
    facilitator, reader, project, card = _setup(factory)
    quiet = factory.user("Quiet")  # nothing happened to them: no mail
    _mention(facilitator, reader, project, card, "ช่วยดูหน่อย")
    _mention(facilitator, reader, project, card, "อีกเรื่อง")
    assert db.session.query(OutboxMail).count() == 0  # the default is the digest: nothing at once

    assert digest.send_digests(_next_morning(6)) == {"mailed": 0, "empty": 0}  # before the digest hour
    counts = digest.send_digests(_next_morning(8))
    assert counts["mailed"] == 1 and counts["empty"] >= 1  # the quiet person's day is claimed, and empty
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    rcpt, message = smtp_server.inbox.wait_for(1)[0]
    assert rcpt == [reader.email] and not smtp_server.inbox.to(quiet.email)
    assert "GovLab" in message["Subject"] and str(utcnow().astimezone(BANGKOK).year + 543) in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert text.count("Facilitator") == 2 and "ช่วยดูหน่อย" in text and "อีกเรื่อง" in text
    assert "คิวยาวที่สำนักงานเขต" in text and "https://govlab.example.go.th/notifications/" in text
    assert "สวัสดี" in text  # the reader's language

    # The same day is never sent twice, by this sender or another.
    assert digest.send_digests(_next_morning(9)) == {"mailed": 0, "empty": 0}
    assert outbox.send_due() == {"sent": 0, "failed": 0}
    assert len(smtp_server.inbox.messages) == 1


def test_read_items_and_other_people_are_not_in_the_digest(app, smtp_server, factory):
    facilitator, reader, project, card = _setup(factory, locale="en")
    _mention(facilitator, reader, project, card)
    notifications.mark_all_read(reader)
    assert digest.send_digests(_next_morning())["mailed"] == 0
    assert outbox.send_due() == {"sent": 0, "failed": 0}


def test_instant_mail_goes_out_at_once_in_the_recipients_language(app, smtp_server, factory):
    facilitator, reader, project, card = _setup(factory, locale="en")
    notifications.update_settings(reader, "instant", "Asia/Bangkok")
    _mention(facilitator, reader, project, card, "please look")
    assert outbox.send_due() == {"sent": 1, "failed": 0}
    rcpt, message = smtp_server.inbox.wait_for(1)[0]
    text = message.get_body(("plain",)).get_content()
    assert rcpt == [reader.email] and "Facilitator mentioned you on the card" in text and "please look" in text
    assert message["Subject"].startswith("GovLab: Facilitator mentioned you")
    db.session.rollback()
    assert db.session.query(Notification).filter(Notification.mailed_at.is_not(None)).count() == 1
    assert digest.send_digests(_next_morning())["mailed"] == 0  # not in a digest as well


def test_no_mail_for_people_who_chose_none(app, smtp_server, factory):
    facilitator, reader, project, card = _setup(factory, locale="en")
    notifications.update_settings(reader, "none", "Asia/Bangkok")
    _mention(facilitator, reader, project, card)
    assert digest.send_digests(_next_morning())["mailed"] == 0 and outbox.send_due()["sent"] == 0
    db.session.rollback()
    assert db.session.get(User, reader.id).notify_email == "none"
    assert notifications.unread_count(reader.id) == 1  # still under the bell
