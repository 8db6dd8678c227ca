"""Directorio: find, add, edit and remove students; import a list."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QStackedWidget, QTableView, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.directory.filter_bar import DirectoryFilterWidget
from seguimiento_desktop.gui.directory.table_model import NAME_COLUMN, StudentTableModel
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.empty_state import EmptyStateWidget
from seguimiento_desktop.gui.signals import emit

# Starting widths, as sample texts, that fit 1366×768 without a horizontal scroll bar;
# Correo (last) stretches. Long careers are elided; the tooltip shows them whole.
COLUMN_SAMPLES = ("AUCN071120MGTGHMC6", "BAUTISTA DE LA CRUZ LUIS ÁNGEL", "Generación",
                  "Grupo", "Administración de Recurs", "Alumno activo", "33 7604 0087")


def style_table(table: QTableView) -> None:
    """The directory table's look (also what bench/bench_search.py repaints): one
    read-only row per student, no row numbers, sortable columns of fitting widths."""
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # arrows choose the row; Tab goes on to the buttons
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = table.fontMetrics()
    for column, sample in enumerate(COLUMN_SAMPLES):
        table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)


class DirectoryPage(QWidget):
    """The student directory: search box, filters, lazily loaded table and actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.student_dialog = None  # the open add/edit dialog, if any (tests reach it here)
        self.import_wizard = None
        self.model = StudentTableModel(context.reader, parent=self)
        self.filters = DirectoryFilterWidget(self)
        self.count_label = QLabel(self)
        self.table = self._make_table()
        self._empty: EmptyStateWidget | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self._make_buttons()
        self._lay_out()
        self.filters.text_changed.connect(self.model.set_text)
        self.filters.filters_changed.connect(self.model.set_filters)
        self.model.total_changed.connect(self._show_total)
        self.model.modelReset.connect(self._update_buttons)
        context.events.students_changed.connect(self.reload)
        find = QAction(self)  # (not QAction(text, …): its overloads build QIcon's enums)
        find.setText("Buscar")
        find.setShortcut(QKeySequence.StandardKey.Find)  # Ctrl+F
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.filters.focus_search)
        self.addAction(find)
        to_rows = QAction(self.filters.search)  # ↓ from the search: type, ↓, Enter to open
        to_rows.setShortcut(QKeySequence(Qt.Key.Key_Down))
        to_rows.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        to_rows.triggered.connect(self.focus_rows)
        self.filters.search.addAction(to_rows)
        self.reload()

    @property
    def empty(self) -> EmptyStateWidget:
        """What an empty directory shows, built the first time it is needed (most starts
        open a directory with students)."""
        if self._empty is None:
            self._empty = EmptyStateWidget(
                "Todavía no hay alumnos en el directorio",
                "Importe la lista de alumnos de una generación desde un archivo de Excel o "
                "CSV, o agréguelos uno por uno.", self)
            self._empty.add_button("Importar lista de alumnos…", self.open_import,
                                   primary=True)
            self._empty.add_button("Agregar un alumno", self.new_student)
            self.stack.addWidget(self._empty)
        return self._empty

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        style_table(table)
        table.horizontalHeader().sortIndicatorChanged.connect(self.model.sort)
        table.activated.connect(self._open_index)  # double-click and Enter
        table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete = QAction(table)
        delete.setText("Eliminar")
        delete.setShortcut(QKeySequence.StandardKey.Delete)
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        table.addAction(delete)
        return table

    def _button(self, text: str) -> QPushButton:
        button = QPushButton(self)  # (QPushButton(text, …)'s overloads build QIcon's enums)
        button.setText(text)
        return button

    def _make_buttons(self) -> None:
        self.new_button = self._button("&Nuevo alumno")
        self.edit_button = self._button("&Editar")
        self.delete_button = self._button("E&liminar")
        self.record_button = self._button("&Ficha…")
        self.record_button.setToolTip("Generar la ficha del egresado en PDF (Reportes)")
        self.import_button = self._button("&Importar lista…")
        self.arco_button = self._button("Datos &personales…")
        self.arco_button.setToolTip("Derechos ARCO: guardar todos los datos de la persona "
                                    "(PDF y JSON) o borrarlos")
        self.arco_button.clicked.connect(self.export_personal_data)
        self.new_button.clicked.connect(self.new_student)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.record_button.clicked.connect(self.open_record)
        self.import_button.clicked.connect(self.open_import)

    def _lay_out(self) -> None:
        title = QLabel("Directorio de alumnos", self)
        title.setObjectName("pageTitle")
        self.actions = QWidget(self)
        actions = QHBoxLayout(self.actions)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.edit_button, self.delete_button,
                       self.record_button, self.arco_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.count_label)
        actions.addSpacing(12)
        actions.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.filters)
        layout.addWidget(self.actions)
        layout.addWidget(self.stack, 1)
        # Tab as the page reads: the buttons above the table (it was created before them).
        QWidget.setTabOrder(self.import_button, self.table)

    # --- Reading -------------------------------------------------------------------

    def activate(self) -> None:
        """Called by the main window each time the page is shown."""
        self.filters.focus_search()

    def reload(self) -> None:
        """Re-read facets and rows (after an import, a save or a deletion)."""
        self.filters.set_facets(self.context.reader.facets())
        self.model.refresh()
        query = self.model.query  # unfiltered, the model's total says it: no second count
        unfiltered = not (query.text or query.cohort or query.group or query.career)
        has_students = (self.model.total if unfiltered
                        else self.context.reader.count_students()) > 0
        self.stack.setCurrentWidget(self.table if has_students else self.empty)
        self.filters.setVisible(has_students)
        self.actions.setVisible(has_students)

    def _show_total(self, total: int) -> None:
        if total == 0 and (self.model.query.text or self.model.query.cohort
                           or self.model.query.group or self.model.query.career):
            self.count_label.setText("Ningún alumno coincide con la búsqueda")
        else:
            self.count_label.setText("1 alumno" if total == 1 else f"{total:,} alumnos")

    def focus_rows(self) -> None:
        """The keyboard goes to the results, on the chosen row or the first one."""
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.selected_student() is None:
            self.table.selectRow(0)

    def selected_student(self) -> Student | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.student_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        selected = self.selected_student() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.record_button.setEnabled(selected)
        self.arco_button.setEnabled(selected)

    def select_student(self, student_id: str) -> None:
        row = self.model.row_of(student_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # --- Actions -------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        self.open_student(self.model.student_at(index.row()))

    def new_student(self) -> None:
        self.open_student(None)

    def edit_selected(self) -> None:
        student = self.selected_student()
        if student is not None:
            self.open_student(student)

    def open_student(self, student: Student | None) -> None:
        from seguimiento_desktop.gui.directory.student_dialog import StudentDialog
        dialog = StudentDialog(self.context, student, self)
        dialog.saved.connect(self._after_save)
        dialog.finished.connect(lambda _result: setattr(self, "student_dialog", None))
        self.student_dialog = dialog
        dialog.open()

    def _after_save(self, student: Student) -> None:
        emit(self.context.events.students_changed)
        self.select_student(student.id)

    def delete_selected(self) -> None:
        student = self.selected_student()
        if student is None:
            return
        question = (f"¿Eliminar a {student.full_name} ({student.curp}) del directorio?\n\n"
                    "Se borrarán sus teléfonos, correo y datos para localizarle; se conservan "
                    "su CURP, nombre, generación y respuestas estadísticas.")
        if not messages.confirm(self, question, "Eliminar"):
            return
        self.context.jobs.run(self, "Eliminando alumno…",
                              lambda ws, progress, cancel: ws.delete_student(student.id),
                              lambda _none: emit(self.context.events.students_changed),
                              cancellable=False)

    def open_record(self) -> None:
        """Reportes → Ficha del egresado, with the selected student already chosen."""
        student = self.selected_student()
        window = self.window()
        if student is not None and hasattr(window, "page"):
            window.page("reports").show_record(student)

    def export_personal_data(self) -> None:
        """ARCO: the selected person's data saved for them (acceso) or erased (cancelación)."""
        from seguimiento_desktop.gui.directory.personal_data import personal_data
        student = self.selected_student()
        if student is not None:
            personal_data(self, self.context, student)

    def open_import(self) -> None:
        from seguimiento_desktop.gui.directory.import_wizard import ImportWizard
        wizard = ImportWizard(self.context, self)
        wizard.finished.connect(lambda _result: setattr(self, "import_wizard", None))
        self.import_wizard = wizard
        wizard.open()
