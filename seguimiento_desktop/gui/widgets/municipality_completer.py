"""Choosing the plantel's municipio from its entidad's list (INEGI) while typing.

Qt's completer compares text as it is, so «Leon» would never find «León»: the list is
matched on a folded copy of each name (no accents, lower case) and the typed text is
folded the same way; what is written into the field is the catalog's own name.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from seguimiento_desktop.domain.municipalities import (
    checked_municipality, find_municipality, has_list, municipalities)
from seguimiento_desktop.domain.states import state_by_inegi_code
from seguimiento_desktop.domain.text import clean_spaces, fold
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.gui.widgets.field_note import FieldNoteWidget

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1


class MunicipalityCompleter(QCompleter):
    """Suggests the municipios of one state whose name contains what was typed, accents
    and case aside; ``set_state`` changes the list when the CCT names another entidad."""

    def __init__(self, field: QLineEdit):
        super().__init__(field)
        self.state_code = ""
        self.setModel(QStandardItemModel(self))
        self.setCompletionRole(FOLDED_ROLE)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(8)
        field.setCompleter(self)

    def set_state(self, state_code: str) -> None:
        """Offer the municipios of the state with this INEGI code (none for '')."""
        if state_code == self.state_code:
            return
        self.state_code = state_code
        model = self.model()
        model.clear()
        for item in municipalities(state_code):
            row = QStandardItem(item.name)
            row.setData(fold(item.name), FOLDED_ROLE)
            model.appendRow(row)

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt name)
        return [fold(clean_spaces(path))]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt name)
        return str(index.data(Qt.ItemDataRole.DisplayRole))


def municipality_problem(state_code: str, text: str) -> str | None:
    """Spanish reason why ``text`` is not a municipio of the state, or None when it is one
    (or is empty, or the catalog has no list for the state)."""
    try:
        checked_municipality(state_code, state_by_inegi_code(state_code) or "", text)
    except InvalidData as refused:
        return str(refused)
    return None


def show_municipality_note(note: FieldNoteWidget, state_code: str, text: str) -> None:
    """Under the field: what to do, or why the text is not accepted."""
    state = state_by_inegi_code(state_code)
    problem = municipality_problem(state_code, text)
    if problem:
        note.show_note(problem, "error")
    elif not state:
        note.show_note("Escriba primero la CCT: la lista de municipios es la de su entidad.",
                       "hint")
    elif state and has_list(state_code) and not find_municipality(state_code, text):
        note.show_note(f"Escriba y elija de la lista de municipios de {state} (INEGI).", "hint")
    else:
        note.clear_note()
