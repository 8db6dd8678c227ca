"""The frame every report page shares: plantel header, date, 'Página n de N', tables.

Page totals need the whole document first, so the canvas keeps each page's state and
draws the footers once the last page is known (reportlab's usual two-step numbering).
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table,
                                TableStyle)

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.reports.pdf_style import (
    ACCENT, GRID, INK, MARGIN, MUTED, PAGE_SIZE, RULE, SOFT, STYLES, ZEBRA, spanish_date)

HEADER_HEIGHT = 14 * mm
# Header cells wrap (a long column title must not run into its neighbour, seen in review).
STYLES.setdefault("th_num", ParagraphStyle("th_num", parent=STYLES["th"], alignment=TA_RIGHT))
STYLES.setdefault("td_table", ParagraphStyle("td_table", parent=STYLES["td"], fontSize=8.5,
                                             leading=10.5))
STYLES.setdefault("th_small", ParagraphStyle("th_small", parent=STYLES["th_num"], fontSize=7.5,
                                             leading=9))
FOOTER_HEIGHT = 8 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN


def p(text: str, style: str = "td") -> Paragraph:
    """A paragraph of already-escaped markup."""
    return Paragraph(text, STYLES[style])


def t(text: object, style: str = "td") -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(escape(str(text)), STYLES[style])


def label(text: object, fits: int = 36) -> str | Paragraph:
    """A table label: plain text when it fits on one line, a wrapping paragraph otherwise.

    Plain cells are far cheaper to lay out (a report has hundreds of labels) and look the
    same: the table's own font is the paragraph's.
    """
    text = str(text)
    return text if len(text) <= fits else Paragraph(escape(text), STYLES["td_table"])


def _numbered_canvas(footer_left: str):
    class NumberedCanvas(Canvas):
        """Draws 'Página n de N' after the last page is known."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 7.5)
                self.setFillColor(MUTED)
                self.drawString(MARGIN, MARGIN - 2 * mm, footer_left)
                self.drawRightString(self._pagesize[0] - MARGIN, MARGIN - 2 * mm,
                                     f"Página {self._pageNumber} de {total}")
                super().showPage()
            super().save()
    return NumberedCanvas


class ReportDocument(BaseDocTemplate):
    """A letter-size report with the plantel's header on every page."""

    def __init__(self, path: str | Path, title: str, school: School | None, today: date,
                 progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                 steps: int = 1, pagesize: tuple[float, float] = PAGE_SIZE):
        super().__init__(str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
                         title=title, author="Seguimiento de Egresados",
                         creator="Seguimiento de Egresados")
        self.report_title, self.school, self.today = title, school, today
        self.progress, self.cancel, self.steps, self.done = progress, cancel, steps, 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("report", [frame], onPage=self._header)])

    def _header(self, canvas: Canvas, doc: "ReportDocument") -> None:
        width, height = self.pagesize
        top = height - MARGIN
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(MARGIN, top - 1.2 * mm, 18 * mm, 1.2 * mm, stroke=0, fill=1)
        canvas.setFont("Helvetica-Bold", 9)
        canvas.setFillColor(INK)
        school = (f"{self.school.name} · CCT {self.school.cct}" if self.school
                  else "Seguimiento de Egresados")
        canvas.drawString(MARGIN, top - 6 * mm, school[:95])
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(MUTED)
        place = ", ".join(x for x in (self.school.municipality, self.school.state) if x) \
            if self.school else ""
        canvas.drawString(MARGIN, top - 10 * mm, " · ".join(x for x in (
            self.school.subsystem if self.school else "", place) if x)[:120])
        canvas.drawRightString(width - MARGIN, top - 6 * mm, self.report_title[:70])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - HEADER_HEIGHT + 1.5 * mm, width - MARGIN,
                    top - HEADER_HEIGHT + 1.5 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if getattr(flowable, "step_message", None):
            self.cancel.check()
            self.done += 1
            self.progress(min(self.done, self.steps), self.steps, flowable.step_message)

    def render(self, story: list[Flowable]) -> int:
        """Build the PDF; return the number of pages."""
        footer = f"Seguimiento de Egresados · Generado el {spanish_date(self.today)}"
        self.build(story, canvasmaker=_numbered_canvas(footer))
        return self.page


def step(flowable: Flowable, message: str) -> Flowable:
    """Mark a flowable whose drawing completes a step of the progress bar."""
    flowable.step_message = message
    return flowable


def data_table(rows: Sequence[Sequence], widths: Sequence[float], numeric_from: int = 1,
               total_row: bool = False, repeat: int = 1) -> Table:
    """A zebra table with a tinted header; columns from ``numeric_from`` right-aligned."""
    header = [Paragraph(escape(c), STYLES["th_num" if i >= numeric_from else "th"])
              if isinstance(c, str) else c for i, c in enumerate(rows[0])]
    table = Table([header] + [list(r) for r in rows[1:]], colWidths=list(widths),
                  repeatRows=repeat, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), SOFT), ("TEXTCOLOR", (0, 0), (-1, 0), ACCENT),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT), ("LINEBELOW", (0, -1), (-1, -1), 0.5, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for row in range(2, len(rows), 2):
        style.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    if total_row:
        style += [("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                  ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK)]
    table.setStyle(TableStyle(style))
    return table


def side_by_side(left: Flowable, right: Flowable, left_width: float) -> Table:
    """A chart and its table next to each other (top-aligned)."""
    table = Table([[left, right]], colWidths=[left_width, CONTENT_WIDTH - left_width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 4)]))
    return table


def key_figures(figures: Sequence[tuple[str, str]]) -> Table:
    """A row of boxed key figures: (value, label)."""
    cells = [[p(escape(value), "kpi_value"), p(escape(label), "kpi_label")] for value, label in figures]
    width = CONTENT_WIDTH / len(cells)
    inner = [Table([[c[0]], [c[1]]], colWidths=[width - 6]) for c in cells]
    table = Table([inner], colWidths=[width] * len(cells))
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), SOFT),
                               ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                               ("LINEAFTER", (0, 0), (-2, -1), 0.8, colors.white),
                               ("TOPPADDING", (0, 0), (-1, -1), 5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return table
