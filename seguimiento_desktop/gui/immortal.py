"""Keep ``None``, ``True`` and ``False`` alive whatever PySide6 does to their reference counts.

PySide6 6.12.0 on Python 3.11 returns ``None`` from every void method (``setText``,
``setFocus``, ``processEvents``…) without owning a reference, and ``True`` from
``emit()``/``disconnect()`` likewise (see gui/signals.py). Each call leaves the singleton
one reference short; after some tens of thousands of calls — one or two questionnaires
keyed heads-down — the interpreter aborts with "Fatal Python error: none_dealloc".

Python 3.12 made these singletons immortal; on 3.11 we do the same by hand, once, at
import: their reference counts get a margin no session can exhaust (a surplus of
references to a singleton that is never freed costs nothing). Remove this module when
the pinned PySide6 no longer has the bug.
"""

import ctypes
import sys

MARGIN = 1 << 40  # 10^12 lost references: centuries of keying


def make_singletons_immortal() -> None:
    """Give None, True and False a reference-count margin (a no-op on Python ≥ 3.12)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < MARGIN:
            count.value += MARGIN


make_singletons_immortal()
