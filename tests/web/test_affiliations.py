"""Verified affiliations: claims, approvals by the right admins, and impersonation closed."""
import pytest

from govlab.services import accounts, affiliations, projects
from tests.conftest import csrf_from, login, token_for


@pytest.fixture
def orgs(factory):
    """Two organisations, each with an admin; a site admin; a person claiming A, and one claiming B."""
    a, b = factory.org(name_en="Innovation Office"), factory.org(name_en="Other Agency")
    site_admin = factory.user("Site admin", admin=True)
    admin_a, admin_b = factory.user("Admin A"), factory.user("Admin B")
    affiliations.appoint_admin(site_admin, a.id, admin_a.email)
    affiliations.appoint_admin(site_admin, b.id, admin_b.email)
    claimant = factory.user("Claimant")
    accounts.update_profile(claimant, {"org_id": a.id})
    other = factory.user("Other claimant")
    accounts.update_profile(other, {"org_id": b.id})
    return {"a": a, "b": b, "site_admin": site_admin, "admin_a": admin_a, "admin_b": admin_b,
            "claimant": claimant, "other": other}


def fresh(user):
    from govlab.extensions import db
    from govlab.models import User

    db.session.rollback()  # a new read transaction: see what the requests committed
    return db.session.get(User, user.id)


def test_a_chosen_organisation_is_a_claim_until_approved(client, orgs):
    claimant = fresh(orgs["claimant"])
    assert claimant.org_id == orgs["a"].id and not claimant.org_verified
    me = client.get("/api/v1/me", headers=token_for(client, claimant)).get_json()
    assert me["organisation"]["id"] == orgs["a"].id
    affiliations.approve(orgs["admin_a"], claimant.id)
    assert fresh(claimant).org_verified


def test_an_unverified_claim_cannot_open_a_project_under_the_organisation(client, orgs):
    h = token_for(client, orgs["claimant"])
    response = client.post("/api/v1/projects", headers=h,
                           json={"title": "Official: national ID renewal", "org_id": orgs["a"].id})
    assert response.status_code == 403 and response.get_json()["error"]["field"] == "org_id"
    plain = client.post("/api/v1/projects", headers=h, json={"title": "My own idea"})
    assert plain.status_code == 201 and plain.get_json()["organisation"] is None  # no default owner either
    pid = plain.get_json()["id"]
    moved = client.patch(f"/api/v1/projects/{pid}", headers=h, json={"org_id": orgs["a"].id})
    assert moved.status_code == 403
    affiliations.approve(orgs["admin_a"], orgs["claimant"].id)
    assert client.patch(f"/api/v1/projects/{pid}", headers=h, json={"org_id": orgs["a"].id}).status_code == 200
    assert client.patch(f"/api/v1/projects/{pid}", headers=h, json={"org_id": orgs["b"].id}).status_code == 403


def test_the_project_form_shows_the_refusal(client, orgs):
    login(client, orgs["claimant"])
    page = client.get("/projects/new")
    response = client.post("/projects/new", data={"title": "Official: ID renewal", "hmw": "", "visibility": "public",
                                                  "stage": "empathize", "org_id": str(orgs["a"].id),
                                                  "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert response.status_code == 200
    assert "once your affiliation with it is verified" in response.get_data(as_text=True)


def test_public_pages_show_only_verified_owners(client, orgs, factory):
    affiliations.approve(orgs["admin_a"], orgs["claimant"].id)
    project = projects.create_project(fresh(orgs["claimant"]), {"title": "ทำบัตรประชาชนออนไลน์", "visibility": "public",
                                                                "org_id": orgs["a"].id})
    explore = client.get("/explore").get_data(as_text=True)
    assert "Innovation Office" in explore or orgs["a"].name_th in explore
    anonymous = client.get(f"/api/v1/projects/{project.id}").get_json()
    assert anonymous["organisation"]["id"] == orgs["a"].id and anonymous["organisation_verified"] is True
    affiliations.remove_member(orgs["admin_a"], orgs["claimant"].id)  # the claim no longer holds
    explore = client.get("/explore").get_data(as_text=True)
    assert "Innovation Office" not in explore and orgs["a"].name_th not in explore
    assert client.get(f"/api/v1/projects/{project.id}").get_json()["organisation"] is None
    member_view = client.get(f"/api/v1/projects/{project.id}",
                             headers=token_for(client, orgs["claimant"])).get_json()
    assert member_view["organisation"]["id"] == orgs["a"].id and member_view["organisation_verified"] is False


def test_an_organisation_admin_manages_only_their_own_organisation(client, orgs):
    login(client, orgs["admin_a"])
    queue = client.get("/organisations/claims").get_data(as_text=True)
    assert "Claimant" in queue and "Other claimant" not in queue
    token = csrf_from(queue)
    other = orgs["other"]
    response = client.post(f"/organisations/{orgs['b'].id}/people/{other.id}/approve",
                           data={"csrf_token": token}, follow_redirects=True)
    assert "Only this organisation" in response.get_data(as_text=True)
    assert not fresh(other).org_verified
    # The org id in the address does not matter: the person's claimed organisation decides.
    client.post(f"/organisations/{orgs['a'].id}/people/{other.id}/approve", data={"csrf_token": token})
    assert not fresh(other).org_verified
    assert client.get(f"/organisations/{orgs['b'].id}/people").status_code == 403
    client.post(f"/organisations/{orgs['a'].id}/people/{orgs['claimant'].id}/approve", data={"csrf_token": token})
    assert fresh(orgs["claimant"]).org_verified


def test_a_refusal_gives_a_reason_and_leaves_the_person_free_to_claim_again(client, orgs):
    login(client, orgs["admin_a"])
    token = csrf_from(client.get("/organisations/claims").get_data(as_text=True))
    claimant = orgs["claimant"]
    bad = client.post(f"/organisations/{orgs['a'].id}/people/{claimant.id}/refuse",
                      data={"csrf_token": token, "reason": "other", "note": ""}, follow_redirects=True)
    assert "Say why in the note" in bad.get_data(as_text=True) and fresh(claimant).org_id == orgs["a"].id
    client.post(f"/organisations/{orgs['a'].id}/people/{claimant.id}/refuse",
                data={"csrf_token": token, "reason": "not_a_member", "note": "ไม่พบชื่อในทะเบียนบุคลากร"})
    assert fresh(claimant).org_id is None
    from govlab.extensions import db
    from govlab.models import AffiliationDecision

    log = [(row.decision, row.reason) for row in db.session.query(AffiliationDecision)
           .filter_by(user_id=claimant.id).order_by(AffiliationDecision.id)]
    assert log == [("claimed", None), ("refused", "not_a_member")]


@pytest.mark.parametrize("who,status", [("anonymous", 302), ("claimant", 403), ("admin_b", 403), ("admin_a", 200),
                                        ("site_admin", 200)])
def test_who_sees_an_organisations_people(client, orgs, who, status):
    if who != "anonymous":
        login(client, orgs[who])
    assert client.get(f"/organisations/{orgs['a'].id}/people").status_code == status


def test_only_site_admins_register_domains_and_appoint_admins(client, orgs):
    login(client, orgs["admin_a"])
    token = csrf_from(client.get("/organisations/claims").get_data(as_text=True))
    client.post(f"/organisations/{orgs['a'].id}/domains", data={"csrf_token": token, "domain": "office.go.th"})
    assert affiliations.organisation_people(orgs["site_admin"], orgs["a"].id)["domains"] == []
    client.post(f"/organisations/{orgs['a'].id}/admins", data={"csrf_token": token,
                                                                "email": orgs["claimant"].email})
    assert orgs["claimant"].id not in affiliations.organisation_people(orgs["site_admin"], orgs["a"].id)["admin_ids"]


def test_a_changed_organisation_is_a_new_claim_and_ends_an_admin_role(orgs):
    admin_a = orgs["admin_a"]
    assert fresh(admin_a).org_verified and affiliations.is_org_admin(admin_a, orgs["a"].id)
    accounts.update_profile(admin_a, {"org_id": orgs["b"].id})
    assert not fresh(admin_a).org_verified and not affiliations.is_org_admin(admin_a, orgs["a"].id)


@pytest.mark.parametrize("note", ["a\x00b", "x" * 501])
def test_odd_refusal_notes_are_refused(orgs, note):
    from govlab.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        affiliations.refuse(orgs["admin_a"], orgs["claimant"].id, "other", note)
    assert fresh(orgs["claimant"]).org_id == orgs["a"].id


def test_a_confirmed_address_on_a_registered_domain_verifies_the_claim(app, client, orgs):
    """Register claiming A with an address at A's domain: verified once the mailed link is followed."""
    from tests.conftest import mailed_link

    affiliations.add_domain(orgs["site_admin"], orgs["a"].id, "office.go.th")
    for address in ("somsri@office.go.th", "somchai@gmail.com"):
        page = client.get("/register")
        client.post("/register", data={"email": address, "name": "สมศรี ใจดี", "password": "correct horse battery",
                                       "org_id": str(orgs["a"].id), "locale": "th",
                                       "csrf_token": csrf_from(page.get_data(as_text=True))})
        link = mailed_link(address, "confirm")
        confirm_page = client.get(link)
        client.post(link, data={"csrf_token": csrf_from(confirm_page.get_data(as_text=True))})
    from govlab.extensions import db
    from govlab.models import User

    db.session.rollback()
    at_domain = db.session.query(User).filter_by(email="somsri@office.go.th").one()
    elsewhere = db.session.query(User).filter_by(email="somchai@gmail.com").one()
    assert at_domain.org_verified and not elsewhere.org_verified  # a claim from anywhere else still waits


def test_registering_a_domain_verifies_the_confirmed_claims_already_waiting(orgs, factory):
    """Accounts made by site admins are confirmed; a claim made later from such an address waits for the domain."""
    person = factory.user("Person")  # confirmed, no organisation yet
    from govlab.extensions import db
    from govlab.models import User

    db.session.rollback()
    db.session.get(User, person.id).email = "person@agency.go.th"
    db.session.commit()
    accounts.update_profile(person, {"org_id": orgs["b"].id})
    assert not fresh(person).org_verified
    affiliations.add_domain(orgs["site_admin"], orgs["b"].id, "agency.go.th")
    assert fresh(person).org_verified
