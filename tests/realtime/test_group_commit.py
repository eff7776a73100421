"""Group commit: several ops in one transaction, each through its own service call."""
from __future__ import annotations

from sqlalchemy import select

from govlab.extensions import db
from govlab.models import Event
from govlab.services import cards
from govlab.services.access import ActorRef
from govlab.services.batch import Job, run_batch


def _job(actor, project_id, op_id, run, card_id=None):
    return Job(actor=actor, project_id=project_id, client_op_id=op_id, run=run, card_id=card_id)


def test_a_batch_applies_good_ops_refuses_bad_ones_and_answers_repeats_once(app, world):
    member = ActorRef.of(world["users"]["member"])
    observer = ActorRef.of(world["users"]["observer"])
    project = world["private"]["project"]
    pid, cid = project.id, world["private"]["card"].id
    start = project.last_seq
    jobs = [
        _job(member, pid, "a", lambda: cards.update_card(member, cid, {"title": "First"}, in_project=pid), cid),
        _job(member, pid, "b", lambda: cards.update_card(member, cid, {"title": ""}, in_project=pid), cid),
        _job(observer, pid, "c", lambda: cards.create_card(observer, pid, {"stage": "ideate", "title": "no"})),
        _job(member, pid, "d", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "New"})),
        _job(member, pid, "a", lambda: cards.update_card(member, cid, {"title": "Again"}, in_project=pid), cid),
        _job(member, pid, "e", lambda: cards.update_card(member, cid, {"body": "b"}, in_project=pid), cid),
    ]
    run_batch(jobs)
    first, bad, forbidden, created, repeat, last = jobs
    assert first.ack["ok"] and first.ack["seq"] == start + 1 and first.ack["card"]["title"] == "First"
    assert bad.error.code == "validation_error"
    assert forbidden.error.code == "forbidden"
    assert created.ack["seq"] == start + 2 and created.ack["card"]["title"] == "New"
    assert repeat.ack["duplicate"] and repeat.ack["seq"] == first.ack["seq"]
    assert last.ack["seq"] == start + 3 and last.ack["card"]["title"] == "First"
    db.session.rollback()
    seqs = db.session.scalars(select(Event.seq).where(Event.project_id == pid).order_by(Event.seq)).all()
    assert seqs == list(range(1, start + 4))


def test_a_repeat_of_a_committed_op_is_answered_from_its_receipt(app, world):
    member = ActorRef.of(world["users"]["member"])
    pid, cid = world["private"]["project"].id, world["private"]["card"].id
    first = _job(member, pid, "once", lambda: cards.update_card(member, cid, {"title": "One"}, in_project=pid), cid)
    run_batch([first])
    again = _job(member, pid, "once", lambda: cards.update_card(member, cid, {"title": "Two"}, in_project=pid), cid)
    other = _job(member, pid, "other", lambda: cards.update_card(member, cid, {"body": "x"}, in_project=pid), cid)
    run_batch([again, other])  # the repeat makes the batch fall back to one op at a time
    assert again.ack["seq"] == first.ack["seq"] and again.ack["card"]["title"] == "One"
    assert other.ack["ok"] and other.ack["seq"] == first.ack["seq"] + 1
    assert cards.get_card(member, cid).title == "One"
