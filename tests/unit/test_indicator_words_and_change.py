"""The C2 → C3 change panel and free text as frequent words, on small hand-made data."""

import json

import pytest

from seguimiento_desktop.indicators.change import activity_change
from seguimiento_desktop.indicators.words import frequent_terms, terms_by_group
from seguimiento_desktop.storage.database import open_store

# (activity in C2, activity in C3 or None when C3 is missing)
PANEL = [(1, 1), (1, 3), (1, 1), (2, 2), (4, 2), (3, 1), (4, None)]


@pytest.fixture
def db(tmp_path):
    store = open_store(tmp_path / "panel.sqlite")
    with store.transaction() as conn:
        for i, (before, after) in enumerate(PANEL):
            conn.execute("INSERT INTO students(id, curp, given_names, first_surname, cohort, "
                         "school_cct, updated_at, origin) VALUES (?, ?, '', '', '2022-2025', "
                         "'14DCT0001A', 1, 'x')", [f"s{i}", f"C{i}"])
            for q, code in (("C2", before), ("C3", after)):
                if code is not None:
                    conn.execute("INSERT INTO responses(id, student_id, questionnaire, version, "
                                 "status, answers, updated_at, origin) VALUES (?, ?, ?, 1, "
                                 "'completa', ?, 1, 'x')",
                                 [f"{q}{i}", f"s{i}", q, json.dumps({"ACT_ACTUAL": code})])
    yield store.db
    store.close()


def test_change_counts_only_graduates_with_both_waves(db):
    change = activity_change(db, "2022-2025")
    assert change.base == 6
    assert change.counts[("solo_estudia", "solo_estudia")] == 2
    assert change.counts[("ni_estudia_ni_trabaja", "solo_trabaja")] == 1
    assert change.share_at("solo_estudia", "C2") == pytest.approx(3 / 6)
    assert change.share_at("solo_estudia", "C3") == pytest.approx(3 / 6)
    assert change.row_share("solo_estudia", "solo_estudia") is None  # a row of 3: suppressed


def test_frequent_terms_merge_spellings_and_prefer_phrases():
    texts = ["Energías renovables y programación", "energias renovables", "Programación web",
             "programacion", "Enfermería"]
    assert frequent_terms(texts, 3) == [("programación", 3), ("energías renovables", 2),
                                        ("enfermería", 1)]


def test_small_groups_are_left_out():
    rows = [("Contabilidad", "ciberseguridad")] * 5 + [("Electricidad", "drones")] * 4
    assert terms_by_group(rows) == {"Contabilidad": [("ciberseguridad", 5)]}
