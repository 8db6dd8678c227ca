"""Informe consolidado (PDF) for the central office: coverage, response rates and the main
indicators by state, subsystem and plantel, rankings and trends across cohorts."""

from datetime import date
from pathlib import Path

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.text import plural
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.reports.blocks import n
from seguimiento_desktop.reports.central_stats import CentralStatistics, central_statistics
from seguimiento_desktop.reports.charts import bar_chart
from seguimiento_desktop.reports.layout import (
    CONTENT_WIDTH, ReportDocument, data_table, key_figures, p, step, t)
from seguimiento_desktop.reports.pdf_style import PALETTE, percent_es_mx, spanish_date
from seguimiento_desktop.reports.statistics import MIN_BASE

TITLE = "Informe consolidado de seguimiento de egresados"
RANKED = 20
GAPS_SHOWN = 25


def _pct(value: float) -> str:
    return percent_es_mx(None if pd.isna(value) else float(value))


def _indicator_rows(frame: pd.DataFrame, label: str, first: str, count_label: str = "") -> list:
    header = [first] + ([count_label] if count_label else []) + [
        "Egresados", "Tasa C1", "Tasa C2", "Tasa C3", "Estudian (C2)", "Trabajan (C2)"]
    rows = [header]
    for _, r in frame.iterrows():
        rows.append([t(str(r[label]), "cell")] + ([n(int(r["planteles"]))] if count_label else []) +
                    [n(int(r["population"])), _pct(r["rate_C1"]), _pct(r["rate_C2"]),
                     _pct(r["rate_C3"]), _pct(r["pct_studies"]), _pct(r["pct_works"])])
    return rows


def _table(rows: list, first_width: float) -> Flowable:
    others = (CONTENT_WIDTH - first_width) / (len(rows[0]) - 1)
    return data_table(rows, [first_width] + [others] * (len(rows[0]) - 1))


def _cover(stats: CentralStatistics, today: date) -> list[Flowable]:
    national = stats.national
    return [t(TITLE, "report_title"),
            t(f"Generación {stats.cohort or '—'} · Datos fusionados al {spanish_date(today)}",
              "report_subtitle"),
            key_figures([(n(stats.enrolled), "planteles registrados"),
                         (n(stats.reporting), "planteles con datos"),
                         (n(int(national.get("population", 0))), "egresados de la generación"),
                         (_pct(national.get("rate_C2")), "respondieron C2"),
                         (_pct(national.get("pct_studies")), "estudian (C2)"),
                         (_pct(national.get("pct_works")), "trabajan (C2)")])]


def _coverage(stats: CentralStatistics) -> list[Flowable]:
    flow: list[Flowable] = [t("1. Cobertura", "h1"), p(
        f"De {n(stats.enrolled)} {plural(stats.enrolled, 'plantel registrado', 'planteles registrados')}, "
        f"{n(stats.reporting)} {plural(stats.reporting, 'ha', 'han')} enviado datos. "
        f"Paquetes faltantes detectados: {n(len(stats.gaps))}.", "lead")]
    if stats.gaps:
        rows = [["Paquetes faltantes (los primeros)"]] + [[t(g, "cell")] for g in stats.gaps[:GAPS_SHOWN]]
        flow.append(data_table(rows, [CONTENT_WIDTH], numeric_from=1))
        if len(stats.gaps) > GAPS_SHOWN:
            flow.append(p(f"… y {n(len(stats.gaps) - GAPS_SHOWN)} más (vea «central status»).", "note"))
    return flow


def _trend(stats: CentralStatistics) -> list[Flowable]:
    trend = stats.trend.sort_values("cohort")
    rows = _indicator_rows(trend, "cohort", "Generación")
    chart = bar_chart([str(c) for c in trend["cohort"]],
                      [0 if pd.isna(v) else v for v in trend["rate_C2"]], 70 * mm, PALETTE[1])
    return [CondPageBreak(60 * mm), t("2. Tendencia entre generaciones", "h1"),
            _table(rows, 30 * mm), Spacer(1, 2 * mm), t("Tasa de respuesta a C2 por generación", "h3"),
            chart]


def _grouped(stats: CentralStatistics, frame: pd.DataFrame, label: str, title: str,
             first: str) -> list[Flowable]:
    counts = stats.by_school.groupby(label).size().rename("planteles")
    frame = frame.join(counts, on=label).sort_values("rate_C2", ascending=False, na_position="last")
    chart = bar_chart([str(v) for v in frame[label]],
                      [0 if pd.isna(v) else v for v in frame["rate_C2"]], CONTENT_WIDTH * 0.55)
    # The section heading travels with its chart (it was left alone at a page foot).
    return [KeepTogether([t(title, "h1"), t("Tasa de respuesta a C2", "h3"), chart]),
            Spacer(1, 2 * mm),
            _table(_indicator_rows(frame, label, first, "Planteles"), 52 * mm)]


def _ranking(stats: CentralStatistics) -> list[Flowable]:
    eligible = stats.by_school[stats.by_school["population"] >= MIN_BASE].copy()
    eligible["label"] = eligible["cct"] + " " + eligible["name"].str.slice(0, 38)
    ordered = eligible.sort_values(["rate_C2", "population"], ascending=[False, False])
    flow: list[Flowable] = [CondPageBreak(80 * mm), t("5. Planteles: mayor y menor respuesta", "h1"),
                            p(f"Solo planteles con al menos {MIN_BASE} egresados en la generación "
                              f"({n(len(eligible))} {plural(len(eligible), 'plantel')}).", "lead")]
    for title, part in ((f"Los {RANKED} con mayor tasa de respuesta a C2", ordered.head(RANKED)),
                        (f"Los {RANKED} con menor tasa de respuesta a C2",
                         ordered.tail(RANKED).iloc[::-1])):
        flow += [t(title, "h3"), _table(_indicator_rows(part, "label", "Plantel"), 70 * mm)]
    return flow


def _methodology() -> list[Flowable]:
    return [CondPageBreak(40 * mm), t("Nota metodológica", "h1"), p(
        "Cifras calculadas sobre los paquetes fusionados en la oficina central hasta la fecha "
        "del informe; un plantel que no ha enviado sus paquetes aparece sin datos o con cifras "
        "parciales. Solo se cuentan cuestionarios completos o verificados. Las tasas se calculan "
        "sobre los alumnos de la generación registrados por cada plantel; «estudian» y "
        "«trabajan» sobre quienes contestaron C2 (quien estudia y trabaja cuenta en ambos). "
        f"Con menos de {MIN_BASE} personas en la base, el porcentaje se omite (—).", "lead")]


def render_central_report(db: Database, out: str | Path, cohort: str = "",
                          today: date | None = None, progress: Progress = no_progress,
                          cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Compute and write the consolidated report; return its number of pages."""
    from seguimiento_desktop.storage.files import atomic_output
    today = today or date.today()
    progress(0, 4, "Sumando los datos de todos los planteles…")
    stats = central_statistics(db, cohort)
    cancel.check()
    story = [*_cover(stats, today), Spacer(1, 4 * mm), *_coverage(stats), *_trend(stats),
             step(Spacer(1, 1), "Tendencias"),
             *_grouped(stats, stats.by_state, "state", "3. Por entidad federativa", "Entidad"),
             step(Spacer(1, 1), "Entidades"),
             *_grouped(stats, stats.by_subsystem, "subsystem", "4. Por subsistema", "Subsistema"),
             *_ranking(stats), *_methodology(), step(Spacer(1, 1), "Planteles")]
    with atomic_output(Path(out)) as partial:
        document = ReportDocument(partial, f"Informe consolidado · {stats.cohort}", None, today,
                                  progress, cancel, 4)
        return document.render(story)


