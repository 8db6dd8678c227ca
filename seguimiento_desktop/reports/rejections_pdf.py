"""The rejected rows of a roster import as a printable PDF (landscape, one table)."""

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.reports import layout
from seguimiento_desktop.reports.layout import data_table, p, t
from seguimiento_desktop.reports.pdf_style import PAGE_SIZE

REASON_SHARE = 0.34  # of the width: reasons are the longest texts


def render_rejected_rows(path: Path, table: list[list[str]], source_name: str,
                         school: School | None, today: date) -> int:
    """Write the PDF; return its number of pages."""
    size = landscape(PAGE_SIZE)
    document = layout.ReportDocument(path, "Filas rechazadas de la importación", school, today,
                                     pagesize=size)
    width = document.width
    columns = len(table[0])
    row_width = 12 * mm
    other = (width - row_width - width * REASON_SHARE) / max(columns - 2, 1)
    widths = [row_width] + [other] * (columns - 2) + [width * REASON_SHARE]
    rows = [table[0]] + [[p(cell, "td") for cell in line] for line in table[1:]]
    story = [t("Filas rechazadas de la importación", "report_title"),
             t(f"Archivo {source_name} · {quantity(len(table) - 1, 'fila rechazada', 'filas rechazadas')}",
               "report_subtitle"),
             p("Corrija cada fila en el archivo (el número de fila es el que muestra Excel) y "
               "vuelva a importarlo: los alumnos ya importados no se duplican.", "lead"),
             data_table(rows, widths, numeric_from=columns)]
    return document.render(story)
