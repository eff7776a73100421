"""An invitation rings the invitee's bell live (their own room, wherever their sockets are), and nobody else's;
answering it quiets the bell on every socket of theirs."""
from __future__ import annotations

from govlab.extensions import db
from govlab.services import my_invitations


def _bell_events(sock):
    sock.drain()
    return [packet["args"][0] for packet in sock.inbox if packet["name"] == "notifications"]


def test_an_invitation_rings_the_invitees_bell_live_and_no_one_elses(world, sockets):
    users = world["users"]
    pid = world["private"]["project"].id
    on_a_board, elsewhere = sockets(users["outsider"]), sockets(users["outsider"])
    assert on_a_board.join(world["public"]["project"].id)["seq"] >= 0  # watching another board
    member, watcher = sockets(users["member"]), sockets()
    member.join(pid)
    facilitator = sockets(users["facilitator"])
    facilitator.join(pid)
    ack = facilitator.op(pid, "member.add", {"email": users["outsider"].email.upper(), "role": "observer"}, "inv-1")
    assert ack["ok"] and "email" not in ack["invitation"]
    assert on_a_board.wait_for("notifications") == {"unread": 1}
    assert elsewhere.wait_for("notifications") == {"unread": 1}
    assert [event["type"] for event in member.ops()] == ["invitation.create"]
    assert not _bell_events(member) and not _bell_events(watcher) and not _bell_events(facilitator)
    # Someone with no account: the op answers alike, and no socket hears of it.
    again = facilitator.op(pid, "member.add", {"email": "nobody@example.org", "role": "observer"}, "inv-2")
    assert again["ok"] and set(again["invitation"]) == set(ack["invitation"])
    assert member.ops() and not _bell_events(on_a_board) and not _bell_events(member)
    # Accepting from the page quiets the bell on each of their sockets.
    db.session.rollback()  # the test's own read snapshot predates the socket's invitation
    my_invitations.accept(users["outsider"], ack["invitation"]["id"])
    assert on_a_board.wait_for("notifications") == {"unread": 0}
    assert elsewhere.wait_for("notifications") == {"unread": 0}


def test_declining_quiets_the_bell_and_the_board_hears_an_event_without_a_name(world, sockets):
    users = world["users"]
    pid = world["public"]["project"].id
    invitee, watcher = sockets(users["outsider"]), sockets()
    watcher.join(pid)
    facilitator = sockets(users["facilitator"])
    facilitator.join(pid)
    ack = facilitator.op(pid, "member.add", {"email": users["outsider"].email, "role": "member"}, "inv-1")
    assert invitee.wait_for("notifications") == {"unread": 1}
    db.session.rollback()
    my_invitations.decline(users["outsider"], ack["invitation"]["id"])
    assert invitee.wait_for("notifications") == {"unread": 0}
    events = watcher.ops(count=2)
    assert [event["type"] for event in events] == ["invitation.create", "invitation.decline"]
    assert events[1]["actor_id"] is None and events[1]["payload"]["invitation"]["state"] == "declined"
    assert "@" not in str(events) and "Outsider" not in str(events)
