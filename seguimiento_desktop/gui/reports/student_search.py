"""Finding one student by name or CURP as one types (the directory's search), for the
Ficha del egresado, and a list of chosen students, for printed questionnaires.

Reads go through the GUI thread's reader (``find_students_page``, the type-ahead query):
a few indexed rows, so nothing here needs a job.
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.models import Student, StudentQuery
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.theme import MUTED_COLOR

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace

SEARCH_DEBOUNCE_MS = 150
SHOWN_MATCHES = 8
CURP_LENGTH = 18


def full_name(student: Student) -> str:
    return " ".join(p for p in (student.first_surname, student.second_surname,
                                student.given_names) if p)


def describe(student: Student) -> str:
    """One line a person recognises: name, CURP, generación and grupo."""
    where = " · ".join(p for p in (student.cohort, student.group and f"grupo {student.group}")
                       if p)
    return f"{full_name(student)} — {student.curp}" + (f" · {where}" if where else "")


class StudentSearchWidget(QWidget):
    """A search field with a drop-down of matches; ``chosen`` carries the Student picked
    (from the list, by Enter on a single match, or by typing a whole CURP) or None."""

    chosen = Signal(object)

    def __init__(self, reader: "Workspace", parent: QWidget | None = None):
        super().__init__(parent)
        self.reader = reader
        self.student: Student | None = None
        self._found: dict[str, Student] = {}
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Escriba el nombre o la CURP y elija de la lista")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Buscar egresado por nombre o CURP")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED_COLOR};")
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(SHOWN_MATCHES)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._picked)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        self.edit.textEdited.connect(self._edited)
        self.edit.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        self._say("")

    def _edited(self, _text: str) -> None:
        if self.student is not None:
            self.student = None
            emit(self.chosen, None)
        self._debounce.start()

    def search(self) -> list[Student]:
        """Look for the typed text now; offer the matches (or pick the only exact one)."""
        self._debounce.stop()
        text = self.edit.text().strip()
        found = self.matches_for(text)
        self._found = {s.curp: s for s in found}
        self.matches.clear()
        for student in found:
            item = QStandardItem(describe(student))
            item.setData(student.curp, Qt.ItemDataRole.UserRole)
            self.matches.appendRow(item)
        exact = [s for s in found if s.curp == text.upper()]
        if exact:
            self.choose(exact[0])
        elif found:
            self._say(_how_many(len(found)))
            self._show_matches()
        else:
            self.completer.popup().hide()
            self._say(f"Ningún alumno coincide con «{text}»." if len(text) >= 2 else "")
        return found

    def _show_matches(self) -> None:
        """The drop-down, wide enough for whole lines (name, CURP, generación, grupo).

        Only while the person is in the field: a search that ends after a message box
        opened must not put a popup over it (the popup would take the box's clicks).
        """
        if not self.edit.hasFocus():
            return
        metrics = self.completer.popup().fontMetrics()
        widest = max(metrics.horizontalAdvance(self.matches.item(row).text())
                     for row in range(self.matches.rowCount()))
        area = self.edit.rect()
        area.setWidth(max(area.width(), widest + 40))
        self.completer.complete(area)

    def matches_for(self, text: str) -> list[Student]:
        if len(text) < 2:
            return []
        students, _total = self.reader.find_students_page(
            StudentQuery(text=text, limit=SHOWN_MATCHES))
        return students

    def _enter(self) -> None:
        if self.student is None and len(self.search()) == 1:
            self.choose(next(iter(self._found.values())))

    def _picked(self, index: QModelIndex) -> None:
        student = self._found.get(index.data(Qt.ItemDataRole.UserRole))
        if student is not None:
            self.choose(student)

    def choose(self, student: Student) -> None:
        """Show ``student`` as the one chosen (the directory's «Ficha» calls this too)."""
        self._debounce.stop()
        self.completer.popup().hide()
        self.student = student
        self.edit.setText(f"{full_name(student)} — {student.curp}")
        details = " · ".join(p for p in (student.cohort and f"Generación {student.cohort}",
                                         student.group and f"grupo {student.group}",
                                         student.career) if p)
        self._say(details)
        emit(self.chosen, student)

    def clear(self) -> None:
        self._debounce.stop()
        self.student = None
        self.edit.clear()
        self._say("")

    def _say(self, text: str) -> None:
        """The line under the field; hidden when empty, so the form does not gape."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def typed(self) -> str:
        return self.edit.text().strip()

    def current(self) -> Student | None:
        """The chosen student; typed text that names exactly one (a whole CURP, or the
        only match of a name) counts as chosen."""
        self._debounce.stop()  # what comes next (a message, a dialog) gets no popup on top
        self.completer.popup().hide()
        if self.student is None and self.typed():
            found = self.matches_for(self.typed())
            if len(found) != 1 and len(self.typed()) == CURP_LENGTH:
                found = [s for s in [self.reader.student_by_curp(self.typed())] if s]
            if len(found) == 1:
                self.choose(found[0])
        return self.student


def _how_many(count: int) -> str:
    if count >= SHOWN_MATCHES:
        return f"Se muestran los primeros {count}: escriba más para acotar."
    return f"{quantity(count, 'alumno coincide', 'alumnos coinciden')}: elija uno de la lista."


class StudentListWidget(QWidget):
    """Students chosen one by one with the search; ``curps()`` in the order added."""

    changed = Signal()

    def __init__(self, reader: "Workspace", parent: QWidget | None = None):
        super().__init__(parent)
        self.search = StudentSearchWidget(reader, self)
        self.search.edit.setPlaceholderText("Escriba el nombre o la CURP para agregar alumnos")
        self.list = QListWidget(self)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(140)
        self.list.setAccessibleName("Alumnos elegidos")
        self.remove_button = QPushButton("&Quitar de la lista", self)
        self.remove_button.setEnabled(False)
        self.count = QLabel(self)
        self.count.setStyleSheet(f"color: {MUTED_COLOR};")
        self.search.chosen.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems())))
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._update_count()

    def _add(self, student: Student | None) -> None:
        if student is None:
            return
        if student.curp not in self.curps():
            item = QListWidgetItem(describe(student), self.list)
            item.setData(Qt.ItemDataRole.UserRole, student.curp)
            self._update_count()
        QTimer.singleShot(0, self.search.clear)  # ready for the next name

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_count()

    def _update_count(self) -> None:
        total = self.list.count()
        self.count.setText(quantity(total, "alumno elegido", "alumnos elegidos") if total
                           else "Ningún alumno elegido todavía.")
        emit(self.changed)

    def curps(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())]
