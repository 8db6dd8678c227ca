"""Record identity for synchronisation: UUIDv7 ids and a hybrid logical clock (HLC).

UUIDv7 is time-ordered, so new rows land at the end of the B-tree. The HLC gives every
write an ``updated_at`` that never goes backwards even if the PC's clock does, so merges
can keep the greater (updated_at, origin) deterministically.
"""

import os
import threading
import time
import uuid
from collections.abc import Callable

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1


def uuid7(now_ms: int | None = None) -> str:
    """An RFC 9562 version 7 UUID as a string."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def hlc_pack(wall_ms: int, counter: int) -> int:
    """An HLC timestamp as one sortable integer (fits in SQLite's 64-bit INTEGER)."""
    return (wall_ms << _COUNTER_BITS) | counter


def hlc_unpack(value: int) -> tuple[int, int]:
    return value >> _COUNTER_BITS, value & _COUNTER_MASK


def hlc_wall_seconds(value: int) -> float:
    """The wall-clock part of an HLC value, in seconds since the epoch."""
    return (value >> _COUNTER_BITS) / 1000


class HybridClock:
    """Issues strictly increasing HLC values; ``observe`` folds in remote values on merge."""

    def __init__(self, last: int = 0, wall_ms: Callable[[], int] | None = None):
        self._last = last
        self._wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def now(self) -> int:
        with self._lock:
            last_wall, last_counter = hlc_unpack(self._last)
            wall = self._wall_ms()
            if wall > last_wall:
                self._last = hlc_pack(wall, 0)
            else:
                self._last = hlc_pack(last_wall, last_counter + 1)
            return self._last

    def observe(self, remote: int) -> None:
        """Never issue a value below one already seen from another installation."""
        with self._lock:
            self._last = max(self._last, remote)
