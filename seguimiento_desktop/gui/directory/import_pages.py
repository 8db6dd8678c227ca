"""Import wizard pages 1 and 2: choose the file and cohort; check the column mapping."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget, QWizardPage)

from seguimiento_desktop.domain.cohorts import parse_cohort
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.gui.theme import MUTED_COLOR
from seguimiento_desktop.gui.widgets import files
from seguimiento_desktop.gui.widgets.field_note import FieldNoteWidget
from seguimiento_desktop.gui.widgets.form import add_noted_row, editable_combo, new_form
from seguimiento_desktop.roster.models import TARGET_FIELDS
from seguimiento_desktop.gui.signals import emit

ROSTER_SUFFIXES = (".xlsx", ".xls", ".csv")
FILE_FILTER = "Listas de alumnos (*.xlsx *.xls *.csv);;Todos los archivos (*)"
IGNORE_LABEL = "(ignorar)"
PREVIEW_ROWS = 8


def file_problem(text: str) -> str | None:
    """Why the chosen path cannot be imported, in Spanish, or None."""
    if not text.strip():
        return None
    path = Path(text.strip())
    if path.suffix.lower() not in ROSTER_SUFFIXES:
        return "Elija un archivo de Excel (.xlsx o .xls) o CSV (.csv)."
    if not path.is_file():
        return "No se encuentra ese archivo. Revise la carpeta o use «Examinar…»."
    return None


class ImportFilePage(QWizardPage):
    """Page 1: the file (Examinar…) and the cohort the list belongs to."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle("Elegir la lista de alumnos")
        self.setSubTitle("Un archivo de Excel o CSV con una fila por alumno y una fila de "
                         "encabezados con el nombre de cada columna.")
        self.path = QLineEdit(self)
        self.path.setPlaceholderText("Carpeta y nombre del archivo")
        browse = QPushButton("&Examinar…", self)
        browse.clicked.connect(self.browse)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.path, 1)
        row_layout.addWidget(browse)
        facets = wizard.context.reader.facets()
        from seguimiento_desktop.demo import demo_cohorts
        cohorts = sorted(set(facets.cohorts) | set(demo_cohorts()), reverse=True)
        self.cohort = editable_combo(cohorts, self)
        self.cohort.lineEdit().setPlaceholderText("Ejemplo: 2023-2026")
        form = new_form(self)
        self.path_note = add_noted_row(form, "&Archivo:", row)
        form.labelForField(row.parentWidget()).setBuddy(self.path)
        self.cohort_note = add_noted_row(form, "&Generación:", self.cohort)
        self.cohort_note.show_note("Años de ingreso y de egreso, por ejemplo 2023-2026.", "hint")
        known = ", ".join(label if i == 0 or label[1:2].isupper() else label[0].lower() + label[1:]
                          for i, label in enumerate(TARGET_FIELDS.values()))
        recognised = QLabel(f"Columnas que se reconocen: {known}. Las demás se pueden ignorar.",
                            self)
        recognised.setWordWrap(True)
        recognised.setStyleSheet(f"color: {MUTED_COLOR}; margin-top: 12px;")
        form.addRow(recognised)
        self.path.textChanged.connect(self._changed)
        self.cohort.editTextChanged.connect(self._changed)

    def browse(self) -> None:
        start = str(Path(self.path.text()).parent) if self.path.text() else str(Path.home())
        path = files.ask_open_path(self, "Elegir la lista de alumnos", FILE_FILTER, start)
        if path:
            self.path.setText(path)

    def _cohort_problem(self) -> str | None:
        text = self.cohort.currentText()
        if not text.strip():
            return "Escriba la generación."
        try:
            parse_cohort(text)
        except InvalidData as problem:
            return str(problem)
        return None

    def _changed(self) -> None:
        self.path_note.show_note(file_problem(self.path.text()), "error")
        problem = self._cohort_problem()
        if problem and self.cohort.currentText().strip():
            self.cohort_note.show_note(problem, "error")
        elif not problem:
            self.cohort_note.show_note(f"Generación {parse_cohort(self.cohort.currentText())}.",
                                       "hint")
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        text = self.path.text()
        return (bool(text.strip()) and file_problem(text) is None
                and self._cohort_problem() is None)

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        wizard = self.wizard()
        wizard.cohort = str(parse_cohort(self.cohort.currentText()))
        path = str(Path(self.path.text().strip()))
        if wizard.preview is not None and wizard.path == path:
            return True  # came back from page 2 without changing the file
        if wizard.job is None:
            wizard.path, wizard.preview = path, None
            wizard.read_file()
        return False  # the wizard moves on when the file has been read


class ImportMappingPage(QWizardPage):
    """Page 2: one combo per file column (what it holds) and the first rows."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.setTitle("Revisar las columnas")
        self.setSubTitle("La aplicación reconoció las columnas por su encabezado. Corrija lo "
                         "que no corresponda; las columnas en «(ignorar)» no se importan.")
        self.info = QLabel(self)
        self.columns = QTableWidget(0, 3, self)
        self.columns.setHorizontalHeaderLabels(["Columna del archivo", "Contiene", "Ejemplo"])
        self.rows = QTableWidget(0, 0, self)
        self.note = FieldNoteWidget(self)
        self.combos: list[QComboBox] = []
        for table in (self.columns, self.rows):
            table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setAlternatingRowColors(True)
            table.horizontalHeader().setStretchLastSection(True)
        self.columns.setWordWrap(False)
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.columns.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.columns, 3)
        layout.addWidget(self.note)
        layout.addWidget(QLabel("Primeras filas del archivo:", self))
        layout.addWidget(self.rows, 2)

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        preview = self.wizard().preview
        sheet = f"Hoja «{preview.sheet}», " if preview.sheet else ""
        self.info.setText(f"{sheet}encabezados en la fila {preview.header_row}; "
                          f"{quantity(preview.total_rows, 'fila')} de datos.")
        self._fill_columns(preview)
        self._fill_rows(preview)
        self._check()

    def _fill_columns(self, preview) -> None:
        self.columns.setRowCount(len(preview.columns))
        self.combos = []
        for index, header in enumerate(preview.columns):
            self.columns.setItem(index, 0, QTableWidgetItem(header or f"(columna {index + 1})"))
            combo = QComboBox(self.columns)
            combo.addItem(IGNORE_LABEL, "")
            for key, label in TARGET_FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(self.wizard().mapping.get(index, "")), 0))
            combo.currentIndexChanged.connect(self._check)
            self.columns.setCellWidget(index, 1, combo)
            self.columns.setColumnWidth(1, max(self.columns.columnWidth(1), combo.sizeHint().width()))
            self.combos.append(combo)
            examples = ", ".join(v for v in (r[index] for r in preview.rows[:3]
                                             if index < len(r)) if v)
            example = QTableWidgetItem(examples)
            example.setToolTip(examples)
            self.columns.setItem(index, 2, example)

    def _fill_rows(self, preview) -> None:
        self.rows.clear()
        self.rows.setColumnCount(len(preview.columns) + 1)
        self.rows.setHorizontalHeaderLabels(["Fila"] + [c or "—" for c in preview.columns])
        shown = preview.rows[:PREVIEW_ROWS]
        self.rows.setRowCount(len(shown))
        for r, (number, values) in enumerate(zip(preview.row_numbers, shown)):
            self.rows.setItem(r, 0, QTableWidgetItem(str(number)))
            for c, value in enumerate(values):
                self.rows.setItem(r, c + 1, QTableWidgetItem(value))
        self.rows.resizeColumnsToContents()

    def mapping(self) -> dict[int, str]:
        return {i: combo.currentData() for i, combo in enumerate(self.combos) if combo.currentData()}

    def _problem(self) -> str | None:
        chosen = list(self.mapping().values())
        repeated = sorted({TARGET_FIELDS[f] for f in chosen if chosen.count(f) > 1})
        if repeated:
            return f"Hay dos columnas marcadas como «{repeated[0]}». Deje solo una."
        if "curp" not in chosen:
            return "Indique qué columna tiene la CURP: sin ella no se puede importar."
        return None

    def _check(self) -> None:
        self.note.show_note(self._problem(), "error")
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return bool(self.combos) and self._problem() is None

    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        self.wizard().mapping = self.mapping()
        return True
