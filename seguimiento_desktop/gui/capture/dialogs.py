"""Dialogs of the Captura screen: a verification mismatch, and the verification policy."""

from html import escape

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (QApplication, QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QLabel,
                               QPushButton, QRadioButton, QSpinBox, QVBoxLayout, QWidget)

from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.questionnaires.model import Question
from seguimiento_desktop.verification import (
    AGAIN, EVERY, FIRST, NONE, PERCENT, SECOND, VerificationPolicy)
from seguimiento_desktop.gui.signals import emit

# Heads-down, the verifier's next digit often lands before the eyes reach this window; in
# that time a key belongs to the paper, not to the question (it would answer it unread).
READ_FIRST_MS = 400
CHOICES = ((FIRST, "&1  Vale la primera captura"), (SECOND, "&2  Vale lo que acabo de teclear"),
           (AGAIN, "&3  Volver a teclear"))


class MismatchDialog(QDialog):
    """The two keyings differ: the verifier looks at the paper and says which is right.

    Keys 1, 2 and 3 answer, so the verifier's hands stay on the keyboard; only once the
    window has been on screen for ``READ_FIRST_MS`` (a click answers at once).
    """

    chosen = Signal(str)  # FIRST, SECOND or AGAIN

    def __init__(self, question: Question, first: str, second: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Las capturas no coinciden")
        self.setModal(True)
        text = QLabel(f"<b>Pregunta {escape(question.number)}.</b> {escape(question.text)}"
                      "<br><br>Revise el papel: ¿cuál es la respuesta correcta?", self)
        text.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("Primera captura:", self), 0, 0)
        self.first_value = self._value(first)
        self.second_value = self._value(second)
        grid.addWidget(self.first_value, 0, 1)
        grid.addWidget(QLabel("Lo que acaba de teclear:", self), 1, 0)
        grid.addWidget(self.second_value, 1, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(grid)
        self.buttons: dict[str, QPushButton] = {}
        for right, label in CHOICES:
            button = QPushButton(label, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, r=right: self.choose(r))
            self.buttons[right] = button
            layout.addWidget(button)
        self.setMinimumWidth(480)
        self._shown = QElapsedTimer()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        self._shown.start()
        super().showEvent(event)

    def takes_keys(self) -> bool:
        """Whether the window has been on screen long enough to have been read."""
        return self._shown.isValid() and self._shown.elapsed() >= READ_FIRST_MS

    def _value(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet("font-weight: 600; font-size: 11pt;")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        keys = {Qt.Key.Key_1: FIRST, Qt.Key.Key_2: SECOND, Qt.Key.Key_3: AGAIN}
        if (event.key() in keys or event.key() == Qt.Key.Key_Escape) and not self.takes_keys():
            QApplication.beep()  # typed before the window could be read: not an answer
            return
        if event.key() in keys:
            self.choose(keys[event.key()])
        elif event.key() == Qt.Key.Key_Escape:
            self.choose(AGAIN)  # closing without an answer means: let me type it again
        else:
            super().keyPressEvent(event)

    def choose(self, right: str) -> None:
        self.accept()
        emit(self.chosen, right)


class VerificationPolicyDialog(QDialog):
    """How many papers of each keyer are keyed a second time."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Política de verificación")
        policy = context.reader.verification_policy()
        self.none = QRadioButton("No pedir verificación", self)
        self.every = QRadioButton("Verificar 1 de cada", self)
        self.percent = QRadioButton("Verificar un porcentaje:", self)
        self.every_value = QSpinBox(self)
        self.every_value.setRange(1, 1000)
        self.every_value.setSuffix(" cuestionarios de cada capturista")
        self.percent_value = QSpinBox(self)
        self.percent_value.setRange(1, 100)
        self.percent_value.setSuffix(" % de los cuestionarios de cada capturista")
        group = QButtonGroup(self)
        for button in (self.none, self.every, self.percent):
            group.addButton(button)
        {NONE: self.none, EVERY: self.every, PERCENT: self.percent}[policy.kind].setChecked(True)
        self.every_value.setValue(policy.value if policy.kind == EVERY else 10)
        self.percent_value.setValue(policy.value if policy.kind == PERCENT else 10)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel("Un cuestionario elegido se vuelve a capturar a ciegas por otra "
                       "persona; las diferencias se cuentan como errores de quien se equivocó.",
                       self)
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self.none, 0, 0, 1, 2)
        grid.addWidget(self.every, 1, 0)
        grid.addWidget(self.every_value, 1, 1)
        grid.addWidget(self.percent, 2, 0)
        grid.addWidget(self.percent_value, 2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def chosen_policy(self) -> VerificationPolicy:
        if self.every.isChecked():
            return VerificationPolicy(EVERY, self.every_value.value())
        if self.percent.isChecked():
            return VerificationPolicy(PERCENT, self.percent_value.value())
        return VerificationPolicy()

    def save(self) -> None:
        policy = self.chosen_policy()
        self.context.jobs.run(self, "Guardando la política…",
                              lambda ws, _p, _c: ws.set_verification_policy(policy),
                              lambda _saved: self.accept(), cancellable=False)
