"""A person closes their own account from the profile page: contributions erased, the row emptied of personal
data, every session and token ended; refused with a wrong password, without the ticked box, while in a project."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from govlab.domain.errors import Conflict, NotAuthenticated, PermissionDenied, ValidationError
from govlab.extensions import db
from govlab.models import (ApiToken, Card, Contribution, Event, Invitation, Membership, Notification,
                           OrganisationAdmin, OutboxMail, User, UserSession)
from govlab.services import (account_closure, accounts, affiliations, cards, contributions, guests, invitations,
                             join_codes, moderation, projects, workshops)
from govlab.services.access import SYSTEM
from govlab.services.guests import NO_PASSWORD

from ..conftest import PASSWORD, csrf_from, login, mailed_link, token_for
from .conftest import form_fields, send
from .test_account import IDEA, _citizen, _latest


def _close(client, password=PASSWORD, confirm=True):
    page = client.get("/profile").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "close-password": password}
    if confirm:
        data["close-confirm"] = "y"
    return client.post("/profile/close", data=data)


def test_a_citizen_closes_the_account_and_everything_personal_goes(app, client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA, name="สมชาย", contact=user.email, province="50")
    promoted = _latest()
    moderation.promote(challenge["facilitator"], challenge["project"].id, {"id": promoted.id})
    send(client, challenge["slug"], "ถนนหน้าบ้านน้ำท่วมทุกปี", kind="experience")
    token = token_for(app.test_client(), user)
    other_browser = app.test_client()
    login(other_browser, user)
    email, user_id = user.email, user.id

    assert 'href="/profile#close-account"' in client.get("/me/contributions").get_data(as_text=True)
    closed = _close(client)
    assert closed.status_code == 302 and closed.headers["Location"] == "/"
    assert "Your account is closed, and 2 contribution(s) were erased" in client.get("/").get_data(as_text=True)
    db.session.rollback()
    row = db.session.get(User, user_id)
    assert row.closed_at is not None and row.is_disabled and row.password_hash == NO_PASSWORD
    assert row.email.endswith("@closed.invalid") and email not in row.email
    assert row.name == account_closure.CLOSED_NAME and row.confirmed_at is None
    for model in (UserSession, ApiToken, Notification):
        assert db.session.scalar(select(func.count()).select_from(model).where(model.user_id == user_id)) == 0
    contributions = db.session.scalars(select(Contribution).where(Contribution.project_id == challenge["project"].id))
    assert all(c.erased_at is not None and c.user_id is None and c.email is None and c.text == ""
               for c in contributions)
    assert db.session.get(Card, db.session.get(Contribution, promoted.id).card_id).title == "Erased by its author"
    assert client.get("/profile").status_code == 302  # signed out here…
    assert other_browser.get("/profile").status_code == 302  # …and everywhere else
    assert app.test_client().get("/api/v1/me", headers=token).status_code == 401
    with pytest.raises(Exception):
        accounts.authenticate(email, PASSWORD)
    again = _citizen(app.test_client(), email)  # the address is free again, for a new account
    assert again.id != user_id


def test_a_wrong_password_or_no_ticked_box_changes_nothing(client, challenge):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA)
    wrong = _close(client, password="not the password")
    assert wrong.status_code == 422 and "The password is not right." in wrong.get_data(as_text=True)
    unticked = _close(client, confirm=False)
    assert unticked.status_code == 422
    assert "Tick the box to confirm that you want to close your account." in unticked.get_data(as_text=True)
    without_csrf = client.post("/profile/close", data={"close-password": PASSWORD, "close-confirm": "y"})
    assert without_csrf.status_code in (400, 422)
    db.session.rollback()
    assert db.session.get(User, user.id).closed_at is None
    assert _latest().erased_at is None and client.get("/profile").status_code == 200


def test_someone_in_a_project_leaves_it_first(app, world):
    member = world["users"]["member"]
    client = app.test_client()
    login(client, member)
    page = client.get("/profile").get_data(as_text=True)
    assert "You take part in 2 project(s)." in page and 'action="/profile/close"' not in page
    refused = _close(client)
    assert refused.status_code == 422 and "You still take part in projects." in refused.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(User, member.id).closed_at is None
    with pytest.raises(Conflict):
        account_closure.close_own_account(member, {"password": PASSWORD, "confirm": True})
    for data in (None, [], {"password": PASSWORD}, {"password": PASSWORD, "confirm": "yes"},
                 {"password": None, "confirm": True}, {"password": "x\x00", "confirm": True}):
        with pytest.raises(ValidationError):
            account_closure.close_own_account(world["users"]["outsider"], data)


def test_a_closed_account_cannot_be_enabled_again_and_a_guest_cannot_close(app, world, factory):
    outsider, admin = world["users"]["outsider"], world["users"]["admin"]
    with pytest.raises(Conflict) as only_admin:  # the site would have nobody to run it
        account_closure.close_own_account(admin, {"password": PASSWORD, "confirm": True})
    assert "only administrator" in only_admin.value.message
    second = factory.user("Second admin", admin=True)
    account_closure.close_own_account(second, {"password": PASSWORD, "confirm": True})
    assert db.session.get(User, second.id).closed_at is not None
    account_closure.close_own_account(outsider, {"password": PASSWORD, "confirm": True})
    with pytest.raises(Conflict):
        accounts.set_disabled(admin, outsider.id, False)
    client = app.test_client()
    login(client, admin)
    page = client.get("/admin/users").get_data(as_text=True)
    response = client.post(f"/admin/users/{outsider.id}/enable", data={"csrf_token": csrf_from(page)},
                           follow_redirects=True)
    assert "it cannot be enabled again" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(User, outsider.id).is_disabled

    facilitator = world["users"]["facilitator"]
    project = world["private"]["project"]
    workshop = workshops.create_workshop(facilitator, project.id, {"title": "Sprint"})
    code = join_codes.create_code(facilitator, project.id, {"workshop_id": workshop.id})
    guest = guests.join(code.code, {"name": "Guest", "sector": "none"})
    with pytest.raises(PermissionDenied):
        account_closure.close_own_account(guest, {"password": PASSWORD, "confirm": True})


def test_the_profile_offers_it_in_thai(app, world):
    client = app.test_client()
    login(client, world["users"]["outsider"])
    page = client.get("/profile").get_data(as_text=True)
    client.post("/language", data={"locale": "th", "csrf_token": csrf_from(page)})
    html = client.get("/profile").get_data(as_text=True)
    assert "ปิดบัญชีของคุณ" in html and "Close my account" not in html


@pytest.mark.parametrize("after", ["card deleted", "project archived"])
def test_erasure_is_owed_even_when_the_card_was_deleted_or_the_board_archived(client, challenge, after):
    user = _citizen(client)
    send(client, challenge["slug"], IDEA)
    promoted = _latest()
    moderation.promote(challenge["facilitator"], challenge["project"].id, {"id": promoted.id})
    db.session.rollback()
    card_id = db.session.get(Contribution, promoted.id).card_id
    if after == "card deleted":
        cards.delete_card(challenge["facilitator"], card_id)
    else:
        projects.update_project(challenge["facilitator"], challenge["project"].id, {"status": "archived"})
    assert _close(client).status_code == 302
    db.session.rollback()
    assert db.session.get(User, user.id).closed_at is not None
    card = db.session.get(Card, card_id)
    assert card.title == "Erased by its author" and card.body == ""
    assert IDEA not in str([event.payload for event in db.session.scalars(select(Event))])


def test_nothing_pairs_the_old_address_with_the_closed_row(app, factory, world):
    organisation = factory.org()
    facilitator, project = world["users"]["facilitator"], world["private"]["project"]
    person = factory.user("Real Person Name", org=organisation, admin=True)
    email = person.email
    affiliations.appoint_admin(SYSTEM, organisation.id, email)
    invitations.invite(facilitator, project.id, {"email": email, "role": "member"})
    invitations.accept(person, mailed_link(email, "invitation").rsplit("/", 1)[-1])
    projects.remove_member(facilitator, project.id, person.id)
    db.session.add(OutboxMail(to_addr=email.upper(), locale="en", kind="password_reset", subject="Reset",
                              text_body="Dear Real Person Name, https://x/password/reset/abc", html_body="",
                              status="failed"))
    db.session.commit()
    account_closure.close_own_account(db.session.get(User, person.id), {"password": PASSWORD, "confirm": True})
    db.session.rollback()
    row = db.session.get(User, person.id)
    assert not row.is_admin and row.org_id is None  # an admin bit would come back with a re-enabled row
    assert db.session.scalars(select(OrganisationAdmin).where(OrganisationAdmin.user_id == person.id)).all() == []
    assert db.session.scalars(select(OutboxMail).where(func.lower(OutboxMail.to_addr) == email.lower())).all() == []
    accepted = db.session.scalars(select(Invitation).where(Invitation.accepted_by == person.id)).one()
    assert accepted.email == row.email and email not in accepted.email


def test_a_request_in_flight_when_the_account_closes_stores_nothing_in_its_name(app, client, challenge, world):
    user = _citizen(client)
    fields = form_fields(client, f"/c/{challenge['slug']}/idea")
    invitations.invite(world["users"]["facilitator"], world["private"]["project"].id,
                       {"email": user.email, "role": "member"})
    link = mailed_link(user.email, "invitation").rsplit("/", 1)[-1]
    stale = db.session.get(User, user.id)  # what a request in flight loaded as its current user
    account_closure.close_own_account(stale, {"password": PASSWORD, "confirm": True})
    with pytest.raises(NotAuthenticated):
        contributions.submit(stale, challenge["project"].id, "idea", {
            "text": IDEA, "consent": True, "contact": "somchai@example.org", "stamp": fields["stamp"]}, "1.2.3.4")
    with pytest.raises(NotAuthenticated):
        invitations.accept(stale, link)
    db.session.rollback()
    assert db.session.query(Contribution).count() == 0
    assert db.session.query(Membership).filter_by(user_id=user.id).count() == 0
