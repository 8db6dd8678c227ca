"""Configuración: the office's fingerprint, the signed configuration package and key rotation.

The fingerprint is shown large and selectable because planteles compare it by phone before
trusting the first package; the profile chosen here takes effect with the next package.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QWidget)

from seguimiento_desktop.gui.widgets import files
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import compact_form, note, page_layout
from seguimiento_desktop.gui.sync.texts import fingerprint_lines
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.sync.pseudonyms import FULL, PSEUDONYMISED

PROFILE_CHOICES = ((FULL, "Completo: CURP, nombres y datos de contacto"),
                   (PSEUDONYMISED, "Seudonimizado: seudónimo en lugar de CURP, sin nombres ni "
                                   "contacto"))


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SettingsPage(QWidget):
    """What planteles need from the office, and how to hand it over."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = page_layout(self, "Configuración", (
            "El paquete de configuración lleva las claves de la oficina, los cuestionarios y "
            "catálogos vigentes y el perfil de exportación. Entréguelo a cada plantel en USB; "
            "la primera vez el plantel compara por teléfono la huella de abajo."))
        form = compact_form(self)
        self.name = _selectable("", self)
        self.words = _selectable("", self)
        self.words.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.hex = _selectable("", self)
        self.hex.setStyleSheet("font-family: monospace; font-size: 12pt;")
        self.recipients = _selectable("", self)
        self.profile = QComboBox(self)
        for key, text in PROFILE_CHOICES:
            self.profile.addItem(text, key)
        form.addRow("Oficina:", self.name)
        form.addRow("Huella (palabras):", self.words)
        form.addRow("Huella (hex):", self.hex)
        form.addRow("Claves de cifrado:", self.recipients)
        form.addRow("Perfil de exportación:", self.profile)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.package_button = QPushButton("Exportar paquete de configuración…", self)
        self.package_button.setDefault(True)
        self.package_button.clicked.connect(self.choose_package_path)
        self.rotate_button = QPushButton("Cambiar la clave de firma…", self)
        self.rotate_button.clicked.connect(self.rotate_key)
        buttons.addWidget(self.package_button)
        buttons.addWidget(self.rotate_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = note("", self)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.refresh()

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        identity = self.context.reader.identity()
        self.name.setText(identity.name)
        self.words.setText(identity.fingerprint.words)
        self.hex.setText(identity.fingerprint.hex)
        escrow = len(identity.escrow)
        self.recipients.setText("La de esta oficina" + (
            f" y {escrow} de custodia (respaldo)" if escrow else " (sin claves de custodia)"))
        self.profile.setCurrentIndex(max(self.profile.findData(identity.profile), 0))

    def choose_package_path(self) -> None:
        path = files.ask_save_path(self, "Guardar paquete de configuración",
                                   "configuracion-oficina.json",
                                   "Paquete de configuración (*.json)")
        if path:
            self.write_package(path)

    def write_package(self, path: str):
        profile = self.profile.currentData()

        def job(office, progress, cancel):
            return office.write_config_package(path, profile)
        return self.context.jobs.run(self, "Firmando el paquete de configuración…", job,
                                     self._package_written, cancellable=False)

    def _package_written(self, info) -> None:
        self.status.setText(f"Paquete de configuración {info.serial} guardado en {info.path} "
                            f"(perfil {info.profile}).")
        messages.show_info(self, f"Paquete de configuración número {info.serial} guardado en:\n"
                           f"{info.path}\n\nPerfil: {info.profile}. Cuestionarios: "
                           f"{', '.join(info.questionnaires) or 'ninguno'}.")
        self.refresh()
        self.context.events.changed.emit()  # the window header shows the profile

    def rotate_key(self):
        if not messages.confirm(self, (
                "¿Cambiar la clave de firma de la oficina?\n\nLa clave actual firma el cambio, "
                "así que los planteles lo aceptan con el siguiente paquete de configuración. "
                "Después genere y entregue un paquete nuevo a todos los planteles."),
                "Cambiar la clave"):
            return None
        return self.context.jobs.run(
            self, "Cambiando la clave de firma…",
            lambda office, progress, cancel: office.rotate_signing_key(), self._rotated,
            cancellable=False)

    def _rotated(self, identity) -> None:
        self.refresh()
        self.context.events.changed.emit()  # the window header shows the fingerprint
        self.status.setText("Clave de firma cambiada. Exporte un paquete de configuración nuevo "
                            "y entréguelo a los planteles.")
        messages.show_info(self, "Clave de firma cambiada. Nueva huella de la oficina:\n\n"
                           f"{fingerprint_lines(identity.fingerprint)}\n\nExporte un paquete "
                           "de configuración nuevo y entréguelo a los planteles.")
