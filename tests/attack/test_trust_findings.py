"""Findings from attacking the trust work (registration links, affiliations, the evidence chain ops) as a
hostile user. Each test failed on the code as it was and passes with its fix (see the report of branch
`invite`)."""
from __future__ import annotations

from govlab.extensions import db
from govlab.services import affiliations, cards, details, links, transfer
from govlab.services.access import SYSTEM
from tests.conftest import token_for


# 1. A retried op whose first copy committed is answered with a rule instead of its ack -------------------

def test_a_retried_link_create_is_answered_from_its_receipt_not_with_a_conflict(world, sockets):
    """DESIGN §3: "a retry is applied once" and answered with the first ack. A client whose ack was lost
    resends link.create with the same client_op_id; the service finds the link it made the first time
    and answers `conflict` — the client shows an error for a change that succeeded (and a resent
    member.add says "already waiting", a resent member.remove "not a member")."""
    pid = world["private"]["project"].id
    member = world["users"]["member"]
    hmw = cards.create_card(member, pid, {"stage": "empathize", "kind": "hmw", "title": "HMW"})
    idea = cards.create_card(member, pid, {"stage": "ideate", "kind": "idea", "title": "Idea"})
    sock = sockets(member)
    sock.join(pid)
    data = {"from": idea.id, "to": hmw.id, "type": "answers"}
    first = sock.op(pid, "link.create", data, "link-1")
    again = sock.op(pid, "link.create", data, "link-1")
    assert first["ok"] and again["ok"], again
    assert again["seq"] == first["seq"] and again["link"] == first["link"] and again["duplicate"]


def test_a_retried_rest_op_is_answered_from_its_receipt_too(client, world):
    pid = world["private"]["project"].id
    headers = token_for(client, world["users"]["facilitator"])
    envelope = {"type": "member.add", "client_op_id": "rest-inv-1",
                "data": {"email": "retry@example.org", "role": "member"}}
    first = client.post(f"/api/v1/projects/{pid}/ops", json=envelope, headers=headers)
    again = client.post(f"/api/v1/projects/{pid}/ops", json=envelope, headers=headers)
    assert first.status_code == again.status_code == 200, again.get_json()
    assert again.get_json()["invitation"] == first.get_json()["invitation"] and again.get_json()["duplicate"]


# 2. Any member can name any organisation as a prototype's owner on a public board ------------------------

def _prototype(world, visibility="public"):
    pid = world[visibility]["project"].id
    card = cards.create_card(world["users"]["member"], pid, {"stage": "prototype", "kind": "prototype",
                                                             "title": "Official-looking prototype"})
    return pid, card


def test_a_member_cannot_name_an_organisation_nobody_in_the_project_speaks_for(factory, world):
    """The project's owner organisation is shown in public only when a verified facilitator vouches for it,
    but a prototype's owner organisation (shown on the public board, the tracker, the portfolio and in
    CSV/export) could be set by any member — unverified, or of no organisation at all — to any
    organisation: "Owner: Public Sector Innovation Office" on a stranger's public challenge."""
    office = factory.org(name_en="Public Sector Innovation Office")
    pid, card = _prototype(world)
    refused = None
    try:
        details.update_prototype(world["users"]["member"], pid, {"id": card.id, "owner_org_id": office.id})
    except Exception as error:  # noqa: BLE001 - the assertion below names what is expected
        refused = error
    assert refused is not None and getattr(refused, "code", None) == "forbidden"
    db.session.rollback()
    assert db.session.get(type(card), card.id).prototype_details is None


def test_an_organisation_a_verified_project_member_belongs_to_may_own_a_prototype(factory, world):
    partner = factory.org(sector="private", name_en="Partner Co")
    person = factory.user("Partner person", org=partner)  # made by an admin: verified
    pid, card = _prototype(world)
    factory.member(world["public"]["project"], "member", person)
    updated = details.update_prototype(world["users"]["member"], pid, {"id": card.id, "owner_org_id": partner.id})
    assert updated.prototype_details.owner_org_id == partner.id
    cleared = details.update_prototype(world["users"]["member"], pid, {"id": card.id, "owner_org_id": None})
    assert cleared.prototype_details.owner_org_id is None  # clearing is always allowed


def test_an_unverified_claim_does_not_count(factory, world):
    office = factory.org(name_en="Claimed Office")
    claimant = world["users"]["member"]
    from govlab.services import accounts

    accounts.update_profile(claimant, {"org_id": office.id})  # a claim, pending
    assert not affiliations.speaks_for(claimant)
    pid, card = _prototype(world)
    try:
        details.update_prototype(claimant, pid, {"id": card.id, "owner_org_id": office.id})
    except Exception as error:  # noqa: BLE001
        assert getattr(error, "code", None) == "forbidden"
    else:
        raise AssertionError("an unverified claimant named their claimed organisation as a prototype's owner")


def test_an_import_drops_prototype_owners_nobody_in_the_new_project_speaks_for(factory, world):
    """POST /import matches organisations by name: a file naming "Public Sector Innovation Office" as a
    prototype's owner gave the imported public project that owner, with no verified person behind it."""
    office = factory.org(name_en="Import Office")
    importer = world["users"]["outsider"]
    pid, card = _prototype(world)
    details.update_prototype(SYSTEM, pid, {"id": card.id, "owner_org_id": office.id})  # the system may
    exported = transfer.export_json(transfer.export_project(SYSTEM, pid))
    project, _warnings = transfer.import_project(importer, exported)
    owners = [c["prototype"]["owner_org_id"] for c in cards.board_snapshot(importer, project.id)["cards"]
              if c["kind"] == "prototype"]
    assert owners == [None]


def test_the_board_offers_only_owners_the_server_accepts(factory, world):
    """The board's owner menu listed every organisation, so a member could pick one the server now refuses."""
    partner = factory.org(sector="private", name_en="Menu Partner")
    stranger = factory.org(name_en="Menu Stranger")
    project = world["public"]["project"]
    factory.member(project, "observer", factory.user(org=partner))
    offered = {org.id for org in details.owner_choices(world["users"]["member"], project.id)}
    assert partner.id in offered and stranger.id not in offered
    assert stranger.id in {org.id for org in details.owner_choices(world["users"]["admin"], project.id)}
