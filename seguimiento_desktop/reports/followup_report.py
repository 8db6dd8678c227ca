"""The Informe de seguimiento (PDF): a cohort's participation, where its graduates went
and what they think of their training, for directors and supervisors."""

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.indicators.definitions import shares_for
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.reports.blocks import (
    CHART_WIDTH, crosstab_block, distribution_block, n, scale_block)
from seguimiento_desktop.reports.charts import bar_chart, pie_chart
from seguimiento_desktop.reports.followup_stats import FollowupStatistics
from seguimiento_desktop.reports.layout import (
    CONTENT_WIDTH, ReportDocument, data_table, key_figures, p, side_by_side, step, t)
from seguimiento_desktop.reports.layout import label as layout_label
from seguimiento_desktop.reports.pdf_style import percent_es_mx, spanish_date
from seguimiento_desktop.reports.statistics import MIN_BASE, share

TITLE = "Informe de seguimiento de egresados"
WAVE_NAMES = {"C1": "C1 (al egresar)", "C2": "C2 (6 meses)", "C3": "C3 (18 meses)"}


def _cover(stats: FollowupStatistics, school: School | None, today: date) -> list[Flowable]:
    scope = f"Generación {stats.cohort}" + (f" · Carrera: {stats.career}" if stats.career else
                                           " · Todas las carreras")
    flow: list[Flowable] = [t(TITLE, "report_title"), t(scope, "report_subtitle")]
    if school:
        rows = [["Plantel", t(f"{school.name} (CCT {school.cct})")],
                ["Subsistema", t(school.subsystem or "—")],
                ["Ubicación", t(", ".join(x for x in (school.municipality, school.state) if x) or "—")],
                ["Turno", t(school.shift or "—")], ["Datos al", spanish_date(today)]]
        flow += [data_table([["Datos del plantel", ""]] + rows, [35 * mm, CONTENT_WIDTH - 35 * mm],
                            numeric_from=2), Spacer(1, 4 * mm)]
    graduated = not any(r.pending for r in stats.rates if r.questionnaire == "C2")
    figures = [(n(stats.population), ("egresados" if graduated else "alumnos") + " de la generación")]
    figures += [(_rate(r), f"respondieron {r.questionnaire}") for r in stats.rates]
    flow.append(key_figures(figures))
    return flow


def _rate(rate) -> str:
    """«pendiente» for a wave whose window has not opened (never a 0 %)."""
    return "pendiente" if rate.pending else percent_es_mx(rate.rate)


def _indicators(stats: FollowupStatistics) -> list[Flowable]:
    """The strategy's indicators (docs/indicators.md), the same the central office sees."""
    pending = {r.questionnaire for r in stats.rates if r.pending}
    rows = [["Indicador", "6 meses (C2)", "18 meses (C3)"]]
    for indicator in shares_for("C2"):
        rows.append([t(indicator.label, "cell")] + [
            "pendiente" if w in pending else
            percent_es_mx(None if stats.indicators[w].share(indicator.key) is None
                          else 100 * stats.indicators[w].share(indicator.key))
            for w in ("C2", "C3")])
    rows.append([t("Personas que respondieron (n)", "cell"),
                 *[n(stats.indicators[w].n) for w in ("C2", "C3")]])
    return [KeepTogether([
        t("Indicadores de la estrategia", "h3"),
        p("Las mismas definiciones que usa la oficina central: la actividad suma 100% de "
          "quienes contestaron; «licenciatura o TSU» no cuenta cursos cortos ni preparación "
          "para exámenes; los indicadores de trabajo, sobre quienes trabajan.", "note"),
        data_table(rows, [CONTENT_WIDTH - 60 * mm, 30 * mm, 30 * mm])])]


def _participation(stats: FollowupStatistics) -> list[Flowable]:
    rows = [["Cuestionario", "Población", "Completos", "Parciales", "Tasa"]]
    rows += [[t(r.title), n(r.population), n(r.finished), n(r.partial), _rate(r)]
             for r in stats.rates]
    chart = bar_chart([WAVE_NAMES[r.questionnaire] for r in stats.rates],
                      [r.rate or 0 for r in stats.rates], 64 * mm)
    table = data_table(rows, [50 * mm, 17 * mm, 18 * mm, 16 * mm, 15 * mm])
    return [t("1. Participación", "h1"),
            p("Solo los cuestionarios completos o verificados entran en las estadísticas; los "
              "parciales se cuentan aquí pero no se analizan.", "lead"),
            side_by_side(table, chart, CONTENT_WIDTH - 64 * mm)]


def _activity(stats: FollowupStatistics) -> list[Flowable]:
    current = stats.activity[stats.wave]
    flow: list[Flowable] = [CondPageBreak(80 * mm), t("2. Actividad actual", "h1"),
                            p(f"Situación de los egresados en el cuestionario más reciente con "
                              f"respuestas: <b>{WAVE_NAMES[stats.wave]}</b>.", "lead")]
    rows = [["Actividad", "n C2", "% C2", "n C3", "% C3"]]
    for i, (label, _) in enumerate(current.rows):
        cells = [layout_label(label)]
        for wave in ("C2", "C3"):
            count = stats.activity[wave].rows[i][1]
            cells += [n(count), percent_es_mx(stats.activity[wave].percent(count))]
        rows.append(cells)
    rows.append([t("Respondieron", "td_bold"), n(stats.activity["C2"].base), "",
                 n(stats.activity["C3"].base), ""])
    shares = [0 if current.suppressed else (current.percent(c) or 0) for _, c in current.rows]
    pie = pie_chart([label for label, _ in current.rows], shares, CHART_WIDTH)
    table = data_table(rows, [CONTENT_WIDTH - CHART_WIDTH - 56 * mm, 14 * mm, 14 * mm, 14 * mm,
                              14 * mm], total_row=True)
    flow.append(side_by_side(pie, table, CHART_WIDTH))
    if len(stats.activity_by_career.row_labels) > 1:  # one carrera: the overall table says it
        flow += crosstab_block(stats.activity_by_career, "Carrera")
    flow += crosstab_block(stats.activity_by_sex, "Sexo")
    return flow + [Spacer(1, 3 * mm), *_indicators(stats)]


def _section(title: str, intro: str, blocks: list[Flowable]) -> list[Flowable]:
    # The heading travels with the first block: it was left alone at a page foot.
    return [KeepTogether([t(title, "h1"), p(intro, "lead"), *blocks[:1]]), *blocks[1:]]


def _opinion(stats: FollowupStatistics) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(120 * mm), t("5. Opinión sobre la formación", "h1")]
    titles = {"C1": "Al egresar (C1): calificación de cada aspecto del plantel",
              "C2": "A los 6 meses (C2): utilidad de la formación",
              "C3": "A los 18 meses (C3): utilidad de la formación"}
    for questionnaire, summaries in stats.opinion.items():
        flow += scale_block(titles[questionnaire], summaries)
    if stats.needs:
        flow += [t("Necesidades de formación", "h3"),
                 p("Lo que los egresados dicen que les faltó aprender y lo que sugieren mejorar "
                   "(pueden elegir varias opciones: los porcentajes suman más de 100%).", "note")]
        flow += [distribution_block(d) for d in stats.needs]
    return flow


def _expectations(stats: FollowupStatistics) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(90 * mm), t("6. Expectativas al egresar y lo que pasó", "h1"),
                            p("Se comparan los planes declarados en C1 con la actividad reportada "
                              "después, solo para quienes contestaron ambos cuestionarios.", "lead")]
    for e in stats.expectations:
        if not e.table.total:
            flow += [t(e.table.title, "h3"), p("Todavía no hay egresados con C1 y "
                                               f"{e.wave} contestados.", "note")]
            continue
        study, work = share(e.then_studies, e.planned_study), share(e.then_works, e.planned_work)
        flow += crosstab_block(e.table, "Plan en C1", chart=False)
        flow.append(p(f"De {n(e.planned_study)} que planeaban estudiar, {n(e.then_studies)} "
                      f"estudian ({percent_es_mx(study)}); de {n(e.planned_work)} que planeaban "
                      f"trabajar, {n(e.then_works)} trabajan ({percent_es_mx(work)}).", "lead"))
    return flow


def _change(stats: FollowupStatistics) -> list[Flowable]:
    flow: list[Flowable] = [CondPageBreak(80 * mm), t("7. Cambio entre C2 y C3", "h1")]
    if stats.change is None or not stats.change.total:
        return flow + [p("Todavía no hay egresados que hayan contestado C2 y C3.", "note")]
    flow += crosstab_block(stats.change, "Actividad en C2", chart=False)
    rows = [["Indicador", "Egresados con C2 y C3", "En C2", "En C3"]]
    for name, base, before, after in stats.change_indicators:
        rows.append([name, n(base), f"{percent_es_mx(share(before, base))} ({n(before)})",
                     f"{percent_es_mx(share(after, base))} ({n(after)})"])
    flow += [Spacer(1, 2 * mm), data_table(rows, [40 * mm, 40 * mm, 35 * mm, 35 * mm])]
    return flow


def _methodology(stats: FollowupStatistics) -> list[Flowable]:
    rates = "; ".join(f"{r.questionnaire}: {n(r.finished)} de {n(r.population)} "
                      f"({percent_es_mx(r.rate)})" for r in stats.rates)
    text = (f"<b>Población:</b> los {n(stats.population)} alumnos de la generación {escape(stats.cohort)}"
            f"{' de la carrera ' + escape(stats.career) if stats.career else ''} registrados en el "
            f"directorio del plantel. <b>Quién respondió:</b> {rates}. Solo se analizan cuestionarios "
            "completos o verificados. <b>Cautela:</b> quienes responden no son una muestra "
            "aleatoria; los egresados localizados suelen diferir de los no localizados, así que "
            "las cifras describen a quienes respondieron, no a toda la generación. Cada porcentaje "
            "se calcula sobre quienes contestaron esa pregunta (n). Cuando n es menor que "
            f"{MIN_BASE}, se omiten porcentajes y promedios (—) para no dar cifras engañosas ni "
            "identificar personas.")
    return [CondPageBreak(50 * mm), t("Nota metodológica", "h1"), p(text, "lead")]


def followup_story(stats: FollowupStatistics, school: School | None, today: date) -> list[Flowable]:
    """The report's flowables, in reading order (steps marked for the progress bar)."""
    continuation = [distribution_block(d) for d in stats.continuation]
    employment = [distribution_block(d) for d in stats.employment]
    wave = WAVE_NAMES[stats.wave]
    return [
        *_cover(stats, school, today), Spacer(1, 4 * mm), *_participation(stats),
        step(Spacer(1, 1), "Participación"), *_activity(stats), step(Spacer(1, 1), "Actividad"),
        *_section("3. Continuación de estudios", f"Egresados que estudian, según {wave}.",
                  continuation), step(Spacer(1, 1), "Estudios"),
        *_section("4. Empleo", f"Egresados que trabajan, según {wave}.", employment),
        step(Spacer(1, 1), "Empleo"), *_opinion(stats), step(Spacer(1, 1), "Opinión"),
        *_expectations(stats), *_change(stats), *_methodology(stats),
        step(Spacer(1, 1), "Nota metodológica")]


REPORT_STEPS = 5


def render_followup_report(path: str | Path, stats: FollowupStatistics, school: School | None,
                           today: date, progress: Progress = no_progress,
                           cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Write the Informe de seguimiento to ``path``; return its number of pages."""
    title = f"Informe de seguimiento · Generación {stats.cohort}"
    document = ReportDocument(path, title, school, today, progress, cancel, REPORT_STEPS)
    return document.render(followup_story(stats, school, today))


