"""Invitations by e-mail: the same answer with or without an account, single-use links, resend, withdraw, limits."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from govlab.domain import invitations as rules
from govlab.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from govlab.extensions import db
from govlab.models import Event, Invitation, Membership, OutboxMail, User
from govlab.models.base import utcnow
from govlab.services import invitations, projects
from govlab.services.access import SYSTEM
from tests.conftest import PASSWORD, csrf_from, login, mailed_link, token_for

NEW_PASSWORD = "a river of purple lanterns"


def _invite(world, email, role="member", visibility="private"):
    return invitations.invite(world["users"]["facilitator"], world[visibility]["project"].id,
                              {"email": email, "role": role})


def _link(email):
    return mailed_link(email, "invitation")


def _main(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def _events(project_id, prefix):
    db.session.rollback()
    return list(db.session.scalars(select(Event).where(Event.project_id == project_id, Event.type.like(prefix + "%"))
                                   .order_by(Event.seq)))


# -- the answer never tells whether the address has an account ------------------------------------------

def test_inviting_a_known_and_an_unknown_address_answers_alike_everywhere(app, client, world):
    headers = token_for(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    known = client.post(f"/api/v1/projects/{pid}/members", json={"email": world["users"]["outsider"].email,
                                                                 "role": "observer"}, headers=headers)
    unknown = client.post(f"/api/v1/projects/{pid}/members", json={"email": "nobody@example.org", "role": "observer"},
                          headers=headers)
    assert known.status_code == unknown.status_code == 201
    shape = lambda body: {k: v for k, v in body.items() if k not in ("id", "email", "created_at", "expires_at",
                                                                     "last_sent_at")}
    assert shape(known.get_json()) == shape(unknown.get_json()) and known.get_json()["state"] == "pending"
    assert "user" not in known.get_json() and "name" not in known.get_json()
    db.session.rollback()
    assert db.session.scalar(select(Membership).where(Membership.project_id == pid,
                                                      Membership.user_id == world["users"]["outsider"].id)) is None
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.kind == "invitation")).all()
    bodies = [mail.text_body.replace(mail.to_addr, "X") for mail in mails]
    assert len(mails) == 2 and {m.subject for m in mails} == {mails[0].subject}
    # The same mail, apart from the link itself.
    strip = lambda text: "\n".join(line for line in text.splitlines() if "/invitations/" not in line)
    assert strip(bodies[0]) == strip(bodies[1])


def test_the_members_page_says_invitation_sent_for_both(app, client, world):
    login(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    pages = []
    for email in (world["users"]["outsider"].email, "stranger@example.org"):
        token = csrf_from(client.get(f"/projects/{pid}/members").get_data(as_text=True))
        response = client.post(f"/projects/{pid}/members", data={"email": email, "role": "member",
                                                                 "csrf_token": token})
        assert response.status_code == 302
        page = _main(client.get(f"/projects/{pid}/members").get_data(as_text=True))
        # CSRF tokens carry a timestamp, so two pages a second apart differ there and nowhere else.
        page = re.sub(r'name="csrf_token" type="hidden" value="[^"]*"', 'name="csrf_token"', page)
        pages.append(page[:page.index("Invitations waiting")].replace(email, "ADDRESS"))
    assert pages[0] == pages[1] and "Invitation sent to ADDRESS." in pages[0]


# -- who may invite, and bad input ----------------------------------------------------------------------

@pytest.mark.parametrize("who", ["member", "observer", "outsider"])
def test_only_facilitators_invite(app, client, world, who):
    pid = world["private"]["project"].id
    response = client.post(f"/api/v1/projects/{pid}/members", json={"email": "x@example.org", "role": "member"},
                           headers=token_for(client, world["users"][who]))
    assert response.status_code == (404 if who == "outsider" else 403)
    public = world["public"]["project"].id
    response = client.post(f"/api/v1/projects/{public}/members", json={"email": "x@example.org", "role": "member"},
                           headers=token_for(client, world["users"][who]))
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert client.get(f"/api/v1/projects/{public}/invitations",
                      headers=token_for(client, world["users"][who])).status_code == 403
    db.session.rollback()
    assert db.session.query(Invitation).count() == 0


def test_anonymous_cannot_invite(client, world):
    pid = world["public"]["project"].id
    response = client.post(f"/api/v1/projects/{pid}/members", json={"email": "x@example.org", "role": "member"})
    assert response.status_code == 401


@pytest.mark.parametrize("payload,code", [
    ({"email": "not-an-email", "role": "member"}, 422),
    ({"email": "nul\x00@example.org", "role": "member"}, 422),
    ({"email": "x" * 300 + "@example.org", "role": "member"}, 422),
    ({"email": "x@example.org", "role": "owner"}, 422),
    ({"email": "x@example.org", "role": "member", "extra": 1}, 422),
    ({"email": ["x@example.org"], "role": "member"}, 422),
    ({"email": "x@example.org"}, 422),
])
def test_bad_invitations_are_refused_and_nothing_is_stored(client, world, payload, code):
    pid = world["private"]["project"].id
    response = client.post(f"/api/v1/projects/{pid}/members", json=payload,
                           headers=token_for(client, world["users"]["facilitator"]))
    assert response.status_code == code and response.get_json()["error"]["code"] == "validation_error"
    db.session.rollback()
    assert db.session.query(Invitation).count() == 0 and db.session.query(OutboxMail).count() == 0


def test_unicode_digits_and_case_are_one_address(world):
    first = _invite(world, "  Ｐerson²@Example.ORG ")
    assert first.email == "ｐerson²@example.org"
    with pytest.raises(Conflict):  # the same address, any case: already invited
        _invite(world, "ｐERSON²@example.org")


def test_inviting_a_member_or_oneself_is_a_conflict_with_a_clear_message(world):
    with pytest.raises(Conflict) as error:
        _invite(world, world["users"]["member"].email.upper())
    assert "already a member" in error.value.message
    with pytest.raises(Conflict):
        _invite(world, world["users"]["facilitator"].email)  # self-invite


def test_an_address_with_a_waiting_invitation_is_not_invited_twice(world):
    _invite(world, "twice@example.org")
    with pytest.raises(Conflict) as error:
        _invite(world, "twice@example.org", role="observer")
    assert "already waiting" in error.value.message
    _invite(world, "twice@example.org", visibility="public")  # another project may invite the same address


def test_an_archived_project_invites_nobody(world):
    projects.update_project(world["users"]["facilitator"], world["private"]["project"].id, {"status": "archived"})
    with pytest.raises(Conflict):
        _invite(world, "late@example.org")


def test_invitations_per_day_and_waiting_per_project_are_limited(client, world, monkeypatch):
    monkeypatch.setattr(rules, "INVITES_PER_DAY", 3)
    for n in range(3):
        _invite(world, f"p{n}@example.org")
    response = client.post(f"/api/v1/projects/{world['public']['project'].id}/members",
                           json={"email": "p9@example.org", "role": "member"},
                           headers=token_for(client, world["users"]["facilitator"]))
    assert response.status_code == 429 and response.get_json()["error"]["code"] == "rate_limited"
    monkeypatch.setattr(rules, "INVITES_PER_DAY", 100)
    monkeypatch.setattr(rules, "PENDING_MAX", 3)
    with pytest.raises(rules.RateLimited):
        _invite(world, "p10@example.org")
    invitations.invite(SYSTEM, world["public"]["project"].id, {"email": "p11@example.org", "role": "member"})


# -- following the link ---------------------------------------------------------------------------------

def test_a_new_person_creates_the_account_and_joins_in_one_step(app, client, world):
    pid = world["private"]["project"].id
    _invite(world, "newcomer@example.org", role="observer")
    link = _link("newcomer@example.org")
    page = client.get(link)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "private project" in html and "Facilitator invites you" in html
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    assert "Create my account and join" in html and 'value="newcomer@example.org" readonly' in html
    weak = client.post(link, data={"name": "Newcomer", "password": "12345678", "csrf_token": csrf_from(html)})
    assert weak.status_code == 422 and "too easy to guess" in weak.get_data(as_text=True)
    blank = client.post(link, data={"name": "   ", "password": NEW_PASSWORD, "csrf_token": csrf_from(html)})
    assert blank.status_code == 422
    db.session.rollback()
    assert db.session.query(User).filter_by(email="newcomer@example.org").count() == 0  # nothing half-made
    done = client.post(link, data={"name": "นางสาว ทดลอง", "password": NEW_PASSWORD, "csrf_token": csrf_from(html)})
    assert done.status_code == 302 and done.headers["Location"] == f"/projects/{pid}/board"
    db.session.rollback()
    user = db.session.query(User).filter_by(email="newcomer@example.org").one()
    assert user.confirmed_at is not None and user.name == "นางสาว ทดลอง"
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=user.id).one().role == "observer"
    assert client.get(f"/projects/{pid}/board").status_code == 200  # signed in already
    joined = _events(pid, "member.add")[-1]
    assert joined.actor_id == user.id and joined.payload["invitation_id"] and joined.payload["role"] == "observer"
    again = app.test_client().get(link)
    assert again.status_code == 410 and "already been accepted" in again.get_data(as_text=True)
    assert app.test_client().post(link, data={"name": "X", "password": NEW_PASSWORD}).status_code in (400, 410)
    fresh = app.test_client()
    assert login(fresh, user, NEW_PASSWORD).status_code == 302


def test_an_existing_account_accepts_with_one_button_after_signing_in(app, client, world):
    outsider = world["users"]["outsider"]
    pid = world["private"]["project"].id
    _invite(world, outsider.email, role="member")
    link = _link(outsider.email)
    anonymous = client.get(link).get_data(as_text=True)
    assert "Sign in to accept" in anonymous and "Create my account" not in anonymous
    assert "/login?next=" in anonymous and "invitations" in anonymous.split("/login?next=")[1][:20]
    login(client, outsider)
    page = client.get(link).get_data(as_text=True)
    assert "Accept and join the project" in page
    db.session.rollback()
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=outsider.id).count() == 0  # GET spends nothing
    done = client.post(link, data={"csrf_token": csrf_from(page)})
    assert done.status_code == 302 and done.headers["Location"] == f"/projects/{pid}/board"
    db.session.rollback()
    assert db.session.query(Membership).filter_by(project_id=pid, user_id=outsider.id).one().role == "member"
    assert client.post(link, data={"csrf_token": csrf_from(page)}).status_code == 410  # used twice


def test_someone_signed_in_with_another_address_cannot_accept(app, client, world):
    _invite(world, "target@example.org")
    link = _link("target@example.org")
    login(client, world["users"]["outsider"])
    page = client.get(link).get_data(as_text=True)
    assert "signed in with another e-mail address" in page and "Accept and join" not in page
    refused = client.post(link, data={"csrf_token": csrf_from(page)})
    assert refused.status_code == 403
    assert client.get(link).status_code == 200  # the link still works for its owner


def test_creating_an_account_for_an_address_that_has_one_is_refused(app, client, world):
    outsider = world["users"]["outsider"]
    _invite(world, outsider.email)
    link = _link(outsider.email)
    token = link.rsplit("/", 1)[1]
    with pytest.raises(Conflict):
        invitations.accept_with_new_account(token, {"name": "Impostor", "password": NEW_PASSWORD})
    db.session.rollback()
    assert db.session.get(User, outsider.id).name == "Outsider"


def test_a_revoked_invitation_is_refused_with_a_clear_page(app, client, world):
    invitation = _invite(world, "revoked@example.org")
    link = _link("revoked@example.org")
    pid = world["private"]["project"].id
    invitations.revoke(world["users"]["facilitator"], pid, {"id": invitation.id})
    invitations.revoke(world["users"]["facilitator"], pid, {"id": invitation.id})  # twice: no second Event
    page = client.get(link)
    assert page.status_code == 410 and "withdrawn" in page.get_data(as_text=True)
    assert client.post(link, data={"name": "R", "password": NEW_PASSWORD}).status_code in (400, 410)
    assert len(_events(pid, "invitation.revoke")) == 1
    assert invitations.list_invitations(world["users"]["facilitator"], pid) == []
    with pytest.raises(Conflict):
        invitations.resend(world["users"]["facilitator"], pid, {"id": invitation.id})


def test_an_expired_invitation_is_refused_and_can_be_sent_again(app, client, world):
    invitation = _invite(world, "late@example.org")
    link = _link("late@example.org")
    db.session.rollback()
    row = db.session.get(Invitation, invitation.id)
    row.expires_at = utcnow() - timedelta(seconds=1)
    row.last_sent_at = utcnow() - timedelta(days=15)
    db.session.commit()
    page = client.get(link)
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)
    pid = world["private"]["project"].id
    listed = invitations.list_invitations(world["users"]["facilitator"], pid)
    assert [invitations.state_of(row) for row in listed] == ["expired"]
    again = invitations.resend(world["users"]["facilitator"], pid, {"id": invitation.id})
    assert invitations.state_of(again) == "pending" and again.send_count == 2
    assert again.expires_at > utcnow() + timedelta(days=13)
    assert client.get(link).status_code == 400  # the old link died with the new one
    assert client.get(_link("late@example.org")).status_code == 200


@pytest.mark.parametrize("token", ["x", "A" * 16 + "." + "B" * 43, "²" * 60, "%00" * 20,
                                   "A" * 16 + "." + "B" * 4000])
def test_forged_or_odd_tokens_are_refused_without_a_500(client, world, token):
    _invite(world, "real@example.org")
    response = client.get(f"/invitations/{token}")
    assert response.status_code in (400, 404) and "not valid" in response.get_data(as_text=True) \
        or response.status_code == 404


def test_a_confirm_link_never_opens_an_invitation(app, client, world):
    _invite(world, "mixed@example.org")
    token = _link("mixed@example.org").rsplit("/", 1)[1]
    assert client.get(f"/confirm/{token}").status_code == 400
    assert client.get(f"/password/reset/{token}").status_code == 400


def test_only_a_hash_of_the_link_is_stored(world):
    _invite(world, "hash@example.org")
    token = _link("hash@example.org").rsplit("/", 1)[1]
    row = db.session.query(Invitation).one()
    selector, verifier = token.split(".")
    assert row.selector == selector and verifier not in row.verifier_hash and len(row.verifier_hash) == 64


# -- resend and withdraw --------------------------------------------------------------------------------

def test_resend_is_rate_limited_and_capped(client, world, monkeypatch):
    invitation = _invite(world, "again@example.org")
    pid = world["private"]["project"].id
    headers = token_for(client, world["users"]["facilitator"])
    soon = client.post(f"/api/v1/projects/{pid}/invitations/{invitation.id}/resend", headers=headers)
    assert soon.status_code == 429 and "in 10 minutes" in soon.get_json()["error"]["message"]
    monkeypatch.setattr(rules, "RESEND_MINUTES", 0)
    for count in range(2, rules.SENDS_MAX + 1):
        response = client.post(f"/api/v1/projects/{pid}/invitations/{invitation.id}/resend", headers=headers)
        assert response.status_code == 200 and response.get_json()["send_count"] == count
    capped = client.post(f"/api/v1/projects/{pid}/invitations/{invitation.id}/resend", headers=headers)
    assert capped.status_code == 429
    db.session.rollback()
    assert db.session.query(OutboxMail).filter_by(to_addr="again@example.org").count() == rules.SENDS_MAX
    assert len(_events(pid, "invitation.resend")) == rules.SENDS_MAX - 1


def test_rest_lists_resends_and_withdraws_only_for_facilitators_of_that_project(client, world):
    invitation = _invite(world, "listed@example.org")
    pid, other = world["private"]["project"].id, world["public"]["project"].id
    headers = token_for(client, world["users"]["facilitator"])
    listed = client.get(f"/api/v1/projects/{pid}/invitations", headers=headers).get_json()["invitations"]
    assert [(row["email"], row["state"]) for row in listed] == [("listed@example.org", "pending")]
    # An id of another project is not found there.
    assert client.delete(f"/api/v1/projects/{other}/invitations/{invitation.id}", headers=headers).status_code == 404
    assert client.post(f"/api/v1/projects/{other}/invitations/{invitation.id}/resend",
                       headers=headers).status_code == 404
    member = token_for(client, world["users"]["member"])
    assert client.delete(f"/api/v1/projects/{pid}/invitations/{invitation.id}", headers=member).status_code == 403
    assert client.get(f"/api/v1/projects/{pid}/invitations/²", headers=headers).status_code == 404
    assert client.delete(f"/api/v1/projects/{pid}/invitations/99999999999", headers=headers).status_code == 404
    assert client.post(f"/api/v1/projects/{pid}/invitations/{invitation.id}/resend", json={"x": 1},
                       headers=headers).status_code == 422
    assert client.delete(f"/api/v1/projects/{pid}/invitations/{invitation.id}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/projects/{pid}/invitations", headers=headers).get_json()["invitations"] == []


def test_an_accepted_invitation_cannot_be_withdrawn(world):
    outsider = world["users"]["outsider"]
    pid = world["private"]["project"].id
    invitation = _invite(world, outsider.email)
    invitations.accept(outsider, _link(outsider.email).rsplit("/", 1)[1])
    with pytest.raises(Conflict):
        invitations.revoke(world["users"]["facilitator"], pid, {"id": invitation.id})
    with pytest.raises(NotFound):
        invitations.revoke(world["users"]["facilitator"], world["public"]["project"].id, {"id": invitation.id})


def test_members_page_lists_resends_and_withdraws_invitations(client, world):
    invitation = _invite(world, "page@example.org")
    pid = world["private"]["project"].id
    login(client, world["users"]["facilitator"])
    page = client.get(f"/projects/{pid}/members").get_data(as_text=True)
    assert "page@example.org" in page and "Send again" in page and "Withdraw" in page
    token = csrf_from(page)
    soon = client.post(f"/projects/{pid}/invitations/{invitation.id}", data={"resend": "1", "csrf_token": token},
                       follow_redirects=True)
    assert "You can send it again in" in soon.get_data(as_text=True)
    gone = client.post(f"/projects/{pid}/invitations/{invitation.id}", data={"revoke": "1", "csrf_token": token},
                       follow_redirects=True)
    assert "Invitation withdrawn." in gone.get_data(as_text=True) and "No invitations are waiting." in \
        gone.get_data(as_text=True)
    member = client.application.test_client()
    login(member, world["users"]["member"])
    member_page = member.get(f"/projects/{pid}/members").get_data(as_text=True)
    assert "page@example.org" not in member_page and "Invitations waiting" not in member_page
    token = csrf_from(member_page)
    assert member.post(f"/projects/{pid}/invitations/{invitation.id}",
                       data={"revoke": "1", "csrf_token": token}).status_code == 403


def test_the_direct_path_is_for_the_system_and_site_admins_only(world):
    pid = world["private"]["project"].id
    with pytest.raises(PermissionDenied):
        projects.add_existing_member(world["users"]["facilitator"], pid, {"email": world["users"]["outsider"].email,
                                                                         "role": "member"})
    with pytest.raises(PermissionDenied):
        projects.add_existing_member(world["users"]["admin"], pid, {"email": world["users"]["outsider"].email,
                                                                   "role": "member"}, recorded_as=1)
    membership, created = projects.add_existing_member(world["users"]["admin"], pid,
                                                       {"email": world["users"]["outsider"].email, "role": "member"})
    assert created and membership.role == "member"
    with pytest.raises(ValidationError):
        projects.add_existing_member(SYSTEM, pid, {"email": "ghost@example.org", "role": "member"})


def test_timeline_tells_invitations_without_naming_anyone(client, world):
    outsider = world["users"]["outsider"]
    pid = world["public"]["project"].id
    invitations.invite(world["users"]["facilitator"], pid, {"email": outsider.email, "role": "observer"})
    invitations.accept(outsider, _link(outsider.email).rsplit("/", 1)[1])
    html = client.get(f"/projects/{pid}/timeline").get_data(as_text=True)
    assert "Facilitator invited someone to the project as Observer" in html
    assert "Outsider accepted an invitation and joined the project as Observer" in html
    assert outsider.email not in html


def test_rest_accept_joins_the_callers_own_invitation_only(client, world):
    outsider, member = world["users"]["outsider"], world["users"]["member"]
    pid = world["private"]["project"].id
    _invite(world, outsider.email, role="observer")
    token = _link(outsider.email).rsplit("/", 1)[1]
    assert client.post("/api/v1/invitations/accept", json={"token": token}).status_code == 401
    wrong = client.post("/api/v1/invitations/accept", json={"token": token}, headers=token_for(client, member))
    assert wrong.status_code == 403
    forged = client.post("/api/v1/invitations/accept", json={"token": token[:-1] + ("A" if token[-1] != "A" else "B")},
                         headers=token_for(client, outsider))
    assert forged.status_code == 400 and forged.get_json()["error"]["code"] == "invalid_link"
    for odd in ({"token": "²" * 60}, {"token": "x" * 201}, {"token": None}, {"token": token, "x": 1}, {}):
        assert client.post("/api/v1/invitations/accept", json=odd,
                           headers=token_for(client, outsider)).status_code in (400, 422)
    joined = client.post("/api/v1/invitations/accept", json={"token": token}, headers=token_for(client, outsider))
    assert joined.status_code == 200 and joined.get_json()["project_id"] == pid
    assert joined.get_json()["member"]["role"] == "observer"
    twice = client.post("/api/v1/invitations/accept", json={"token": token}, headers=token_for(client, outsider))
    assert twice.status_code == 400 and "already been accepted" in twice.get_json()["error"]["message"]


def test_the_mail_leads_with_the_inviters_language(world):
    from govlab.services import accounts

    accounts.update_profile(world["users"]["facilitator"], {"locale": "th"})
    _invite(world, "thai-first@example.org")
    mail = db.session.query(OutboxMail).filter_by(to_addr="thai-first@example.org").one()
    assert mail.subject.startswith("คุณได้รับเชิญ") and mail.locale == "th"
    assert mail.text_body.index("เชิญคุณ") < mail.text_body.index("invites you")
