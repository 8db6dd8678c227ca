"""Shared look of every PDF the app prints: page size, styles, es-MX formatting.

reportlab's standard Helvetica covers Windows-1252, which has every Spanish letter and
sign (á, ñ, ü, ¿, ¡), so no font file needs to ship.
"""

from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

PAGE_SIZE = LETTER  # what Mexican offices load in their printers
MARGIN = 15 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#6b1d3a")  # the guinda of Mexican public institutions
RULE = colors.HexColor("#c8ced6")

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")


def spanish_date(day: date) -> str:
    """'23 de noviembre de 2026'."""
    return f"{day.day} de {MONTHS[day.month - 1]} de {day.year}"


def number_es_mx(value: float, decimals: int = 0) -> str:
    """es-MX number format: '1,234.5' (comma thousands, point decimals)."""
    return f"{value:,.{decimals}f}"


def _style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=extra.pop("fontName", "Helvetica"), fontSize=size,
                          leading=leading, textColor=extra.pop("textColor", INK), **extra)


STYLES = {
    "title": _style("title", 15, 19, fontName="Helvetica-Bold", textColor=ACCENT, spaceAfter=4),
    "subtitle": _style("subtitle", 10, 13, textColor=MUTED, spaceAfter=6),
    "section": _style("section", 11.5, 15, fontName="Helvetica-Bold", textColor=colors.white,
                      backColor=ACCENT, borderPadding=(3, 4, 3, 4), spaceBefore=8, spaceAfter=6),
    "question": _style("question", 9.5, 12, fontName="Helvetica-Bold"),
    "body": _style("body", 9, 11.5),
    "small": _style("small", 7.5, 9.5, textColor=MUTED),
    "option": _style("option", 9, 11),
    "center_small": _style("center_small", 7.5, 9.5, textColor=MUTED, alignment=TA_CENTER),
    "h2": _style("h2", 12.5, 16, fontName="Helvetica-Bold", textColor=ACCENT, spaceBefore=10,
                 spaceAfter=4),
    "cell": _style("cell", 8, 10),
    "cell_bold": _style("cell_bold", 8, 10, fontName="Helvetica-Bold"),
}


# --- Reports (tracking report, contact list, student record) ---------------------------
# Added for reports/; everything above is shared with the printable questionnaires.

SOFT = colors.HexColor("#f4eef1")  # a light tint of the guinda: table headers, key figures
ZEBRA = colors.HexColor("#f7f8fa")
GRID = colors.HexColor("#e3e7ec")
# Calm chart colours: the guinda first, then muted tones that stay apart in greyscale.
PALETTE = tuple(colors.HexColor(c) for c in (
    "#6b1d3a", "#b38e5d", "#4f6d7a", "#8a9a5b", "#a3a9b3", "#c08497", "#2f4858", "#d8c3a5"))
# Two follow-up waves side by side (6 and 18 months): guinda and gold, like the palette.
WAVE_COLORS = {"C1": colors.HexColor("#4f6d7a"), "C2": PALETTE[0], "C3": PALETTE[1]}
# A 1-5 rating, from poor to very good: muted clay, sand, grey, sage, deep teal.
SCALE_COLORS = tuple(colors.HexColor(c) for c in (
    "#b0604d", "#e0b39a", "#d5d9de", "#93b5ae", "#3f7168"))
NO_DATA = "—"


def percent_es_mx(value: float | None, decimals: int = 1) -> str:
    """'45.3%' (es-MX, no space before the sign); an em dash when there is no value."""
    if value is None or value != value:  # None or NaN: suppressed or not applicable
        return NO_DATA
    return f"{value:,.{decimals}f}%"


def short_date(day: date) -> str:
    """'23/11/2026', the way Mexican forms write dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


STYLES.update({
    "report_title": _style("report_title", 18, 22, fontName="Helvetica-Bold", textColor=ACCENT,
                           spaceAfter=2),
    "report_subtitle": _style("report_subtitle", 11, 14, textColor=INK, spaceAfter=8),
    "h1": _style("h1", 13, 16, fontName="Helvetica-Bold", textColor=ACCENT, spaceBefore=10,
                 spaceAfter=5),
    "h3": _style("h3", 10, 12.5, fontName="Helvetica-Bold", spaceBefore=6, spaceAfter=3),
    "td": _style("td", 9, 11),
    "td_bold": _style("td_bold", 9, 11, fontName="Helvetica-Bold"),
    "th": _style("th", 8.5, 10, fontName="Helvetica-Bold"),
    "note": _style("note", 7.5, 9.5, textColor=MUTED, spaceBefore=2, spaceAfter=4),
    "lead": _style("lead", 9.5, 12.5, spaceAfter=4),
    "kpi_value": _style("kpi_value", 16, 19, fontName="Helvetica-Bold", textColor=ACCENT,
                        alignment=TA_CENTER),
    "kpi_label": _style("kpi_label", 7.5, 9, textColor=MUTED, alignment=TA_CENTER),
})
