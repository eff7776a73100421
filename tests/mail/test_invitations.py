"""Invitations end to end with a real SMTP server: the mail arrives bilingual, its link creates the account and
the membership; a withdrawn or expired invitation is refused; SMTP down loses nothing."""
from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

from govlab.extensions import db
from govlab.models import Invitation, Membership, OutboxMail, User
from govlab.models.base import utcnow
from govlab.services import invitations, outbox
from tests.conftest import csrf_from


def _link_in(message) -> str:
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"https://govlab\.example\.go\.th/invitations/\S+", text).group(0)).path


def test_a_new_person_gets_a_bilingual_mail_and_joins_through_its_link(app, client, world, smtp_server):
    pid = world["private"]["project"].id
    invitations.invite(world["users"]["facilitator"], pid, {"email": "partner@ngo.example", "role": "member"})
    assert outbox.send_due()["sent"] == 1
    (recipients, message), = smtp_server.inbox.wait_for(1)
    assert recipients == ["partner@ngo.example"]
    # The inviter has no language setting: the site default (English in tests) first, then Thai.
    assert message["Subject"] == "You are invited to a project on GovLab / คุณได้รับเชิญเข้าร่วมโครงการบน GovLab"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Facilitator invites you to take part in the project “private project”" in text
    assert "เชิญคุณเข้าร่วมโครงการ" in text and 'lang="th"' in html and 'lang="en"' in html
    link = _link_in(message)
    page = client.get(link)
    assert page.status_code == 200 and "Create my account and join" in page.get_data(as_text=True)
    done = client.post(link, data={"name": "Partner", "password": "a river of purple lanterns",
                                   "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert done.status_code == 302
    db.session.rollback()
    user = db.session.query(User).filter_by(email="partner@ngo.example").one()
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=user.id).one().role == "member"
    assert db.session.query(OutboxMail).one().text_body == ""  # a sent mail keeps no link


def test_a_withdrawn_and_an_expired_invitation_are_refused_after_delivery(app, client, world, smtp_server):
    pid = world["private"]["project"].id
    facilitator = world["users"]["facilitator"]
    withdrawn = invitations.invite(facilitator, pid, {"email": "w@example.org", "role": "member"})
    expired = invitations.invite(facilitator, pid, {"email": "e@example.org", "role": "observer"})
    outbox.send_due()
    smtp_server.inbox.wait_for(2)
    invitations.revoke(facilitator, pid, {"id": withdrawn.id})
    db.session.rollback()
    db.session.get(Invitation, expired.id).expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    refused = client.get(_link_in(smtp_server.inbox.to("w@example.org")[0]))
    assert refused.status_code == 410 and "withdrawn" in refused.get_data(as_text=True)
    late = client.get(_link_in(smtp_server.inbox.to("e@example.org")[0]))
    assert late.status_code == 410 and "expired" in late.get_data(as_text=True)
    db.session.rollback()
    assert db.session.query(User).filter(User.email.in_(["w@example.org", "e@example.org"])).count() == 0


def test_smtp_down_loses_no_invitation(app, client, world, smtp_down):
    pid = world["private"]["project"].id
    invitation = invitations.invite(world["users"]["facilitator"], pid, {"email": "later@example.org",
                                                                        "role": "member"})
    assert outbox.send_due()["failed"] == 1  # the invitation itself is committed
    db.session.rollback()
    assert db.session.get(Invitation, invitation.id) is not None
    smtp_down.start()
    mail = db.session.query(OutboxMail).one()
    mail.next_attempt_at = utcnow()
    db.session.commit()
    assert outbox.send_due()["sent"] == 1
    (recipients, _message), = smtp_down.inbox.wait_for(1)
    assert recipients == ["later@example.org"]
