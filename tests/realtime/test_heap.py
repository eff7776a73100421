"""The heap trimmer gives freed C-heap pages back to the system (realtime/heap.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from govlab.realtime.heap import HeapTrimmer

CHUNK = 16 * 1024  # like an encoded board sent to a joining socket: above pymalloc's 512 bytes, so malloc's
COUNT = 4096  # 64 MiB of them


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture()
def trimmer():
    trimmer = HeapTrimmer()
    if not trimmer.available:
        pytest.skip("this C library has no malloc_trim/mallinfo2 (glibc 2.33 or later)")
    return trimmer


def burst() -> list[bytes]:
    """A burst of joins: a big transient per socket, freed once sent, and small objects that stay; return
    the objects that stay."""
    transient, pinned = [], []
    for n in range(COUNT):
        transient.append(bytes([n % 251]) * CHUNK)
        pinned.append(bytes([n % 13]) * 600)
    return pinned  # the transients are freed here, but held resident between the pinned objects


def test_freed_chunks_between_live_objects_go_back_to_the_system(trimmer):
    pinned = burst()
    assert trimmer.free_bytes() >= trimmer.min_free
    before = rss_bytes()
    assert trimmer() is True and trimmer.trims == 1
    assert before - rss_bytes() >= 32 * 1024 * 1024
    assert len(pinned) == COUNT and pinned[-1] == bytes([(COUNT - 1) % 13]) * 600  # the live objects are intact


def test_only_memory_freed_since_the_last_trim_is_worth_another(trimmer):
    first = burst()
    trimmer()
    trims = trimmer.trims
    assert trimmer() is False and trimmer.trims == trims  # malloc still counts the trimmed chunks as free
    second = burst()  # reuses the trimmed chunks, then frees as much again
    before = rss_bytes()
    assert trimmer() is True and trimmer.trims == trims + 1
    assert before - rss_bytes() >= 32 * 1024 * 1024
    assert len(first) == len(second) == COUNT


def test_little_free_memory_is_left_alone(trimmer):
    trimmer.min_free = 1 << 60
    assert trimmer() is False and trimmer.trims == 0


def test_the_tick_trims_every_few_seconds(app):
    live = app.extensions["govlab_realtime"]
    assert any(isinstance(hook, HeapTrimmer) for hook in live.fanout.periodic)
