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
