"""«Aplicación en sala de cómputo»: open a sala, project its address, watch it, close it.

The window only starts and stops the Qt-free sala (sala/server.py) through the job
runner and reads its counts once a second; students' pages are saved by the sala's own
writer thread, never here. It is not modal: the orientador can go on working in the main
window while students answer, and closing the main window closes the sala first (asked).
"""

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.widgets import messages

TITLE = "Aplicación en sala de cómputo"
ALL_GROUPS = "Todos los grupos"
REFRESH_MS = 1000
TITLE_BAR_ROOM = 40  # the window's frame and title bar, outside its size


def show_sala(context: AppContext, parent: QWidget) -> "SalaDialog":
    """The sala window of ``parent``: the one already open (brought to the front) or a new
    one (one sala at a time per window)."""
    for dialog in parent.findChildren(SalaDialog):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = SalaDialog(context, parent)
    dialog.show()
    return dialog


class SalaDialog(QDialog):
    """Choose the generación, open the session, show address, QR, code and live counts."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.server = None
        self._closing = False
        # Closed while the sala was opening: close it once open, never leave one serving
        # with no window to close it (the window was deleted before the job ended).
        self._opening = self._close_when_open = False
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._close_parent_after = False
        if parent is not None:
            parent.installEventFilter(self)
        facets = context.reader.facets()
        from seguimiento_desktop.domain.calendar import QUESTIONNAIRE_TITLES
        self.questionnaire = QComboBox(self)
        for code, title in QUESTIONNAIRE_TITLES.items():
            self.questionnaire.addItem(title, code)
        self.cohort = QComboBox(self)
        self.cohort.addItems(sorted(facets.cohorts, reverse=True))  # the newest first
        # Each questionnaire preselects the generación it is applied to now: C2 and C3 go
        # to graduates, whom a sala for a generación still in school would refuse.
        self.questionnaire.currentIndexChanged.connect(self._suggest_cohort)
        self._suggest_cohort()
        self.group = QComboBox(self)
        self.group.addItems([ALL_GROUPS, *facets.groups])
        from seguimiento_desktop.sala.server import LOOPBACK, local_addresses
        self.network = QComboBox(self)  # a PC with cable and Wi-Fi is on two networks
        for address in local_addresses():
            self.network.addItem(f"{address} (solo esta computadora)" if address == LOOPBACK
                                 else address, address)
        self.port = QSpinBox(self)
        self.port.setRange(1024, 65535)
        self.port.setValue(8080)
        # Off by default: every student's browser warns about a certificate no authority
        # signed, and each must compare the fingerprint before going on; worth it on a
        # shared Wi-Fi, not on the lab's own cable.
        self.https = QCheckBox("Conexión &cifrada (HTTPS)", self)
        self.https.setToolTip(
            "Cifra lo que envían los alumnos, útil si contestan en una red Wi-Fi compartida. "
            "Sus navegadores mostrarán un aviso de seguridad: deberán comparar la huella que "
            "se proyecta antes de continuar.")
        self.open_button = QPushButton("&Abrir la sesión", self)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_session)
        self.slips_button = QPushButton("Imprimir &hojas con código personal…", self)
        self.slips_button.setToolTip(
            "Una hoja por alumno pendiente con un código para entrar sin CURP. Imprimirlas de "
            "nuevo cambia los códigos: las hojas anteriores dejan de servir.")
        self.slips_button.clicked.connect(self.print_slips)
        self.close_button = QPushButton("&Cerrar la sesión", self)
        self.close_button.clicked.connect(self.close)
        self.close_button.hide()
        self.address = _label(self, "salaAddress", 22, selectable=True)
        self.code = _label(self, "salaCode", 30, selectable=True)
        self.qr = QLabel(self)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.counts = _label(self, "salaCounts", 14)
        self.fingerprint = _label(self, "salaFingerprint", 12, selectable=True)
        self.fingerprint.setFont(_monospace(self.fingerprint.font()))
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("salaHint")
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self._lay_out()
        self._show_live(False)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("C&uestionario:", self.questionnaire)
        form.addRow("&Generación:", self.cohort)
        form.addRow("G&rupo:", self.group)
        form.addRow("Re&d (dirección de esta PC):", self.network)
        form.addRow("&Puerto:", self.port)
        form.addRow("", self.https)
        self.setup_note = QLabel("Los alumnos entrarán desde el navegador con su CURP y el código "
                                 "de la sesión. Cada página que contesten se guarda al momento.",
                                 self)
        self.setup_note.setWordWrap(True)
        live = QVBoxLayout()
        live.addWidget(QLabel("Escriban en el navegador:", self))
        live.addWidget(self.address)
        row = QHBoxLayout()
        row.addWidget(self.qr)
        codes = QVBoxLayout()
        codes.addWidget(QLabel("Código de la sesión:", self))
        codes.addWidget(self.code)
        codes.addWidget(self.counts)
        codes.addStretch(1)
        row.addLayout(codes, 1)
        # Beside the QR, not under it: the window must fit a 768-pixel-high projector.
        caption = QLabel("Huella SHA-256 del certificado\n(los alumnos la comparan):", self)
        certificate = QVBoxLayout()
        certificate.addWidget(caption)
        certificate.addWidget(self.fingerprint)
        certificate.addStretch(1)
        row.addLayout(certificate)
        live.addLayout(row)
        live.addWidget(self.hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.slips_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        # Never smaller than what it shows: the QR, the code and the counts must not overlap.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.setup_note)
        layout.addLayout(live)
        layout.addLayout(buttons)
        self._live = [self.address, self.qr, self.code, self.counts, self.hint]
        self._live_labels = [live.itemAt(0).widget(), codes.itemAt(0).widget()]
        self._fingerprint_widgets = [caption, self.fingerprint]
        self.setMinimumWidth(640)

    def _show_live(self, on: bool) -> None:
        for widget in self._live + self._live_labels:
            widget.setVisible(on)
        encrypted = on and self.server is not None and self.server.certificate is not None
        for widget in self._fingerprint_widgets:
            widget.setVisible(encrypted)
        for widget in (self.questionnaire, self.cohort, self.group, self.network, self.port,
                       self.https):
            widget.setEnabled(not on)
        self.setup_note.setVisible(not on)
        self.open_button.setVisible(not on)
        self.slips_button.setVisible(not on)
        self.close_button.setVisible(on)
        self._fit()

    def _fit(self) -> None:
        """As big as what it shows, within the screen. adjustSize() caps a window at two
        thirds of the screen's height (533 of 800 pixels, 485 on a laptop's 768): the
        address, QR, code, counts and the firewall's note were squeezed on top of each
        other."""
        self.layout().activate()
        wanted = self.sizeHint()
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry().size() - QSize(0, TITLE_BAR_ROOM)
            wanted = wanted.boundedTo(room).expandedTo(self.minimumSizeHint())
        self.resize(wanted)

    # --- Opening ----------------------------------------------------------------------

    def _config(self):
        from seguimiento_desktop.sala.session import SalaConfig
        group = "" if self.group.currentText() == ALL_GROUPS else self.group.currentText()
        return SalaConfig(self.questionnaire.currentData(), self.cohort.currentText(), group)

    def _suggest_cohort(self) -> None:
        from datetime import date

        from seguimiento_desktop.domain.calendar import cohort_to_apply
        cohorts = [self.cohort.itemText(i) for i in range(self.cohort.count())]
        suggested = cohort_to_apply(cohorts, self.questionnaire.currentData(), date.today())
        if suggested is not None:
            self.cohort.setCurrentText(suggested)

    def print_slips(self) -> None:
        """The printed personal codes of the chosen generación (and grupo), as a PDF."""
        from pathlib import Path

        from seguimiento_desktop.gui.widgets import files
        from seguimiento_desktop.sala.slips import print_slips
        config = self._config()
        group = f"_{config.group}" if config.group else ""
        name = f"codigos-sala_{config.questionnaire}_{config.cohort}{group}.pdf"
        chosen = files.ask_save_path(self, "Guardar hojas con código personal", name,
                                     "Documento PDF (*.pdf)")
        if not chosen:
            return
        out = files.with_suffix_if_missing(chosen, ".pdf")
        self.context.jobs.run(
            self, "Preparando las hojas…",
            lambda ws, _progress, _cancel: print_slips(ws, config, out),
            lambda count: messages.show_info(self, (
                f"{quantity(count, 'hoja')} con código personal en {Path(out).name}. Imprímalas "
                "y recórtelas: cada alumno entra con su código en lugar de la CURP hasta que "
                "termine. Si las imprime otra vez, los códigos cambian y estas dejan de "
                "servir.")),
            on_failed=lambda message: messages.show_error(self, message), cancellable=False)

    def open_session(self) -> None:
        from seguimiento_desktop.sala.server import open_sala
        config = self._config()
        path, session, port = self.context.db_path, self.context.session, self.port.value()
        host, https = self.network.currentData(), self.https.isChecked()
        self.open_button.setEnabled(False)
        self._opening = True
        self.context.jobs.run(self, "Abriendo la sesión…",
                              lambda _ws, _progress, _cancel: open_sala(path, session, config,
                                                                        host, port, https),
                              self._opened, on_failed=self._not_opened, cancellable=False)

    def _opened(self, server) -> None:
        from seguimiento_desktop.sala.qr import qr_png
        self.server, self._opening = server, False
        if self._close_when_open:
            self.close()
            return
        self.address.setText(server.address)
        self.code.setText(server.sala.code)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(server.address, scale=6))
        self.qr.setPixmap(pixmap)
        self.qr.setAccessibleName(f"Código QR de {server.address}")
        if server.certificate is not None:
            self.fingerprint.setText(server.certificate.fingerprint_lines)
            self.fingerprint.setAccessibleName("Huella SHA-256 del certificado")
        self.hint.setText(server.hint)
        self.refresh()  # the counts' three lines before the window takes its size
        self._show_live(True)
        self.timer.start()

    def _not_opened(self, message: str) -> None:
        self._opening = False
        self.open_button.setEnabled(True)
        messages.show_error(self, message)
        if self._close_when_open:
            self.close()
            self._close_parent_if_asked()

    def refresh(self) -> None:
        if self.server is None:
            return
        counts = self.server.counts()
        self.counts.setText(f"Conectados: {counts.connected}\nEmpezaron: {counts.started}\n"
                            f"Terminaron: {counts.finished} de {counts.expected}")

    # --- Closing ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self._opening:
            event.ignore()
            self._close_when_open = True
            return
        if self.server is None:
            event.accept()
            return
        event.ignore()
        if self._closing or not self._may_close():
            self._close_parent_after = False
            return
        self._closing = True
        self.close_button.setEnabled(False)
        self.close_button.setText("Cerrando…")
        server = self.server
        self.context.jobs.run(self, "Cerrando la sesión…",
                              lambda _ws, _progress, _cancel: server.close(),
                              self._closed, cancellable=False, quiet=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        """The main window closing while the sala is open: close the sala first (asked),
        then the window."""
        if (event.type() == QEvent.Type.Close and watched is self.parent()
                and (self.server is not None or self._opening)):
            event.ignore()
            self._close_parent_after = True
            self.close()
            return True
        return False

    def reject(self) -> None:  # Esc asks like the close button
        self.close()

    def _may_close(self) -> bool:
        answering = self.server.sala.answering()
        if not answering:
            return True
        return messages.confirm(self, (
            f"{quantity(answering, 'alumno está', 'alumnos están')} contestando. Si cierra la "
            "sesión, lo que ya guardaron se conserva (cada página) y podrán terminar en otra "
            "sesión con el código nuevo.\n\n¿Cerrar la sesión?"), "Cerrar la sesión")

    def _closed(self, counts) -> None:
        self.timer.stop()
        self.server = None
        half = counts.started - counts.finished
        messages.show_info(self, (
            f"Sesión cerrada: {quantity(counts.finished, 'alumno terminó', 'alumnos terminaron')}"
            f" y {quantity(half, 'quedó', 'quedaron')} a medias (lo que contestaron está "
            "guardado)."))
        self.done(QDialog.DialogCode.Accepted)
        self._close_parent_if_asked()

    def _close_parent_if_asked(self) -> None:
        if self._close_parent_after and self.parent() is not None:
            self.parent().removeEventFilter(self)
            self.parent().close()


def _monospace(font: QFont) -> QFont:
    """The fingerprint's pairs in columns, easy to compare group by group."""
    fixed = QFont(font)
    fixed.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
    fixed.setStyleHint(QFont.StyleHint.TypeWriter)
    return fixed


def _label(parent: QWidget, name: str, points: int, selectable: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(True)
    label.setFont(font)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
