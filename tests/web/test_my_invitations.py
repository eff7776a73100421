"""Invitations for you: an invited account's bell, the page of one's own invitations (accept, decline),
what the facilitators then see, and what nobody else learns."""
from __future__ import annotations

import re
from html import unescape
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from govlab.domain.errors import Conflict, NotAuthenticated, NotFound
from govlab.domain.invitations import InvitationRefused
from govlab.extensions import db
from govlab.models import Event, Invitation, Membership, Notification, OutboxMail, User
from govlab.models.base import utcnow
from govlab.services import accounts, digest, invitations, my_invitations, notifications
from tests.conftest import PASSWORD, csrf_from, login, mailed_link, token_for

BANGKOK = ZoneInfo("Asia/Bangkok")


def _invite(world, email, role="member", visibility="private"):
    return invitations.invite(world["users"]["facilitator"], world[visibility]["project"].id,
                              {"email": email, "role": role})


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def _told(user):
    db.session.rollback()
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id,
                                                              Notification.kind == "invitation")))


def _events(project_id, event_type):
    db.session.rollback()
    return list(db.session.scalars(select(Event).where(Event.project_id == project_id, Event.type == event_type)))


def _post(client, path, page_path="/invitations"):
    token = csrf_from(client.get(page_path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token})


def _row(invitation_id) -> Invitation:
    db.session.rollback()
    return db.session.get(Invitation, invitation_id)


# -- who is told, and how ------------------------------------------------------------------------------

def test_an_account_is_told_in_the_app_and_mailed_only_the_invitation_itself(world):
    outsider = world["users"]["outsider"]
    notifications.update_settings(outsider, "instant", "Asia/Bangkok")  # even "each at once": one mail
    invitation = _invite(world, outsider.email.upper(), role="observer")
    told = _told(outsider)
    assert len(told) == 1 and told[0].data["invitation_id"] == invitation.id and told[0].mailed_at is not None
    assert told[0].project_id == world["private"]["project"].id
    listed = notifications.list_notifications(outsider, "en")
    assert listed["unread"] == 1
    assert listed["notifications"][0]["sentence"] == ("Facilitator invited you to the project private project as "
                                                      "Observer.")
    thai = notifications.list_notifications(outsider, "th")["notifications"][0]["sentence"]
    assert "private project" in thai and "Facilitator" in thai and "ผู้สังเกตการณ์" in thai
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.to_addr == outsider.email)).all()
    assert [mail.kind for mail in mails] == ["invitation"]  # no "notification" mail on top


def test_the_digest_never_mails_an_invitation_again(world):
    outsider = world["users"]["outsider"]  # the default preference: the daily digest
    _invite(world, outsider.email)
    today = utcnow().astimezone(BANGKOK).date()
    morning = datetime.combine(today + timedelta(days=1), time(9), tzinfo=BANGKOK)
    counts = digest.send_digests(morning)
    assert counts["mailed"] == 0 and counts["empty"] >= 1  # the day was looked at, and had nothing to mail
    db.session.rollback()
    assert db.session.query(OutboxMail).filter_by(kind="digest").count() == 0


def test_nobody_else_is_told_and_the_inviter_learns_nothing(world, factory):
    users = world["users"]
    # Someone registered this address but never confirmed it (they may not own the mailbox): not told.
    assert accounts.register({"email": "claimed@example.org", "name": "Claimer", "password": PASSWORD}) is not None
    disabled = factory.user("Disabled")
    accounts.set_disabled(users["admin"], disabled.id, True)
    answers = [invitations.invitation_to_dict(_invite(world, email, visibility="public"))
               for email in ("claimed@example.org", disabled.email, "nobody@example.org", users["outsider"].email)]
    assert {tuple(sorted(answer)) for answer in answers} == {tuple(sorted(answers[0]))}
    db.session.rollback()
    everyone = db.session.scalars(select(Notification).where(Notification.kind == "invitation")).all()
    assert [row.user_id for row in everyone] == [users["outsider"].id]
    # Events carry no address and name nobody who was told.
    payloads = [event.payload for event in _events(world["public"]["project"].id, "invitation.create")]
    assert len(payloads) == 4 and "@" not in str(payloads) and "Outsider" not in str(payloads)


def test_the_notification_shows_without_project_access_to_its_addressee_alone(world):
    outsider, member = world["users"]["outsider"], world["users"]["member"]
    _invite(world, outsider.email)
    assert notifications.unread_count(outsider.id) == 1
    assert all(item["kind"] != "invitation"
               for item in notifications.list_notifications(member, "en")["notifications"])
    row = _told(outsider)[0]
    assert notifications.get_visible(outsider, row.id).id == row.id
    with pytest.raises(NotFound):
        notifications.get_visible(member, row.id)


def test_someone_invited_before_registering_finds_it_once_confirmed(app, client, world):
    invitation = _invite(world, "later@example.org", role="observer")
    user = accounts.register({"email": "Later@Example.org", "name": "Later", "password": PASSWORD})
    assert my_invitations.open_count(user.id) == 0  # unconfirmed: nothing yet
    with pytest.raises(NotAuthenticated):
        my_invitations.open_invitations(user)
    link = mailed_link("later@example.org", "confirm")
    client.post(link, data={"csrf_token": csrf_from(client.get(link).get_data(as_text=True))})
    db.session.rollback()
    user = db.session.get(User, user.id)
    assert user.confirmed_at is not None and my_invitations.open_count(user.id) == 1
    login(client, user)
    page = client.get("/invitations").get_data(as_text=True)
    assert "private project" in _main(page) and "Invitations for you (1)" in page
    # A resend now rings the bell too (the first mail went out before the account existed) — once.
    row = _row(invitation.id)
    row.last_sent_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    invitations.resend(world["users"]["facilitator"], world["private"]["project"].id, {"id": invitation.id})
    assert len(_told(user)) == 1
    row = _row(invitation.id)
    row.last_sent_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    invitations.resend(world["users"]["facilitator"], world["private"]["project"].id, {"id": invitation.id})
    assert len(_told(user)) == 1


# -- the page: accept, decline, and invitations that are no longer open --------------------------------------

def test_accepting_from_the_page_joins_through_the_links_write(client, world):
    outsider = world["users"]["outsider"]
    pid = world["private"]["project"].id
    invitation = _invite(world, outsider.email, role="member")
    login(client, outsider)
    home = client.get("/projects").get_data(as_text=True)
    assert 'href="/invitations"' in home and "Invitations for you (1)" in home
    page = _main(client.get("/invitations").get_data(as_text=True))
    assert "private project" in page and "Facilitator" in page and "Member" in page and "Open until" in page
    assert f'action="/invitations/{invitation.id}/accept"' in page and f'/invitations/{invitation.id}/decline' in page
    done = _post(client, f"/invitations/{invitation.id}/accept")
    assert done.status_code == 302 and done.headers["Location"] == f"/projects/{pid}/board"
    db.session.rollback()
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=outsider.id).one().role == "member"
    added = _events(pid, "member.add")[-1]
    assert added.payload["invitation_id"] == invitation.id and added.actor_id == outsider.id
    assert notifications.unread_count(outsider.id) == 0  # answered: the bell quiets down
    after = client.get("/invitations").get_data(as_text=True)
    assert "No invitations are waiting for you." in after and "Invitations for you (" not in after
    again = _post(client, f"/invitations/{invitation.id}/accept")
    assert again.status_code == 302 and "already been accepted" in client.get("/invitations").get_data(as_text=True)
    assert len(_events(pid, "member.add")) == 3  # the world's two members, and this one: once


def test_signing_in_with_invitations_waiting_lands_on_them(app, client, world):
    outsider = world["users"]["outsider"]
    invitation = _invite(world, outsider.email)
    signed = login(client, outsider)
    assert signed.status_code == 302 and signed.headers["Location"] == "/invitations"
    _post(client, f"/invitations/{invitation.id}/decline")
    again = login(app.test_client(), outsider)
    assert again.status_code == 302 and again.headers["Location"] != "/invitations"  # nothing waits any more


def test_declining_tells_the_facilitators_and_closes_the_invitation(app, client, world):
    outsider, facilitator = world["users"]["outsider"], world["users"]["facilitator"]
    pid = world["private"]["project"].id
    invitation = _invite(world, outsider.email, role="observer")
    link = mailed_link(outsider.email, "invitation")
    login(client, outsider)
    assert f'/invitations/{invitation.id}/decline' in client.get(link).get_data(as_text=True)  # on the link page too
    done = _post(client, f"/invitations/{invitation.id}/decline")
    assert done.status_code == 302 and done.headers["Location"] == "/invitations"
    page = client.get("/invitations").get_data(as_text=True)
    assert "You declined the invitation to private project." in page and "No invitations are waiting" in page
    assert invitations.state_of(_row(invitation.id)) == "declined"
    assert notifications.unread_count(outsider.id) == 0
    declined = _events(pid, "invitation.decline")
    assert len(declined) == 1 and declined[0].actor_id is None and "@" not in str(declined[0].payload)
    assert declined[0].payload["invitation"]["state"] == "declined"
    # The link now says so, and neither answer can be given again.
    refused = client.get(link)
    assert refused.status_code == 410 and "declined" in refused.get_data(as_text=True)
    _post(client, f"/invitations/{invitation.id}/accept")
    assert "This invitation was declined." in client.get("/invitations").get_data(as_text=True)
    with pytest.raises(InvitationRefused):
        my_invitations.decline(outsider, invitation.id)
    assert len(_events(pid, "invitation.decline")) == 1
    # The facilitators see it as declined, cannot send it again, may invite anew or take it off the list.
    listed = invitations.list_invitations(facilitator, pid)
    assert [invitations.state_of(row) for row in listed] == ["declined"]
    api = app.test_client()  # no session cookie: a token alone
    rest = api.get(f"/api/v1/projects/{pid}/invitations", headers=token_for(api, facilitator)).get_json()["invitations"]
    assert rest[0]["state"] == "declined" and rest[0]["email"] == outsider.email
    login(client, facilitator)
    members = client.get(f"/projects/{pid}/members").get_data(as_text=True)
    assert "Declined on" in members and "Take off the list" in members
    with pytest.raises(Conflict) as error:
        invitations.resend(facilitator, pid, {"id": invitation.id})
    assert "declined" in error.value.message
    again = _invite(world, outsider.email, role="member")
    assert again.id != invitation.id
    for language in ("en", "th"):  # a declined and a waiting invitation: every button says what it shows
        page = client.get(f"/projects/{pid}/members", headers={"Accept-Language": language}).get_data(as_text=True)
        buttons = re.findall(r'<button[^>]*aria-label="([^"]*)"[^>]*>([^<]+)</button>', page)
        assert len(buttons) >= 3 and all(unescape(text.strip()) in unescape(label) for label, text in buttons), buttons
    off = _post(client, f"/projects/{pid}/invitations/{invitation.id}", f"/projects/{pid}/members")
    assert off.status_code == 302  # no "revoke" field: a resend, refused with a message
    token = csrf_from(client.get(f"/projects/{pid}/members").get_data(as_text=True))
    client.post(f"/projects/{pid}/invitations/{invitation.id}", data={"csrf_token": token, "revoke": "1"})
    assert "The declined invitation is off the list." in client.get(f"/projects/{pid}/members").get_data(as_text=True)
    db.session.rollback()
    assert [row.id for row in invitations.list_invitations(facilitator, pid)] == [again.id]


def test_the_timeline_tells_a_decline_without_naming_anyone(client, world):
    outsider = world["users"]["outsider"]
    pid = world["public"]["project"].id
    invitation = _invite(world, outsider.email, role="observer", visibility="public")
    my_invitations.decline(outsider, invitation.id)
    html = client.get(f"/projects/{pid}/timeline").get_data(as_text=True)
    assert "Someone declined an invitation to the project as Observer" in html
    assert "Outsider" not in _main(html) and outsider.email not in html


def test_a_withdrawn_invitation_leaves_the_page_and_its_notification_explains(client, world):
    outsider = world["users"]["outsider"]
    pid = world["private"]["project"].id
    invitation = _invite(world, outsider.email)
    notification = _told(outsider)[0]
    login(client, outsider)
    opened = _post(client, f"/notifications/{notification.id}/open", "/notifications")
    assert opened.headers["Location"] == f"/invitations?invitation={invitation.id}#invitation-{invitation.id}"
    page = client.get(f"/invitations?invitation={invitation.id}").get_data(as_text=True)
    assert "invitation-asked" in page and "It can no longer be accepted here." not in page
    invitations.revoke(world["users"]["facilitator"], pid, {"id": invitation.id})
    page = _main(client.get(f"/invitations?invitation={invitation.id}").get_data(as_text=True))
    assert "withdrawn by the project's facilitators" in page and "It can no longer be accepted here." in page
    assert "Accept and join" not in page and "No invitations are waiting for you." in page
    assert _post(client, f"/invitations/{invitation.id}/accept").status_code == 302
    assert "withdrawn" in client.get("/invitations").get_data(as_text=True)
    _post(client, f"/invitations/{invitation.id}/decline")
    assert invitations.state_of(_row(invitation.id)) == "revoked"
    db.session.rollback()
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=outsider.id).count() == 0
    # The notification stays in the list (the person was told), leading to the explanation.
    assert notifications.list_notifications(outsider, "en")["notifications"][0]["kind"] == "invitation"


def test_an_expired_invitation_leaves_the_page_and_cannot_be_answered(client, world):
    outsider = world["users"]["outsider"]
    invitation = _invite(world, outsider.email)
    row = _row(invitation.id)
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    login(client, outsider)
    assert my_invitations.open_count(outsider.id) == 0
    page = _main(client.get(f"/invitations?invitation={invitation.id}").get_data(as_text=True))
    assert "This invitation has expired." in page and "Accept and join" not in page
    for action in ("accept", "decline"):
        assert _post(client, f"/invitations/{invitation.id}/{action}").status_code == 302
        assert "expired" in client.get("/invitations").get_data(as_text=True)
    assert invitations.state_of(_row(invitation.id)) == "expired"


def test_someone_elses_invitation_is_not_found(client, world):
    outsider, member = world["users"]["outsider"], world["users"]["member"]
    pid = world["public"]["project"].id
    invitation = _invite(world, outsider.email, visibility="public")
    login(client, member)
    for action in ("accept", "decline"):
        assert _post(client, f"/invitations/{invitation.id}/{action}").status_code == 404
    assert _post(client, "/invitations/999999/accept").status_code == 404
    theirs = _main(client.get(f"/invitations?invitation={invitation.id}").get_data(as_text=True))
    nothing = _main(client.get("/invitations?invitation=999999").get_data(as_text=True))
    assert "not for your e-mail address" in theirs and "public project" not in theirs
    strip = lambda html: re.sub(r'value="[^"]*"', "", html)
    assert strip(theirs) == strip(nothing)  # another's invitation and none at all look alike
    assert invitations.state_of(_row(invitation.id)) == "pending"
    assert not _events(pid, "invitation.decline")
    with pytest.raises(NotFound):
        my_invitations.accept(member, invitation.id)


def test_the_page_needs_sign_in_and_the_buttons_need_the_form_token(client, world):
    outsider = world["users"]["outsider"]
    invitation = _invite(world, outsider.email)
    assert client.get("/invitations").status_code == 302
    anonymous = _post(client, f"/invitations/{invitation.id}/accept", "/login")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    login(client, outsider)
    assert client.post(f"/invitations/{invitation.id}/accept").status_code == 400
    assert client.post(f"/invitations/{invitation.id}/decline", data={"csrf_token": "forged"}).status_code == 400
    assert client.get(f"/invitations/{invitation.id}/accept").status_code in (400, 405)  # GET spends nothing
    assert invitations.state_of(_row(invitation.id)) == "pending"


# -- odd input ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,status", [("²", 404), ("1٣", 404), ("0", 404), ("-1", 404), ("99999999999", 404),
                                        (str(2**64), 404), ("9999999999", 422), ("1%00", 404), ("１", 404)])
def test_odd_ids_in_urls_are_refused_clearly(app, client, world, raw, status):
    outsider = world["users"]["outsider"]
    _invite(world, outsider.email)
    login(client, outsider)
    api = app.test_client()
    headers = token_for(api, outsider)
    for action in ("accept", "decline"):
        assert _post(client, f"/invitations/{raw}/{action}").status_code == status
        response = api.post(f"/api/v1/invitations/{raw}/{action}", headers=headers)
        assert response.status_code == status and response.get_json()["error"]["code"] in ("not_found",
                                                                                           "validation_error")
    assert my_invitations.open_count(outsider.id) == 1


@pytest.mark.parametrize("raw", ["²", "9999999999", str(2**64), "\x00", "1e3", " 1", "", "x" * 5000])
def test_odd_ids_in_the_query_are_refused_clearly(client, world, raw):
    login(client, world["users"]["outsider"])
    response = client.get("/invitations", query_string={"invitation": raw})
    assert response.status_code == 422 and "must be" in response.get_data(as_text=True)


# -- REST ----------------------------------------------------------------------------------------------------

def test_rest_lists_accepts_and_declines_ones_own_invitations(client, world):
    outsider, member = world["users"]["outsider"], world["users"]["member"]
    first = _invite(world, outsider.email, role="observer")
    second = _invite(world, outsider.email, role="member", visibility="public")
    assert client.get("/api/v1/invitations").status_code == 401
    mine = client.get("/api/v1/invitations", headers=token_for(client, outsider)).get_json()["invitations"]
    assert [item["id"] for item in mine] == [second.id, first.id]
    assert mine[1]["project"] == {"id": world["private"]["project"].id, "title": "private project"}
    assert mine[1]["invited_by"]["name"] == "Facilitator" and "email" not in str(mine)
    assert client.get("/api/v1/invitations", headers=token_for(client, member)).get_json() == {"invitations": []}
    other = client.post(f"/api/v1/invitations/{first.id}/accept", headers=token_for(client, member))
    assert other.status_code == 404
    extra = client.post(f"/api/v1/invitations/{first.id}/accept", json={"x": 1}, headers=token_for(client, outsider))
    assert extra.status_code == 422
    joined = client.post(f"/api/v1/invitations/{first.id}/accept", headers=token_for(client, outsider))
    assert joined.status_code == 200 and joined.get_json()["member"]["role"] == "observer"
    declined = client.post(f"/api/v1/invitations/{second.id}/decline", headers=token_for(client, outsider))
    assert declined.status_code == 200 and declined.get_json()["state"] == "declined"
    twice = client.post(f"/api/v1/invitations/{second.id}/decline", headers=token_for(client, outsider))
    assert twice.status_code == 400 and twice.get_json()["error"]["code"] == "invalid_link"
    assert client.get("/api/v1/invitations", headers=token_for(client, outsider)).get_json() == {"invitations": []}


def test_the_page_shows_a_bounded_number_of_invitations(client, world, factory, monkeypatch):
    outsider = world["users"]["outsider"]
    for n in range(3):
        invitations.invite(world["users"]["facilitator"], factory.project(world["users"]["facilitator"],
                                                                          title=f"Project {n}").id,
                           {"email": outsider.email, "role": "member"})
    monkeypatch.setattr(my_invitations, "LIST_MAX", 2)
    login(client, outsider)
    page = _main(client.get("/invitations").get_data(as_text=True))
    assert page.count('class="invitation-item') == 2 and "Project 2" in page and "Project 0" not in page
    assert my_invitations.open_count(outsider.id) == 3
