"""Planteles: each enrolled plantel and PC, its last bundle, the missing ones, its students
and responses; enrolling a new PC (after comparing its fingerprint) and revoking a lost one.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QWidget)

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.widgets import files
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import page_layout, short_date, show_lines, warning_note
from seguimiento_desktop.gui.sync.texts import fingerprint_lines, pc_label
from seguimiento_desktop.gui.theme import ERROR_COLOR, WARNING_COLOR
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.sync.models import InstallationStatus, SchoolStatus

COLUMNS = ("CCT / PC", "Plantel", "Alumnos", "Respuestas", "Último paquete", "Recibido",
           "Faltantes", "Estado")
INSTALLATION_ROLE = Qt.ItemDataRole.UserRole


def responses_text(responses: dict[str, int]) -> str:
    return " · ".join(f"{q}: {n}" for q, n in responses.items()) or "sin respuestas"


def _school_item(school: SchoolStatus) -> QTreeWidgetItem:
    name = school.school_name or "—"
    item = QTreeWidgetItem([school.cct, f"{name} ({school.place})" if school.place else name,
                            str(school.students),
                            responses_text(school.responses), "", "", "", ""])
    font = item.font(0)
    font.setBold(True)
    item.setFont(0, font)
    item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _installation_item(inst: InstallationStatus) -> QTreeWidgetItem:
    # «núm. 2, 5»: bundle numbers, not a count (the warning below says it in words)
    missing = f"núm. {', '.join(map(str, inst.missing))}" if inst.missing else "—"
    item = QTreeWidgetItem([inst.label, "", "", "",
                            str(inst.last_seq) if inst.last_seq else "ninguno",
                            short_date(inst.last_received_at), missing,
                            "Dada de baja" if inst.revoked else "Activa"])
    item.setData(0, INSTALLATION_ROLE, inst.installation_id)
    item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    item.setToolTip(0, f"Identificador: {inst.installation_id}\nHuella: {inst.fingerprint.hex}")
    if inst.missing:
        item.setForeground(6, QColor(WARNING_COLOR))
    if inst.revoked:
        item.setForeground(7, QColor(ERROR_COLOR))
    return item


class SchoolsPage(QWidget):
    """The central status, plantel by plantel."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = page_layout(self, "Planteles")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.enroll_button = QPushButton("Registrar plantel…", self)
        self.enroll_button.clicked.connect(self.choose_enrollment)
        self.revoke_button = QPushButton("Dar de baja PC…", self)
        self.revoke_button.clicked.connect(self.revoke_selected)
        buttons.addWidget(self.enroll_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.gaps = warning_note(self)
        layout.addWidget(self.gaps)
        context.events.changed.connect(self.refresh)
        self.refresh()

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        state = self.context.reader.status()
        self.tree.clear()
        for school in state.schools:
            item = _school_item(school)
            item.addChildren([_installation_item(i) for i in school.installations])
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        pcs = sum(len(s.installations) for s in state.schools)
        self.summary.setText(
            f"{quantity(len(state.schools), 'plantel')}, "
            f"{quantity(pcs, 'PC registrada', 'PC registradas')}. Conflictos por revisar: "
            f"{state.open_conflicts}. Registros en espera de su alumno: {state.waiting_records}."
            if state.schools else "Aún no hay planteles. Registre la solicitud de registro que "
            "trae cada PC de plantel con «Registrar plantel…».")
        show_lines(self.gaps, [m for s in state.schools for i in s.installations
                               for m in i.messages])

    def selected_installation(self) -> str | None:
        """The PC selected, or the only PC of the selected plantel."""
        item = self.tree.currentItem()
        if item is None:
            return None
        if item.childCount() == 1:
            item = item.child(0)
        return item.data(0, INSTALLATION_ROLE)

    # --- Enrolling and revoking ------------------------------------------------------------

    def choose_enrollment(self) -> None:
        path = files.ask_open_path(self, "Registrar plantel: solicitud de registro",
                                   "Solicitud de registro (*.json)")
        if path:
            self.enroll(path)

    def enroll(self, path: str):
        return self.context.jobs.run(
            self, "Leyendo la solicitud…",
            lambda office, progress, cancel: office.preview_enrollment(path),
            lambda info: self._confirm_enrollment(path, info), cancellable=False)

    def _confirm_enrollment(self, path: str, info) -> None:
        question = (f"Solicitud de registro de {info.cct} «{info.school_name}» "
                    f"({info.pc_label}).\n\nHuella:\n"
                    f"{fingerprint_lines(info.fingerprint)}\n\n"
                    "¿Es exactamente la que le dicta el plantel por teléfono?")
        if not messages.confirm(self, question, "Sí, coincide: registrar"):
            return
        accepted = info.fingerprint.hex
        self.context.jobs.run(self, "Registrando la PC…",
                              lambda office, progress, cancel: office.enroll(path, accepted),
                              self._enrolled, cancellable=False)

    def _enrolled(self, found) -> None:
        messages.show_info(self, f"La {found.pc_label} de {found.cct} quedó "
                           "registrada.\n\nGenere un paquete de configuración nuevo (página "
                           "Configuración) y envíelo al plantel.")
        self.context.events.changed.emit()

    def revoke_selected(self):
        installation = self.selected_installation()
        if installation is None:
            messages.show_error(self, "Seleccione en la tabla la PC que quiere dar de baja.")
            return None
        question = (f"¿Dar de baja la {self._pc_name(installation)}?\n\nSus paquetes se "
                    "rechazarán desde ahora. Hágalo solo si la PC se perdió, la robaron o ya no "
                    "se usa.")
        if not messages.confirm(self, question, "Dar de baja"):
            return None
        return self.context.jobs.run(
            self, "Dando de baja la PC…",
            lambda office, progress, cancel: office.revoke(installation),
            lambda done: self._revoked(installation, done), cancellable=False)

    def _pc_name(self, installation: str) -> str:
        """«PC …4808 de 14DCT0099Z», from the table."""
        for index in range(self.tree.topLevelItemCount()):
            school = self.tree.topLevelItem(index)
            for child in range(school.childCount()):
                if school.child(child).data(0, INSTALLATION_ROLE) == installation:
                    return f"{school.child(child).text(0)} de {school.text(0)}"
        return pc_label(installation)

    def _revoked(self, installation: str, done: bool) -> None:
        name = self._pc_name(installation)
        if done:
            messages.show_info(self, f"{name} dada de baja: sus paquetes se rechazarán.")
        else:
            messages.show_error(self, f"La {name} ya estaba dada de baja.")
        self.context.events.changed.emit()
