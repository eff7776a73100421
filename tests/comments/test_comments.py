"""Comments on cards: threads, mentions, edit/delete own, hide, observers, and bad input (nothing stored)."""
from __future__ import annotations

import pytest

from govlab.domain.errors import NotFound, PermissionDenied, ValidationError
from govlab.extensions import db
from govlab.models import Comment, Event, Notification
from govlab.services import comments, projects


def _create(actor, project, card, body="Hello", **extra):
    return comments.create_comment(actor, project.id, {"card_id": card.id, "body": body, **extra})


def _count(model, **where):
    db.session.rollback()
    return db.session.query(model).filter_by(**where).count()


def test_a_comment_is_an_event_and_counts_on_the_card(world):
    project, card = world["private"]["project"], world["private"]["card"]
    facilitator = world["users"]["facilitator"]
    comment = _create(facilitator, project, card, "First thoughts")
    event = db.session.query(Event).filter_by(project_id=project.id, type="comment.create").one()
    assert event.payload["comment"]["id"] == comment.id and event.payload["comment_count"] == 1
    assert comments.comment_counts(project.id) == {str(card.id): 1}
    thread = comments.list_comments(facilitator, card.id)
    assert [c["body"] for c in thread["comments"]] == ["First thoughts"] and thread["can_comment"]


def test_replies_to_replies_join_the_top_comment(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    top = _create(users["facilitator"], project, card, "Top")
    reply = _create(users["member"], project, card, "Reply", parent_id=top.id)
    deeper = _create(users["observer"], project, card, "Reply to reply", parent_id=reply.id)
    assert reply.parent_id == top.id and deeper.parent_id == top.id
    listed = comments.list_comments(users["member"], card.id)["comments"]
    assert [c["body"] for c in listed] == ["Top", "Reply", "Reply to reply"]


def test_mentions_notify_members_and_keep_the_text_of_non_members(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    body = "@Member and @Outsider, look"
    comment = _create(users["facilitator"], project, card, body, mentions=[
        {"user_id": users["member"].id, "text": "@Member"}, {"user_id": users["outsider"].id, "text": "@Outsider"}])
    assert comment.body == body
    assert comment.mentions == [{"user_id": users["member"].id, "text": "@Member"},
                                {"user_id": None, "text": "@Outsider"}]
    assert _count(Notification, user_id=users["member"].id, kind="mention") == 1
    assert _count(Notification, user_id=users["outsider"].id) == 0


def test_nobody_is_told_of_their_own_comment(world):
    project, card = world["private"]["project"], world["private"]["card"]  # the member wrote the card
    member = world["users"]["member"]
    _create(member, project, card, "@Member me", mentions=[{"user_id": member.id, "text": "@Member"}])
    assert _count(Notification, user_id=member.id) == 0


def test_the_card_author_hears_of_comments_and_the_answered_of_replies(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    top = _create(users["facilitator"], project, card, "Top")
    assert _count(Notification, user_id=users["member"].id, kind="comment") == 1
    _create(users["observer"], project, card, "Answer", parent_id=top.id)
    assert _count(Notification, user_id=users["facilitator"].id, kind="reply") == 1


def test_oversize_comment_is_refused_and_nothing_stored(world):
    project, card = world["private"]["project"], world["private"]["card"]
    with pytest.raises(ValidationError) as error:
        _create(world["users"]["member"], project, card, "x" * 5001)
    assert error.value.field == "body" and "5000" in str(error.value)
    assert _count(Comment) == 0 and _count(Event, type="comment.create") == 0


@pytest.mark.parametrize("body", ["bad\x00nul", "bell\x07", "   ", "\u200b"])
def test_control_characters_and_empty_text_are_refused(world, body):
    project, card = world["private"]["project"], world["private"]["card"]
    with pytest.raises(ValidationError):
        _create(world["users"]["member"], project, card, body)
    assert _count(Comment) == 0


def test_comment_on_a_card_of_another_project_is_refused(world):
    public_card = world["public"]["card"]
    private = world["private"]["project"]
    with pytest.raises(ValidationError) as error:
        _create(world["users"]["member"], private, public_card, "Wrong board")
    assert error.value.field == "card_id" and "another project" in str(error.value)
    assert _count(Comment) == 0


def test_comment_on_a_card_of_a_hidden_project_reveals_nothing(world, factory):
    secret = factory.project(factory.user(), title="Secret")
    secret_card = factory.card(secret)
    with pytest.raises(NotFound):
        _create(world["users"]["member"], world["private"]["project"], secret_card, "Peek")
    assert _count(Comment) == 0


def test_editing_someone_elses_comment_is_refused(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    comment = _create(users["member"], project, card, "Mine")
    for other in ("facilitator", "observer"):
        with pytest.raises(PermissionDenied):
            comments.update_comment(users[other], project.id, {"id": comment.id, "body": "Theirs"})
        with pytest.raises(PermissionDenied):
            comments.delete_comment(users[other], project.id, {"id": comment.id})
    db.session.rollback()
    assert db.session.get(Comment, comment.id).body == "Mine" and _count(Event, type="comment.update") == 0


def test_edit_own_with_version_and_new_mentions(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    comment = _create(users["observer"], project, card, "Draft")
    updated = comments.update_comment(users["observer"], project.id, {
        "id": comment.id, "body": "Draft, @Facilitator", "version": 1,
        "mentions": [{"user_id": users["facilitator"].id, "text": "@Facilitator"}]})
    assert updated.version == 2 and updated.edited_at is not None
    assert _count(Notification, user_id=users["facilitator"].id, kind="mention") == 1
    with pytest.raises(Exception) as error:
        comments.update_comment(users["observer"], project.id, {"id": comment.id, "body": "Old", "version": 1})
    assert error.value.code == "conflict"


def test_deleted_comment_with_replies_shows_as_deleted(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    top = _create(users["member"], project, card, "Top")
    _create(users["observer"], project, card, "Reply", parent_id=top.id)
    lonely = _create(users["member"], project, card, "Lonely")
    comments.delete_comment(users["member"], project.id, {"id": top.id})
    comments.delete_comment(users["member"], project.id, {"id": lonely.id})
    listed = comments.list_comments(users["facilitator"], card.id)["comments"]
    assert [(c["id"], c["deleted"], c["body"]) for c in listed] == [(top.id, True, ""), (listed[1]["id"], False, "Reply")]
    assert comments.comment_counts(project.id) == {str(card.id): 1}


def test_facilitators_hide_and_the_author_still_sees_it_was_hidden(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    comment = _create(users["observer"], project, card, "Rude words")
    with pytest.raises(PermissionDenied):
        comments.hide_comment(users["member"], project.id, {"id": comment.id})
    comments.hide_comment(users["facilitator"], project.id, {"id": comment.id})
    event = db.session.query(Event).filter_by(type="comment.hide").one()
    assert event.payload["comment"]["body"] == "" and event.payload["comment_count"] == 0
    own = comments.list_comments(users["observer"], card.id)["comments"]
    assert own[0]["hidden"] and own[0]["body"] == "Rude words"
    assert comments.list_comments(users["member"], card.id)["comments"] == []


def test_observers_comment_unless_the_project_turns_it_off(world):
    project, card = world["private"]["project"], world["private"]["card"]
    users = world["users"]
    _create(users["observer"], project, card, "Stakeholder view")
    projects.update_project(users["facilitator"], project.id, {"observers_may_comment": False})
    with pytest.raises(PermissionDenied):
        _create(users["observer"], project, card, "Again")
    assert not comments.list_comments(users["observer"], card.id)["can_comment"]


def test_outsiders_of_a_public_project_read_but_do_not_comment(world):
    project, card = world["public"]["project"], world["public"]["card"]
    _create(world["users"]["member"], project, card, "Visible")
    assert comments.list_comments(world["users"]["outsider"], card.id)["comments"][0]["body"] == "Visible"
    with pytest.raises(PermissionDenied):
        _create(world["users"]["outsider"], project, card, "Me too")


def test_mentionable_members_found_by_any_part_of_a_thai_name(world, factory):
    project = world["private"]["project"]
    factory.member(project, "member", factory.user("สมศรี ใจดี"))
    found = comments.mentionable(world["users"]["facilitator"], project.id, "ศรี")
    assert [person["name"] for person in found] == ["สมศรี ใจดี"]
    decomposed = "ใจดี"  # any part, NFC on both sides
    assert comments.mentionable(world["users"]["member"], project.id, decomposed)[0]["name"] == "สมศรี ใจดี"
    with pytest.raises(NotFound):
        comments.mentionable(world["users"]["outsider"], project.id, "")
