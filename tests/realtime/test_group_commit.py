"""Group commit: several ops in one transaction, each through its own service call."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from govlab.extensions import db
from govlab.models import Card, Event
from govlab.services import cards
from govlab.services.access import ActorRef
from govlab.services.batch import Job, run_batch
from tests.realtime.ticks import TickThatNeverComes


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


def _ticking_app(tmp_path, **extra):
    """An app whose live tick really runs (threading mode), with a small connection pool."""
    from govlab import create_app
    from tests.conftest import make_config

    options = {"pool_size": 2, "max_overflow": 0, "pool_timeout": 3}
    app = create_app(make_config(tmp_path, LIVE_TICK=0.05, SQLALCHEMY_ENGINE_OPTIONS=options, **extra))
    with app.app_context():
        db.create_all()
    return app


def _submit_together(app, jobs_for):
    """Submit one job per thread, all at once, each thread in its own app context after a read."""
    import threading

    from govlab.models import User

    committer = app.extensions["govlab_realtime"].committer
    barrier = threading.Barrier(len(jobs_for))
    results = [None] * len(jobs_for)

    def worker(index, make_job):
        with app.app_context():
            job = make_job()
            barrier.wait(10)
            db.session.get(User, job.actor.id)  # a handler's reads check out a pooled connection
            committer.submit(job)
            results[index] = job

    threads = [threading.Thread(target=worker, args=(i, make), daemon=True) for i, make in enumerate(jobs_for)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return results


def test_ops_of_one_tick_are_one_group_commit_and_waiting_handlers_hold_no_connection(tmp_path, monkeypatch,
                                                                                      request):
    from govlab.realtime import committer as committer_module
    from tests.conftest import Factory

    app = _ticking_app(tmp_path)
    request.addfinalizer(app.extensions["govlab_realtime"].fanout.stop)  # no tick left running for later tests
    sizes = []
    real_run_batch = committer_module.run_batch
    monkeypatch.setattr(committer_module, "run_batch", lambda jobs: (sizes.append(len(jobs)), real_run_batch(jobs)))
    with app.app_context():
        factory = Factory()
        project = factory.project()
        people = [factory.member(project) for _ in range(8)]
        actors = [ActorRef.of(person) for person in people]
        card_ids = [factory.card(project, person).id for person in people]
        pid, start = project.id, project.last_seq
        db.session.remove()

    def job_for(actor, card_id, n):
        return lambda: _job(actor, pid, f"tick-{n}", lambda: cards.update_card(
            actor, card_id, {"title": f"Tick {n}"}, in_project=pid), card_id)

    # Eight handlers wait at once with a pool of two: had they kept their connections, the group
    # commit would find none and fail after the pool timeout.
    jobs = _submit_together(app, [job_for(a, c, n) for n, (a, c) in enumerate(zip(actors, card_ids))])
    assert all(job is not None and job.error is None and job.ack["ok"] for job in jobs), [j and j.error for j in jobs]
    assert sorted(job.ack["seq"] for job in jobs) == list(range(start + 1, start + 9))
    # The first op commits at once; those arriving while it commits wait and go together as a group.
    assert sum(sizes) == 8 and len(sizes) < 8 and max(sizes) > 1
    with app.app_context():
        assert [cards.get_card(actors[n], card_ids[n]).title for n in range(8)] == [f"Tick {n}" for n in range(8)]


def test_an_op_never_committed_in_time_is_withdrawn_so_its_error_ack_tells_the_truth(app, world, monkeypatch):
    from govlab.realtime import committer as committer_module
    from govlab.realtime.committer import Committer

    monkeypatch.setattr(committer_module, "WAIT_SECONDS", 0.1)
    from govlab.extensions import socketio

    committer = Committer(app, socketio, TickThatNeverComes(socketio, 0.05))  # a database stalled elsewhere
    committer.committing = True  # a group is committing elsewhere and never ends (a stalled database)
    member = ActorRef.of(world["users"]["member"])
    pid, cid = world["private"]["project"].id, world["private"]["card"].id
    job = _job(member, pid, "late", lambda: cards.update_card(member, cid, {"title": "Late"}, in_project=pid), cid)
    with pytest.raises(TimeoutError):
        committer.submit(job)
    assert committer.queue == []  # withdrawn: a later group will not apply it behind the client's back
    committer.committing = False
    committer.commit_pending()
    assert cards.get_card(member, cid).title == "private card"


def test_an_op_that_changed_rows_and_then_failed_leaves_nothing_and_the_group_commits(app, world, monkeypatch):
    """Finding 11: each op runs in its own savepoint."""
    from govlab.domain.errors import ValidationError
    from govlab.services import batch as batch_module

    monkeypatch.setattr(batch_module, "_run_alone", lambda job: pytest.fail("the group went one by one"))
    member = ActorRef.of(world["users"]["member"])
    pid, cid = world["private"]["project"].id, world["private"]["card"].id
    start = world["private"]["project"].last_seq

    def change_then_refuse():
        cards.update_card(member, cid, {"title": "Half-applied"}, in_project=pid)
        cards.create_card(member, pid, {"stage": "ideate", "title": "Also half-applied"})
        raise ValidationError("refused after changing rows")

    jobs = [_job(member, pid, "before", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Kept 1"})),
            _job(member, pid, "leaky", change_then_refuse, cid),
            _job(member, pid, "after", lambda: cards.update_card(member, cid, {"body": "Kept 2"}, in_project=pid), cid)]
    run_batch(jobs)
    assert jobs[1].error.code == "validation_error"
    assert jobs[0].ack["seq"] == start + 1 and jobs[2].ack["seq"] == start + 2
    db.session.rollback()
    card = cards.get_card(member, cid)
    assert card.title == "private card" and card.body == "Kept 2"
    titles = [e.payload.get("card", {}).get("title") for e in db.session.scalars(
        select(Event).where(Event.project_id == pid, Event.seq > start).order_by(Event.seq))]
    assert titles == ["Kept 1", "private card"]
    from govlab.models import Card

    assert db.session.query(Card).filter_by(title="Also half-applied").count() == 0


def test_an_op_the_database_refuses_fails_alone(app, world, monkeypatch):
    """One bad op never sends the rest of its group down the one-by-one path (a database error in one op)."""
    from sqlalchemy import text

    from govlab.services import batch as batch_module

    monkeypatch.setattr(batch_module, "_run_alone", lambda job: pytest.fail("the group went one by one"))
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id
    start = world["private"]["project"].last_seq

    def database_refuses():
        cards.create_card(member, pid, {"stage": "ideate", "title": "Doomed"})
        db.session.execute(text("INSERT INTO memberships (id, project_id, user_id, role, created_at) "
                                "SELECT id, project_id, user_id, role, created_at FROM memberships LIMIT 1"))

    jobs = [_job(member, pid, "x1", database_refuses),
            _job(member, pid, "x2", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Fine"}))]
    run_batch(jobs)
    assert jobs[0].error is not None and jobs[1].ack["seq"] == start + 1
    db.session.rollback()
    from govlab.models import Card

    assert db.session.query(Card).filter_by(title="Doomed").count() == 0
    assert db.session.query(Card).filter_by(title="Fine").count() == 1


def test_a_retried_op_in_a_group_is_answered_from_its_receipt_without_the_slow_path(app, world, monkeypatch):
    from govlab.services import batch as batch_module

    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id
    first = _job(member, pid, "retry-me", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Once"}))
    run_batch([first])
    monkeypatch.setattr(batch_module, "_run_alone", lambda job: pytest.fail("the group went one by one"))
    again = _job(member, pid, "retry-me", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Twice"}))
    other = _job(member, pid, "fresh", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Other"}))
    run_batch([again, other])
    assert again.ack["duplicate"] and again.ack["seq"] == first.ack["seq"]
    assert other.ack["seq"] == first.ack["seq"] + 1


def test_an_op_on_a_quiet_board_commits_at_once_without_waiting_for_a_tick(app, world):
    """Finding 10: with a tick that never comes, a lone op still commits and is broadcast at once."""
    from govlab.extensions import socketio
    from govlab.realtime.committer import Committer

    committer = Committer(app, socketio, TickThatNeverComes(socketio, 3600.0))  # a tick would take an hour
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id
    job = _job(member, pid, "quiet", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "At once"}))
    committer.submit(job)
    assert job.ack["ok"] and job.ack["card"]["title"] == "At once"
    assert committer.committing is False and committer.queue == []


def test_ops_without_a_client_op_id_are_each_applied_and_answered_for_themselves(app, world):
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id
    jobs = [_job(member, pid, None, lambda n=n: cards.create_card(member, pid, {"stage": "ideate", "title": f"N{n}"}))
            for n in range(3)]
    run_batch(jobs)
    assert [job.ack["card"]["title"] for job in jobs] == ["N0", "N1", "N2"]
    assert not any(job.ack.get("duplicate") for job in jobs)


def test_an_op_that_changes_a_card_an_earlier_op_changed_and_then_fails_leaves_nothing(app, world, monkeypatch):
    """The fast path notices a change even on an object the group had already changed."""
    from govlab.domain.errors import ValidationError
    from govlab.models import Card

    member = ActorRef.of(world["users"]["member"])
    pid, cid = world["private"]["project"].id, world["private"]["card"].id

    def change_then_refuse():
        db.session.get(Card, cid).body = "leaked"  # a change with no Event, then a refusal
        raise ValidationError("refused after changing a row")

    jobs = [_job(member, pid, "first", lambda: cards.update_card(member, cid, {"title": "Kept"}, in_project=pid), cid),
            _job(member, pid, "leaky2", change_then_refuse, cid)]
    run_batch(jobs)
    assert jobs[0].ack["card"]["title"] == "Kept" and jobs[1].error.code == "validation_error"
    db.session.rollback()
    card = cards.get_card(member, cid)
    assert card.title == "Kept" and card.body != "leaked"


@pytest.mark.parametrize("leak", ["delete", "add", "bulk_update"])
def test_an_op_that_deletes_adds_or_updates_in_bulk_and_then_fails_leaves_nothing(app, world, leak):
    """Changes that set no attribute of a loaded object are noticed too (change_count)."""
    from sqlalchemy import update

    from govlab.domain.errors import ValidationError
    from govlab.models import Card, Comment

    member = ActorRef.of(world["users"]["member"])
    pid, cid = world["private"]["project"].id, world["private"]["card"].id
    before = db.session.query(Card).count(), db.session.query(Comment).count()
    made_before_the_op = Comment(card_id=cid, project_id=pid, author_id=member.id, body="leaked")

    def change_then_refuse():
        if leak == "delete":
            db.session.delete(db.session.get(Card, cid))
        elif leak == "add":
            db.session.add(made_before_the_op)
        else:
            db.session.execute(update(Card).where(Card.id == cid).values(title="leaked"))
        raise ValidationError("refused after changing a row")

    jobs = [_job(member, pid, "kept", lambda: cards.create_card(member, pid, {"stage": "ideate", "title": "Kept"})),
            _job(member, pid, f"leaky-{leak}", change_then_refuse, cid)]
    run_batch(jobs)
    assert jobs[0].ack["ok"] and jobs[1].error.code == "validation_error"
    db.session.rollback()
    assert (db.session.query(Card).count(), db.session.query(Comment).count()) == (before[0] + 1, before[1])
    assert db.session.get(Card, cid).title == "private card"


def test_a_group_of_new_cards_by_many_people_loads_their_authors_in_one_query(app, world, factory):
    from sqlalchemy import event

    project = world["private"]["project"]
    people = [factory.member(project) for _ in range(6)]
    actors = [ActorRef.of(person) for person in people]
    pid = project.id
    db.session.remove()  # a fresh session: nobody is in the identity map yet
    jobs = [_job(actor, pid, f"new-{n}", lambda actor=actor, n=n: cards.create_card(
        actor, pid, {"stage": "ideate", "title": f"By person {n}"})) for n, actor in enumerate(actors)]
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        run_batch(jobs)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert [job.ack["card"]["author_name"] for job in jobs] == [person.name for person in people]
    user_reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM users" in s]
    assert len(user_reads) == 1, user_reads  # not one per author


def test_a_lone_card_edit_reads_its_card_and_text_mark_in_one_statement(app, world, factory):
    """The path that sets a quiet board's latency: no separate look-up of the text's newest row (and no
    flush between the two reads), and every statement of the transaction listed here."""
    from sqlalchemy import event

    project = world["private"]["project"]
    member = world["users"]["member"]
    card = factory.card(project, member)
    actor, pid, card_id = ActorRef.of(member), project.id, card.id
    db.session.remove()
    job = _job(actor, pid, "lone-edit", lambda: cards.update_card(actor, card_id, {"title": "Lone"}, in_project=pid),
               card_id)
    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(" ".join(args[2].split()))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        run_batch([job])
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert job.ack["ok"] and job.ack["card"]["title"] == "Lone"
    heads = [s.split(" (")[0].split(" WHERE")[0][:40] for s in statements]
    assert sum("card_text_updates" in s for s in statements) == 1, heads  # inside the card's own SELECT
    card_reads = [s for s in statements if s.startswith("SELECT cards.")]
    assert len(card_reads) == 1 and "max(card_text_updates.id)" in card_reads[0], heads
    assert len(statements) <= 10, heads  # BEGIN, project, roles, card, 2 updates, search queue, Event, receipt


def test_a_group_of_people_editing_their_own_cards_reads_nobody_twice(app, world, factory):
    """The cards' authors come with the cards (one joined SELECT): the group's people query asks only for those
    not loaded yet — none when everyone edits their own card, the others when some edit someone else's."""
    from sqlalchemy import event

    project = world["private"]["project"]
    people = [factory.member(project) for _ in range(4)]
    own = [factory.card(project, person, title=f"Card of {person.name}") for person in people]
    editor = factory.member(project)
    actors, pid, card_ids = [ActorRef.of(person) for person in people], project.id, [card.id for card in own]
    helpers = [ActorRef.of(editor), ActorRef.of(world["users"]["facilitator"])]

    def edit(actor, card_id, title, op_id):
        return _job(actor, pid, op_id, lambda: cards.update_content(actor, pid, {"id": card_id, "title": title}),
                    card_id)

    def user_reads(jobs):
        db.session.remove()  # a fresh session: nobody is in the identity map yet
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            run_batch(jobs)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert all(job.ack and job.ack["ok"] for job in jobs), [job.error for job in jobs]
        return [s for s in statements if s.lstrip().startswith("SELECT users.")]

    assert user_reads([edit(actor, card_id, "Mine, edited", f"own-{n}")
                       for n, (actor, card_id) in enumerate(zip(actors, card_ids))]) == []
    reads = user_reads([edit(actor, card_ids[n], "Edited by someone else", f"other-{n}")
                        for n, actor in enumerate(helpers)])
    assert len(reads) == 1 and "IN" in reads[0].upper(), reads  # the two helpers, in one query
    db.session.rollback()
    assert {card.title for card in db.session.scalars(select(Card).where(Card.id.in_(card_ids)))} == {
        "Mine, edited", "Edited by someone else"}
