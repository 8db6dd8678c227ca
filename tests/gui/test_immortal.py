"""PySide6 6.12.0 drops a reference to None on every void call: the app must survive it."""

import sys

from PySide6.QtWidgets import QLineEdit

from seguimiento_desktop.gui import immortal


def test_none_survives_more_void_qt_calls_than_it_had_references(qtbot):
    line = QLineEdit()
    qtbot.addWidget(line)
    for _ in range(30_000):  # a fresh app starts with about 5,000 references to None
        line.setText("x")
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > immortal.MARGIN // 2
