"""The central office's consolidated report, on a small merged database built by hand."""

import json

import pytest

from seguimiento_desktop.reports.central_report import render_central_report
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


def test_coverage_rates_and_indicators_by_state(central_db):
    stats = central_statistics(central_db.db)
    assert (stats.cohort, stats.enrolled, stats.reporting) == ("2022-2025", 3, 2)
    national = stats.national
    assert national["population"] == 10 and national["rate_C2"] == pytest.approx(80.0)
    assert national["pct_studies"] == pytest.approx(50.0)  # A: 3 of 6, B: 1 of 2
    states = stats.by_state.set_index("state")
    assert states.loc["Jalisco", "rate_C2"] == pytest.approx(100.0)
    assert states.loc["Jalisco", "pct_works"] == pytest.approx(100 * 2 / 6)
    assert states.loc["Ciudad de México", "population"] == 4  # state taken from the CCT
    assert states["rate_C2"].isna()["Ciudad de México"]  # 4 graduates: suppressed


def test_consolidated_pdf(central_db, tmp_path):
    out = tmp_path / "consolidado.pdf"
    pages = render_central_report(central_db.db, out)
    text = pdf_text(out)
    assert pages >= 2 and "Informe consolidado de seguimiento de egresados" in text
    assert "planteles registrados" in text and "Jalisco" in text and "80.0%" in text
    assert "Por subsistema" in text and "CECyTE" in text
