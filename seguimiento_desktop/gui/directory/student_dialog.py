"""Add or edit one student, checked by the core as the user types."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QVBoxLayout, QWidget)

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.cohorts import parse_cohort
from seguimiento_desktop.domain.contact import format_phone
from seguimiento_desktop.domain.curp import decode_curp
from seguimiento_desktop.domain.models import SEX_LABELS, SHIFTS, STUDENT_STATUSES, Student
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.theme import MUTED_COLOR
from seguimiento_desktop.gui.widgets.form import add_noted_row, editable_combo, new_form
from seguimiento_desktop.gui.widgets.unsaved import UnsavedGuard
from seguimiento_desktop.gui.signals import emit

CURP_HINT = ("18 caracteres. De la CURP se obtienen la fecha de nacimiento, el sexo y la "
             "entidad de nacimiento.")
TEXT_FIELDS = ("curp", "given_names", "first_surname", "second_surname", "email", "phone",
               "home_phone")
COMBO_FIELDS = ("cohort", "career", "group")


class StudentDialog(QDialog):
    """Emits ``saved(student)`` once the writer has stored the student, then closes."""

    saved = Signal(object)

    def __init__(self, context: AppContext, student: Student | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.original = context.reader.student(student.id) if student else Student("", "", "")
        self.setWindowTitle("Editar alumno" if student else "Nuevo alumno")
        self.check = None
        self.saving = False
        self.touched: set[str] = set()
        self._build_inputs()
        self.notes = {}
        self._lay_out()
        self._fill(self.original)
        self.unsaved = UnsavedGuard(self, self._typed)
        self.touched = set(TEXT_FIELDS + COMBO_FIELDS) if student else set()
        self._connect()
        self.revalidate()

    # --- Building ------------------------------------------------------------------

    def _build_inputs(self) -> None:
        self.inputs: dict[str, QLineEdit] = {key: QLineEdit(self) for key in TEXT_FIELDS}
        self.inputs["curp"].setMaxLength(24)
        self.inputs["curp"].setPlaceholderText("Ejemplo: GOPM070314MJCNRRA7")
        self.inputs["email"].setPlaceholderText("nombre@ejemplo.com")
        for key in ("phone", "home_phone"):
            self.inputs[key].setPlaceholderText("10 dígitos")
        facets = self.context.reader.facets()
        careers = list(dict.fromkeys(facets.careers + load_json("catalogs", "careers.json")["careers"]))
        self.combos: dict[str, QComboBox] = {
            "cohort": editable_combo(facets.cohorts, self),
            "career": editable_combo(careers, self),
            "group": editable_combo(facets.groups, self),
        }
        self.combos["cohort"].lineEdit().setPlaceholderText("Ejemplo: 2023-2026")
        self.shift = QComboBox(self)
        self.shift.addItem("(sin indicar)", "")
        for shift in SHIFTS:
            self.shift.addItem(shift, shift)
        self.status = QComboBox(self)
        for key, label in STUDENT_STATUSES.items():
            self.status.addItem(label, key)
        # Read-only: shown as text, not as boxes, so nobody tries to type into them.
        self.derived = {key: QLabel(self) for key in ("birth_date", "sex", "birth_state")}
        for label in self.derived.values():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        person = QGroupBox("Datos personales", self)
        form = new_form(person)
        # Room for the longest note of each field, so nothing moves while typing.
        self.notes["curp"] = add_noted_row(form, "&CURP:", self.inputs["curp"], 4)
        form.addRow("Fecha de nacimiento:", self.derived["birth_date"])
        form.addRow("Sexo:", self.derived["sex"])
        form.addRow("Entidad de nacimiento:", self.derived["birth_state"])
        for key, label in (("given_names", "&Nombre(s):"), ("first_surname", "&Primer apellido:"),
                           ("second_surname", "&Segundo apellido:")):
            self.notes[key] = add_noted_row(form, label, self.inputs[key], 2)
        school = QGroupBox("Escuela y contacto", self)
        form = new_form(school)
        for key, label in (("cohort", "&Generación:"), ("career", "C&arrera:"), ("group", "G&rupo:")):
            self.notes[key] = add_noted_row(form, label, self.combos[key], 2)
        form.addRow("&Turno:", self.shift)
        form.addRow("&Estado:", self.status)
        for key, label in (("email", "C&orreo:"), ("phone", "&Teléfono celular:"),
                           ("home_phone", "Teléfono de &casa:")):
            self.notes[key] = add_noted_row(form, label, self.inputs[key], 2)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        columns = QHBoxLayout()
        columns.addWidget(person, 1)
        columns.addWidget(school, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._set_tab_order()
        self.resize(940, self.sizeHint().height())

    def _set_tab_order(self) -> None:
        """Down the left column, then down the right one, as the form reads: the inputs
        were created in another order, and Tab went from «Segundo apellido» to «Correo»."""
        chain = [self.inputs[key] for key in ("curp", "given_names", "first_surname",
                                              "second_surname")]
        chain += [self.combos[key] for key in COMBO_FIELDS] + [self.shift, self.status]
        chain += [self.inputs[key] for key in ("email", "phone", "home_phone")]
        chain += self.buttons.buttons()
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _fill(self, student: Student) -> None:
        for key, field in self.inputs.items():
            value = getattr(student, key)
            field.setText(format_phone(value) if key in ("phone", "home_phone") else value)
        for key, combo in self.combos.items():
            combo.setEditText(getattr(student, key))
        self.shift.setCurrentIndex(max(self.shift.findData(student.shift), 0))
        self.status.setCurrentIndex(max(self.status.findData(student.status), 0))

    def _typed(self) -> tuple:
        return (tuple(field.text() for field in self.inputs.values())
                + tuple(combo.currentText() for combo in self.combos.values())
                + (self.shift.currentIndex(), self.status.currentIndex()))

    def _connect(self) -> None:
        for key, field in self.inputs.items():
            field.textEdited.connect(lambda _text, key=key: self._edited(key))
        for key, combo in self.combos.items():
            combo.editTextChanged.connect(lambda _text, key=key: self._edited(key))

    # --- Checking as the user types ------------------------------------------------

    def _edited(self, key: str) -> None:
        self.touched.add(key)
        self.revalidate()

    def draft(self) -> Student:
        """The student as typed (not yet normalised)."""
        values = {key: field.text() for key, field in self.inputs.items()}
        values.update({key: combo.currentText() for key, combo in self.combos.items()})
        return self.original.with_changes(**values, shift=self.shift.currentData(),
                                          status=self.status.currentData())

    def revalidate(self) -> None:
        self.check = self.context.reader.check_student(self.draft())
        for key, note in self.notes.items():
            error, warning = self.check.errors.get(key), self.check.warnings.get(key)
            if error and key in self.touched:
                note.show_note(error, "error")
            elif warning:
                note.show_note(warning, "warning")
            else:
                note.clear_note()
        if "curp" not in self.touched and "curp" in self.check.errors:
            self.notes["curp"].show_note(CURP_HINT, "hint")
        self._show_cohort_problem()
        self._show_derived()
        self.save_button.setEnabled(self.check.ok)
        if self.check.ok:
            self.summary.setText("")
        elif self.touched & set(self.check.errors):
            self.summary.setText("Corrija lo marcado en rojo para poder guardar.")
        else:
            self.summary.setText("Escriba la CURP, el nombre y el primer apellido para guardar.")

    def _show_cohort_problem(self) -> None:
        text = self.combos["cohort"].currentText().strip()
        if text:
            try:
                parse_cohort(text)
            except InvalidData as problem:
                self.notes["cohort"].show_note(str(problem), "warning")

    def _show_derived(self) -> None:
        info = decode_curp(self.check.student.curp)
        if info is None:
            for label in self.derived.values():
                label.setText(f'<span style="color:{MUTED_COLOR}">Se obtiene de la CURP</span>')
            return
        self.derived["birth_date"].setText(info.birth_date.strftime("%d/%m/%Y"))
        self.derived["sex"].setText(SEX_LABELS.get(info.sex, info.sex))
        self.derived["birth_state"].setText(info.birth_state)

    # --- Saving --------------------------------------------------------------------

    def save(self) -> None:
        if self.check is None or not self.check.ok:
            return
        draft = self.draft()
        self.saving = True
        self.save_button.setEnabled(False)
        self.context.jobs.run(self, "Guardando alumno…",
                              lambda ws, progress, cancel: ws.save_student(draft),
                              self._saved, on_failed=self._failed, cancellable=False)

    def _saved(self, student: Student) -> None:
        emit(self.saved, student)
        self.accept()

    def reject(self) -> None:
        """Esc, «Cancelar» or the close button: typing is thrown away only when the person
        says so; while saving, the save closes the dialog."""
        if self.saving:
            return
        what = ("El alumno nuevo no se ha guardado." if not self.original.id else
                f"Lo que cambió en los datos de {self.original.full_name} no se ha guardado.")
        if self.unsaved.may_close(what):
            super().reject()

    def _failed(self, message: str) -> None:
        from seguimiento_desktop.gui.widgets import messages
        self.saving = False
        self.revalidate()
        messages.show_error(self, message)
