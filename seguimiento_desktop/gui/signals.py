"""Emitting and disconnecting Qt signals from Python, safely on every PySide6 version.

PySide6 6.12.0's ``SignalInstance.emit()`` and ``.disconnect()`` return ``True`` without
owning a reference to it: every call leaves Python's ``True`` one reference short, and
after some thousands of calls (a morning of typing in the search box) the interpreter
aborts with "Fatal Python error: bool_dealloc: deallocating True or False". Call
``emit(signal, ...)`` and ``disconnect(signal, slot)`` instead of the methods: they give
the reference back, and only when the installed PySide6 has the bug (checked once at
import, so a fixed PySide6 makes them plain calls).
"""

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _ProbeWidget(QObject):
    fired = Signal()


def _emit_returns_unowned_true() -> bool:
    probe = _ProbeWidget()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.fired.emit()
    return sys.getrefcount(True) <= before - 16


_UNOWNED_TRUE = _emit_returns_unowned_true()


def _give_back(result: Any) -> None:
    if _UNOWNED_TRUE and result is True:
        _incref(True)


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)`` without PySide6 6.12.0's reference leak on True."""
    _give_back(signal.emit(*args))


def disconnect(signal: Any, slot: Any) -> None:
    """``signal.disconnect(slot)`` without PySide6 6.12.0's reference leak on True."""
    _give_back(signal.disconnect(slot))
