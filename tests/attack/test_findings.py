"""Findings of the hardening review (DESIGN.md §6). Each test asserts the correct behaviour: it fails today."""
from __future__ import annotations

import pytest

import base64

from sqlalchemy import func, select

from govlab.domain import accounts as account_rules
from govlab.domain.errors import ValidationError
from govlab.extensions import db
from govlab.models import Card, User
from govlab.services import cards, projects
from govlab.services.access import ActorRef
from govlab.services.batch import Job, run_batch
from tests.conftest import PASSWORD, token_for
from tests.realtime.conftest import isolated
from tests.realtime.conftest import isolated


def _titles(events: list[dict]) -> set[str]:
    found = set()
    for event in events:
        payload = event.get("payload") or {}
        if "card" in payload:
            found.add(payload["card"]["title"])
    return found


# 1. join enters the room before the access check ------------------------------------------------

def test_a_refused_join_never_lets_the_outsider_receive_the_boards_ops(app, world, sockets, monkeypatch):
    """handlers.on_join enters the room, then checks access: ops committed in between reach an outsider."""
    facilitator = ActorRef.of(world["users"]["facilitator"])
    private = world["private"]["project"].id
    sock = sockets(world["users"]["outsider"])
    original = cards.board_snapshot

    def snapshot_while_someone_writes(actor, project_id, include_deleted=False):
        # A member of the private board writes while the outsider's join is being checked.
        cards.create_card(facilitator, private, {"stage": "ideate", "title": "secret plan"})
        return original(actor, project_id, include_deleted)

    monkeypatch.setattr(cards, "board_snapshot", snapshot_while_someone_writes)
    ack = sock.join(private)
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden"
    assert "secret plan" not in _titles(sock.ops(timeout=0.5))


# 2. a group commit broadcasts every event before access is re-checked -----------------------------

def test_a_card_written_after_a_board_turned_private_in_the_same_group_does_not_reach_watchers(app, world, sockets):
    """realtime.Realtime.on_committed emits the whole group's events, then rechecks the room."""
    facilitator = ActorRef.of(world["users"]["facilitator"])
    pid = world["public"]["project"].id
    watcher = sockets()  # anonymous
    assert watcher.join(pid)["ok"]
    jobs = [
        Job(actor=facilitator, project_id=pid, client_op_id="priv-1", result_kind="project",
            run=lambda: projects.update_project(facilitator, pid, {"visibility": "private"})),
        Job(actor=facilitator, project_id=pid, client_op_id="priv-2",
            run=lambda: cards.create_card(facilitator, pid, {"stage": "ideate", "title": "now private"})),
    ]
    run_batch(jobs)
    assert jobs[0].ack and jobs[1].ack
    assert "now private" not in _titles(watcher.ops(timeout=0.5))


# 3. roles cached for a whole group -----------------------------------------------------------------

def test_a_member_removed_earlier_in_a_group_cannot_write_later_in_it(app, world):
    """batch._preload caches roles for the group; member.remove does not invalidate batch.roles."""
    facilitator = ActorRef.of(world["users"]["facilitator"])
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id
    jobs = [
        Job(actor=facilitator, project_id=pid, client_op_id="rm-1", result_kind="member",
            run=lambda: projects.remove_member_op(facilitator, pid, {"user_id": member.id})),
        Job(actor=member, project_id=pid, client_op_id="rm-2",
            run=lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "written after removal"})),
    ]
    run_batch(jobs)
    assert jobs[0].ack is not None
    db.session.rollback()
    written = db.session.scalar(select(func.count()).select_from(Card).where(Card.title == "written after removal"))
    assert jobs[1].error is not None and written == 0


# 4. a short-lived token mints a permanent one --------------------------------------------------------

def test_a_token_cannot_mint_a_token_that_outlives_it(client, world):
    """api/routes_tokens.create_token lets any Bearer token create a never-expiring token."""
    user = world["users"]["member"]
    short = client.post("/api/v1/tokens", json={"email": user.email, "password": PASSWORD, "expires_in_days": 1})
    assert short.status_code == 201
    minted = client.post("/api/v1/tokens", json={"name": "forever"},
                         headers={"Authorization": f"Bearer {short.get_json()['token']}"})
    assert minted.status_code in (401, 403) or (
        minted.get_json()["expires_at"] is not None
        and minted.get_json()["expires_at"] <= short.get_json()["expires_at"])


# 5. e-mail grows past its column when lower-cased ------------------------------------------------------

def test_a_cleaned_email_fits_its_column():
    """domain/accounts.clean_email checks the length before .lower(); 'İ'.lower() is two characters."""
    raw = "\u0130" * 240 + "@example.org"  # 252 characters: passes the length check
    try:
        cleaned = account_rules.clean_email(raw)
    except ValidationError:
        return
    assert len(cleaned) <= account_rules.EMAIL_MAX  # 492 today: PostgreSQL's varchar(254) refuses it (500)


def test_registering_an_email_that_grows_when_lower_cased_is_refused(app, client):
    from tests.conftest import csrf_from

    page = client.get("/register")
    email = "\u0130" * 240 + "@example.org"
    client.post("/register", data={"name": "Long", "email": email, "password": PASSWORD,
                                   "csrf_token": csrf_from(page.get_data(as_text=True))})
    db.session.rollback()
    lengths = db.session.scalars(select(func.length(User.email))).all()
    assert max(lengths or [0]) <= account_rules.EMAIL_MAX


# 6. guard.recheck overwrites its `reason` inside the loop ---------------------------------------------

def test_a_watcher_taken_off_a_board_made_private_and_archived_is_told_private(app, world, sockets):
    """realtime/guard.recheck reassigns `reason` for a read-only socket; later sockets get the wrong reason."""
    pid = world["public"]["project"].id
    member = sockets(world["users"]["member"])
    assert member.join(pid)["ok"]
    outsider = sockets(world["users"]["outsider"])
    assert outsider.join(pid)["ok"]
    projects.update_project(world["users"]["facilitator"], pid,
             {"visibility": "private", "status": "archived"})
    revoked = outsider.wait_for("revoked", lambda args: args.get("project_id") == pid)
    assert revoked["reason"] == "private"


# 7. a text update whose dependencies are missing is acked but never stored ---------------------------

def test_a_text_update_sent_before_the_one_it_depends_on_is_stored_or_refused(app, world, sockets):
    """domain/crdt.CardText.apply returns None for an update Yrs keeps pending (state and text unchanged);
    services/text then stores nothing, yet the cached document integrates it once its dependency arrives:
    card.title, the stored rows and the other clients (who only got the second update) disagree."""
    from govlab.domain.crdt import CardText
    from govlab.models import CardTextUpdate
    from tests.realtime.test_handlers import synced_doc, typed

    pid, card_id = world["private"]["project"].id, world["private"]["card"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    doc = synced_doc(sock, pid, card_id)
    first = typed(doc, "title", 0, "A ")
    second = typed(doc, "title", 0, "B ")
    early = sock.op(pid, "card.text", {"id": card_id, "update": second}, "crdt-2")
    late = sock.op(pid, "card.text", {"id": card_id, "update": first}, "crdt-1")
    assert late["ok"]
    db.session.rollback()
    stored = list(db.session.scalars(select(CardTextUpdate.update).where(CardTextUpdate.card_id == card_id)
                                     .order_by(CardTextUpdate.id)))
    title = db.session.get(Card, card_id).title
    # Either the early update is refused (the client resyncs and resends) or it is kept: never both lost and shown.
    assert early["ok"] is False or CardText(stored).value("title") == title


# 8. undecodable socket frames get no ack at all ----------------------------------------------------------

def test_a_socket_event_nested_past_the_decoder_limit_is_answered_invalid_json(app, world, sockets):
    """Nesting past orjson's 1,024 levels (or a lone surrogate) fails in python-socketio's packet decoder,
    before handlers._guarded: the exception escapes _handle_eio_message, no ack is sent (the client waits
    forever), the rate limit never counts it and each frame logs a traceback."""
    from govlab.extensions import socketio

    sock = sockets(world["users"]["member"])
    raw = sock.raw
    raw.callback_counter += 1
    raw.acks = None
    body = '{"x":' * 2000 + "{}" + "}" * 2000
    isolated(socketio.server._handle_eio_message, raw.eio_sid, f'2/board,{raw.callback_counter}["join",{body}]')
    assert raw.acks is not None and raw.acks["args"][0]["error"]["code"] == "invalid_json"


# 9. a slowly sent body holds a pooled database connection -------------------------------------------------

def test_no_pooled_database_connection_is_held_while_a_request_body_is_still_arriving(app, client, world):
    """api.authenticate (before_request) loads the token's user, which checks out a pooled connection and
    leaves its read transaction open; json_body() then reads the body from the socket. A client that sends
    its body slowly (no deadline covers bodies, only heads) holds a connection: pool_size + max_overflow
    (15 by default) such clients stall every request, which then fail with a pool timeout (500)."""
    import io

    headers = token_for(app.test_client(), world["users"]["member"])
    body = b'{"stage": "ideate", "title": "slow"}'
    held = []

    class SlowBody(io.BytesIO):
        def read(self, *args):
            held.append(db.engine.pool.checkedout())
            return super().read(*args)

        def readinto(self, buffer):
            held.append(db.engine.pool.checkedout())
            return super().readinto(buffer)

    pid = world["public"]["project"].id
    db.session.remove()  # the test's own session holds nothing
    baseline = db.engine.pool.checkedout()
    response = client.post(f"/api/v1/projects/{pid}/cards", headers=headers,
                           input_stream=SlowBody(body), content_type="application/json",
                           content_length=len(body))
    assert response.status_code == 201
    assert held and max(held) == baseline


# 10. member.add tells any signed-in user who has an account (and their name) ----------------------------

def test_adding_a_member_does_not_reveal_whether_an_email_has_an_account(app, client, world):
    """Registration hides whether an address has an account, but anyone can register, open a project and
    POST /projects/{id}/members (or op member.add): an unknown address is a 422 "No account uses this
    e-mail address", a known one a 201 with the person's name and organisation, and the person is added
    to a stranger's project without consent. (Design-level: an invitation the person accepts.)"""
    stranger = world["users"]["outsider"]
    victim = world["users"]["observer"]
    headers = token_for(client, stranger)
    project = client.post("/api/v1/projects", json={"title": "Probe"}, headers=headers).get_json()
    known = client.post(f"/api/v1/projects/{project['id']}/members",
                        json={"email": victim.email, "role": "observer"}, headers=headers)
    unknown = client.post(f"/api/v1/projects/{project['id']}/members",
                          json={"email": "nobody-here@example.org", "role": "observer"}, headers=headers)
    assert known.status_code == unknown.status_code
    assert "name" not in (known.get_json().get("user") or {})



# 11. a password change leaves every personal token (and its sockets) working -------------------------------

def test_a_password_change_ends_the_accounts_personal_tokens_and_their_sockets(app, world, sockets):
    """accounts.change_password ends the other browser sessions only. A token copied by whoever knew the
    password keeps working on the API and its sockets stay open: DESIGN §6 says a password change makes
    every open socket of the person lose access. (Or: the profile offers "also revoke all tokens", on by default.)"""
    from tests.conftest import csrf_from, login

    member = world["users"]["member"]
    stolen = token_for(app.test_client(), member)
    sock = sockets(token=stolen["Authorization"].split()[1])
    browser = app.test_client()
    login(browser, member)
    page = browser.get("/profile").get_data(as_text=True)
    changed = browser.post("/profile/password", data={"pw-current": PASSWORD, "pw-new": "a brand new phrase 42",
                                                      "csrf_token": csrf_from(page)})
    assert changed.status_code == 302
    assert app.test_client().get("/api/v1/me", headers=stolen).status_code == 401
    sock.drain()
    assert not sock.connected
