"""Charts for the reports (reportlab.graphics): bars, 100% stacked bars and pies.

Charts show shares; the exact n and % always sit in the table next to them, so a chart
never carries a number that a table does not.
"""

from collections.abc import Sequence

from reportlab import rl_config

# Attribute validation of every shape took a third of the chart time (profiled with the
# 3,000-student bench); our charts are built by code, not by users, so it is turned off.
rl_config.shapeChecking = 0

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from seguimiento_desktop.reports.pdf_style import GRID, INK, MUTED, PALETTE

LABEL_CHARS = 34
FONT = "Helvetica"


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def _empty(width: float, height: float, message: str = "Sin respuestas") -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(width / 2, height / 2, message, fontName=FONT, fontSize=8,
                       fillColor=MUTED, textAnchor="middle"))
    return drawing


def bar_chart(labels: Sequence[str], values: Sequence[float], width: float,
              bar_color: colors.Color = PALETTE[0], label_chars: int = LABEL_CHARS) -> Drawing:
    """Horizontal bars of percentages (0-100), first category on top."""
    if not values or not any(values):
        return _empty(width, 40)
    height = 14 * len(values) + 22
    chart = HorizontalBarChart()
    label_width = min(width * 0.55, 4.2 * min(label_chars, max(len(l) for l in labels)) + 6)
    chart.x, chart.y = label_width, 14
    chart.width, chart.height = width - label_width - 22, height - 20
    chart.data = [list(reversed([v or 0 for v in values]))]
    chart.categoryAxis.categoryNames = list(reversed([_short(l, label_chars) for l in labels]))
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin = 0
    # Scale to the largest share (not always 100%) so small bars stay readable.
    top = max(v or 0 for v in values)
    chart.valueAxis.valueMax = next(m for m in (10, 25, 50, 75, 100, 1e9) if top <= m)
    chart.valueAxis.valueStep = {10: 2, 25: 5, 50: 10}.get(chart.valueAxis.valueMax, 25)
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 6.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid, chart.valueAxis.gridStrokeColor = True, GRID
    chart.bars[0].fillColor, chart.bars[0].strokeColor = bar_color, None
    chart.barSpacing, chart.groupSpacing = 0, 3
    _quiet_axes(chart)
    drawing = Drawing(width, height)
    drawing.add(chart)
    return drawing


def stacked_bars(row_labels: Sequence[str], series_labels: Sequence[str],
                 shares: Sequence[Sequence[float]], width: float,
                 palette: Sequence[colors.Color] = PALETTE, label_chars: int = 26) -> Drawing:
    """100% stacked horizontal bars: one bar per row, one segment per series, with legend."""
    if not row_labels:
        return _empty(width, 40)
    # One legend row when it fits: a 1-5 scale reads left to right like the bars.
    columns = len(series_labels) if len(series_labels) <= 5 else 3
    legend_rows = -(-len(series_labels) // columns)
    height = 16 * len(row_labels) + 24 + 10 * legend_rows
    chart = HorizontalBarChart()
    label_width = min(width * 0.35, 4.2 * min(label_chars, max(len(l) for l in row_labels)) + 6)
    chart.x, chart.y = label_width, 14 + 10 * legend_rows + 6
    chart.width, chart.height = width - label_width - 10, 16 * len(row_labels)
    chart.data = [list(reversed([row[i] or 0 for row in shares])) for i in range(len(series_labels))]
    chart.categoryAxis.categoryNames = list(reversed([_short(l, label_chars) for l in row_labels]))
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = FONT, 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = FONT, 6.5
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.strokeColor = GRID
    for i in range(len(series_labels)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None  # no outlines: adjacent colours already separate
    _quiet_axes(chart)
    chart.barWidth = 10
    drawing = Drawing(width, height)
    drawing.add(chart)
    drawing.add(_legend(series_labels, palette, label_width * 0.5, 10 * legend_rows + 2,
                        width - label_width * 0.5, columns))
    return drawing


def _quiet_axes(chart: HorizontalBarChart) -> None:
    """No tick marks: the grid and labels say enough, and every mark costs drawing time."""
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.visibleTicks = 0


def _legend(labels: Sequence[str], palette: Sequence[colors.Color], x: float, y: float,
            width: float, columns: int = 3) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName, legend.fontSize = FONT, 6.8
    legend.boxAnchor = "nw"
    legend.columnMaximum = -(-len(labels) // columns)
    legend.deltax = width / columns
    legend.dx, legend.dy, legend.deltay = 6, 6, 10
    legend.dxTextSpace = 3
    legend.strokeColor = None
    legend.colorNamePairs = [(palette[i % len(palette)], _short(l, 30)) for i, l in enumerate(labels)]
    return legend


def pie_chart(labels: Sequence[str], values: Sequence[float], width: float,
              palette: Sequence[colors.Color] = PALETTE) -> Drawing:
    """A pie for a few exclusive categories, with a legend to the right."""
    if not values or not any(values):
        return _empty(width, 40)
    size = min(width * 0.42, 110)
    drawing = Drawing(width, size + 10)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 4, 5, size, size
    pie.data = [v or 0 for v in values]
    pie.labels = None
    pie.simpleLabels = True
    pie.slices.strokeColor, pie.slices.strokeWidth = colors.white, 1
    for i in range(len(values)):
        pie.slices[i].fillColor = palette[i % len(palette)]
    drawing.add(pie)
    legend = _legend(labels, palette, size + 16, size / 2 + 8 * len(labels) / 2 + 5,
                     width - size - 16, columns=1)
    drawing.add(legend)
    return drawing
