"""Emitting from Python must not eat references to True (PySide6 6.12.0 bug)."""

import sys

from PySide6.QtCore import QObject, Signal

from seguimiento_desktop.gui.signals import disconnect, emit


class SenderWidget(QObject):
    changed = Signal(str)


def test_many_emits_and_disconnects_keep_true_alive(qtbot):
    sender, seen = SenderWidget(), []
    before = sys.getrefcount(True)
    for _ in range(5000):
        sender.changed.connect(seen.append)
        emit(sender.changed, "x")
        disconnect(sender.changed, seen.append)
    assert len(seen) == 5000
    assert sys.getrefcount(True) >= before
