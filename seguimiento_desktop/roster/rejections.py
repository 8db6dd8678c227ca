"""The rows an import rejected, saved for whoever fixes them: Excel, CSV or a PDF to print.

Each line keeps the row number as Excel shows it, what the row said and why it was
rejected, so the list can be corrected at the desk without the original file.
"""

import os
from datetime import date
from pathlib import Path

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.roster.models import TARGET_FIELDS, ImportReport, RowProblem

ROW_HEADER, REASON_HEADER = "Fila", "Motivo del rechazo"
SUFFIXES = (".xlsx", ".csv", ".pdf")


def _fields(problems: list[RowProblem]) -> list[str]:
    """The mapped fields any rejected row has, in the wizard's order."""
    present = {key for problem in problems for key in problem.values}
    return [key for key in TARGET_FIELDS if key in present]


def rejected_rows_table(report: ImportReport) -> list[list[str]]:
    """Header and one line per rejected row: row number, its values, the reasons."""
    fields = _fields(report.rejected)
    header = [ROW_HEADER] + [TARGET_FIELDS[key].split(" (")[0] for key in fields] + [REASON_HEADER]
    lines = [[str(problem.row)] + [problem.values.get(key, "") for key in fields]
             + [" ".join(problem.reasons)] for problem in report.rejected]
    return [header] + lines


def _same_file(path: Path, source: str) -> bool:
    # samefile: a link, or another case of the name where the file system ignores case.
    return (bool(source) and path.exists() and os.path.exists(source)
            and os.path.samefile(path, source))


def save_rejected_rows(report: ImportReport, path: Path, source_name: str,
                       school: School | None, today: date) -> Path:
    """Write the rejected rows to ``path`` (.xlsx, .csv or .pdf, by its suffix)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidData(f"No se puede guardar como «{path.suffix or path.name}». Elija un "
                          "archivo de Excel (.xlsx), CSV (.csv) o PDF (.pdf).")
    if not report.rejected:
        raise InvalidData("La importación no rechazó ninguna fila: no hay nada que guardar.")
    if _same_file(path, report.source):  # the school's own list, replaced by a few rows
        raise InvalidData(f"«{path.name}» es la lista que se importó: guardar ahí las filas "
                          "rechazadas la reemplazaría. Elija otro nombre, por ejemplo "
                          f"«{path.stem}_rechazadas{path.suffix}».")
    table = rejected_rows_table(report)
    if suffix == ".pdf":  # names and CURPs: private, and whole or not at all, as the others
        from seguimiento_desktop.reports.rejections_pdf import render_rejected_rows
        from seguimiento_desktop.storage.files import atomic_output
        with atomic_output(path) as partial:
            render_rejected_rows(partial, table, source_name, school, today)
        return path
    import pandas as pd
    from seguimiento_desktop.exports.writers import write_csv, write_sheet
    frame = pd.DataFrame(table[1:], columns=table[0])
    if suffix == ".csv":
        write_csv(path, frame)
    else:
        write_sheet(path, frame, "Filas rechazadas")
    return path
