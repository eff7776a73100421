"""Workshop guests on the live board: scope, revocation and expiry end open sockets, the guest badge in presence."""
from __future__ import annotations

from datetime import timedelta

import pytest

from govlab.extensions import db
from govlab.models import Guest
from govlab.models.base import utcnow
from govlab.services import join_codes, workshops
from tests.conftest import Factory
from tests.guests.conftest import AGENDA, join_as


def _live(app):
    return app.extensions["govlab_realtime"]


@pytest.fixture
def setup(app, world):
    facilitator = world["users"]["facilitator"]
    project = world["private"]["project"]
    workshop = workshops.create_workshop(facilitator, project.id, {"title": "Sprint", "agenda": AGENDA})
    code = join_codes.create_code(facilitator, project.id, {"workshop_id": workshop.id})
    browser = app.test_client()
    assert join_as(browser, code.code, name="Nok", organisation="Youth council", sector="civil_society"
                   ).status_code == 302
    return {**world, "pid": project.id, "code": code, "browser": browser, "facilitator": facilitator}


def test_a_guest_socket_joins_its_board_and_no_other(setup, sockets):
    sock = sockets(client=setup["browser"])
    assert sock.join(setup["pid"])["ok"]
    ack = sock.op(setup["pid"], "card.create", {"stage": "empathize", "title": "ป้ายรถเมล์ไม่มีหลังคา"}, "g1")
    assert ack["ok"], ack
    other_private = Factory().project(setup["facilitator"], title="Elsewhere").id
    for pid in (setup["public"]["project"].id, other_private, 999999):
        refused = sock.join(pid)
        assert refused["ok"] is False and refused["error"]["code"] == "forbidden", pid
    # A guest cannot make codes either (a member of the project, not a facilitator).
    made = sock.op(setup["pid"], "join_code.create", {"workshop_id": 1}, "g2")
    assert made["ok"] is False and made["error"]["code"] == "forbidden"


def test_revoking_the_code_ends_the_guests_open_socket_at_once(app, setup, sockets):
    guest = sockets(client=setup["browser"])
    member = sockets(setup["users"]["member"])
    assert guest.join(setup["pid"])["ok"] and member.join(setup["pid"])["ok"]
    join_codes.revoke_code(setup["facilitator"], setup["pid"], {"id": setup["code"].id})
    assert guest.wait_for("revoked") == {"reason": "guest_ended"}
    assert not guest.connected
    assert member.connected  # nobody else is touched
    again = sockets(client=setup["browser"])  # the same browser: its session has ended, so a stranger now
    assert again.connected and again.join(setup["pid"])["error"]["code"] == "forbidden"


def test_when_the_guests_time_is_up_the_sweep_drops_the_socket_and_writes_are_refused(app, setup, sockets):
    guest = sockets(client=setup["browser"])
    assert guest.join(setup["pid"])["ok"]
    db.session.rollback()
    row = db.session.query(Guest).one()
    row.until = utcnow() - timedelta(seconds=1)  # the code expired (no message: only the clock)
    db.session.commit()
    connection = next(iter(_live(app).registry.matching(user_id=row.user_id)))
    connection.actor_checked = 0  # the next op re-reads the account, as it does every few seconds
    refused = guest.op(setup["pid"], "card.create", {"stage": "empathize", "title": "too late"}, "late")
    assert refused["ok"] is False and refused["error"]["code"] == "unauthorized"
    _live(app).guard.sweep()
    assert guest.wait_for("revoked") == {"reason": "guest_ended"}
    assert not guest.connected


def test_guests_show_with_a_badge_and_their_sector_in_presence(setup, sockets):
    guest, facilitator = sockets(client=setup["browser"]), sockets(setup["facilitator"])
    guest.join(setup["pid"])
    facilitator.join(setup["pid"])
    assert guest.call("presence", {"project_id": setup["pid"]})["ok"]
    states = facilitator.wait_for("presence", lambda states: any(s.get("name") == "Nok" for s in states))
    nok = next(s for s in states if s.get("name") == "Nok")
    assert nok["guest"] is True and nok["sector"] == "civil_society"
    assert nok["organisation"] == {"name_th": "Youth council", "name_en": "Youth council"}
