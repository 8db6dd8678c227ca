"""A friendly message with action buttons, shown where a list would be empty."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


TEXT_WIDTH = 520


class EmptyStateWidget(QWidget):
    """Title, one explanatory sentence and the buttons that fill the list."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(title, self)
        self.title.setObjectName("emptyTitle")
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setFixedWidth(TEXT_WIDTH)
        self.text.setMinimumHeight(self.text.heightForWidth(TEXT_WIDTH))
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)  # buttons go between the two stretches
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addLayout(self.buttons)
        layout.addStretch(2)

    def add_button(self, text: str, slot: Callable[[], None], primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        button.setDefault(primary)
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button
