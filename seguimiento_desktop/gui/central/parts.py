"""Small pieces every central page shares: the page frame, read-only tables, muted notes."""

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.dates import local_datetime
from seguimiento_desktop.gui.theme import ERROR_COLOR, MUTED_COLOR, WARNING_COLOR


def page_layout(page: QWidget, title: str, intro: str = "") -> QVBoxLayout:
    """Title and intro with the margins of every page (aligned with the window header)."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(16, 12, 16, 12)
    heading = QLabel(title, page)
    heading.setObjectName("pageTitle")
    layout.addWidget(heading)
    if intro:
        layout.addWidget(note(intro, page))
    return layout


def note(text: str, parent: QWidget, colour: str = MUTED_COLOR) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {colour};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def warning_note(parent: QWidget) -> QLabel:
    """Where missing bundles are named: in the warning colour, empty (hidden) when all is well."""
    label = note("", parent, WARNING_COLOR)
    label.hide()
    return label


def show_lines(label: QLabel, lines: Iterable[str]) -> None:
    text = "\n".join(lines)
    label.setText(text)
    label.setVisible(bool(text))


def read_only_table(columns: tuple[str, ...], parent: QWidget,
                    stretch: int | None = None) -> QTableWidget:
    """A table for looking: whole rows selected, sized to content, one column stretched."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def set_row(table: QTableWidget, row: int, values: Iterable[object],
            error: bool = False, tooltip: str = "") -> None:
    """Fill one row; numbers right-aligned so columns of counts read at a glance."""
    for column, value in enumerate(values):
        item = QTableWidgetItem("" if value is None else str(value))
        if isinstance(value, int):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if error:
            item.setForeground(QColor(ERROR_COLOR))
        if tooltip:
            item.setToolTip(tooltip)
        table.setItem(row, column, item)


def short_date(stamp: str, seconds: bool = False) -> str:
    """«12/06/2026 10:31», local time, from an ISO timestamp (UTC as stored)."""
    return local_datetime(stamp, seconds)


def compact_form(parent: QWidget) -> QFormLayout:
    """A form whose fields keep a readable width instead of spanning a wide window."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form
