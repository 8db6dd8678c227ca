"""The directory's table: students fetched page by page as the user scrolls.

The model never loads the whole directory. A query change loads the first page (and the
count, only when the page is full); the view asks for more through canFetchMore/fetchMore
as it scrolls. All reads go through the GUI thread's read-only Workspace.
"""

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from seguimiento_desktop.domain.contact import format_phone
from seguimiento_desktop.domain.models import STUDENT_STATUSES, Student, StudentQuery
from seguimiento_desktop.gui.signals import emit

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace

PAGE_SIZE = 100  # about four screens of rows on a small monitor
Index = QModelIndex | QPersistentModelIndex


def _name(s: Student) -> str:
    return " ".join(p for p in (s.first_surname, s.second_surname, s.given_names) if p)


# (header, StudentQuery.order_by, display function)
COLUMNS: tuple[tuple[str, str, Any], ...] = (
    ("CURP", "curp", lambda s: s.curp),
    ("Nombre", "name", _name),
    ("Generación", "cohort", lambda s: s.cohort),
    ("Grupo", "group", lambda s: s.group),
    ("Carrera", "career", lambda s: s.career),
    ("Estado", "status", lambda s: STUDENT_STATUSES.get(s.status, s.status)),
    ("Teléfono", "phone", lambda s: format_phone(s.phone)),
    ("Correo", "email", lambda s: s.email),
)
NAME_COLUMN = 1
_SHOWN_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))


class StudentTableModel(QAbstractTableModel):
    """Rows of the directory for a StudentQuery; ``total_changed`` carries the match count."""

    total_changed = Signal(int)

    def __init__(self, workspace: "Workspace", page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self._workspace = workspace
        self._page_size = page_size
        self._query = StudentQuery()
        self._rows: list[Student] = []
        self._total = 0

    # --- What the directory page sets ---------------------------------------------------

    @property
    def query(self) -> StudentQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many students match the current query (not just the loaded rows)."""
        return self._total

    def set_query(self, query: StudentQuery) -> None:
        """Show the students matching ``query`` from the first page."""
        self._query = replace(query, limit=None, offset=0)
        self.refresh()

    def set_text(self, text: str) -> None:
        if text.strip() != self._query.text.strip():
            self.set_query(replace(self._query, text=text.strip()))

    def set_filters(self, cohort: str = "", group: str = "", career: str = "") -> None:
        self.set_query(replace(self._query, cohort=cohort, group=group, career=career))

    def refresh(self) -> None:
        """Reload the first page of the current query (after a write, or a query change).

        The same rows and total as shown (a key that narrows nothing: «hotmail.co» to
        «hotmail.com») leave the view alone: no reset, no repaint of an unchanged screen
        (5–6 ms at every such key), and the selection stays."""
        page = replace(self._query, limit=self._page_size, offset=0)
        rows, total = self._workspace.find_students_page(page)
        if rows != self._rows or total != self._total:
            self.beginResetModel()
            self._rows, self._total = rows, total
            self.endResetModel()
        emit(self.total_changed, self._total)

    def student_at(self, row: int) -> Student:
        return self._rows[row]

    def row_of(self, student_id: str) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.id == student_id), None)

    def _fetch(self, offset: int) -> list[Student]:
        page = replace(self._query, limit=self._page_size, offset=offset)
        return self._workspace.find_students(page)

    # --- Lazy loading --------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid():
            return
        more = self._fetch(len(self._rows))
        if not more:  # the directory shrank under us: stop asking
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A repaint asks for every visible cell in several roles: the cheap test first.
        if role not in _SHOWN_ROLES or not index.isValid():
            return None
        return COLUMNS[index.column()][2](self._rows[index.row()])

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header click: the database sorts (the model holds only a page)."""
        descending = order == Qt.SortOrder.DescendingOrder
        order_by = COLUMNS[column][1]
        if (order_by, descending) != (self._query.order_by, self._query.descending):
            self.set_query(replace(self._query, order_by=order_by, descending=descending))
