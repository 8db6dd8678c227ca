"""Envíos USB: registration request, central configuration, bundle export, acknowledgements.

Every file operation runs as a job on the writer thread (progress and cancel for the
export); the page itself only reads the export history through ``context.reader``.
"""

from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.accounts.roles import ADMINISTRATION
from seguimiento_desktop.domain.dates import local_datetime
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.sync.texts import counts_text, fingerprint_lines, pending_text
from seguimiento_desktop.gui.widgets import files, messages

HISTORY_COLUMNS = ("Paquete", "Archivo", "Creado", "Acuse de recibo")
# Why a step is not available yet (a disabled button still shows its tooltip).
NEEDS_CONFIG = "Primero importe la configuración de la oficina central (paso 2)."
NEEDS_EXPORT = "Primero exporte un paquete (paso 3); el acuse llega cuando la oficina lo recibe."
ADMIN_ONLY = "Solo el administrador registra la PC e importa la configuración (sus llaves)."


class SyncPage(QWidget):
    """The plantel's USB exchange with the central office, step by step."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.history = QTableWidget(0, len(HISTORY_COLUMNS), self)
        self.history.setHorizontalHeaderLabels(HISTORY_COLUMNS)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)  # as every page: aligned with the header
        title = QLabel("Envíos USB a la oficina central", self)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        layout.addWidget(self.status)
        grid = QGridLayout()
        steps = (("enrollment", "1. Guardar solicitud de registro…", self.save_enrollment,
                  "Una sola vez por PC: llévela a la oficina central y dicte la huella."),
                 ("config", "2. Importar configuración…", self.import_config,
                  "El paquete firmado que entrega la oficina central."),
                 ("export", "3. Exportar paquete a la memoria USB…", self.export_bundle,
                  "Todo lo que la oficina central aún no confirma, cifrado."),
                 ("ack", "4. Importar acuse de recibo…", self.import_ack,
                  "Lo confirmado ya no se vuelve a enviar."))
        for row, (key, text, slot, hint) in enumerate(steps):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            self.buttons[key] = button
            grid.addWidget(button, row, 0)
            grid.addWidget(QLabel(hint, self), row, 1)
        grid.setColumnStretch(1, 1)  # the hints take the room, the buttons stay compact
        layout.addLayout(grid)
        layout.addWidget(QLabel("<b>Paquetes exportados</b>", self))
        layout.addWidget(self.history, 1)
        # Created before the steps, the table came first under Tab though it is below them.
        QWidget.setTabOrder(self.buttons["ack"], self.history)
        self.history.setTabKeyNavigation(False)
        self.refresh()

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the trust set-up, what is pending and the export history."""
        state = self.context.reader.sync_status()
        pending = pending_text(state.pending)
        if not state.configured:
            text = ("Esta PC aún no tiene la configuración de la oficina central: haga los "
                    f"pasos 1 y 2.\nHuella de esta PC: {state.fingerprint.hex} "
                    f"({state.fingerprint.words}).")
        else:
            from seguimiento_desktop.privacy.notice import profile_summary
            text = (f"Oficina central: {state.central_name}.\n{profile_summary(state.profile)}"
                    f"\nÚltimo paquete exportado: {state.last_seq or '—'} · "
                    f"último con acuse de recibo: {state.last_acked_seq or '—'}.\n"
                    f"Pendiente de enviar: {pending}.")
        self.status.setText(text)
        keys = self.context.reader.may(ADMINISTRATION)  # the PC's keys: accounts/roles.py
        self._enable("enrollment", keys, ADMIN_ONLY)
        self._enable("config", keys, ADMIN_ONLY)
        self._enable("export", state.configured, NEEDS_CONFIG)
        self._enable("ack", state.last_seq > 0, NEEDS_EXPORT)
        self._fill_history()

    def _fill_history(self) -> None:
        entries = self.context.reader.export_history()
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            values = (str(entry.seq), entry.file_name, local_datetime(entry.created_at),
                      local_datetime(entry.acked_at) if entry.acked_at else "Pendiente")
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))

    def _enable(self, key: str, enabled: bool, why_not: str) -> None:
        self.buttons[key].setEnabled(enabled)
        self.buttons[key].setToolTip("" if enabled else why_not)

    # --- The four steps --------------------------------------------------------------

    def save_enrollment(self) -> None:
        path = files.ask_save_path(self, "Guardar solicitud de registro",
                                   "solicitud-registro.json", "Solicitud de registro (*.json)")
        if not path:
            return
        self.context.jobs.run(self, "Guardando la solicitud…",
                              lambda ws, progress, cancel: ws.sync_enrollment(path),
                              self._enrollment_saved, cancellable=False)

    def _enrollment_saved(self, info) -> None:
        messages.show_info(self, f"Solicitud de registro guardada en:\n{info.path}\n\nLlévela "
                           "a la oficina central y, cuando se la pidan, dicte por teléfono la "
                           f"huella de esta PC:\n\n{fingerprint_lines(info.fingerprint)}")

    def import_config(self) -> None:
        path = files.ask_open_path(self, "Importar configuración de la oficina central",
                                   "Paquete de configuración (*.json)")
        if not path:
            return
        self.context.jobs.run(self, "Leyendo el paquete…",
                              lambda ws, progress, cancel: ws.preview_config(path),
                              lambda info: self._confirm_config(path, info), cancellable=False)

    def _confirm_config(self, path: str, info) -> None:
        accepted = None
        if info.first_import:
            question = (f"Compare por teléfono la huella de «{info.central_name}»:\n\n"
                        f"{fingerprint_lines(info.fingerprint)}\n\n"
                        "¿Es exactamente la que le dicta la oficina central?")
            if not messages.confirm(self, question, "Sí, coincide"):
                return
            accepted = info.fingerprint.hex
        self.context.jobs.run(self, "Importando la configuración…",
                              lambda ws, progress, cancel: ws.import_config(path, accepted),
                              self._config_imported, cancellable=False)

    def _config_imported(self, info) -> None:
        note = (" La oficina cambió su clave de firma; el cambio está firmado por la anterior."
                if info.rotated else "")
        messages.show_info(self, f"Configuración número {info.serial} de «{info.central_name}» "
                           f"importada (perfil {info.profile}).{note}")
        self.refresh()

    def export_bundle(self) -> None:
        folder = files.ask_folder(self, "Elija la memoria USB o la carpeta del paquete")
        if not folder:
            return
        self.context.jobs.run(self, "Exportando el paquete…",
                              lambda ws, progress, cancel: ws.export_bundle(folder, progress,
                                                                            cancel),
                              self._exported)

    def _exported(self, result) -> None:
        messages.show_info(self, f"Paquete {result.seq} guardado ({result.size // 1024 + 1} KB) "
                           f"en:\n{result.path}\n\nLleva {counts_text(result.counts)}.\n\n"
                           "Entréguelo a la oficina central y, cuando devuelvan el acuse de "
                           "recibo, impórtelo aquí (paso 4).")
        self.refresh()

    def import_ack(self) -> None:
        path = files.ask_open_path(self, "Importar acuse de recibo", "Acuse de recibo (*.acuse)")
        if not path:
            return
        self.context.jobs.run(self, "Importando el acuse…",
                              lambda ws, progress, cancel: ws.import_ack(Path(path)),
                              self._ack_imported, cancellable=False)

    def _ack_imported(self, result) -> None:
        state = "ya se había importado" if result.already_imported else "quedó registrado"
        fixed = (f"\n\nLa oficina central resolvió {result.corrections} "
                 f"{'conflicto' if result.corrections == 1 else 'conflictos'} de alumnos de "
                 "este plantel; los valores elegidos ya están en el directorio."
                 if result.corrections else "")
        messages.show_info(self, f"El acuse del paquete {result.seq} {state}.{fixed}\n\n"
                           f"Pendiente de enviar: {pending_text(result.pending)}.")
        self.refresh()
