"""The central office's consolidated report, on a small merged database built by hand."""

import json
from datetime import date

import pytest

from seguimiento_desktop.reports.central_report import render_central_report
from seguimiento_desktop.indicators.coverage import Coverage
from seguimiento_desktop.reports.central_stats import central_statistics
from seguimiento_desktop.storage.database import open_store
from tests.pdf_text import pdf_text

# Plantel A (Jalisco): 6 graduates, all answered C2: activities 1,1,2,3,4,4.
# Plantel B (CCT 09…, state from the CCT): 4 graduates, 2 answered C2: 1, 2.
# Plantel C: enrolled, nothing merged yet.
PLANTELES = {"14DCT0001A": ("Plantel A", "Jalisco", [1, 1, 2, 3, 4, 4]),
             "09DCT0002B": ("Plantel B", "", [1, 2, None, None]),
             "21DCT0003C": ("Plantel C", "Puebla", [])}


@pytest.fixture
def central_db(tmp_path):
    store = open_store(tmp_path / "central.sqlite")
    db = store.db
    serial = 0
    with store.transaction():
        db.execute("INSERT INTO settings VALUES ('central.name', 'Oficina de prueba')")
        for i, (cct, (name, state, activities)) in enumerate(PLANTELES.items()):
            db.execute("INSERT INTO sync_installations VALUES (?, ?, ?, '', '', '', ?, NULL)",
                       [f"inst-{i}", cct, json.dumps({"name": name, "state": state,
                                                      "subsystem": "CECyTE"}), "2026-01-01"])
            for activity in activities:
                serial += 1
                db.execute("INSERT INTO students(id, curp, given_names, first_surname, cohort, "
                           "school_cct, updated_at, origin) VALUES (?, ?, '', '', '2022-2025', ?, "
                           "1, 'x')", [f"s{serial}", f"S-{serial}", cct])
                if activity is not None:
                    db.execute("INSERT INTO responses(id, student_id, questionnaire, version, "
                               "status, answers, updated_at, origin) VALUES (?, ?, 'C2', 1, "
                               "'completa', ?, 1, 'x')",
                               [f"r{serial}", f"s{serial}", json.dumps({"ACT_ACTUAL": activity})])
    yield store
    store.close()


TODAY = date(2026, 6, 1)  # C2 of 2022-2025 closed in November 2025; its C3 opens in October


def test_coverage_rates_and_indicators_by_state(central_db):
    stats = central_statistics(central_db.db, today=TODAY)
    assert (stats.cohort, stats.enrolled, stats.reporting) == ("2022-2025", 3, 2)
    assert stats.office == "Oficina de prueba"
    c2 = stats.coverage["C2"]
    assert (c2.eligible, c2.answered) == (10, 8) and c2.rate == pytest.approx(0.8)
    total = stats.waves["C2"].total
    assert total.n == 8 and total.share("solo_estudia") == pytest.approx(3 / 8)
    assert total.share("estudia_y_trabaja") == pytest.approx(1 / 8)
    states = {r.group: r for r in stats.waves["C2"].by_state}
    assert states["Jalisco"].share("ni_estudia_ni_trabaja") == pytest.approx(2 / 6)
    assert states["Ciudad de México"].n == 2  # state taken from the CCT
    assert states["Ciudad de México"].suppressed and states["Ciudad de México"].share("solo_estudia") is None
    assert [r.group for r in stats.waves["C2"].by_subsystem] == [
        "CECyTE (Colegio de Estudios Científicos y Tecnológicos)"]


def test_a_wave_not_yet_due_is_pending(central_db):
    stats = central_statistics(central_db.db, today=TODAY)
    assert stats.coverage["C3"].pending and stats.coverage["C3"].text() == "pendiente"
    assert stats.trend["2022-2025"]["C3"].text() == "pendiente"


def _cells(count: int) -> dict[str, Coverage]:
    return {f"14DCT{i:04d}A": Coverage("2022-2025", "C2", f"14DCT{i:04d}A", 20, i, "vencido")
            for i in range(count)}


@pytest.mark.parametrize("count", [3, 9])
def test_no_ranking_without_enough_planteles(central_db, count):
    stats = central_statistics(central_db.db, today=TODAY)
    stats.coverage_by_school["C2"] = _cells(count)
    assert stats.ranking("C2") == ([], [])


@pytest.mark.parametrize("count", [10, 13, 60])
def test_top_and_bottom_never_share_a_plantel(central_db, count):
    stats = central_statistics(central_db.db, today=TODAY)
    stats.coverage_by_school["C2"] = _cells(count)
    top, bottom = stats.ranking("C2")
    assert top and len(top) == len(bottom) == min(20, count // 2)
    assert not {c.group for c in top} & {c.group for c in bottom}
    assert top[0].answered == count - 1 and bottom[0].answered == 0


def test_consolidated_pdf(central_db, tmp_path):
    out = tmp_path / "consolidado.pdf"
    pages = render_central_report(central_db.db, out, today=TODAY)
    text = pdf_text(out)
    assert pages >= 2 and "Informe consolidado de seguimiento de egresados" in text
    assert "Oficina de prueba" in text and "¿Qué hacen los egresados después del plantel?" in text
    assert "6 meses (C2)" in text and "18 meses (C3)" in text and "pendiente" in text
    assert "Jalisco" in text and "80.0%" in text and "Por subsistema" in text
    assert "No se ordenan planteles" in text  # two planteles with data: nothing to rank
