"""From a grid and a column mapping to the rows that describe students.

Blank rows, "Total" rows, signature lines, section dividers and headers repeated on every
printed page are skipped silently: they are not students, so they are not rejections.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from seguimiento_desktop.roster.cells import cell_text, is_not_a_student
from seguimiento_desktop.roster.headers import HeaderInfo, map_row


@dataclass(frozen=True)
class RosterRow:
    """One student row: its number as Excel shows it and its non-empty mapped values."""

    number: int
    values: dict[str, str]


def data_rows(grid: Sequence[Sequence[object]], header: HeaderInfo,
              mapping: dict[int, str]) -> list[RosterRow]:
    """The rows below the header that may describe a student, in file order."""
    columns = sorted(mapping.items())
    header_targets = set(header.mapping.values())
    found = []
    for index in range(header.index + header.lines, len(grid)):
        cells = grid[index]
        values = _mapped_values(cells, columns)
        if not values or _skipped(cells, values, header_targets):
            continue
        found.append(RosterRow(index + 1, values))
    return found


def _mapped_values(cells: Sequence[object], columns: list[tuple[int, str]]) -> dict[str, str]:
    values = {}
    width = len(cells)
    for index, target in columns:
        if index < width:
            text = cell_text(cells[index])
            if text:
                values[target] = text
    return values


def _skipped(cells: Sequence[object], values: dict[str, str], header_targets: set[str]) -> bool:
    if len(values.get("curp", "")) >= 18:  # a CURP-sized value: certainly a student row
        return False
    if is_not_a_student(cells):
        return True
    repeated = map_row(cells)  # the header again, at the top of each printed page
    return len(repeated) >= 2 and set(repeated.values()) <= header_targets


def preview_cells(grid: Sequence[Sequence[object]], rows: Sequence[RosterRow],
                  width: int, limit: int) -> list[list[str]]:
    """The first ``limit`` student rows as text, every column, for the wizard's table."""
    return [[cell_text(cell) for cell in _padded(grid[row.number - 1], width)]
            for row in rows[:limit]]


def _padded(cells: Sequence[object], width: int) -> list[object]:
    return list(cells[:width]) + [""] * (width - len(cells))
