"""A statistical CPU profiler for bench server processes (py-spy is not available here).

Put this folder on PYTHONPATH and set GOVLAB_BENCH_PROFILE=/path/out.txt: every 5 ms of the process's CPU
time (SIGPROF) the running frame's stack is sampled; every 2 s the top functions by own and by inclusive
samples are written to the file. Under eventlet the main thread runs every green thread, so the
interrupted frame is whichever green thread had the CPU. SIGUSR2 forgets the samples so far (a bench
sends it once its clients are connected, so start-up and joins are left out).
"""
import os

_OUT = os.environ.get("GOVLAB_BENCH_PROFILE")

if _OUT:
    import collections
    import signal
    import time

    _own = collections.Counter()
    _inclusive = collections.Counter()
    _stacks = collections.Counter()
    _state = {"samples": 0, "written": time.monotonic()}

    def _name(code):
        path = code.co_filename
        for marker in ("site-packages/", "/govlab/", "/lib/python3"):
            if marker in path:
                path = path.split(marker, 1)[1]
                break
        return f"{path}:{code.co_name}"

    def _write():
        total = max(_state["samples"], 1)
        lines = [f"samples {total} (5 ms of CPU each)", "", "== own =="]
        lines += [f"{n * 100 / total:6.1f}% {name}" for name, n in _own.most_common(60)]
        lines += ["", "== inclusive =="]
        lines += [f"{n * 100 / total:6.1f}% {name}" for name, n in _inclusive.most_common(120)]
        lines += ["", "== stacks (innermost 8) =="]
        lines += [f"{n * 100 / total:6.1f}% {stack}" for stack, n in _stacks.most_common(60)]
        with open(_OUT, "w") as handle:
            handle.write("\n".join(lines) + "\n")

    def _sample(_signum, frame):
        if _state.get("busy"):  # a signal during our own write: skip it
            return
        _state["samples"] += 1
        names, seen = [], set()
        while frame is not None:
            name = _name(frame.f_code)
            names.append(name)
            if name not in seen:
                seen.add(name)
                _inclusive[name] += 1
            frame = frame.f_back
        if names:
            _own[names[0]] += 1
            _stacks[" < ".join(names[:8])] += 1
        now = time.monotonic()
        if now - _state["written"] > 2:
            _state["written"], _state["busy"] = now, True
            try:
                _write()
            finally:
                _state["busy"] = False

    def _forget(_signum, _frame):
        _own.clear()
        _inclusive.clear()
        _stacks.clear()
        _state["samples"] = 0

    signal.signal(signal.SIGPROF, _sample)
    signal.signal(signal.SIGUSR2, _forget)
    signal.setitimer(signal.ITIMER_PROF, 0.005, 0.005)
