"""Crear la oficina central: shown instead of the pages when the database has no keys yet.

The same use case as `seguimiento central init`: a name, optional escrow recipients (age
public keys kept offline, so the data survive the loss of this database) and the profile.
"""

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit,
                               QPushButton, QWidget)

from seguimiento_desktop.gui.workers import JobRunner
from seguimiento_desktop.gui.central.parts import compact_form, note, page_layout
from seguimiento_desktop.gui.central.settings_page import PROFILE_CHOICES
from seguimiento_desktop.gui.sync.texts import fingerprint_lines
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.sync.pseudonyms import PSEUDONYMISED

FIELD_WIDTH = 560


class SetupPage(QWidget):
    """A short form; ``created`` fires once the keys exist."""

    created = Signal()

    def __init__(self, db_path: Path, jobs: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.jobs = jobs
        layout = page_layout(self, "Crear la oficina central", (
            f"La base {db_path} aún no es de oficina central. Al crearla se generan las llaves "
            "para recibir los paquetes cifrados de los planteles y para firmar su configuración. "
            "Esta base contendrá la llave privada: respáldela en un lugar seguro."))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Por ejemplo: Oficina estatal de Jalisco")
        self.escrow = QPlainTextEdit(self)
        self.escrow.setPlaceholderText("age1… (una por línea; opcional)")
        self.escrow.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.profile = QComboBox(self)
        for key, text in PROFILE_CHOICES:
            self.profile.addItem(text, key)
        self.profile.setCurrentIndex(self.profile.findData(PSEUDONYMISED))  # data minimisation
        self.name.setMinimumWidth(FIELD_WIDTH)
        self.escrow.setMinimumWidth(FIELD_WIDTH)
        hint = note("Claves públicas de respaldo que también podrán descifrar los paquetes;\n"
                    "guarde su parte privada fuera de esta PC.", self)
        hint.setWordWrap(False)  # a wrapped label in a form row gets a wrong height
        form = compact_form(self)
        form.addRow("Nombre de la oficina:", self.name)
        form.addRow("Claves de custodia:", self.escrow)
        form.addRow("", hint)
        form.addRow("Perfil de exportación:", self.profile)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.create_button = QPushButton("Crear oficina central", self)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        row.addWidget(self.create_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def escrow_keys(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.escrow.toPlainText().splitlines()
                     if line.strip())

    def create(self):
        name = self.name.text().strip()
        if not name:
            messages.show_error(self, "Escriba el nombre de la oficina central.")
            return None
        escrow, profile = self.escrow_keys(), self.profile.currentData()
        self.create_button.setEnabled(False)
        job = self.jobs.run(self, "Creando las llaves de la oficina…",
                            lambda office, progress, cancel: office.init(name, escrow, profile),
                            self._created, cancellable=False)
        job.finished.connect(lambda: self.create_button.setEnabled(True))
        return job

    def _created(self, identity) -> None:
        messages.show_info(self, f"Oficina central «{identity.name}» creada.\n\nHuella que "
                           "dictará a los planteles:\n"
                           f"{fingerprint_lines(identity.fingerprint)}\n\nRespalde esta base "
                           "de datos en un lugar seguro: contiene la llave privada.")
        self.created.emit()
