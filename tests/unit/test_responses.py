"""Saving responses through the engine, opening cases, CSV import and keyer statistics."""

import random

import pytest

from seguimiento_desktop.domain.models import Response, StudentQuery, folio
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers


@pytest.fixture
def plantel(workspace):
    workspace.fill_demo(40, with_followup=False)
    return workspace


def graduate(ws):
    return ws.find_students(StudentQuery(cohort=ws.facets().cohorts[1]))[0]


def test_a_full_paper_is_complete_and_a_half_one_partial(plantel):
    student = graduate(plantel)
    definition = plantel.definition("C2")
    answers = synthetic_answers(definition, random.Random(4))
    full = plantel.save_response(Response(student.id, "C2", definition.version, answers))
    assert full.status == "completa" and full.completed_at
    half = dict(list(answers.items())[:3])
    again = plantel.save_response(Response(student.id, "C2", definition.version, half))
    assert again.status == "parcial" and again.id == full.id and not again.completed_at


def test_answers_to_skipped_questions_are_not_kept(plantel):
    student = graduate(plantel)
    definition = plantel.definition("C2")
    answers = synthetic_answers(definition, random.Random(9),
                                profile={"ACT_ACTUAL": {4: 1}})  # ni estudia ni trabaja
    answers["INGRESO"] = 3  # an income for someone who does not work: must be dropped
    saved = plantel.save_response(Response(student.id, "C2", definition.version, answers))
    assert "INGRESO" not in saved.answers
    assert plantel.response_for(student.id, "C2").answers == saved.answers


def test_a_case_opens_by_folio_curp_or_name(plantel):
    student = graduate(plantel)
    by_folio = plantel.open_case(folio("C2", student.seq).lower())
    assert [c.student.id for c in by_folio] == [student.id] and by_folio[0].questionnaire == "C2"
    assert plantel.open_case(student.curp, "C3")[0].questionnaire == "C3"
    by_name = plantel.open_case(student.first_surname.lower())
    assert student.id in {c.student.id for c in by_name}
    assert plantel.open_case("C2-999999") == []


def write_csv(path, header, rows):
    path.write_text("\n".join(";".join(map(str, r)) for r in [header, *rows]), encoding="utf-8-sig")
    return path


def test_csv_import_reports_every_bad_answer_and_imports_nothing(plantel, tmp_path):
    people = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[:3]
    csv_path = write_csv(tmp_path / "c2.csv", ["curp", "DATOS_CAMBIARON", "ACT_ACTUAL"], [
        [people[0].curp, 1, 1], [people[1].curp, 1, 7], ["XXXX", 1, 2]])
    report = plantel.import_responses(csv_path, "C2")
    assert report.imported == 0
    assert {(p.row, p.question) for p in report.problems} == {(3, "ACT_ACTUAL"), (4, "curp")}
    assert plantel.find_responses("C2") == []


def test_csv_import_of_good_rows_by_folio_and_curp(plantel, tmp_path):
    people = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[:2]
    csv_path = write_csv(tmp_path / "c2.csv", ["folio", "DATOS_CAMBIARON", "ACT_ACTUAL"], [
        [folio("C2", people[0].seq), 1, 4], [folio("C2", people[1].seq), 1, 2]])
    report = plantel.import_responses(csv_path, "C2")
    assert (report.imported, report.partial, report.problems) == (2, 2, [])
    assert {r.answers["ACT_ACTUAL"] for r in plantel.find_responses("C2")} == {4, 2}


def test_unknown_columns_are_named(plantel, tmp_path):
    csv_path = write_csv(tmp_path / "c2.csv", ["curp", "PREGUNTA_FANTASMA"], [["X", 1]])
    with pytest.raises(Exception, match="PREGUNTA_FANTASMA"):
        plantel.import_responses(csv_path, "C2")


def test_keyer_statistics_per_hour_and_per_thousand(plantel):
    plantel.record_keying("r1", "ANA", "captura", "", seconds=1800, keystrokes=900, errors=0)
    plantel.record_keying("r2", "ANA", "captura", "", seconds=1800, keystrokes=1100, errors=3)
    stats = {s.keyer: s for s in plantel.keyer_statistics()}["ANA"]
    assert stats.questionnaires_per_hour == pytest.approx(2.0)
    assert stats.keystrokes_per_hour == pytest.approx(2000)
    assert stats.errors_per_thousand == pytest.approx(1.5)


def test_demo_followup_follows_the_calendar(workspace):
    from datetime import date
    workspace.fill_demo(60, today=date(2026, 11, 23))
    cohorts = workspace.facets().cohorts  # 2022-2025, 2023-2026, 2024-2027
    assert workspace.find_responses("C1", cohorts[2]) == []  # its C1 opens in May 2027
    assert workspace.find_responses("C3", cohorts[1]) == []  # its C3 opens in Oct 2027
    c1 = workspace.find_responses("C1", cohorts[1])
    assert 0.7 < len(c1) / 20 <= 1.0
    assert all(r.status in ("completa", "verificada") for r in c1)
