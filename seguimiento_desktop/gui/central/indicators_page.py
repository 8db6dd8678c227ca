"""Indicadores: the strategy's indicators (docs/indicators.md) on everything merged, with
filters (generación, cuestionario, entidad, subsistema, carrera) and a breakdown, as a chart
and a table, exported to Excel exactly as shown.

The same core as `seguimiento central indicadores` (seguimiento_desktop/indicators); the
sums run in the writer thread (a national cohort is over a million answers).
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import compact_form, note, page_layout, read_only_table, set_row
from seguimiento_desktop.gui.widgets import files

BREAKDOWNS = (("entidad", "Entidad"), ("subsistema", "Subsistema"), ("plantel", "Plantel"),
              ("carrera", "Carrera"), ("sexo", "Sexo"))
WAVES = (("C2", "6 meses (C2)"), ("C3", "18 meses (C3)"))
ALL = ""
COLOURS = ("#6b1d3a", "#b38e5d", "#4c6a7d", "#8f9a6a")  # the report's palette
CHARTED = 25  # groups drawn; the table holds them all
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class Shown:
    """What the page shows: enough to redraw it and to export it."""

    title: str
    headers: list[str]
    body: list[list]
    bars: list[tuple[str, list[float]]]  # group, activity shares (0–1)


def choices_job():
    """(cohorts newest first, carreras, the newest cohort with C2 answers) of the merged
    directory: the page opens on what the strategy asks first."""
    def job(office, progress, cancel):
        from seguimiento_desktop.storage.indicator_queries import (
            careers, cohorts, eligible_population)
        db = office.store.db
        answered = {cohort for cohort, _, _, done in eligible_population(db, "C2", "") if done}
        return cohorts(db), sorted(careers(db)), max(answered, default="")
    return job


def compute_job(cohort: str, wave: str, by: str, filters):
    """The indicator rows for the chosen filters, as table cells and chart bars."""
    def job(office, progress, cancel):
        from seguimiento_desktop.indicators.definitions import ACTIVITY_KEYS
        from seguimiento_desktop.indicators.sheets import indicator_table
        from seguimiento_desktop.indicators.tables import indicator_breakdowns, total_row
        progress(0, 1, "Sumando las respuestas…")
        rows = indicator_breakdowns(office.store.db, wave, cohort, (by,), filters)[by]
        total = total_row(rows)
        first = dict(BREAKDOWNS)[by]
        headers, body = indicator_table(rows + [total], wave, first)
        bars = [(r.group, [r.share(k) or 0.0 for k in ACTIVITY_KEYS])
                for r in rows if not r.suppressed][:CHARTED]
        return headers, body, bars
    return job


class ActivityBars(QWidget):
    """100 % stacked bars: solo estudia, solo trabaja, estudia y trabaja, ni estudia ni
    trabaja, one bar per group (groups under 5 respondents are not drawn)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[tuple[str, list[float]]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(40)

    def set_bars(self, bars: list[tuple[str, list[float]]]) -> None:
        self.bars = bars
        self.setFixedHeight(22 + 18 * max(1, len(bars)))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        from seguimiento_desktop.indicators.definitions import ACTIVITY_LABELS
        painter = QPainter(self)
        label_width, width = 220, self.width() - 230
        x = label_width
        for colour, label in zip(COLOURS, ACTIVITY_LABELS.values()):  # the legend
            painter.fillRect(QRectF(x, 4, 10, 10), QColor(colour))
            painter.drawText(QRectF(x + 14, 0, 160, 18), Qt.AlignmentFlag.AlignVCenter, label)
            x += 170
        for row, (group, shares) in enumerate(self.bars):
            top = 22 + 18 * row
            painter.drawText(QRectF(0, top, label_width - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, group[:34])
            left = float(label_width)
            for colour, value in zip(COLOURS, shares):
                painter.fillRect(QRectF(left, top + 2, width * value, 12), QColor(colour))
                left += width * value
        painter.end()


class IndicatorsPage(QWidget):
    """Filters on top, the chart and the table below, «Exportar a Excel…»."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.shown: Shown | None = None
        layout = page_layout(self, "Indicadores", (
            "Qué hacen los egresados a los 6 y 18 meses: solo estudia, solo trabaja, estudia y "
            "trabaja, ni estudia ni trabaja, licenciatura o TSU, empleo formal, ingreso, relación "
            "con la carrera y opinión de la formación. Con menos de 5 personas no se publica el "
            "porcentaje (—)."))
        layout.addLayout(self._filters())
        self.chart = ActivityBars(self)
        layout.addWidget(self.chart)
        self.table = read_only_table(("Grupo",), self, stretch=0)
        layout.addWidget(self.table, 1)
        self.status = note("", self)
        layout.addWidget(self.status)
        self.context.jobs.run(self, "Leyendo generaciones y carreras…", choices_job(),
                              self._fill_choices, quiet=True)

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for data, text in items:
            combo.addItem(text, data)
        return combo

    def _filters(self) -> QHBoxLayout:
        from seguimiento_desktop.domain.states import state_names
        from seguimiento_desktop.domain.subsystems import subsystem_names
        self.cohort = self._combo([])
        self.wave = self._combo(list(WAVES))
        self.by = self._combo(list(BREAKDOWNS))
        self.state = self._combo([(ALL, "Todas")] + [(s, s) for s in state_names()])
        self.subsystem = self._combo([(ALL, "Todos")] + [(s, s) for s in subsystem_names()])
        self.career = self._combo([(ALL, "Todas")])
        left, right = compact_form(self), compact_form(self)
        for form, rows in ((left, (("Generación:", self.cohort), ("Cuestionario:", self.wave),
                                   ("Desglose por:", self.by))),
                           (right, (("Entidad:", self.state), ("Subsistema:", self.subsystem),
                                    ("Carrera:", self.career)))):
            for text, field in rows:
                form.addRow(text, field)
        self.show_button = QPushButton("Mostrar", self)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        self.export_button = QPushButton("Exportar a Excel…", self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_and_export)
        row = QHBoxLayout()
        row.addLayout(left)
        row.addLayout(right)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.export_button)
        row.addLayout(buttons)
        row.addStretch(1)
        return row

    def _fill_choices(self, found: tuple[list[str], list[str], str]) -> None:
        cohorts, careers, answered = found
        for cohort in cohorts:
            self.cohort.addItem(cohort, cohort)
        for career in careers:
            self.career.addItem(career, career)
        self.cohort.setCurrentIndex(max(0, self.cohort.findData(answered)))
        if cohorts:
            self.refresh()

    def filters(self):
        from seguimiento_desktop.indicators.tables import Filters
        return Filters(self.state.currentData(), self.subsystem.currentData(),
                       self.career.currentData())

    def refresh(self):
        """Compute the indicators for the filters chosen (in the writer thread)."""
        cohort, wave, by = self.cohort.currentData(), self.wave.currentData(), self.by.currentData()
        if not cohort:
            self.status.setText("Todavía no hay alumnos fusionados.")
            return None
        title = f"{wave} {cohort} por {by}"
        self.show_button.setEnabled(False)
        job = self.context.jobs.run(self, "Calculando indicadores…",
                                    compute_job(cohort, wave, by, self.filters()),
                                    lambda result: self._show(title, *result))
        job.finished.connect(lambda: self.show_button.setEnabled(True))
        return job

    def _show(self, title: str, headers: list[str], body: list[list], bars) -> None:
        self.shown = Shown(title, headers, body, bars)
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(body))
        for row, cells in enumerate(body):
            set_row(self.table, row, [f"{c:.1f}%" if isinstance(c, float) else c for c in cells])
            for column in range(1, len(cells)):  # figures read down their column
                self.table.item(row, column).setTextAlignment(RIGHT)
        self.chart.set_bars(bars)
        self.export_button.setEnabled(bool(body))
        self.status.setText(f"{len(body) - 1} grupos; la última fila es el total."
                            if body else "Sin respuestas con estos filtros.")

    def choose_and_export(self) -> None:
        if self.shown is None:
            return
        name = f"indicadores_{self.shown.title.replace(' ', '_')}.xlsx"
        path = files.ask_save_path(self, "Exportar indicadores a Excel", name,
                                   "Libro de Excel (*.xlsx)")
        if path:
            self.export(Path(path))

    def export(self, out: Path):
        """Write what the page shows (headers and cells) to ``out``, in the writer thread."""
        from seguimiento_desktop.indicators.sheets import write_indicator_excel
        out = files.with_suffix_if_missing(out, ".xlsx")
        headers, body, title = self.shown.headers, self.shown.body, self.shown.title
        return self.context.jobs.run(
            self, "Exportando indicadores…",
            lambda _office, _progress, _cancel: write_indicator_excel(out, headers, body, title),
            lambda written: self.status.setText(f"Guardado: {written}"), cancellable=False)
