"""Recibir paquetes: choose bundle files, merge them in the background, show what happened.

Bundles are merged one file at a time in the writer thread so the progress bar moves over
the whole batch and a cancel keeps what was already merged (each bundle is its own
transaction: the one interrupted is rolled back, nothing half-merged stays).
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QPushButton, QRadioButton,
                               QWidget)

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import Cancelled
from seguimiento_desktop.gui.widgets import files, messages
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import (note, page_layout, read_only_table, set_row,
                                                   show_lines, warning_note)
from seguimiento_desktop.sync.models import BundleOutcome

COLUMNS = ("Archivo", "Plantel", "Paquete", "Resultado", "Nuevos", "Actualizados",
           "Sin cambios", "En conflicto", "En espera", "Motivo")
REASON_COLUMN = len(COLUMNS) - 1
# The rejection codes of sync/receiving.py in a few words; the full sentence shows below.
REASONS = {"incompleto": "archivo incompleto", "formato": "no es un paquete",
           "version": "versión más nueva que la aplicación", "desconocida": "PC no registrada",
           "revocada": "PC dada de baja", "firma": "firma no válida",
           "destinatario": "configuración no vigente", "alterado": "archivo alterado",
           "limite": "tamaño sospechoso", "contenido": "contenido no válido",
           "disco": "no se pudo guardar en la base de la oficina"}
STEPS = 1000  # the progress bar's resolution over the whole batch


@dataclass(frozen=True)
class MergeBatch:
    """Outcomes of the bundles merged, the missing-bundle warnings, and whether the user
    stopped before the end."""

    outcomes: tuple[BundleOutcome, ...]
    gaps: tuple[str, ...]
    cancelled: int = 0  # bundles left unmerged


def merge_batch(office, paths: list[str], acks_dir: str | None, progress, cancel) -> MergeBatch:
    """The background job: each bundle in order, progress scaled over the batch."""
    ordered = sorted(paths, key=lambda p: Path(p).name)  # as the CLI: oldest number first
    outcomes: list[BundleOutcome] = []
    gaps: tuple[str, ...] = ()
    for index, path in enumerate(ordered):
        def scaled(done: int, total: int, message: str, index=index) -> None:
            share = (index + (done / total if total else 0)) / len(ordered)
            progress(int(share * STEPS), STEPS,
                     f"Paquete {index + 1} de {len(ordered)}: {message}")
        try:
            cancel.check()  # between bundles too: the core checks only between record batches
            report = office.merge([path], acks_dir, scaled, cancel)
        except Cancelled:
            return MergeBatch(tuple(outcomes), gaps, len(ordered) - index)
        outcomes.extend(report.outcomes)
        gaps = report.gaps
    return MergeBatch(tuple(outcomes), gaps)


def result_text(outcome: BundleOutcome) -> str:
    if not outcome.accepted:
        return "Rechazado"
    return "Aceptado (repetido)" if outcome.duplicate else "Aceptado"


def reason_text(outcome: BundleOutcome) -> str:
    """A few words for the table: why it was rejected, or what happened to the acuse."""
    if not outcome.accepted:
        return REASONS.get(outcome.reason, outcome.reason)
    if outcome.warnings:
        return "sin acuse (ver abajo)"
    return "acuse escrito de nuevo" if outcome.duplicate else "acuse escrito"


def detail_text(outcome: BundleOutcome) -> str:
    """The Spanish reason of a rejection, or where the acknowledgement went and any warning."""
    if not outcome.accepted:
        return outcome.message
    parts = [outcome.message] if outcome.message else []
    if outcome.ack_path:
        parts.append(f"Acuse: {outcome.ack_path}")
    parts.extend(outcome.warnings)
    return " ".join(parts)


def rejection_text(outcomes: tuple[BundleOutcome, ...], most: int = 4) -> str:
    """What a person must act on after a batch: each rejected file and why (the first few)."""
    rejected = [o for o in outcomes if not o.accepted]
    verb = "Se rechazó" if len(rejected) == 1 else "Se rechazaron"
    lines = [f"{verb} {quantity(len(rejected), 'paquete')}:"]
    lines += [f"• {o.message}" for o in rejected[:most]]
    if len(rejected) > most:
        lines.append(f"…y {quantity(len(rejected) - most, 'otro', 'otros')}: vea la tabla.")
    return "\n\n".join(lines)


class ReceivePage(QWidget):
    """Bundles brought on USB sticks: merge, then read the results table."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.acks_folder = ""
        self.last_batch: MergeBatch | None = None
        layout = page_layout(self, "Recibir paquetes", (
            "Elija los paquetes (.seg) que trajeron los planteles. Cada uno se verifica antes de "
            "abrirlo: los alterados, cortados o de PC no registradas se rechazan sin cambiar "
            "nada. Por cada paquete aceptado se escribe un acuse de recibo para el plantel."))
        layout.addLayout(self._acks_choice())
        self.choose_button = QPushButton("Elegir paquetes y fusionar…", self)
        self.choose_button.setDefault(True)
        self.choose_button.clicked.connect(self.choose_and_merge)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel("Aún no se ha fusionado ningún paquete en esta sesión.", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = read_only_table(COLUMNS, self, stretch=0)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # CCT and number stay visible
        self.table.itemSelectionChanged.connect(self._show_detail)
        layout.addWidget(self.table, 1)
        self.detail = note("", self)
        layout.addWidget(self.detail)
        self.gaps = warning_note(self)
        layout.addWidget(self.gaps)

    def _acks_choice(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Acuses de recibo:", self))
        self.beside = QRadioButton("junto a cada paquete", self)
        self.elsewhere = QRadioButton("en otra carpeta", self)
        self.beside.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.beside)
        group.addButton(self.elsewhere)
        self.folder_button = QPushButton("Elegir carpeta…", self)
        self.folder_button.clicked.connect(self.choose_acks_folder)
        self.folder_label = note("", self)
        for widget in (self.beside, self.elsewhere, self.folder_button):
            row.addWidget(widget)
        row.addWidget(self.folder_label, 1)
        return row

    def choose_acks_folder(self) -> None:
        folder = files.ask_folder(self, "Carpeta donde guardar los acuses de recibo")
        if folder:
            self.acks_folder = folder
            self.folder_label.setText(folder)
            self.elsewhere.setChecked(True)

    def acks_dir(self) -> str | None:
        return self.acks_folder if self.elsewhere.isChecked() and self.acks_folder else None

    # --- Merging -------------------------------------------------------------------------

    def choose_and_merge(self) -> None:
        if self.elsewhere.isChecked() and not self.acks_folder:
            self.choose_acks_folder()
            if not self.acks_folder:
                return
        paths = files.ask_open_paths(self, "Elegir paquetes de los planteles",
                                     "Paquetes de los planteles (*.seg);;Todos los archivos (*)")
        if paths:
            self.merge(paths)

    def merge(self, paths: list[str]):
        """Merge ``paths`` in the background; the table fills when it ends."""
        acks = self.acks_dir()
        self.choose_button.setEnabled(False)
        self.summary.setText(f"Fusionando {quantity(len(paths), 'paquete')}…")
        job = self.context.jobs.run(
            self, "Fusionando paquetes…",
            lambda office, progress, cancel: merge_batch(office, paths, acks, progress, cancel),
            self.show_batch, on_failed=self._failed)
        job.finished.connect(lambda: self.choose_button.setEnabled(True))
        return job

    def _failed(self, message: str) -> None:
        self.summary.setText("No se fusionó ningún paquete.")
        messages.show_error(self, message)

    def show_batch(self, batch: MergeBatch) -> None:
        self.last_batch = batch
        outcomes = batch.outcomes
        self.table.setRowCount(len(outcomes))
        for row, o in enumerate(outcomes):
            c = o.counts
            values = (o.path.name, o.cct or "—", o.seq or "—", result_text(o))
            counts = (c.new, c.updated, c.unchanged, c.conflicts, c.waiting) if o.accepted \
                else ("",) * 5
            set_row(self.table, row, (*values, *counts, reason_text(o)), error=not o.accepted,
                    tooltip=f"{o.path}\n{detail_text(o)}")
        accepted = sum(1 for o in outcomes if o.accepted)
        rejected = len(outcomes) - accepted
        text = (f"{quantity(accepted, 'paquete aceptado', 'paquetes aceptados')}, "
                f"{quantity(rejected, 'rechazado', 'rechazados')}.")
        if batch.cancelled:
            text += (f" Se canceló: {quantity(batch.cancelled, 'paquete')} sin fusionar; los "
                     "anteriores quedaron guardados.")
        self.summary.setText(text)
        show_lines(self.gaps, batch.gaps)
        self.detail.clear()
        if outcomes:
            self.table.selectRow(0)
        self.context.events.changed.emit()
        if rejected:
            messages.show_error(self, rejection_text(outcomes))

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and self.last_batch is not None:
            outcome = self.last_batch.outcomes[rows[0].row()]
            self.detail.setText(f"{outcome.path}\n{detail_text(outcome)}")
