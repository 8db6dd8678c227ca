"""Informe consolidado (PDF) for the central office, built on the indicators of
docs/indicators.md: an executive page that answers "what do graduates do after the plantel,
and was the training relevant", then the two waves (6 and 18 months) side by side by
entidad, subsistema and sexo, work, training needs, trends, coverage and rankings."""

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from seguimiento_desktop.domain.text import collation_key, plural
from seguimiento_desktop.indicators.definitions import ACTIVITY_KEYS, ACTIVITY_LABELS, shares_for
from seguimiento_desktop.indicators.tables import UNKNOWN, IndicatorRow, state_of
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.reports.blocks import n
from seguimiento_desktop.reports.central_stats import (
    MIN_RANKED_SCHOOLS, CentralStatistics, central_statistics)
from seguimiento_desktop.reports.charts import bar_chart, stacked_bars
from seguimiento_desktop.reports.layout import (
    CONTENT_WIDTH, MARGIN, ReportDocument, data_table, key_figures, p, step, t)
from seguimiento_desktop.reports.pdf_style import ACCENT, INK, MUTED, PALETTE, percent_es_mx, spanish_date
from seguimiento_desktop.reports.statistics import MIN_BASE
from seguimiento_desktop.storage.connection import Database

TITLE = "Informe consolidado de seguimiento de egresados"
GAPS_SHOWN = 25
WAVE_NAMES = {"C1": "C1 (al egresar)", "C2": "6 meses (C2)", "C3": "18 meses (C3)"}
SHORT = {"solo_estudia": "Solo estudia", "solo_trabaja": "Solo trabaja",
         "estudia_y_trabaja": "Estudia y trabaja", "ni_estudia_ni_trabaja": "Ni estudia ni trabaja",
         "educacion_superior": "Lic. o TSU"}


def _pct(value: float | None) -> str:
    return percent_es_mx(None if value is None else 100 * value)


class CentralDocument(ReportDocument):
    """A ReportDocument whose header names the central office instead of a plantel."""

    def __init__(self, *args, office: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office

    def _header(self, canvas: Canvas, doc: ReportDocument) -> None:
        """The office's name where a plantel report names the plantel."""
        width, height = self.pagesize
        top = height - MARGIN
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(MARGIN, top - 1.2 * mm, 18 * mm, 1.2 * mm, stroke=0, fill=1)
        lines = [("Helvetica-Bold", 9, INK, (self.office or "Oficina central")[:95], 6),
                 ("Helvetica", 7.5, MUTED, "Seguimiento de Egresados · Oficina central", 10)]
        for font, size, colour, text, below in lines:
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            canvas.drawString(MARGIN, top - below * mm, text)
        canvas.drawRightString(width - MARGIN, top - 6 * mm, self.report_title[:70])
        canvas.restoreState()


def _activity_shares(row: IndicatorRow) -> list[float]:
    return [100 * (row.share(k) or 0) for k in ACTIVITY_KEYS]


def _executive(stats: CentralStatistics) -> list[Flowable]:
    c2, c3 = stats.waves["C2"].total, stats.waves["C3"].total
    figures = [(n(stats.reporting), f"de {n(stats.enrolled)} planteles con datos")]
    for q, row in (("C2", c2), ("C3", c3)):
        cell = stats.coverage[q]
        figures.append((cell.text(), f"respondieron {WAVE_NAMES[q]}"))
        figures.append((_pct(row.share("educacion_superior")), f"en licenciatura o TSU ({q})"))
    flow: list[Flowable] = [
        t(TITLE, "report_title"),
        t(f"{escape(stats.office) or 'Oficina central'} · Generación {stats.cohort or '—'} · "
          f"Datos fusionados al {spanish_date(stats.today)}", "report_subtitle"),
        key_figures(figures), Spacer(1, 3 * mm),
        t("¿Qué hacen los egresados después del plantel?", "h2")]
    waves = [(q, r) for q, r in (("C2", c2), ("C3", c3)) if not r.suppressed]
    if waves:
        flow.append(stacked_bars([WAVE_NAMES[q] for q, _ in waves],
                                 [ACTIVITY_LABELS[k] for k in ACTIVITY_KEYS],
                                 [_activity_shares(r) for _, r in waves], CONTENT_WIDTH))
    flow += [p(escape(_sentence(q, stats)), "lead") for q in ("C2", "C3")]
    flow += [Spacer(1, 2 * mm), t("Indicadores clave, a 6 y 18 meses", "h3"), _key_table(stats)]
    return flow


def _sentence(q: str, stats: CentralStatistics) -> str:
    row, cell = stats.waves[q].total, stats.coverage[q]
    if cell.pending:
        return f"{WAVE_NAMES[q]}: pendiente; su periodo de aplicación aún no abre."
    if row.suppressed:
        return f"{WAVE_NAMES[q]}: menos de {MIN_BASE} respuestas; sin porcentajes."
    studies = (row.share("solo_estudia") or 0) + (row.share("estudia_y_trabaja") or 0)
    works = (row.share("solo_trabaja") or 0) + (row.share("estudia_y_trabaja") or 0)
    return (f"{WAVE_NAMES[q]}, de {n(row.n)} que respondieron: {_pct(studies)} estudia "
            f"({_pct(row.share('educacion_superior'))} licenciatura o TSU), {_pct(works)} trabaja "
            f"({_pct(row.share('empleo_formal'))} de quienes trabajan con seguridad social) y "
            f"{_pct(row.share('ni_estudia_ni_trabaja'))} ni estudia ni trabaja.")


def _key_table(stats: CentralStatistics) -> Flowable:
    rows = [["Indicador", "6 meses (C2)", "18 meses (C3)"]]
    for share in shares_for("C2"):
        values = []
        for q in ("C2", "C3"):
            row = stats.waves[q].total
            values.append("pendiente" if stats.coverage[q].pending else _pct(row.share(share.key)))
        rows.append([t(share.label, "cell"), *values])
    rows.append([t("Personas que respondieron (n)", "cell"),
                 *[n(stats.waves[q].total.n) for q in ("C2", "C3")]])
    return data_table(rows, [CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm])


def _coverage(stats: CentralStatistics) -> list[Flowable]:
    rows = [["Cuestionario", "Personas", "Respondieron", "Tasa"]]
    rows += [[WAVE_NAMES[q], n(c.eligible), n(c.answered), c.text()]
             for q, c in stats.coverage.items()]
    flow: list[Flowable] = [
        PageBreak(), t("1. Cobertura y respuesta", "h1"),
        p(f"De {n(stats.enrolled)} {plural(stats.enrolled, 'plantel registrado', 'planteles registrados')}, "
          f"{n(stats.reporting)} {plural(stats.reporting, 'ha', 'han')} enviado datos. "
          f"Paquetes faltantes detectados: {n(len(stats.gaps))}. Un cuestionario cuyo periodo "
          "aún no abre se muestra como «pendiente», no como 0%.", "lead"),
        data_table(rows, [70 * mm, 30 * mm, 30 * mm, 30 * mm])]
    if stats.gaps:
        gaps = [["Paquetes faltantes (los primeros)"]] + [[t(g, "cell")] for g in stats.gaps[:GAPS_SHOWN]]
        flow += [Spacer(1, 2 * mm), data_table(gaps, [CONTENT_WIDTH], numeric_from=1)]
        if len(stats.gaps) > GAPS_SHOWN:
            flow.append(p(f"… y {n(len(stats.gaps) - GAPS_SHOWN)} más (vea «central status»).", "note"))
    return flow


def _waves_table(stats: CentralStatistics, rows_of, coverage_of, first: str) -> Flowable:
    """Groups in rows; for C2 and C3 side by side: response rate, n and the five shares."""
    header = [first] + [f"{label} {q}" for q in ("C2", "C3")
                        for label in ("Tasa", "n", "Lic./TSU", "Ni/ni")]
    groups = sorted({r.group for q in ("C2", "C3") for r in rows_of(q)} |
                    {g for q in ("C2", "C3") for g in coverage_of(q)},
                    key=lambda g: (g == UNKNOWN, collation_key(g)))
    body = []
    for group in groups:
        cells = [t(group, "cell")]
        for q in ("C2", "C3"):
            row = next((r for r in rows_of(q) if r.group == group), IndicatorRow(group, 0))
            cover = coverage_of(q).get(group)
            cells += [cover.text() if cover else "—", n(row.n),
                      _pct(row.share("educacion_superior")), _pct(row.share("ni_estudia_ni_trabaja"))]
        body.append(cells)
    others = (CONTENT_WIDTH - 44 * mm) / 8
    return data_table([header] + body, [44 * mm] + [others] * 8)


def _by(stats: CentralStatistics, number: str, title: str, attr: str, coverage_attr: str,
        first: str, chart: bool = True) -> list[Flowable]:
    rows_of = lambda q: getattr(stats.waves[q], attr)  # noqa: E731
    coverage_of = lambda q: getattr(stats, coverage_attr).get(q, {})  # noqa: E731
    flow: list[Flowable] = [CondPageBreak(90 * mm), t(f"{number}. {title}", "h1")]
    if chart:
        ranked = sorted((r for r in rows_of("C2") if not r.suppressed),
                        key=lambda r: -(r.share("educacion_superior") or 0))
        if ranked:
            flow.append(KeepTogether([
                t("Estudian licenciatura o TSU a los 6 meses (C2), de mayor a menor", "h3"),
                bar_chart([r.group for r in ranked],
                          [100 * (r.share("educacion_superior") or 0) for r in ranked],
                          CONTENT_WIDTH * 0.8, PALETTE[1])]))
    flow += [Spacer(1, 2 * mm), _waves_table(stats, rows_of, coverage_of, first)]
    return flow


def _work_and_relevance(stats: CentralStatistics) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(80 * mm), t("5. Trabajo y pertinencia de la formación", "h1"),
                            p("Los indicadores de trabajo se calculan sobre quienes trabajan y "
                              "contestaron la pregunta; los de pertinencia, sobre quienes "
                              "contestaron. Definiciones en la nota metodológica.", "lead")]
    for q in ("C2", "C3"):
        wave = stats.waves[q]
        total = sum(c for _, c in wave.sectors)
        if total:
            rows = [[f"Sector de quienes trabajan ({WAVE_NAMES[q]})", "Personas", "%"]]
            rows += [[t(name, "cell"), n(c), percent_es_mx(100 * c / total if total >= MIN_BASE else None)]
                     for name, c in wave.sectors]
            flow += [Spacer(1, 2 * mm), data_table(rows, [CONTENT_WIDTH - 50 * mm, 25 * mm, 25 * mm])]
    for q in ("C2", "C3"):
        skills = stats.waves[q].skills[:10]
        if skills:
            base = stats.waves[q].total.n
            rows = [[f"Lo que les faltó aprender ({WAVE_NAMES[q]}), lo más elegido primero",
                     "Personas", "% de quienes respondieron"]]
            rows += [[t(label, "cell"), n(c), percent_es_mx(100 * c / base if base >= MIN_BASE else None)]
                     for label, c in skills]
            flow += [Spacer(1, 2 * mm), data_table(rows, [CONTENT_WIDTH - 60 * mm, 25 * mm, 35 * mm])]
    suggestions = stats.waves["C3"].suggestions[:8]
    if suggestions:
        rows = [["Mejoras que sugieren a los 18 meses (C3)", "Personas"]]
        rows += [[t(label, "cell"), n(c)] for label, c in suggestions]
        flow += [Spacer(1, 2 * mm), data_table(rows, [CONTENT_WIDTH - 25 * mm, 25 * mm])]
    return flow


def _change(stats: CentralStatistics) -> list[Flowable]:
    """The same graduates at 6 and at 18 months (those who answered both)."""
    change = stats.change
    flow: list[Flowable] = [CondPageBreak(60 * mm), t("Cambio entre 6 y 18 meses", "h3")]
    if change is None or change.base < MIN_BASE:
        return flow + [p(f"Menos de {MIN_BASE} egresados contestaron C2 y C3: sin porcentajes.",
                         "note")]
    rows = [["A los 6 meses (filas) → a los 18 meses"] + [SHORT[k] for k in ACTIVITY_KEYS] +
            ["Total a 6 meses"]]
    for before in ACTIVITY_KEYS:
        rows.append([t(ACTIVITY_LABELS[before], "cell")] +
                    [_pct(change.row_share(before, after)) for after in ACTIVITY_KEYS] +
                    [_pct(change.share_at(before, "C2"))])
    rows.append([t("Total a 18 meses", "cell")] + [_pct(change.share_at(k, "C3"))
                                                  for k in ACTIVITY_KEYS] + [n(change.base)])
    others = (CONTENT_WIDTH - 50 * mm) / 5
    return flow + [p(f"{n(change.base)} egresados contestaron ambos cuestionarios; cada fila "
                     "suma 100%.", "note"), data_table(rows, [50 * mm] + [others] * 5)]


def _careers_suggested(stats: CentralStatistics) -> list[Flowable]:
    if not stats.careers_suggested:
        return []
    rows = [["Carrera del egresado", "Lo que más escriben (respuestas)"]]
    rows += [[t(career, "cell"), t(escape(", ".join(f"{term} ({n(c)})" for term, c in terms)),
                                   "cell")]
             for career, terms in stats.careers_suggested.items()]
    return [Spacer(1, 2 * mm), t("Carreras técnicas que sugieren ofrecer (C3, texto libre)", "h3"),
            p(f"Las palabras o frases más frecuentes por carrera; solo carreras con {MIN_BASE} "
              "respuestas o más.", "note"),
            data_table(rows, [55 * mm, CONTENT_WIDTH - 55 * mm], numeric_from=2)]


def _trend(stats: CentralStatistics) -> list[Flowable]:
    header = ["Generación", "Tasa C1", "Tasa C2", "Tasa C3", "Lic./TSU C2", "Ni/ni C2",
              "Lic./TSU C3", "Ni/ni C3"]
    rows = [header]
    for cohort, cells in stats.trend.items():
        line = [cohort] + [cells[q].text() if q in cells else "—" for q in ("C1", "C2", "C3")]
        for q in ("C2", "C3"):
            row = stats.trend_rows.get(q, {}).get(cohort, IndicatorRow(cohort, 0))
            line += [_pct(row.share("educacion_superior")), _pct(row.share("ni_estudia_ni_trabaja"))]
        rows.append(line)
    others = (CONTENT_WIDTH - 26 * mm) / 7
    return [CondPageBreak(50 * mm), t("6. Comparación entre generaciones", "h1"),
            data_table(rows, [26 * mm] + [others] * 7)]


def _ranking(stats: CentralStatistics) -> list[Flowable]:
    top, bottom = stats.ranking("C2")
    flow: list[Flowable] = [CondPageBreak(80 * mm), t("7. Planteles: mayor y menor respuesta a C2", "h1")]
    if not top:
        return flow + [p(f"No se ordenan planteles: hacen falta al menos {MIN_RANKED_SCHOOLS} "
                         f"con {MIN_BASE} egresados o más y C2 ya aplicado.", "lead")]
    flow.append(p(f"Solo planteles con al menos {MIN_BASE} egresados; cada lista muestra "
                  f"{n(len(top))} y ningún plantel aparece en las dos.", "lead"))
    for title, part in (("Mayor tasa de respuesta", top), ("Menor tasa de respuesta", bottom)):
        rows = [["Plantel", "Entidad", "Egresados", "Respondieron", "Tasa"]]
        rows += [[t(f"{c.group} {stats.names.get(c.group, '')[:34]}", "cell"),
                  t(state_of(c.group, {}), "cell"), n(c.eligible), n(c.answered), c.text()]
                 for c in part]
        flow += [t(title, "h3"), data_table(rows, [78 * mm, 40 * mm, 22 * mm, 24 * mm,
                                                   CONTENT_WIDTH - 164 * mm], numeric_from=2)]
    return flow


def _methodology() -> list[Flowable]:
    return [CondPageBreak(50 * mm), t("Nota metodológica", "h1"), p(
        "Cifras calculadas sobre los paquetes fusionados en la oficina central hasta la fecha "
        "del informe. Solo se analizan cuestionarios completos o verificados. Las tasas de "
        "respuesta se calculan sobre los egresados de la generación sin «baja» ni rechazo a "
        "participar. La actividad se calcula sobre quienes contestaron la pregunta de situación "
        "actual: solo estudia, solo trabaja, estudia y trabaja, ni estudia ni trabaja (suman "
        "100%). «Lic. o TSU» cuenta solo licenciatura, normal y técnico superior universitario; "
        "los cursos cortos y la preparación para exámenes no. La entidad sale de los dos primeros "
        "dígitos de la CCT y el subsistema del catálogo. Con menos de "
        f"{MIN_BASE} personas en la base, el porcentaje se omite (—). Definiciones completas: "
        "docs/indicators.md.", "lead")]


def central_story(stats: CentralStatistics) -> list[Flowable]:
    """The report's flowables, in order."""
    return [*_executive(stats), step(Spacer(1, 1), "Resumen ejecutivo"), *_coverage(stats),
            *_by(stats, "2", "Por entidad federativa", "by_state", "coverage_by_state", "Entidad"),
            step(Spacer(1, 1), "Entidades"),
            *_by(stats, "3", "Por subsistema", "by_subsystem", "coverage_by_subsystem", "Subsistema"),
            *_by(stats, "4", "Por sexo", "by_sex", "coverage_by_sex", "Sexo", chart=False),
            *_work_and_relevance(stats), *_careers_suggested(stats), *_trend(stats),
            *_change(stats), *_ranking(stats), *_methodology(),
            step(Spacer(1, 1), "Planteles")]


def render_central_report(db: Database, out: str | Path, cohort: str = "",
                          today: date | None = None, progress: Progress = no_progress,
                          cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Compute and write the consolidated report; return its number of pages."""
    from seguimiento_desktop.storage.files import atomic_output
    today = today or date.today()
    progress(0, 4, "Sumando los datos de todos los planteles…")
    stats = central_statistics(db, cohort, today)
    cancel.check()
    with atomic_output(Path(out)) as partial:
        document = CentralDocument(partial, f"Informe consolidado · {stats.cohort}", None, today,
                                   progress, cancel, 4, office=stats.office)
        return document.render(central_story(stats))
