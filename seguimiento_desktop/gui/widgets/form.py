"""Form helpers: a field with its note underneath, and editable combos."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from seguimiento_desktop.gui.widgets.field_note import FieldNoteWidget


def add_noted_row(form: QFormLayout, label: str, field: QWidget,
                  reserve_lines: int = 1) -> FieldNoteWidget:
    """Add ``label: field`` to ``form`` with an (initially hidden) note under the field,
    whose room (``reserve_lines``) is kept even while it is hidden."""
    box = QWidget(form.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    note = FieldNoteWidget(box)
    note.reserve(reserve_lines)
    layout.addWidget(note)
    form.addRow(label, box)
    form.labelForField(box).setBuddy(field)
    return note


def new_form(parent: QWidget | None = None) -> QFormLayout:
    """A form layout that reads well at 1366×768: labels right-aligned, fields growing."""
    form = QFormLayout(parent)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setVerticalSpacing(6)
    return form


def editable_combo(values: list[str], parent: QWidget | None = None) -> QComboBox:
    """A combo the user can type into, suggesting ``values``; starts empty."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(values)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    return combo
