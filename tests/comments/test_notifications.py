"""Notifications: who is told of what, never of their own action, never of a project they cannot see;
the list, mark read, mark all read, follow/unfollow, the REST routes, and the live push to the bell."""
from __future__ import annotations

import pytest

from govlab.domain.errors import NotFound
from govlab.extensions import db
from govlab.models import Notification
from govlab.services import affiliations, accounts, comments, details, follows, gates, links, notifications, projects
from tests.conftest import token_for


def _kinds(user):
    db.session.rollback()
    return sorted(n.kind for n in db.session.query(Notification).filter_by(user_id=user.id))


def _prototype(factory, project, author):
    return factory.card(project, author, stage="prototype", kind="prototype", title="Queue ticket app")


def test_followers_hear_of_status_changes_and_decisions_but_not_their_own(world, factory):
    project = world["private"]["project"]
    users = world["users"]
    prototype = _prototype(factory, project, users["member"])  # the member wrote it: they follow it
    follows.set_following(users["observer"], prototype.id, True)
    details.update_prototype(users["member"], project.id, {"id": prototype.id, "status": "testing"})
    assert _kinds(users["member"]) == []  # their own change
    assert _kinds(users["observer"]) == ["status"]
    details.update_prototype(users["member"], project.id, {"id": prototype.id, "fidelity": "paper"})
    assert _kinds(users["observer"]) == ["status"]  # not a status change
    gates.decide(users["facilitator"], project.id, {"prototype_id": prototype.id, "decision": "drop",
                                                    "rationale": "Nobody used it"})
    assert _kinds(users["member"]) == ["decision"] and _kinds(users["observer"]) == ["decision", "status"]
    listed = notifications.list_notifications(users["observer"], "en")["notifications"]
    assert listed[0]["sentence"] == ("Facilitator recorded the decision “Drop” on the prototype “Queue ticket app” "
                                     "in private project.")
    assert listed[1]["sentence"].endswith("to Testing.")


def test_authors_may_unfollow_and_anyone_who_sees_the_card_may_follow(world, factory):
    project = world["public"]["project"]
    users = world["users"]
    prototype = _prototype(factory, project, users["member"])
    follows.set_following(users["member"], prototype.id, False)
    follows.set_following(users["outsider"], prototype.id, True)  # a public project: anyone may follow
    details.update_prototype(users["facilitator"], project.id, {"id": prototype.id, "status": "building"})
    assert _kinds(users["member"]) == [] and _kinds(users["outsider"]) == ["status"]
    secret = factory.project(factory.user(), title="Secret")
    with pytest.raises(NotFound):
        follows.set_following(users["outsider"], factory.card(secret).id, True)


def test_a_private_project_never_leaks_to_someone_who_lost_access(world, factory):
    project = world["private"]["project"]
    users = world["users"]
    card = world["private"]["card"]
    comments.create_comment(users["facilitator"], project.id, {
        "card_id": card.id, "body": "@Observer secret plans",
        "mentions": [{"user_id": users["observer"].id, "text": "@Observer"}]})
    assert notifications.unread_count(users["observer"].id) == 1
    projects.remove_member(users["facilitator"], project.id, users["observer"].id)
    assert notifications.unread_count(users["observer"].id) == 0
    assert notifications.list_notifications(users["observer"], "en")["notifications"] == []
    # And nothing new is sent to them: a mention of a former member keeps only the text.
    comment = comments.create_comment(users["facilitator"], project.id, {
        "card_id": card.id, "body": "@Observer again",
        "mentions": [{"user_id": users["observer"].id, "text": "@Observer"}]})
    assert comment.mentions == [{"user_id": None, "text": "@Observer"}]
    follows_row_card = _prototype(factory, project, users["member"])
    factory.member(project, "member", users["outsider"])
    follows.set_following(users["outsider"], follows_row_card.id, True)
    projects.remove_member(users["facilitator"], project.id, users["outsider"].id)
    details.update_prototype(users["member"], project.id, {"id": follows_row_card.id, "status": "testing"})
    assert _kinds(users["outsider"]) == []


def test_hidden_or_deleted_comments_take_their_notifications_with_them(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    comment = comments.create_comment(users["observer"], project.id, {"card_id": card.id, "body": "Spam"})
    assert notifications.unread_count(users["member"].id) == 1  # the card's author
    comments.hide_comment(users["facilitator"], project.id, {"id": comment.id})
    assert notifications.unread_count(users["member"].id) == 0


def test_affiliation_decisions_are_told_to_the_person(factory):
    org = factory.org(name_en="Innovation Office", name_th="สำนักงานนวัตกรรม")
    site_admin = factory.user("Site admin", admin=True)
    approved, refused = factory.user("Approved", locale="th"), factory.user("Refused")
    for person in (approved, refused):
        accounts.update_profile(person, {"org_id": org.id})
    affiliations.approve(site_admin, approved.id)
    affiliations.refuse(site_admin, refused.id, "not_a_member")
    assert _kinds(approved) == ["affiliation_approved"] and _kinds(refused) == ["affiliation_refused"]
    text = notifications.list_notifications(refused, "en")["notifications"][0]["sentence"]
    assert text == ("Your affiliation with Innovation Office was not verified. "
                    "This person does not work for the organisation.")
    thai = notifications.list_notifications(approved, "th")["notifications"][0]["sentence"]
    assert "สำนักงานนวัตกรรม" in thai


def test_mark_read_and_mark_all_read(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    for index in range(3):
        comments.create_comment(users["facilitator"], project.id, {"card_id": card.id, "body": f"Note {index}"})
    member = users["member"]
    first = notifications.list_notifications(member, "en")["notifications"][0]
    notifications.mark_read(member, first["id"])
    assert notifications.unread_count(member.id) == 2
    with pytest.raises(NotFound):
        notifications.mark_read(users["observer"], first["id"])  # not theirs
    assert notifications.mark_all_read(member) == 2 and notifications.unread_count(member.id) == 0


def test_rest_routes(client, world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    facilitator, member = token_for(client, users["facilitator"]), token_for(client, users["member"])
    ack = client.post(f"/api/v1/projects/{project.id}/ops", headers=facilitator, json={
        "type": "comment.create", "data": {"card_id": card.id, "body": "@Member hi",
                                           "mentions": [{"user_id": users["member"].id, "text": "@Member"}]}})
    assert ack.status_code == 200 and ack.get_json()["comment"]["mentions"][0]["name"] == "Member"
    thread = client.get(f"/api/v1/cards/{card.id}/comments", headers=member).get_json()
    assert thread["count"] == 1 and thread["comments"][0]["body"] == "@Member hi" and thread["following"]
    listed = client.get("/api/v1/notifications", headers=member).get_json()
    assert listed["unread"] == 1 and listed["notifications"][0]["kind"] == "mention"
    target = listed["notifications"][0]
    assert client.post(f"/api/v1/notifications/{target['id']}/read", headers=member).get_json()["unread"] == 0
    assert client.post("/api/v1/notifications/read-all", headers=member).get_json() == {"marked": 0, "unread": 0}
    found = client.get(f"/api/v1/projects/{project.id}/mentionable?q=emb", headers=facilitator).get_json()
    assert [person["name"] for person in found["members"]] == ["Member"]
    assert client.put(f"/api/v1/cards/{card.id}/follow", headers=facilitator).get_json()["following"] is True
    assert client.delete(f"/api/v1/cards/{card.id}/follow", headers=member).get_json()["following"] is False
    editing = client.post(f"/api/v1/projects/{project.id}/ops", headers=member, json={
        "type": "comment.update", "data": {"id": ack.get_json()["comment"]["id"], "body": "changed"}})
    assert editing.status_code == 403 and editing.get_json()["error"]["code"] == "forbidden"
    huge = client.post(f"/api/v1/projects/{project.id}/ops", headers=member, json={
        "type": "comment.create", "data": {"card_id": card.id, "body": "y" * 5001}})
    assert huge.status_code == 422 and huge.get_json()["error"]["field"] == "body"
    assert client.get("/api/v1/notifications").status_code == 401

