"""The indicators as a table for people: Spanish headers, percentages, «—» when suppressed;
and the Excel file the central window exports (what it shows, nothing more)."""

from pathlib import Path

from seguimiento_desktop.indicators.definitions import shares_for
from seguimiento_desktop.indicators.tables import IndicatorRow

SUPPRESSED = "—"


def indicator_table(rows: list[IndicatorRow], questionnaire: str,
                    first: str) -> tuple[list[str], list[list]]:
    """(headers, rows of cells): the group, n, then every share as a percentage (0–100,
    one decimal) or «—» when suppressed."""
    shares = shares_for(questionnaire)
    headers = [first, "Respondieron (n)"] + [s.label for s in shares]
    body = []
    for row in rows:
        cells: list = [row.group, row.n]
        for share in shares:
            value = row.share(share.key)
            cells.append(SUPPRESSED if value is None else round(100 * value, 1))
        body.append(cells)
    return headers, body


def write_indicator_excel(path: str | Path, headers: list[str], body: list[list],
                          sheet: str) -> Path:
    """Write one sheet with ``headers`` and ``body`` (as the window shows them)."""
    import pandas as pd

    from seguimiento_desktop.exports.writers import write_sheet
    path = Path(path)
    write_sheet(path, pd.DataFrame(body, columns=headers), sheet[:31])
    return path
