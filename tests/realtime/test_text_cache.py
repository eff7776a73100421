"""The per-process cache of card documents stays exact: other writers, compaction, refusals, rollbacks."""
from __future__ import annotations

import base64

import pytest
from pycrdt import Doc, Text
from sqlalchemy import func, select

from govlab import create_app
from govlab.domain.errors import ValidationError
from govlab.extensions import db
from govlab.models import CardTextUpdate
from govlab.services import cards, text
from govlab.services.access import ActorRef
from govlab.services.batch import Job, run_batch
from tests.conftest import make_config


class Typist:
    """A client's copy of a card's document that produces Yjs updates the way the browser does."""

    def __init__(self, actor, card_id):
        self.actor, self.card_id = actor, card_id
        self.doc = Doc()
        self.doc.apply_update(base64.b64decode(text.text_state(actor, card_id)["update"]))

    def type(self, field: str, index: int, value: str) -> str:
        before = self.doc.get_state()
        self.doc.get(field, type=Text).insert(index, value)
        return base64.b64encode(self.doc.get_update(before)).decode()

    def receive(self, update: str) -> None:
        self.doc.apply_update(base64.b64decode(update))


def _rows(card_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(CardTextUpdate).where(CardTextUpdate.card_id == card_id))


@pytest.fixture
def card(app, world):
    member = ActorRef.of(world["users"]["member"])
    return member, world["private"]["card"].id


def test_a_second_process_sees_every_edit_of_the_first_and_back(app, card, tmp_path):
    member, card_id = card
    other = create_app(make_config(tmp_path))  # another process: same database, its own cache
    here = Typist(member, card_id)
    for n in range(3):
        update = here.type("body", 0, f"here{n} ")
        assert text.apply_text_update(member, card_id, update).body.startswith(f"here{n} ")
    with other.app_context():
        there = Typist(member, card_id)  # built from the stored rows
        assert str(there.doc.get("body", type=Text)) == "here2 here1 here0 "
        update = there.type("body", 0, "there ")
        assert text.apply_text_update(member, card_id, update).body == "there here2 here1 here0 "
        db.session.remove()
    # This process's cached document is behind by one row: it catches up instead of losing it.
    update = here.type("title", 0, "T: ")
    result = text.apply_text_update(member, card_id, update)
    assert result.body == "there here2 here1 here0 " and result.title == "T: private card"
    assert len(text.text_docs()) == 1


def test_compaction_keeps_the_document_and_other_processes_follow(app, card, tmp_path, monkeypatch):
    member, card_id = card
    monkeypatch.setattr(text, "COMPACT_AFTER", 5)
    other = create_app(make_config(tmp_path))
    with other.app_context():
        there = Typist(member, card_id)  # cached over there before the compaction
        db.session.remove()
    here = Typist(member, card_id)
    for n in range(8):
        text.apply_text_update(member, card_id, here.type("body", 0, str(n)))
    assert _rows(card_id) < 5  # merged into one row, then a few more
    db.session.remove()
    with other.app_context():
        result = text.apply_text_update(member, card_id, there.type("title", 0, "!"))
        assert result.body == "76543210" and result.title == "!private card"
        db.session.remove()


def test_a_refused_update_leaves_no_trace_in_the_cached_document(app, card):
    member, card_id = card
    typist = Typist(member, card_id)
    with pytest.raises(ValidationError):
        text.apply_text_update(member, card_id, typist.type("title", 0, "x" * 250))  # over the title limit
    fresh = Typist(member, card_id)
    result = text.apply_text_update(member, card_id, fresh.type("body", 0, "ok"))
    assert result.title == "private card" and result.body == "ok"
    assert str(Typist(member, card_id).doc.get("title", type=Text)) == "private card"


def test_a_rolled_back_change_leaves_no_trace_in_the_cached_document(app, card, monkeypatch):
    from govlab.services.unit_of_work import UnitOfWork

    member, card_id = card
    pid = cards.get_card(member, card_id).project_id
    typist = Typist(member, card_id)
    update = typist.type("body", 0, "lost")
    real_write = UnitOfWork.write

    def disk_full(self, session):
        raise RuntimeError("disk full")

    monkeypatch.setattr(UnitOfWork, "write", disk_full)
    with pytest.raises(RuntimeError):
        text.apply_text_update(member, card_id, update)  # one transaction, rolled back
    job = Job(actor=member, project_id=pid, client_op_id="doomed", card_id=card_id,
              run=lambda: text.apply_text_update(member, card_id, update, in_project=pid))
    run_batch([job])  # the group rolls back, then the op alone fails too
    assert job.error is not None and job.ack is None
    monkeypatch.setattr(UnitOfWork, "write", real_write)
    db.session.remove()
    assert cards.get_card(member, card_id).body == ""
    assert str(Typist(member, card_id).doc.get("body", type=Text)) == ""


def test_rest_edits_and_typing_share_the_cached_document(app, card):
    member, card_id = card
    typist = Typist(member, card_id)
    text.apply_text_update(member, card_id, typist.type("body", 0, "typed"))
    updated = cards.update_card(member, card_id, {"title": "Renamed"})
    assert updated.title == "Renamed"
    after = Typist(member, card_id)
    assert str(after.doc.get("title", type=Text)) == "Renamed" and str(after.doc.get("body", type=Text)) == "typed"


def test_a_refusal_between_good_updates_in_one_group_loses_neither(app, card, tmp_path):
    member, card_id = card
    pid = cards.get_card(member, card_id).project_id
    typist = Typist(member, card_id)
    first = typist.type("body", 0, "A")
    too_long = typist.type("title", 0, "x" * 250)
    typist.doc = Typist(member, card_id).doc  # the client drops its refused edit
    typist.receive(first)
    second = typist.type("body", 1, "B")
    jobs = [Job(actor=member, project_id=pid, client_op_id=f"g{n}", card_id=card_id,
                run=lambda update=update: text.apply_text_update(member, card_id, update, in_project=pid))
            for n, update in enumerate((first, too_long, second))]
    run_batch(jobs)
    assert jobs[0].ack["ok"] and jobs[1].error.code == "validation_error" and jobs[2].ack["ok"]
    assert jobs[2].ack["card"]["body"] == "AB" and jobs[2].ack["card"]["title"] == "private card"
    db.session.remove()
    with create_app(make_config(tmp_path)).app_context():  # rebuilt from the stored rows alone
        stored = Typist(member, card_id).doc
        assert str(stored.get("body", type=Text)) == "AB" and str(stored.get("title", type=Text)) == "private card"
        db.session.remove()
    cached = Typist(member, card_id).doc
    assert str(cached.get("body", type=Text)) == "AB" and str(cached.get("title", type=Text)) == "private card"
