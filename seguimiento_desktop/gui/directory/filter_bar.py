"""The directory's search box and filter combos (Generación, Grupo, Carrera)."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from seguimiento_desktop.domain.models import DirectoryFacets
from seguimiento_desktop.gui.signals import emit

SEARCH_DEBOUNCE_MS = 120
SEARCH_PLACEHOLDER = "Buscar por nombre, CURP, teléfono o correo"


class FilterComboWidget(QComboBox):
    """A combo whose first item means "no filter"; ``value()`` is '' for it."""

    def __init__(self, all_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._all_label = all_label
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(6)
        self.set_values([])

    def value(self) -> str:
        return self.currentData() or ""

    def set_values(self, values: list[str]) -> None:
        """Replace the options, keeping the current choice if it still exists."""
        current = self.value()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_label, "")
        for value in values:
            self.addItem(value, value)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)
        if self.value() != current:
            emit(self.currentIndexChanged, self.currentIndex())


class DirectoryFilterWidget(QWidget):
    """Emits ``text_changed`` a moment after the user stops typing and
    ``filters_changed(cohort, group, career)`` when a combo changes."""

    text_changed = Signal(str)
    filters_changed = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setAccessibleName("Buscar alumnos")
        self.cohort = FilterComboWidget("Todas", self)
        self.group = FilterComboWidget("Todos", self)
        self.career = FilterComboWidget("Todas", self)
        self.career.setMaximumWidth(260)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: emit(self.text_changed, self.search.text()))
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now)
        for combo in (self.cohort, self.group, self.career):
            combo.currentIndexChanged.connect(self._emit_filters)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addSpacing(8)
        for label, combo in (("&Generación", self.cohort), ("G&rupo", self.group),
                             ("C&arrera", self.career)):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            layout.addWidget(caption)
            layout.addWidget(combo)
        layout.addStretch(0)

    def _search_now(self) -> None:
        self._debounce.stop()
        emit(self.text_changed, self.search.text())

    def _emit_filters(self) -> None:
        emit(self.filters_changed, self.cohort.value(), self.group.value(), self.career.value())

    def set_facets(self, facets: DirectoryFacets) -> None:
        self.cohort.set_values(facets.cohorts)
        self.group.set_values(facets.groups)
        self.career.set_values(facets.careers)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
