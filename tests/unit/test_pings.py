"""Engine.IO's pings wait on a hub timer under eventlet, not in a sleeping green thread (serving.use_ping_timers)."""
from __future__ import annotations

import time

import engineio
import eventlet
import pytest
from engineio import packet
from engineio.async_drivers import eventlet as eventlet_driver
from engineio.socket import Socket

from govlab.serving import use_ping_timers

INTERVAL = 0.05


@pytest.fixture()
def eio():
    """A real eventlet Engine.IO server (its hub runs on this thread whenever the test sleeps through it)."""
    return engineio.Server(async_mode="eventlet", ping_interval=INTERVAL, ping_timeout=1)


def test_the_next_ping_is_queued_when_due_without_a_green_thread_sleeping_until_then(eio):
    assert use_ping_timers(eio) is True
    socket = Socket(eio, "sid-1")
    spawned = []  # green threads started through Engine.IO's eventlet driver meanwhile
    real_spawn = eventlet_driver.spawn
    eventlet_driver.spawn = lambda *args, **kwargs: spawned.append(args) or real_spawn(*args, **kwargs)
    try:
        socket.schedule_ping()  # what Engine.IO does on connect and on every PONG
        assert socket.last_ping is None and socket.queue.qsize() == 0
        eventlet.sleep(INTERVAL / 2)
        assert socket.queue.qsize() == 0  # not before it is due
        deadline = time.monotonic() + 2
        while socket.queue.qsize() == 0 and time.monotonic() < deadline:
            eventlet.sleep(0.01)
    finally:
        eventlet_driver.spawn = real_spawn
    assert spawned == []  # no GreenThread spent the interval asleep
    sent = socket.queue.get(block=False)
    assert sent.packet_type == packet.PING and socket.last_ping is not None


def test_a_socket_closing_meanwhile_gets_no_ping(eio):
    use_ping_timers(eio)
    socket = Socket(eio, "sid-2")
    socket.schedule_ping()
    socket.closing = True
    eventlet.sleep(INTERVAL * 3)
    assert socket.queue.qsize() == 0


def test_other_background_tasks_start_as_before(eio):
    use_ping_timers(eio)
    ran = []
    task = eio.start_background_task(ran.append, "work")
    assert task.target == ran.append and task.args == ("work",)  # Engine.IO's own EventletThread
    eventlet.sleep(0.01)
    assert ran == ["work"]


def test_a_server_in_another_async_mode_is_left_as_it_is():
    threaded = engineio.Server(async_mode="threading")
    before = threaded.start_background_task
    assert use_ping_timers(threaded) is False
    assert threaded.start_background_task == before
