"""Invitations over the socket: the op answers alike for any address, events carry no address, roles hold."""
from __future__ import annotations

from sqlalchemy import select

from govlab.extensions import db
from govlab.models import Event
from govlab.services import invitations
from tests.conftest import mailed_link


def _events(project_id, prefix):
    db.session.rollback()
    return list(db.session.scalars(select(Event).where(Event.project_id == project_id, Event.type.like(prefix + "%"))
                                   .order_by(Event.seq)))


def test_the_socket_op_answers_alike_and_events_carry_no_address(app, world, sockets):
    facilitator = sockets(world["users"]["facilitator"])
    watcher = sockets()  # anonymous, on the public board
    pid = world["public"]["project"].id
    facilitator.join(pid)
    watcher.join(pid)
    acks = [facilitator.op(pid, "member.add", {"email": email, "role": "member"}, f"inv-{n}")
            for n, email in enumerate((world["users"]["outsider"].email, "nobody@example.org"))]
    assert all(ack["ok"] for ack in acks)
    assert set(acks[0]["invitation"]) == set(acks[1]["invitation"]) and "email" not in acks[0]["invitation"]
    seen = watcher.ops(count=2)
    assert [event["type"] for event in seen] == ["invitation.create", "invitation.create"]
    assert "@" not in str(seen)
    stored = _events(pid, "invitation")
    assert "@" not in str([event.payload for event in stored])
    replay = watcher.call("resync", {"project_id": pid, "since": 0})
    assert "@" not in str(replay)



def test_observers_and_members_cannot_invite_resend_or_withdraw_over_the_socket(world, sockets):
    pid = world["private"]["project"].id
    invitation = invitations.invite(world["users"]["facilitator"], pid, {"email": "w@example.org", "role": "member"})
    for who in ("member", "observer"):
        sock = sockets(world["users"][who])
        sock.join(pid)
        for n, (op_type, data) in enumerate((("member.add", {"email": "z@example.org", "role": "member"}),
                                             ("invitation.resend", {"id": invitation.id}),
                                             ("invitation.revoke", {"id": invitation.id}))):
            ack = sock.op(pid, op_type, data, f"{who}-{n}")
            assert ack["ok"] is False and ack["error"]["code"] == "forbidden", ack
    assert [e.type for e in _events(pid, "invitation")] == ["invitation.create"]


def test_bad_socket_payloads_are_validation_errors(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["facilitator"])
    sock.join(pid)
    for n, data in enumerate(({"email": "a\x00@example.org", "role": "member"}, {"email": "x" * 5000, "role": "member"},
                              {"email": "x@example.org", "role": "owner"}, {"email": 7, "role": "member"})):
        ack = sock.op(pid, "member.add", data, f"bad-{n}")
        assert ack["ok"] is False and ack["error"]["code"] == "validation_error", ack
    for n, data in enumerate(({"id": "²"}, {"id": 2**40}, {"id": 0}, {})):
        ack = sock.op(pid, "invitation.revoke", data, f"badid-{n}")
        assert ack["ok"] is False and ack["error"]["code"] == "validation_error", ack
    ack = sock.op(pid, "invitation.revoke", {"id": 424242}, "missing")
    assert ack["ok"] is False and ack["error"]["code"] == "not_found"


def test_resend_and_revoke_ops_are_acked_and_a_retry_applies_once(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["facilitator"])
    sock.join(pid)
    created = sock.op(pid, "member.add", {"email": "once@example.org", "role": "observer"}, "inv-once")
    repeat = sock.op(pid, "member.add", {"email": "once@example.org", "role": "observer"}, "inv-once")
    assert created["ok"] and repeat["ok"] and repeat.get("duplicate") and repeat["seq"] == created["seq"]
    soon = sock.op(pid, "invitation.resend", {"id": created["invitation"]["id"]}, "resend-1")
    assert soon["ok"] is False and soon["error"]["code"] == "rate_limited"
    revoked = sock.op(pid, "invitation.revoke", {"id": created["invitation"]["id"]}, "revoke-1")
    assert revoked["ok"] and revoked["invitation"]["state"] == "revoked"


def test_a_watcher_who_accepts_can_write_on_the_socket_already_open(world, sockets, client):
    from tests.conftest import login

    outsider = world["users"]["outsider"]
    pid = world["public"]["project"].id
    login(client, outsider)
    watching = sockets(client=client)
    assert watching.join(pid)["ok"]
    refused = watching.op(pid, "card.create", {"stage": "ideate", "title": "Before"}, "before")
    assert refused["ok"] is False
    invitations.invite(world["users"]["facilitator"], pid, {"email": outsider.email, "role": "member"})
    invitations.accept(outsider, mailed_link(outsider.email, "invitation").rsplit("/", 1)[1])
    created = watching.op(pid, "card.create", {"stage": "ideate", "title": "After"}, "after")
    assert created["ok"], created
