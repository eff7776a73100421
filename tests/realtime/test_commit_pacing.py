"""When the committer commits an op at once and when it waits for the tick (realtime/committer.py)."""
from __future__ import annotations

import time

import pytest

from govlab.realtime import committer as committer_module
from govlab.realtime.committer import GROUP_MIN, GROUP_MIN_BUSY, LOAD_SHARE, WINDOW, Committer
from govlab.realtime.fanout import BUSY_FRAME_TICKS
from govlab.realtime.load import BUSY_SHARE
from govlab.services import cards
from govlab.services.access import ActorRef
from govlab.services.batch import Job
from tests.realtime.ticks import TickThatNeverComes

TICK = 0.025


@pytest.fixture()
def pacing(app, world, monkeypatch):
    """A committer without a running tick, and a job factory for a member's new card."""
    from govlab.extensions import socketio

    monkeypatch.setattr(committer_module, "WAIT_SECONDS", 0.2)
    committer = Committer(app, socketio, TickThatNeverComes(socketio, TICK))
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id

    def job(title: str) -> Job:
        return Job(actor=member, project_id=pid, client_op_id=f"pacing-{title}",
                   run=lambda: cards.create_card(member, pid, {"stage": "ideate", "title": title}))

    return committer, job


class SleepOfItsOwn:
    """The app's Socket.IO object with a `sleep` of a test's own."""

    def __init__(self, socketio, sleep):
        self._socketio = socketio
        self.sleep = sleep

    def __getattr__(self, name):
        return getattr(self._socketio, name)


def lone_commits_cost(committer: Committer, per_tick: float, share: float) -> None:
    """Set the lone-commit estimate so that ops at `per_tick` per tick, each committed alone, would take `share`."""
    committer.lone_cost = share * TICK / per_tick


def arrivals(committer: Committer, per_tick: float) -> None:
    """History: ops submitted over the last WINDOW at `per_tick` ops per tick."""
    now = time.monotonic()
    count = int(per_tick * WINDOW / TICK)
    committer._arrivals.extend(now - WINDOW * (n + 0.5) / count for n in reversed(range(count)))


def test_costly_commits_with_ops_arriving_slowly_still_commit_each_op_at_once(pacing):
    """Waiting for the tick only pays when it gathers a group: at about one op per tick it would only delay."""
    committer, job = pacing
    lone_commits_cost(committer, GROUP_MIN / 2, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN / 2)
    op = job("Slow stream")
    committer.submit(op)  # a queued op would wait for a tick that never comes and time out
    assert op.ack["ok"] and op.ack["card"]["title"] == "Slow stream"
    assert committer.queue == [] and committer.committing is False


def test_costly_commits_with_ops_arriving_fast_wait_for_the_tick(pacing):
    committer, job = pacing
    lone_commits_cost(committer, GROUP_MIN * 2, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN * 2)
    op = job("Fast stream")
    with pytest.raises(TimeoutError):
        committer.submit(op)
    assert op.ack is None and committer.queue == []  # withdrawn: never committed behind the client's back


def test_fast_arrivals_with_cheap_lone_commits_commit_at_once(pacing):
    committer, job = pacing
    lone_commits_cost(committer, GROUP_MIN * 2, LOAD_SHARE / 3)
    arrivals(committer, GROUP_MIN * 2)
    op = job("Cheap commits")
    committer.submit(op)
    assert op.ack["ok"]


def test_arrivals_older_than_the_window_are_forgotten(pacing):
    """A burst after silence, or quiet after a burst, is judged on the last WINDOW only."""
    committer, job = pacing
    lone_commits_cost(committer, GROUP_MIN * 2, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN * 2)
    with committer._lock:
        assert committer._busy()
    aged = WINDOW + 0.05
    committer._arrivals = type(committer._arrivals)(at - aged for at in committer._arrivals)
    with committer._lock:
        assert not committer._busy()
    op = job("After the burst")
    committer.submit(op)
    assert op.ack["ok"]


def test_the_lone_cost_is_learned_from_lone_commits_only(pacing):
    """Grouped commits are cheap per op: judging load by them would flip a busy process back to lone
    commits it cannot afford."""
    committer, job = pacing
    assert committer.lone_cost == 0.0  # nothing measured: lone commits are taken as affordable
    committer.submit(job("Alone"))
    learned = committer.lone_cost
    assert learned > 0
    committer.queue = [job(f"Grouped {n}") for n in range(3)]
    for queued in committer.queue:
        queued.done = committer.socketio.server.eio.create_event()
    committer._commit_group()
    assert committer.lone_cost == learned
    committer.submit(job("Alone again"))
    assert committer.lone_cost != learned  # a running estimate: each lone commit moves it


def test_a_process_with_no_cpu_to_spare_groups_a_slower_stream_too(pacing):
    """A workshop of 200: a frame per commit to every socket is costly, and merging even one op in two saves it."""
    committer, job = pacing
    lone_commits_cost(committer, GROUP_MIN_BUSY, LOAD_SHARE / 3)  # lone commits alone would be affordable
    arrivals(committer, GROUP_MIN_BUSY * 2)
    committer.fanout.meter.value = BUSY_SHARE + 0.1
    with pytest.raises(TimeoutError):
        committer.submit(job("No CPU to spare"))
    committer.fanout.meter.value = BUSY_SHARE - 0.1
    op = job("CPU to spare")
    committer.submit(op)
    assert op.ack["ok"]


def test_a_trickle_commits_at_once_however_busy_the_process(pacing):
    committer, job = pacing
    arrivals(committer, GROUP_MIN_BUSY / 3)
    committer.fanout.meter.value = 1.0
    op = job("Trickle")
    committer.submit(op)
    assert op.ack["ok"]


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


def queue(committer: Committer, job, title: str) -> Job:
    """An op waiting in the queue for the tick, as a busy process leaves it."""
    queued = job(title)
    queued.done = committer.socketio.server.eio.create_event()
    committer.queue.append(queued)
    return queued


def test_with_no_cpu_to_spare_the_tick_commits_only_as_often_as_a_busy_room_gets_a_frame(pacing, monkeypatch):
    """A group committed between two frames would only wait for the next: half the groups, half their fixed cost."""
    committer, job = pacing
    clock = Clock()
    monkeypatch.setattr(committer_module, "time", clock)
    committer.fanout.meter.value = BUSY_SHARE + 0.1
    committer.fanout.frame_went_to(5000)  # a public board's 5,000 watchers: its frames are thinned
    first = queue(committer, job, "First tick")
    committer.commit_pending()
    assert first.ack["ok"] and committer.committing is False
    second = queue(committer, job, "Second tick")
    clock.now += TICK
    committer.commit_pending()
    assert second.ack is None and committer.queue == [second]  # held for the tick of the next frame
    clock.now += TICK * (BUSY_FRAME_TICKS - 1)
    committer.commit_pending()
    assert second.ack["ok"] and committer.queue == []


def test_with_no_cpu_to_spare_but_few_sockets_the_tick_commits_every_tick(pacing, monkeypatch):
    """A room of 50 gets a frame every tick however busy the process: a group held back would only be late."""
    committer, job = pacing
    clock = Clock()
    monkeypatch.setattr(committer_module, "time", clock)
    committer.fanout.meter.value = 1.0
    committer.fanout.frame_went_to(50)
    for number in range(3):
        queued = queue(committer, job, f"Tick {number}")
        committer.commit_pending()
        assert queued.ack["ok"] and committer.queue == []
        clock.now += TICK


def test_with_cpu_to_spare_the_tick_commits_every_tick(pacing, monkeypatch):
    committer, job = pacing
    clock = Clock()
    monkeypatch.setattr(committer_module, "time", clock)
    committer.fanout.meter.value = BUSY_SHARE - 0.1
    for number in range(3):
        queued = queue(committer, job, f"Tick {number}")
        committer.commit_pending()
        assert queued.ack["ok"] and committer.queue == []
        clock.now += TICK


def test_a_leading_op_first_lets_the_other_sockets_read_and_commits_their_ops_with_its_own(pacing, monkeypatch):
    """One green thread runs at a time: ops sent during the last commit wait unread in their sockets. Were the
    leader to commit at once, each of them would then lead a lone commit in turn (a burst after silence)."""
    committer, job = pacing
    others = [job(f"Sent meanwhile {n}") for n in range(2)]

    def other_sockets_read_their_ops(_seconds):
        for other in others:  # what their handlers do when they run: queue behind the committing leader
            other.done = committer.socketio.server.eio.create_event()
            committer.queue.append(other)

    groups = []  # the op ids of each group committed meanwhile
    real_run_batch = committer_module.run_batch
    monkeypatch.setattr(committer_module, "run_batch", lambda jobs: (
        groups.append({queued.client_op_id for queued in jobs}), real_run_batch(jobs)))
    # This committer's own handle on Socket.IO: patching the shared object's sleep would reach any other green
    # thread that sleeps meanwhile.
    monkeypatch.setattr(committer, "socketio", SleepOfItsOwn(committer.socketio, other_sockets_read_their_ops))
    leader = job("Leader")
    committer.submit(leader)
    assert groups == [{"pacing-Leader", "pacing-Sent meanwhile 0", "pacing-Sent meanwhile 1"}]
    assert leader.ack["ok"] and all(other.ack["ok"] for other in others)
