"""The live tick keeps its cadence and survives slow or failing work."""
from __future__ import annotations

import threading
import time

import pytest

from govlab.realtime.fanout import Fanout
from govlab.realtime.load import BUSY_SHARE, CpuMeter

pytestmark = pytest.mark.serial  # measures the tick's cadence in wall-clock time


class ThreadedSocketIO:
    """Just what the tick needs from Flask-SocketIO, in threading mode (where a negative sleep raises)."""

    def __init__(self):
        self.frames = []
        self.threads = []

    def start_background_task(self, target):
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        self.threads.append(thread)

    def sleep(self, seconds):
        time.sleep(seconds)

    def emit(self, event, data, to, namespace):
        self.frames.append((event, data, to))


def meter(share: float = 0.0) -> CpuMeter:
    """A CPU meter that reports `share` and never reads this (busy) test process."""
    fixed = CpuMeter(period=float("inf"))
    fixed.value = share
    return fixed


def sockets(count: int):
    """A room size for fan-outs whose Socket.IO is a recorder: every room has `count` sockets."""
    return lambda room: count


def _wait_for(condition, timeout=3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not condition():
        time.sleep(0.005)
    return condition()


@pytest.fixture()
def ticking():
    """Fan-outs whose tick loop really runs in a thread; each loop is stopped when the test ends."""
    started = []

    def make(socketio: ThreadedSocketIO, tick: float) -> Fanout:
        fanout = Fanout(socketio, tick=tick, meter=meter(), room_size=sockets(50))
        started.append(fanout)
        return fanout

    yield make
    for fanout in started:
        fanout.stop()


def test_a_slow_or_failing_tick_does_not_stop_the_loop(ticking):
    socketio = ThreadedSocketIO()
    fanout = ticking(socketio, 0.01)
    calls = []

    def work():
        calls.append(time.monotonic())
        if len(calls) == 1:
            time.sleep(0.05)  # longer than a tick: the next wait would be negative
        if len(calls) == 2:
            raise RuntimeError("one bad group")

    fanout.before_flush.append(work)
    fanout.ensure_started()
    assert _wait_for(lambda: len(calls) >= 6), calls
    fanout.add_events(7, [{"seq": 2}, {"seq": 1}])
    assert _wait_for(lambda: socketio.frames)
    assert socketio.frames[0] == ("ops", [{"seq": 1}, {"seq": 2}], "project:7")


def test_the_tick_keeps_its_cadence(ticking):
    fanout = ticking(ThreadedSocketIO(), 0.02)
    calls = []
    fanout.before_flush.append(lambda: calls.append(time.monotonic()))
    fanout.ensure_started()
    assert _wait_for(lambda: len(calls) >= 11)
    gaps = [b - a for a, b in zip(calls, calls[1:])]
    assert 0.015 <= sum(gaps[:10]) / 10 <= 0.04  # about one tick apart, not drifting by the work's time


def test_a_stopped_tick_loop_ends_its_thread(ticking):
    socketio = ThreadedSocketIO()
    fanout = ticking(socketio, 0.01)
    calls = []
    fanout.before_flush.append(lambda: calls.append(time.monotonic()))
    fanout.ensure_started()
    assert _wait_for(lambda: len(calls) >= 2)
    fanout.stop()
    socketio.threads[0].join(3)
    assert not socketio.threads[0].is_alive()


class Recorder:
    """Records frames; the tick loop is driven by hand."""

    def __init__(self):
        self.frames = []

    def emit(self, event, data, to=None, namespace=None):
        self.frames.append((event, to, [item["seq"] for item in data]))

    def start_background_task(self, target):
        """Not started: the test calls flush itself."""


def test_while_sending_is_cheap_every_commit_goes_out_at_once():
    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(), room_size=sockets(50))
    for seq in (1, 2, 3):
        fanout.add_events(7, [{"seq": seq}])
    assert recorder.frames == [("ops", "project:7", [1]), ("ops", "project:7", [2]), ("ops", "project:7", [3])]


def test_once_sending_is_busy_a_room_gets_one_frame_per_tick():
    import govlab.realtime.fanout as fanout_module

    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(), room_size=sockets(50))
    fanout._sent.append((time.monotonic(), fanout_module.SEND_SHARE * 2))  # frames took a fifth of the last second
    fanout.add_events(7, [{"seq": 1}])
    assert recorder.frames == [("ops", "project:7", [1])]  # its first frame of the tick: at once
    fanout.add_events(7, [{"seq": 3}])
    fanout.add_events(7, [{"seq": 2}])
    fanout.add_events(8, [{"seq": 1}])
    assert recorder.frames[1:] == [("ops", "project:8", [1])]  # room 7 is busy: buffered for its tick
    fanout.flush()
    assert recorder.frames[2:] == [("ops", "project:7", [2, 3])]  # one frame, in seq order


def test_the_time_spent_sending_is_what_makes_a_room_busy():
    class SlowRecorder(Recorder):
        def emit(self, event, data, to=None, namespace=None):
            time.sleep(0.06)  # a big room: writing one frame to every socket takes a while
            super().emit(event, data, to, namespace)

    recorder = SlowRecorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(), room_size=sockets(50))
    fanout.add_events(7, [{"seq": 1}])
    fanout.add_events(7, [{"seq": 2}])  # 60 ms of the last second spent sending: still cheap
    fanout.add_events(7, [{"seq": 3}])  # 120 ms, past SEND_SHARE (100 ms): busy, so it waits for the tick
    fanout.add_events(7, [{"seq": 4}])
    assert [frame[2] for frame in recorder.frames] == [[1], [2]]
    fanout.flush()
    assert recorder.frames[2:] == [("ops", "project:7", [3, 4])]


def test_while_the_process_has_no_cpu_to_spare_a_big_room_gets_a_frame_every_other_tick():
    """A public board with 5,000 watchers: one frame a tick would be 5,000 writes a tick."""
    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(BUSY_SHARE + 0.1), room_size=sockets(5000))
    fanout.add_events(7, [{"seq": 1}])
    assert recorder.frames == [("ops", "project:7", [1])]  # the room's first frame: at once
    fanout.add_events(7, [{"seq": 2}])
    fanout.flush()
    assert recorder.frames == [("ops", "project:7", [1])]  # held: sending is cheap, but the CPU is not
    fanout._last_sent[7] -= 3600.0  # one tick later
    fanout.flush()
    assert recorder.frames == [("ops", "project:7", [1])]
    fanout._last_sent[7] -= 3600.0  # the second tick
    fanout.add_events(7, [{"seq": 3}])  # joins what is held, in order
    fanout.flush()
    assert recorder.frames[1:] == [("ops", "project:7", [2, 3])]


def test_with_cpu_to_spare_again_a_held_room_gets_its_frame_at_the_next_tick():
    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(BUSY_SHARE + 0.1), room_size=sockets(5000))
    fanout.add_events(7, [{"seq": 1}])
    fanout.add_events(7, [{"seq": 2}])
    fanout._last_sent[7] -= 3600.0
    fanout.flush()
    assert len(recorder.frames) == 1
    fanout.meter.value = BUSY_SHARE - 0.1
    fanout.flush()
    assert recorder.frames[1:] == [("ops", "project:7", [2])]


def test_however_busy_the_process_a_room_of_fifty_gets_a_frame_every_tick():
    """Its frames are cheap: thinning them would only add half a tick to every op (bench/fanout, 50 clients)."""
    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, meter=meter(1.0), room_size=sockets(50))
    fanout.add_events(7, [{"seq": 1}])
    fanout.add_events(7, [{"seq": 2}])
    fanout.flush()
    assert recorder.frames == [("ops", "project:7", [1]), ("ops", "project:7", [2])]
    for seq in range(3, 3 + 40):  # a second of frames, one a tick: 2,000 writes, under FRAME_WRITES_BUSY
        fanout._last_sent[7] -= 3600.0
        fanout.add_events(7, [{"seq": seq}])
        fanout.flush()
    assert len(recorder.frames) == 42 and fanout.frame_gap() == float("-inf")


def test_frames_stay_thinned_while_they_would_be_too_many_at_every_tick(monkeypatch):
    """100 sockets at one frame a tick (40 a second) are 4,000 writes a second: thinned. Thinned, they are 2,000;
    counted as they come, that would switch thinning off again, and on the second after, and so on."""
    import govlab.realtime.fanout as fanout_module

    class Clock:
        now = 1000.0

        def monotonic(self):
            return self.now

    clock = Clock()
    monkeypatch.setattr(fanout_module, "time", clock)
    recorder = Recorder()
    fanout = Fanout(recorder, tick=0.025, meter=meter(1.0), room_size=sockets(100))
    thinned = []
    for seq in range(160):  # four seconds of ticks, an op each
        clock.now += 0.025
        fanout.add_events(7, [{"seq": seq}])
        fanout.flush()
        thinned.append(fanout.frame_gap() > 0)
    assert not thinned[0] and all(thinned[40:])
    fanout.flush()
    clock.now += 0.05
    fanout.flush()
    assert sorted(seq for frame in recorder.frames for seq in frame[2]) == list(range(160))  # every op, once
    frames_in_last_two_seconds = [frame for frame in recorder.frames if frame[2][0] >= 80]
    assert len(frames_in_last_two_seconds) <= 41  # one every other tick, not one a tick
    fanout.meter.value = BUSY_SHARE - 0.1
    assert fanout.frame_gap() == float("-inf")  # CPU to spare: every tick again


def test_presence_goes_out_at_its_own_slower_cadence_and_ops_do_not_wait_for_it():
    class Recorder:
        def __init__(self):
            self.frames = []

        def emit(self, event, data, to=None, namespace=None):
            self.frames.append((event, to, data))

        def start_background_task(self, target):
            """The tick loop is driven by hand here."""

    recorder = Recorder()
    fanout = Fanout(recorder, tick=3600.0, presence_period=10.0, meter=meter(), room_size=sockets(50))
    fanout.add_presence(7, {"sid": "a", "state": "here", "card_id": None})
    fanout.flush()
    assert recorder.frames == [("presence", "project:7", [{"sid": "a", "state": "here", "card_id": None}])]
    fanout.add_presence(7, {"sid": "a", "state": "here", "card_id": 5})
    fanout.add_presence(7, {"sid": "b", "state": "here", "card_id": None})
    fanout.add_presence(7, {"sid": "a", "state": "here", "card_id": 6})
    fanout.add_events(8, [{"seq": 1}])
    fanout.add_events(8, [{"seq": 2}])
    fanout.flush()  # a tick within the presence period: the ops go, presence waits
    assert [frame[0] for frame in recorder.frames] == ["presence", "ops", "ops"]
    fanout._presence_due = 0.0  # the period has passed
    fanout.flush()
    assert recorder.frames[-1] == ("presence", "project:7", [{"sid": "a", "state": "here", "card_id": 6},
                                                             {"sid": "b", "state": "here", "card_id": None}])
