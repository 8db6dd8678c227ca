"""From a grid and a column mapping to the rows that describe students.

Blank rows, "Total" rows, signature lines, section dividers and headers repeated on every
printed page are skipped silently: they are not students, so they are not rejections.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from seguimiento_desktop.roster.cells import cell_text, column_text, is_not_a_student
from seguimiento_desktop.roster.files import SheetRows
from seguimiento_desktop.roster.headers import HeaderInfo, map_row
from seguimiento_desktop.roster.names import split_surnames


@dataclass(frozen=True)
class RosterRow:
    """One student row: its number as Excel shows it and its non-empty mapped values."""

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class DataColumns:
    """The same rows as columns: each row's Excel number and, per mapped field (in column
    order), each row's text ('' for an empty cell). The importer checks them column by
    column; ``row(i)`` is row ``i`` as ``data_rows`` gives it."""

    numbers: list[int]
    columns: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.numbers)

    def row(self, i: int) -> RosterRow:
        return RosterRow(self.numbers[i],
                         {key: texts[i] for key, texts in self.columns.items() if texts[i]})

    def rows(self) -> list[RosterRow]:
        return [self.row(i) for i in range(len(self.numbers))]


def data_rows(grid: Sequence[Sequence[object]], header: HeaderInfo,
              mapping: dict[int, str]) -> list[RosterRow]:
    """The rows below the header that may describe a student, in file order."""
    return data_columns(grid, header, mapping).rows()


def data_columns(grid: Sequence[Sequence[object]], header: HeaderInfo,
                 mapping: dict[int, str]) -> DataColumns:
    """``data_rows`` as columns, read a column at a time: a row with a CURP-sized value is a
    student at once; only the others are looked at as rows (blank, «Total», a divider, the
    header repeated)."""
    start = header.index + header.lines
    count = max(len(grid) - start, 0)
    texts: dict[str, list[str]] = {}
    for index, target in sorted(mapping.items()):
        column = column_text(_column(grid, index, start))
        earlier = texts.get(target)  # two columns for one field: the later non-empty wins
        texts[target] = column if earlier is None else [b or a for a, b in zip(earlier, column)]
    curps = texts.get("curp") or [""] * count
    if "surnames" in texts:
        _split_surnames(texts, curps)
    header_targets = set(header.mapping.values())
    dropped = [i for i, size in enumerate(map(len, curps)) if size < 18
               and not _student_row(grid[start + i], texts, i, header_targets)]
    if dropped:  # a few rows (the blank one and «Total» at the end): the rest kept in runs
        texts = {key: _without(column, dropped) for key, column in texts.items()}
    return DataColumns(_without(range(start + 1, start + count + 1), dropped), texts)


def _split_surnames(texts: dict[str, list[str]], curps: list[str]) -> None:
    """An «Apellidos» column as the two surname columns the rest of the import knows."""
    given = texts.get("given_names") or [""] * len(curps)
    pairs = [split_surnames(text, name, curp) if text else ("", "")
             for text, name, curp in zip(texts.pop("surnames"), given, curps)]
    texts["first_surname"] = [first for first, _ in pairs]
    texts["second_surname"] = [second for _, second in pairs]


def _without(values: Sequence, dropped: list[int]) -> list:
    """``values`` but those at the increasing positions ``dropped``, copied a run at a
    time (a copy by index of every kept row of every column cost more than the checks)."""
    kept: list = []
    begin = 0
    for i in dropped:
        kept.extend(values[begin:i])
        begin = i + 1
    kept.extend(values[begin:])
    return kept


def _column(grid: Sequence[Sequence[object]], index: int, start: int) -> list[object]:
    """Column ``index`` of the rows from ``start`` on (None where a row is shorter)."""
    if isinstance(grid, SheetRows):  # every row as wide, read by column
        return grid.column(index, start) if index < grid.width else [None] * (len(grid) - start)
    rows = grid[start:]
    if rows and index < min(map(len, rows)):
        return list(map(itemgetter(index), rows))
    return [cells[index] if index < len(cells) else None for cells in rows]


def _student_row(cells: Sequence[object], texts: dict[str, list[str]], i: int,
                 header_targets: set[str]) -> bool:
    values = {key: column[i] for key, column in texts.items() if column[i]}
    return bool(values) and not _skipped(cells, values, header_targets)


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
