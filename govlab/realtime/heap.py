"""Give the C heap's free pages back to the system after a burst of connections (glibc only).

Each join is answered with the board, encoded on its way out as a Socket.IO string, an Engine.IO string and
a WebSocket frame: for the demo's public board about 17 KiB three times over, freed as soon as it is sent.
When thousands of watchers join at once, glibc's malloc keeps those freed chunks resident between the
sockets' long-lived objects. Measured with 4,500 watchers: 131 MB of a 269 MB heap were free, 29 KiB per
socket, so idle sockets looked a third heavier than they are. `malloc_trim(0)` hands such free pages back
(madvise), as Dask's workers do. The tick runs this every few seconds; it trims only when enough was freed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import resource

PAGE_SIZE = resource.getpagesize()
MIN_FREE_BYTES = 4 * 1024 * 1024  # below this, trimming gives back too little to be worth its page faults


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _glibc():
    """glibc's malloc_trim and mallinfo2 (2.33 and later), or None on another C library."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim, info = libc.malloc_trim, libc.mallinfo2
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    info.argtypes, info.restype = [], _MallInfo2
    return trim, info


def resident_bytes() -> int:
    """The process's resident memory (Linux; elsewhere 0, and the trimmer goes by the free bytes alone)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


class HeapTrimmer:
    """Called periodically: trims the heap when at least `min_free` bytes were freed since it last trimmed.

    malloc still counts trimmed chunks as free, and a trim walks all of them (about 0.03 ms per MiB even with
    nothing to give back, 0.12 ms per MiB given back), so it trims again only once the process's resident
    memory has grown by `min_free` since the lowest it was after the last trim.
    """

    def __init__(self, min_free: int = MIN_FREE_BYTES) -> None:
        self.min_free = min_free
        self._glibc = _glibc()
        self._resident_after_trim = 0
        self.trims = 0

    @property
    def available(self) -> bool:
        """Does this C library let the process trim its heap?"""
        return self._glibc is not None

    def free_bytes(self) -> int:
        """Bytes in the heap's free chunks (0 where that cannot be known)."""
        return self._glibc[1]().fordblks if self._glibc else 0

    def __call__(self) -> bool:
        """Trim if enough was freed since the last trim; return whether it did."""
        if not self._glibc:
            return False
        resident = resident_bytes()
        self._resident_after_trim = min(self._resident_after_trim, resident)
        grown = not resident or resident - self._resident_after_trim >= self.min_free
        if not grown or self.free_bytes() < self.min_free:
            return False
        self._glibc[0](0)
        self._resident_after_trim = resident_bytes()
        self.trims += 1
        return True
