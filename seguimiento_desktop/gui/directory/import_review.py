"""Import wizard pages 3 and 4: what the import will do (dry run), then what it did."""

from pathlib import Path

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWizardPage)

from seguimiento_desktop.gui.widgets import files
from seguimiento_desktop.gui.widgets.field_note import FieldNoteWidget
from seguimiento_desktop.gui.signals import emit


def dry_run_summary(report) -> str:
    return (f"Se insertarán {report.inserted:,}, se actualizarán {report.updated:,}, "
            f"sin cambios {report.unchanged:,}, rechazadas {len(report.rejected):,}.")


def import_summary(report) -> str:
    lines = [f"Alumnos nuevos: {report.inserted:,}", f"Alumnos actualizados: {report.updated:,}",
             f"Sin cambios: {report.unchanged:,}", f"Filas rechazadas: {len(report.rejected):,}"]
    return "\n".join(lines)


class ProblemTableWidget(QTableWidget):
    """Two columns: the row number as Excel shows it and what is wrong."""

    def __init__(self, second_header: str, parent=None):
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels(["Fila", second_header])
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 70)

    def set_rows(self, rows: list[tuple[int, str]]) -> None:
        self.setRowCount(len(rows))
        for index, (number, text) in enumerate(rows):
            self.setItem(index, 0, QTableWidgetItem(str(number)))
            self.setItem(index, 1, QTableWidgetItem(text))
        self.resizeRowsToContents()


class ImportReviewPage(QWizardPage):
    """Page 3 (commit page): the dry run's figures, rejected rows and warnings; "Importar"."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle("Revisar antes de importar")
        self.setSubTitle("Todavía no se ha guardado nada. Revise el resultado y pulse "
                         "«Importar» para guardar los cambios.")
        self.setCommitPage(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("emptyTitle")
        self.summary.setWordWrap(True)
        self.note = FieldNoteWidget(self)
        self.rejected = ProblemTableWidget("Motivo", self)
        self.warnings = ProblemTableWidget("Aviso", self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.rejected, "Filas rechazadas")
        self.tabs.addTab(self.warnings, "Avisos")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        wizard = self.wizard()
        wizard.dry_report = None
        self.summary.setText("Revisando la lista…")
        self.note.clear_note()
        self.rejected.set_rows([])
        self.warnings.set_rows([])
        wizard.dry_run(self.show_report, self._failed)

    def _failed(self, message: str) -> None:
        self.summary.setText("No se pudo revisar la lista.")
        self.note.show_note(message, "error")

    def show_report(self, report) -> None:
        self.wizard().dry_report = report
        self.summary.setText(dry_run_summary(report))
        self.rejected.set_rows([(p.row, " ".join(p.reasons)) for p in report.rejected])
        self.warnings.set_rows([(w.row, w.message) for w in report.warnings])
        self.tabs.setTabText(0, f"Filas rechazadas ({len(report.rejected):,})")
        self.tabs.setTabText(1, f"Avisos ({len(report.warnings):,})")
        self.tabs.setCurrentIndex(0 if report.rejected or not report.warnings else 1)
        if not report.inserted and not report.updated:
            self.note.show_note("No hay alumnos nuevos ni cambios que importar.", "warning")
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        report = self.wizard().dry_report
        return (self.wizard().job is None and report is not None
                and report.inserted + report.updated > 0)

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        wizard = self.wizard()
        if wizard.report is not None:
            return True
        if wizard.job is None:
            wizard.import_now()
        return False  # the wizard moves on when the import has finished


REJECTED_FILTER = ("Libro de Excel (*.xlsx);;Archivo CSV (*.csv);;"
                   "PDF para imprimir (*.pdf)")


class ImportDonePage(QWizardPage):
    """Page 4: what was written, and the rejected rows, kept to be saved or printed."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle("Importación terminada")
        self.summary = QLabel(self)
        self.summary.setObjectName("emptyTitle")
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.rejected = ProblemTableWidget("Motivo", self)
        self.save_button = QPushButton("&Guardar o imprimir las filas rechazadas…", self)
        self.save_button.clicked.connect(self.save_rejected)
        self.saved_note = FieldNoteWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addWidget(self.advice)
        layout.addWidget(self.rejected, 1)
        layout.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        report = self.wizard().report
        self.setSubTitle(f"La lista de la generación {self.wizard().cohort} quedó guardada "
                         "en el directorio.")
        self.summary.setText(import_summary(report))
        self.advice.setText(
            "Estas filas no se importaron. Guárdelas o imprímalas, corríjalas en el archivo y "
            "vuelva a importarlo: los alumnos que ya están en el directorio no se duplican."
            if report.rejected else "Todas las filas se importaron.")
        self.rejected.set_rows([(p.row, " ".join(p.reasons)) for p in report.rejected])
        for widget in (self.rejected, self.save_button):
            widget.setVisible(bool(report.rejected))
        self.saved_note.clear_note()

    def save_rejected(self) -> None:
        wizard = self.wizard()
        source = Path(wizard.path)
        suggested = source.with_name(f"{source.stem} - filas rechazadas.xlsx")
        path = files.ask_save_path(self, "Guardar las filas rechazadas", str(suggested),
                                   REJECTED_FILTER)
        if not path:
            return
        out = files.with_suffix_if_missing(path, ".xlsx")
        report = wizard.report
        wizard.context.jobs.run(
            self, "Guardando las filas rechazadas…",
            lambda ws, progress, cancel: ws.save_rejected_rows(report, out, source.name),
            self._saved, cancellable=False)

    def _saved(self, path: Path) -> None:
        self.saved_note.show_note(f"Guardadas en {path}", "hint")
        if path.suffix.lower() == ".pdf":
            files.open_file(self, path)  # to print it from the viewer
