"""The Informe de seguimiento's numbers, checked against a plantel computed by hand."""

import pytest

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.reports.statistics import MIN_BASE
from tests.report_plantel import COHORT, build_small_plantel


@pytest.fixture
def stats(workspace):
    build_small_plantel(workspace)
    return workspace.followup_statistics(COHORT)


def _rows(distribution):
    return dict(distribution.rows)


def test_response_rates_count_finished_and_partial_apart(stats):
    rates = {r.questionnaire: r for r in stats.rates}
    assert stats.population == 8
    assert (rates["C1"].finished, rates["C1"].partial, rates["C1"].rate) == (6, 1, 75.0)
    assert (rates["C2"].finished, rates["C2"].rate) == (6, 75.0)
    assert (rates["C3"].finished, rates["C3"].rate) == (3, 37.5)


def test_activity_in_c2_with_percentages(stats):
    c2 = stats.activity["C2"]
    assert _rows(c2) == {"Solo estudio": 2, "Solo trabajo": 2, "Estudio y trabajo": 1,
                         "No estudio ni trabajo": 1}
    assert c2.base == 6 and c2.percent(2) == pytest.approx(100 * 2 / 6)


def test_latest_wave_is_current_and_small_bases_suppress_percentages(stats):
    assert stats.wave == "C3" and MIN_BASE == 5
    c3 = stats.activity["C3"]
    assert c3.base == 3 and c3.suppressed and c3.percent(1) is None
    by_sex = stats.activity_by_sex
    assert by_sex.row_labels == ("Mujer", "Hombre")
    assert by_sex.counts == ((1, 0, 1, 0), (0, 1, 0, 0))
    assert set(by_sex.suppressed_rows) == {"Mujer", "Hombre"} and by_sex.percent(0, 0) is None


def test_reasons_for_not_studying_count_each_option_of_a_multiple_answer(stats):
    reasons = next(d for d in stats.continuation if d.question_id == "RAZON_NO_ESTUDIA")
    assert reasons.multiple and reasons.base == 1
    assert _rows(reasons)["Falta de dinero"] == 1 and _rows(reasons)["Necesito trabajar"] == 1
    assert sum(count for _, count in reasons.rows) == 2


def test_opinion_mean_leaves_out_not_applicable(stats):
    teachers = next(s for s in stats.opinion["C1"] if s.question_id == "OP_DOCENTES")
    assert teachers.counts == (0, 1, 1, 2, 1) and teachers.not_applicable == 1
    assert teachers.mean == pytest.approx((5 + 4 + 4 + 3 + 2) / 5)


def test_c1_plans_against_c2_activity_for_the_same_students(stats):
    c2 = next(e for e in stats.expectations if e.wave == "C2")
    assert (c2.planned_study, c2.then_studies) == (3, 2)
    assert (c2.planned_work, c2.then_works) == (3, 2)
    plan_row = c2.table.row_labels.index("Todavía no lo decido")
    assert c2.table.counts[plan_row] == (0, 0, 1, 0)


def test_change_between_c2_and_c3_for_the_panel(stats):
    assert stats.change.total == 3
    assert stats.change_indicators == [("Estudia", 3, 2, 2), ("Trabaja", 3, 1, 2)]


def test_sector_groups_come_from_the_scian_catalog(workspace):
    build_small_plantel(workspace)
    from seguimiento_desktop.reports.followup_stats import followup_statistics
    from seguimiento_desktop.reports.frames import load_cohort
    data = load_cohort(workspace.store.db, COHORT)
    data.answers["C3"] = data.answers["C3"].iloc[0:0]  # pretend C3 has not started: C2 is current
    stats = followup_statistics(data)
    groups = _rows(stats.employment[0])
    assert stats.wave == "C2" and groups["Industrial"] == 2 and groups["Comercio"] == 1
    assert stats.employment[0].percent(2) is None  # 3 workers: under the threshold


def test_a_carrera_restricts_the_population(workspace):
    build_small_plantel(workspace)
    stats = workspace.followup_statistics(COHORT, "Programación")
    assert stats.population == 4
    assert _rows(stats.activity["C2"]) == {"Solo estudio": 2, "Solo trabajo": 1,
                                           "Estudio y trabajo": 0, "No estudio ni trabajo": 1}


def test_unknown_cohort_or_carrera_is_a_spanish_error(workspace):
    build_small_plantel(workspace)
    with pytest.raises(InvalidData, match="Generaciones disponibles: 2022-2025"):
        workspace.followup_statistics("2030-2033")
    with pytest.raises(InvalidData, match="Carreras: Contabilidad, Programación"):
        workspace.followup_statistics(COHORT, "Soldadura")
