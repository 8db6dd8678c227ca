"""Questionnaire versions: older answers keep their version, read with the definition they
were keyed with, and compare with newer ones through the crosswalk."""

import pytest

from seguimiento_desktop.questionnaires import crosswalk
from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.loader import bundled_versions, load_definition


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_every_bundled_version_loads_and_the_latest_is_in_force(questionnaire):
    versions = bundled_versions(questionnaire)
    assert versions[0] == 1 and versions[-1] == load_definition(questionnaire).version
    for version in versions:
        assert load_definition(questionnaire, version).version == version


def test_an_unknown_version_reads_with_the_version_in_force():
    assert load_definition("C2", 999) is load_definition("C2")


def test_a_crosswalk_step_renames_recodes_and_drops(monkeypatch):
    step = {"from": 1, "to": 2, "renamed": {"OLD": "NEW"},
            "recoded": {"OLD": {"3": 4}, "LIST": {"1": 7}}, "removed": ["GONE"]}
    monkeypatch.setattr(crosswalk, "_steps", lambda _id: (step,))
    answers = {"OLD": 3, "OLD.otro_3": "x", "LIST": [1, 2], "GONE": 1, "KEPT": "a"}
    assert crosswalk.upgrade_answers("C2", 1, answers, to_version=2) == {
        "NEW": 4, "NEW.otro_4": "x", "LIST": [2, 7], "KEPT": "a"}
    assert crosswalk.upgrade_answers("C2", 2, answers, to_version=2) == answers


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_every_crosswalk_step_names_questions_that_exist(questionnaire):
    for step in crosswalk._steps(questionnaire):
        before = load_definition(questionnaire, step["from"])
        after = load_definition(questionnaire, step["to"])
        assert all(before.has_question(old) and after.has_question(new)
                   for old, new in step.get("renamed", {}).items())
        assert all(before.has_question(q) and not after.has_question(q)
                   for q in step.get("removed", ()))
        assert all(after.has_question(q) for q in step.get("notes", {}))


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_complete_older_answers_upgrade_into_the_version_in_force(questionnaire):
    import random
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    current = load_definition(questionnaire)
    for version in bundled_versions(questionnaire):
        old = load_definition(questionnaire, version)
        for seed in range(20):
            answers = synthetic_answers(old, random.Random(seed))
            assert evaluate(old, answers).complete
            upgraded = crosswalk.upgrade_answers(questionnaire, version, answers)
            evaluate(current, upgraded)  # no answer left without a question


def test_an_export_lines_up_version_1_and_version_2_answers():
    import random
    from seguimiento_desktop.exports.tables import codebook, response_table
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    current, old = load_definition("C2"), load_definition("C2", 1)
    student = ("s1", "CURP", "ANA", "RUIZ", "SOTO", "M", "2023-2026", "Programación", "6A",
               "", "", "", "", 1)
    older = synthetic_answers(old, random.Random(3), profile={"ACT_ACTUAL": {4: 1}})
    newer = synthetic_answers(current, random.Random(3), profile={"ACT_ACTUAL": {4: 1}})
    rows = [("s1", "completa", "papel", "2025-11-01", older),
            ("s2", "completa", "papel", "2026-11-01", newer)]
    table = response_table(current, {"s1": student, "s2": ("s2",) + student[1:]}, rows,
                           versions={"s1": 1, "s2": current.version})
    assert list(table["version"]) == [1, current.version]
    assert table.loc[0, "HA_TRABAJADO"] is None or str(table.loc[0, "HA_TRABAJADO"]) in ("<NA>", "nan")
    assert list(table["ACT_ACTUAL"]) == [4, 4]
    book = codebook([current])
    since = book.drop_duplicates("Variable").set_index("Variable")["Desde versión"]
    assert since["ACT_ACTUAL"] == 1 and since["HA_TRABAJADO"] == 2
    notes = book.drop_duplicates("Variable").set_index("Variable")["Entre versiones"]
    assert "ACT_ACTUAL 2 o 3" in notes["TIEMPO_PRIMER_EMPLEO"]
    assert set(book[book["Variable"] == "FUNCION"]["Impreso"]) >= {"01", "10", "99"}
    assert list(book[book["Variable"] == "REQUISITOS"]["Impreso"]) == list("abcdefgh")
    assert "después de «¿Cómo conseguiste" in notes["REQUISITOS"]


def test_papers_printed_before_version_3_keep_their_list_codes():
    """A version 2 response is continued and verified with version 2, whose paper printed
    codes beside the boxes of a list; version 3 prints letters and stores the same codes."""
    from seguimiento_desktop.gui.capture.keying import parse_value
    from seguimiento_desktop.questionnaires.widths import printed_code
    current, before = load_definition("C2"), load_definition("C2", 2)
    assert current.version == 3 and before.version == 2
    old, new = before.question("REQUISITOS"), current.question("REQUISITOS")
    assert not old.lettered and printed_code(old, 99) == "99" and parse_value(old, "1 99") == [1, 99]
    assert new.lettered and printed_code(new, 99) == "h" and parse_value(new, "ah") == [1, 99]
    assert [o.code for o in old.options] == [o.code for o in new.options]
