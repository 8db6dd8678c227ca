"""Informe consolidado: the central report (PDF) rendered in the background, then opened.

The same use case as `seguimiento central report`: coverage, response rates and indicators
by plantel, state and subsystem, rankings and the trend across cohorts.
"""

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QPushButton, QWidget

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.widgets import files
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import compact_form, note, page_layout
from seguimiento_desktop.gui.widgets import messages

NEWEST = ""  # the report picks the newest cohort with C2 answers


def render_job(out: Path, cohort: str):
    """The background function: the report reads the office's database in the writer thread."""
    def job(office, progress, cancel):
        from seguimiento_desktop.reports.central_report import render_central_report
        return render_central_report(office.store.db, out, cohort, progress=progress,
                                     cancel=cancel)
    return job


class CentralReportPage(QWidget):
    """Choose the cohort and where to save; the PDF opens when it is ready."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = page_layout(self, "Informe consolidado", (
            "Cobertura (planteles con datos y paquetes faltantes), tasas de respuesta e "
            "indicadores por plantel, entidad y subsistema, planteles con mayor y menor "
            "respuesta y la tendencia entre generaciones, con todo lo fusionado hasta hoy."))
        self.cohort = QComboBox(self)
        self.cohort.setEditable(True)  # older cohorts can be typed («2019-2022»)
        self.cohort.setMinimumWidth(340)
        self.cohort.addItem("La más reciente con respuestas de C2", NEWEST)
        self.fill_cohorts()
        context.events.changed.connect(self.fill_cohorts)
        self.open_when_done = QCheckBox("Abrir el PDF al terminar", self)
        self.open_when_done.setChecked(True)
        form = compact_form(self)
        form.addRow("Generación:", self.cohort)
        form.addRow("", self.open_when_done)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.generate_button = QPushButton("Generar informe…", self)
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.choose_and_generate)
        row.addWidget(self.generate_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = note("", self)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def activate(self) -> None:
        self.fill_cohorts()

    def fill_cohorts(self) -> None:
        """Every generación merged so far, of any length (2 to 5 years), the latest first."""
        from seguimiento_desktop.storage.indicator_queries import cohorts
        typed = self.cohort.currentText()
        while self.cohort.count() > 1:
            self.cohort.removeItem(1)
        for cohort in cohorts(self.context.reader.store.db):
            self.cohort.addItem(cohort, cohort)
        index = self.cohort.findText(typed)
        if index >= 0:
            self.cohort.setCurrentIndex(index)
        else:
            self.cohort.setEditText(typed)  # a generación typed by hand stays

    def chosen_cohort(self) -> str:
        text = self.cohort.currentText().strip()
        index = self.cohort.findText(text)
        return self.cohort.itemData(index) if index >= 0 else text

    def choose_and_generate(self) -> None:
        name = f"informe-consolidado_{self.chosen_cohort() or 'reciente'}.pdf"
        path = files.ask_save_path(self, "Guardar informe consolidado", name,
                                   "Documento PDF (*.pdf)")
        if path:
            self.generate(Path(path))

    def generate(self, out: Path):
        out = files.with_suffix_if_missing(out, ".pdf")
        self.generate_button.setEnabled(False)
        self.status.setText("Generando…")
        job = self.context.jobs.run(self, "Generando el informe consolidado…",
                                    render_job(out, self.chosen_cohort()),
                                    lambda pages: self._done(out, pages), on_failed=self._failed)
        job.finished.connect(lambda: self.generate_button.setEnabled(True))
        return job

    def _done(self, out: Path, pages: int) -> None:
        self.status.setText(f"Listo: {out} ({quantity(pages, 'página')}).")
        if self.open_when_done.isChecked():
            files.open_file(self, out)

    def _failed(self, message: str) -> None:
        self.status.setText("No se generó el informe.")
        messages.show_error(self, message)
