"""The frame both windows share: navigation on the left, a header over the pages."""

from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QVBoxLayout, QWidget


def lay_out_shell(window: QMainWindow, header_lines: list[QWidget], navigation: QWidget,
                  pages: QWidget) -> None:
    """Put ``navigation`` left and ``header_lines`` over ``pages`` in ``window``."""
    header = QVBoxLayout()
    header.setContentsMargins(16, 10, 16, 6)
    header.setSpacing(0)
    for line in header_lines:
        header.addWidget(line)
    right = QVBoxLayout()
    right.setContentsMargins(0, 0, 0, 0)
    right.setSpacing(0)
    right.addLayout(header)
    right.addWidget(pages, 1)
    body = QHBoxLayout()
    body.setContentsMargins(0, 0, 0, 0)
    body.setSpacing(0)
    body.addWidget(navigation)
    body.addLayout(right, 1)
    central = QWidget(window)
    central.setLayout(body)
    window.setCentralWidget(central)
