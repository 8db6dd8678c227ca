"""The plantel report reads the same indicators as the CLI and the central office, shows
training needs, and says «pendiente» (not 0 %) for a wave not yet due."""

from datetime import date

import pytest

from seguimiento_desktop.indicators.tables import indicator_rows
from seguimiento_desktop.reports.followup_report import render_followup_report
from seguimiento_desktop.reports.followup_stats import followup_statistics, report_questions
from seguimiento_desktop.reports.frames import load_cohort
from tests.pdf_text import pdf_text

TODAY = date(2026, 11, 23)


@pytest.fixture
def plantel(workspace):
    workspace.fill_demo(150, today=TODAY)
    return workspace


@pytest.mark.parametrize("cohort", ["2022-2025", "2023-2026"])
def test_report_indicators_equal_the_sql_ones(plantel, cohort):
    db = plantel.store.db
    stats = followup_statistics(load_cohort(db, cohort, "", report_questions()), TODAY)
    for wave in ("C2", "C3"):
        sql = indicator_rows(db, wave, cohort, "carrera")
        total = stats.indicators[wave]
        assert total.n == sum(r.n for r in sql)
        for key, (numerator, base) in total.counts.items():
            assert (numerator, base) == (sum(r.counts[key][0] for r in sql),
                                         sum(r.counts[key][1] for r in sql)), (wave, key)


def test_pending_wave_and_training_needs_in_the_pdf(plantel, tmp_path):
    stats = followup_statistics(load_cohort(plantel.store.db, "2023-2026", "", report_questions()),
                                TODAY)
    c3 = next(r for r in stats.rates if r.questionnaire == "C3")
    assert c3.pending and c3.rate is None
    assert any(d.question_id == "COMPETENCIAS_FALTANTES" for d in stats.needs)
    out = tmp_path / "informe.pdf"
    render_followup_report(out, stats, plantel.school(), TODAY)
    text = pdf_text(out)
    assert "pendiente" in text and "Indicadores de la estrategia" in text
    assert "Necesidades de formación" in text and "Estudia licenciatura o TSU" in text
