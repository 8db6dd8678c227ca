"""«Resolver conflicto»: keep one of the two values of a field or type the right one."""

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QLabel, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from seguimiento_desktop.gui.central.parts import compact_form, short_date
from seguimiento_desktop.sync.models import Conflict, Pick


def _shown(value: str) -> str:
    return value or "(vacío)"


class ResolveDialog(QDialog):
    """Both values as choices, a field for another value, and who resolves."""

    def __init__(self, conflict: Conflict, resolver: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle("Resolver conflicto")
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{conflict.name or conflict.curp}</b> — {conflict.label}", self)
        layout.addWidget(title)
        self.kept = QRadioButton(
            f"Conservar «{_shown(conflict.kept_value)}» ({conflict.kept_origin} "
            f"{conflict.kept_pc}, {short_date(conflict.kept_at)})", self)
        self.other = QRadioButton(
            f"Tomar «{_shown(conflict.other_value)}» ({conflict.other_origin} "
            f"{conflict.other_pc}, {short_date(conflict.other_at)})", self)
        self.typed = QRadioButton("Escribir el valor correcto:", self)
        self.value = QLineEdit(self)
        self.value.setAccessibleName("Valor correcto")
        self.value.textEdited.connect(lambda _text: self.typed.setChecked(True))
        group = QButtonGroup(self)
        for button in (self.kept, self.other, self.typed):
            group.addButton(button)
            layout.addWidget(button)
        layout.addWidget(self.value)
        if conflict.kind != "alumno":  # a questionnaire captured twice: keep the row's
            for widget in (self.other, self.typed, self.value):
                widget.setEnabled(False)
        self.kept.setChecked(True)
        form = compact_form(self)
        self.resolver = QLineEdit(resolver, self)
        self.resolver.setMinimumWidth(240)
        form.addRow("Resuelve:", self.resolver)
        layout.addLayout(form)
        self.note = QLabel(self)
        self.note.setVisible(False)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> "str | Pick":
        if self.kept.isChecked():
            return Pick.KEPT
        if self.other.isChecked():
            return Pick.OTHER
        return self.value.text()

    def _accept(self) -> None:
        if not self.resolver.text().strip():
            self.note.setText("Escriba quién resuelve el conflicto.")
            self.note.setVisible(True)
            self.resolver.setFocus()
            return
        self.accept()
