"""The plantel's data: CCT (checked as typed, state derived from it), name, subsystem,
municipio chosen from the state's list (INEGI)…"""

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget, QWizardPage

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.cct import cct_problem, cct_state, normalize_cct
from seguimiento_desktop.domain.models import SHIFTS, School
from seguimiento_desktop.domain.states import state_names
from seguimiento_desktop.domain.municipalities import find_municipality
from seguimiento_desktop.gui.widgets.form import add_noted_row, new_form
from seguimiento_desktop.gui.widgets.municipality_completer import (
    MunicipalityCompleter, municipality_problem, show_municipality_note)
from seguimiento_desktop.gui.signals import emit

CCT_HINT = "La encuentra en la boleta o en el sello del plantel. Ejemplo: 14DCT0001A."


class SchoolPage(QWizardPage):
    """Complete when the CCT is well formed and the name is written."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Registrar mi plantel")
        self.setSubTitle("Estos datos aparecen en los reportes y en los envíos a la oficina "
                         "central. Podrá corregirlos después.")
        self.cct = QLineEdit(self)
        self.cct.setMaxLength(14)
        self.cct.setPlaceholderText("Ejemplo: 14DCT0001A")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Ejemplo: CBTIS 226 «Miguel Hidalgo»")
        self.subsystem = QComboBox(self)
        self.subsystem.addItem("(seleccione)", "")
        for subsystem in load_json("catalogs", "subsystems.json")["subsystems"]:
            self.subsystem.addItem(subsystem["name"], subsystem["name"])
        self.state = QComboBox(self)
        self.state.addItem("(seleccione)", "")
        for name in state_names():
            self.state.addItem(name, name)
        self.municipality = QLineEdit(self)
        self.municipality.setPlaceholderText("Escriba parte del nombre y elíjalo de la lista")
        self.municipalities = MunicipalityCompleter(self.municipality)
        self.shift = QComboBox(self)
        for shift in SHIFTS:
            self.shift.addItem(shift, shift)
        form = new_form(self)
        self.cct_note = add_noted_row(form, "&CCT:", self.cct)
        self.name_note = add_noted_row(form, "&Nombre del plantel:", self.name)
        form.addRow("&Subsistema:", self.subsystem)
        form.addRow("&Entidad:", self.state)
        self.municipality_note = add_noted_row(form, "&Municipio:", self.municipality, 2)
        form.addRow("&Turno:", self.shift)
        self.cct_note.show_note(CCT_HINT, "hint")
        self.cct.textEdited.connect(self._cct_edited)
        self.name.textEdited.connect(self._name_edited)
        self.municipality.textChanged.connect(self._municipality_changed)
        self._municipality_changed()

    def _cct_edited(self, text: str) -> None:
        problem = cct_problem(text) if text.strip() else None
        if problem:
            self.cct_note.show_note(problem, "error")
        elif text.strip():
            self.cct_note.show_note(f"CCT válida, de {cct_state(text)}.", "hint")
        else:
            self.cct_note.show_note(CCT_HINT, "hint")
        state = cct_state(text)
        if state:
            self.state.setCurrentIndex(max(self.state.findData(state), 0))
        self._municipality_changed()

    def _name_edited(self, text: str) -> None:
        self.name_note.show_note(None if text.strip() else "Escriba el nombre del plantel.")
        emit(self.completeChanged)

    def _state_code(self) -> str:
        """INEGI code of the entidad: the CCT's first two digits once the CCT is valid."""
        return normalize_cct(self.cct.text())[:2] if cct_state(self.cct.text()) else ""

    def _municipality_changed(self) -> None:
        self.municipalities.set_state(self._state_code())
        show_municipality_note(self.municipality_note, self._state_code(),
                               self.municipality.text())
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return (cct_problem(self.cct.text()) is None and bool(self.name.text().strip())
                and municipality_problem(self._state_code(), self.municipality.text()) is None)

    def school(self) -> School:
        return School(cct=normalize_cct(self.cct.text()), name=self.name.text().strip(),
                      subsystem=self.subsystem.currentData(), state=self.state.currentData(),
                      municipality=self._municipality(),
                      shift=self.shift.currentData())

    def _municipality(self) -> str:
        found = find_municipality(self._state_code(), self.municipality.text())
        return found.name if found else self.municipality.text().strip()

    def fill(self, school: School) -> None:
        """Show a plantel on record (the «Datos del plantel» dialog), its CCT fixed."""
        self.cct.setText(school.cct)
        self.cct.setReadOnly(True)
        self._cct_edited(school.cct)
        self.name.setText(school.name)
        self.subsystem.setCurrentIndex(max(self.subsystem.findData(school.subsystem), 0))
        self.shift.setCurrentIndex(max(self.shift.findData(school.shift), 0))
        self.municipality.setText(school.municipality)
