"""When the committer commits an op at once and when it waits for the tick (realtime/committer.py)."""
from __future__ import annotations

import time

import pytest

from govlab.realtime import committer as committer_module
from govlab.realtime.committer import GROUP_MIN, LOAD_SHARE, WINDOW, Committer
from govlab.services import cards
from govlab.services.access import ActorRef
from govlab.services.batch import Job

TICK = 0.025


class TickThatNeverComes:
    """A fan-out whose tick is 25 ms on paper but never runs: a queued op is never committed by it."""

    tick = TICK

    def ensure_started(self):
        """The tick loop never runs."""


@pytest.fixture()
def pacing(app, world, monkeypatch):
    """A committer without a running tick, and a job factory for a member's new card."""
    from govlab.extensions import socketio

    monkeypatch.setattr(committer_module, "WAIT_SECONDS", 0.2)
    committer = Committer(app, socketio, TickThatNeverComes())
    member = ActorRef.of(world["users"]["member"])
    pid = world["private"]["project"].id

    def job(title: str) -> Job:
        return Job(actor=member, project_id=pid, client_op_id=f"pacing-{title}",
                   run=lambda: cards.create_card(member, pid, {"stage": "ideate", "title": title}))

    return committer, job


def costly_commits(committer: Committer, share: float) -> None:
    """History: commits that took `share` of the last WINDOW, ending just now."""
    now = time.monotonic()
    committer._recent.extend([(now - 0.01, share * WINDOW / 2), (now - 0.005, share * WINDOW / 2)])


def arrivals(committer: Committer, per_tick: float) -> None:
    """History: ops submitted over the last WINDOW at `per_tick` ops per tick."""
    now = time.monotonic()
    count = int(per_tick * WINDOW / TICK)
    committer._arrivals.extend(now - WINDOW * (n + 0.5) / count for n in reversed(range(count)))


def test_costly_commits_with_ops_arriving_slowly_still_commit_each_op_at_once(pacing):
    """Waiting for the tick only pays when it gathers a group: at about one op per tick it would only delay."""
    committer, job = pacing
    costly_commits(committer, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN / 2)
    op = job("Slow stream")
    committer.submit(op)  # a queued op would wait for a tick that never comes and time out
    assert op.ack["ok"] and op.ack["card"]["title"] == "Slow stream"
    assert committer.queue == [] and committer.committing is False


def test_costly_commits_with_ops_arriving_fast_wait_for_the_tick(pacing):
    committer, job = pacing
    costly_commits(committer, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN * 2)
    op = job("Fast stream")
    with pytest.raises(TimeoutError):
        committer.submit(op)
    assert op.ack is None and committer.queue == []  # withdrawn: never committed behind the client's back


def test_fast_arrivals_with_cheap_commits_commit_at_once(pacing):
    committer, job = pacing
    costly_commits(committer, LOAD_SHARE / 3)
    arrivals(committer, GROUP_MIN * 2)
    op = job("Cheap commits")
    committer.submit(op)
    assert op.ack["ok"]


def test_busy_history_older_than_the_window_is_forgotten(pacing):
    """A burst after silence, or quiet after a burst, is judged on the last WINDOW only."""
    committer, job = pacing
    costly_commits(committer, LOAD_SHARE * 3)
    arrivals(committer, GROUP_MIN * 2)
    with committer._lock:
        assert committer._busy()
    aged = WINDOW + 0.05
    committer._recent = type(committer._recent)((ended - aged, seconds) for ended, seconds in committer._recent)
    committer._arrivals = type(committer._arrivals)(at - aged for at in committer._arrivals)
    with committer._lock:
        assert not committer._busy()
    op = job("After the burst")
    committer.submit(op)
    assert op.ack["ok"]
