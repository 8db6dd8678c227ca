"""Report blocks shared by the plantel and central reports: a distribution with its chart,
a cross-tab with stacked bars, rating scales; each table prints n and %."""

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from seguimiento_desktop.reports.charts import bar_chart, stacked_bars
from seguimiento_desktop.reports.layout import CONTENT_WIDTH, data_table, label, p, side_by_side, t
from seguimiento_desktop.reports.pdf_style import (
    SCALE_COLORS, number_es_mx, percent_es_mx)
from seguimiento_desktop.reports.statistics import (
    MIN_BASE, CrossTab, Distribution, ScaleSummary)

CHART_WIDTH = 92 * mm
CHART_BARS = 8
SUPPRESSED_NOTE = (f"Menos de {MIN_BASE} respuestas: se muestran los conteos pero se omiten "
                   "los porcentajes (—), porque con tan pocas personas no son confiables.")
NO_ANSWERS = "Todavía no hay respuestas para esta pregunta."


def n(value: int) -> str:
    return number_es_mx(value)


def distribution_block(dist: Distribution, title: str = "") -> Flowable:
    """Heading, bar chart and n/% table of one question."""
    parts: list[Flowable] = [t(title or dist.title, "h3")]
    if not dist.answered:
        parts.append(p(NO_ANSWERS, "note"))
        return KeepTogether(parts)
    rows = [[t("Respuesta", "th"), "n", "%"]]
    rows += [[label(text), n(count), percent_es_mx(dist.percent(count))] for text, count in dist.rows]
    rows.append([t("Respondieron", "td_bold"), n(dist.base), "" if dist.multiple else
                 percent_es_mx(dist.percent(dist.base))])
    table = data_table(rows, [CONTENT_WIDTH - CHART_WIDTH - 30 * mm, 14 * mm, 14 * mm],
                       total_row=True)
    # Long lists chart only their most frequent answers (the table keeps them all): a
    # 20-bar chart was unreadable at this size and the costliest drawing of the report.
    charted = sorted(dist.rows, key=lambda row: -row[1])[:CHART_BARS] \
        if len(dist.rows) > CHART_BARS else dist.rows
    shares = [0 if dist.suppressed else (dist.percent(c) or 0) for _, c in charted]
    chart = bar_chart([text for text, _ in charted], shares, CHART_WIDTH - 4 * mm)
    parts.append(side_by_side(chart, table, CHART_WIDTH))
    notes = []
    if len(dist.rows) > CHART_BARS:
        notes.append(f"La gráfica muestra las {CHART_BARS} respuestas más frecuentes.")
    if dist.multiple:
        notes.append("Se podía marcar más de una opción: los porcentajes suman más de 100.")
    if dist.suppressed:
        notes.append(SUPPRESSED_NOTE)
    if notes:
        parts.append(p(" ".join(notes), "note"))
    parts.append(Spacer(1, 2 * mm))
    return KeepTogether(parts)


def crosstab_block(table: CrossTab, row_header: str, chart: bool = True) -> list[Flowable]:
    """A cross-tab as row percentages (with each row's n) and a 100% stacked bar chart."""
    heading = t(table.title, "h3")
    if not table.total:
        return [heading, p(NO_ANSWERS, "note")]
    flow: list[Flowable] = []
    rows_present = [i for i in range(len(table.row_labels)) if table.base(i)]
    if chart:
        shares = [[table.percent(i, j) if table.percent(i, j) is not None else 0
                   for j in range(len(table.column_labels))] for i in rows_present]
        flow.append(stacked_bars([table.row_labels[i] for i in rows_present], table.column_labels,
                                 shares, CONTENT_WIDTH))
    flow = [KeepTogether([heading, *flow])]  # a heading never ends a page alone
    column_width = (CONTENT_WIDTH - 58 * mm - 12 * mm) / len(table.column_labels)
    rows = [[t(row_header, "th"), "n"] + [t(label, "th") for label in table.column_labels]]
    for i in rows_present:
        rows.append([label(table.row_labels[i], 30), n(table.base(i))] +
                    [_count_and_share(table.counts[i][j], table.percent(i, j))
                     for j in range(len(table.column_labels))])
    flow.append(data_table(rows, [58 * mm, 12 * mm] + [column_width] * len(table.column_labels)))
    flow.append(p("Porcentajes por fila; entre paréntesis, el número de personas.", "note"))
    if table.suppressed_rows:
        flow.append(p(f"{SUPPRESSED_NOTE} Filas: {escape(', '.join(table.suppressed_rows))}.", "note"))
    return flow


def _count_and_share(count: int, share: float | None) -> str:
    return f"{percent_es_mx(share)} ({n(count)})"


def scale_block(title: str, summaries: list[ScaleSummary]) -> list[Flowable]:
    """Each rated aspect's distribution (stacked bars) and a table with n and mean."""
    answered = [s for s in summaries if s.base]
    if not answered:
        return [t(title, "h3"), p(NO_ANSWERS, "note")]
    shares = [[s.percent(i) or 0 for i in range(5)] for s in answered]
    flow: list[Flowable] = [KeepTogether([t(title, "h3"), stacked_bars(
        [s.text for s in answered], answered[0].point_labels, shares, CONTENT_WIDTH,
        palette=SCALE_COLORS, label_chars=40)])]
    # Smaller header type: «Medianamente útil» broke mid-word in a 1-5 column (seen in print).
    rows = [[t("Aspecto", "th"), "n", "Promedio (1 a 5)"] +
            [t(label, "th_small") for label in answered[0].point_labels]]
    for s in answered:
        mean = "—" if s.mean is None else number_es_mx(s.mean, 2)
        rows.append([label(s.text, 30), n(s.base), mean] + [percent_es_mx(s.percent(i)) for i in range(5)])
    width = (CONTENT_WIDTH - 52 * mm - 10 * mm - 16 * mm) / 5  # room for «Medianamente útil»
    flow.append(data_table(rows, [52 * mm, 10 * mm, 16 * mm] + [width] * 5))
    not_applicable = sum(s.not_applicable for s in answered)
    note = "Promedio de 1 (muy mala) a 5 (muy buena)."
    if not_applicable:
        note += (f" Las {n(not_applicable)} respuestas «no lo utilicé / no aplica» no cuentan en el "
                 "promedio.")
    if any(s.mean is None for s in answered):
        note += " " + SUPPRESSED_NOTE
    flow.append(p(note, "note"))
    return flow
