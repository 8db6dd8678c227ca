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

from seguimiento_desktop.errors import DatabaseError

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1
MAX_STAMP = (1 << 63) - 1  # SQLite's INTEGER is signed 64-bit
# How far ahead of a trusted time (the local wall clock, a bundle's signed creation time)
# a stamp may be. A PC whose clock is an hour fast is ordinary; a stamp a year ahead would
# win every later edit for a year, and one near 2^63 would win forever.
MAX_AHEAD_MS = 24 * 60 * 60 * 1000


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


def uuid7_many(count: int) -> list[str]:
    """``count`` version 7 UUIDs of this millisecond, as ``uuid7`` gives them one by one
    (random bits from one read of the system's generator), written a column at a time:
    the text of every id in one numpy array (an import takes thousands)."""
    import numpy as np  # imported here: most programs that read ids never make many
    hexes = np.frombuffer(b"0123456789abcdef", np.uint8)
    prefix = f"{int(time.time() * 1000) & ((1 << 48) - 1):012x}"
    text = np.empty((count, 37), np.uint8)  # 36 characters and a line break each
    text[:] = np.frombuffer(f"{prefix[:8]}-{prefix[8:]}-7000-8000-000000000000\n".encode(),
                            np.uint8)
    random = np.frombuffer(os.urandom(10 * count), np.uint8).reshape(count, 10)
    digits = np.empty((count, 20), np.uint8)
    digits[:, 0::2], digits[:, 1::2] = hexes[random >> 4], hexes[random & 15]
    text[:, 15:18] = digits[:, 0:3]
    text[:, 19] = hexes[8 + (random[:, 1] & 3)]  # the variant (10) over two random bits
    text[:, 20:23], text[:, 24:36] = digits[:, 4:7], digits[:, 7:19]
    return text.tobytes().decode("ascii").split("\n")[:count]


def hlc_pack(wall_ms: int, counter: int) -> int:
    """An HLC timestamp as one sortable integer (fits in SQLite's 64-bit INTEGER)."""
    return (wall_ms << _COUNTER_BITS) | counter


def hlc_unpack(value: int) -> tuple[int, int]:
    """(wall-clock milliseconds, counter) of an HLC value."""
    return value >> _COUNTER_BITS, value & _COUNTER_MASK


def hlc_ceiling(trusted_ms: int) -> int:
    """The greatest stamp accepted as not too far ahead of ``trusted_ms``."""
    return min(hlc_pack(max(trusted_ms, 0) + MAX_AHEAD_MS, _COUNTER_MASK), MAX_STAMP)


def hlc_wall_seconds(value: int) -> float:
    """The wall-clock part of an HLC value, in seconds since the epoch."""
    return (value >> _COUNTER_BITS) / 1000


class ClockExhausted(DatabaseError):
    """The clock reached 2^63 - 1 and cannot issue a greater value. Not reachable since
    observed stamps are capped a day ahead of the wall clock; a database whose clock an
    older version let a forged bundle push there must go back to a backup."""

    def __init__(self) -> None:
        super().__init__("El reloj de sincronización de esta base de datos llegó a su máximo "
                         "(un paquete con fechas falsas lo adelantó) y no puede registrar más "
                         "cambios. Restaure un respaldo anterior a ese paquete o llame a "
                         "soporte técnico.")


class HybridClock:
    """Issues strictly increasing HLC values; ``observe`` folds in remote values on merge.

    Strictly increasing whatever the wall clock does: the next value is the greater of the
    wall clock (counter 0) and the last value plus one. Adding one to the packed integer
    carries a full counter into the milliseconds, so 65,536 writes within one millisecond
    (a roster import on a PC whose clock is behind the sync clock) never wrap around.
    """

    def __init__(self, last: int = 0, wall_ms: Callable[[], int] | None = None):
        self._last = last
        self._wall_ms = wall_ms or (lambda: int(time.time() * 1000))
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        """The greatest value issued or observed so far."""
        return self._last

    def now(self) -> int:
        """A value greater than every value issued or observed before."""
        with self._lock:
            value = max(hlc_pack(max(self._wall_ms(), 0), 0), self._last + 1)
            if value > MAX_STAMP:
                raise ClockExhausted()
            self._last = value
            return value

    def now_many(self, count: int) -> range:
        """``count`` values, each greater than the one before and than every value issued
        or observed before: ``now`` called ``count`` times within one millisecond."""
        with self._lock:
            first = max(hlc_pack(max(self._wall_ms(), 0), 0), self._last + 1)
            if first + count - 1 > MAX_STAMP:
                raise ClockExhausted()
            self._last = max(self._last, first + count - 1)
            return range(first, first + count)

    def observe(self, remote: int) -> None:
        """Never issue a value below one already seen from another installation.

        A remote value more than MAX_AHEAD_MS ahead of this PC's wall clock is taken only
        up to that ceiling: a forged or broken stamp must not drag the clock to the end of
        time, where it would make every later edit lose to the forged one.
        """
        with self._lock:
            ceiling = hlc_ceiling(self._wall_ms())
            self._last = max(self._last, min(remote, ceiling))
