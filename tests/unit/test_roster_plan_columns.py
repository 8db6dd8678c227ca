"""The import's column-at-a-time checks decide exactly what the per-row checks decide.

``plan_columns`` (what the importer runs) against ``plan_import`` (every row through
``check_fields``) on generated hostile lists: repeated and mistyped CURPs, names that do
not give the CURP's letters, odd e-mails and phones, whole names to split, birth dates
that disagree, students already in the directory. Same rejections with the same messages,
same warnings, same counts, same students to write.
"""

import math
import uuid
from dataclasses import replace
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings, strategies as st

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.curp import (
    CHECK_ALPHABET, age_warning, build_curp, curp_problem, name_mismatch, names_give_curps,
    normalize_curp, normalize_curps, plain_curps)
from seguimiento_desktop.domain.ids import HybridClock, uuid7_many
from seguimiento_desktop.domain.text import fold, fold_many
from seguimiento_desktop.roster.cells import cell_text, column_text
from seguimiento_desktop.roster.headers import HeaderInfo
from seguimiento_desktop.roster.plan import NEW_FIELDS, plan_columns, plan_import
from seguimiento_desktop.roster.rows import DataColumns, data_columns, data_rows

COHORT = "2023-2026"
TODAY = date(2026, 3, 1)
POOL = list(demo_students(40, (COHORT,), seed=21))
FIELDS = ("curp", "given_names", "first_surname", "second_surname", "full_name", "career",
          "group", "shift", "email", "phone", "home_phone", "birth_date")


def _mutated(curp: str, index: int, char: str) -> str:
    return curp[:index] + char + curp[index + 1:]


curps = st.one_of(
    st.sampled_from([s.curp for s in POOL]),
    st.builds(_mutated, st.sampled_from([s.curp for s in POOL]), st.integers(0, 17),
              st.sampled_from(CHECK_ALPHABET + "Ñ a-")),
    st.sampled_from([POOL[0].curp.lower(), f" {POOL[1].curp[:9]}-{POOL[1].curp[9:]}", "",
                     "XEXX010101HNEXXXA4", POOL[2].curp[:17], "٣" * 18]),
)
names = st.one_of(st.sampled_from(sorted({s.given_names for s in POOL} | {s.first_surname
                                                                            for s in POOL})),
                  st.sampled_from(["", "  maría   josé ", "DE LA CRUZ", "Ma. Luisa", ".", "Ñ",
                                   "O'Connor", "José\tLuis"]))
emails = st.sampled_from(["", "ana@gmail.com", "Ana.Paz@Hotmail.COM", "sin arroba",
                          "a@b", "x@y.mx ", "ñ@correo.mx"])
phones = st.one_of(st.sampled_from(["", "3312345678", "33 1234 5678", "+52 33 1234 5678",
                                    "12345", "٣٣١٢٣٤٥٦٧٨", "044 33 1234 5678"]),
                   st.integers(10**9, 10**10 - 1).map(str))
births = st.sampled_from(["", "15/03/2007", "2007-03-15", "39156", "mañana", "31/02/2007"])
texts = st.sampled_from(["", "Programación", "  6A ", "Matutino", "CONTABILIDAD  "])


@st.composite
def rosters(draw):
    """Columns of a list (some fields mapped, some not) and the directory's students."""
    count = draw(st.integers(0, 30))
    mapped = {"curp", "given_names", "first_surname"} | draw(st.sets(st.sampled_from(FIELDS)))
    keys = [key for key in FIELDS if key in mapped]
    pool = draw(st.lists(st.sampled_from(POOL), min_size=count, max_size=count,
                         unique_by=lambda s: s.curp))
    columns = {key: [_real(student, key) for student in pool] for key in keys}
    for i in range(count):  # about half the rows get one or two hostile cells
        for key in draw(st.sets(st.sampled_from(keys), max_size=2)) if draw(st.booleans()) else ():
            strategy = {"curp": curps, "email": emails, "phone": phones, "home_phone": phones,
                        "birth_date": births}.get(key, names if "name" in key else texts)
            columns[key][i] = draw(strategy)
        if draw(st.integers(0, 9)) == 0:  # a valid CURP of the row's own name, too old or young
            student = pool[i]
            columns["curp"][i] = build_curp(
                student.given_names, student.first_surname, student.second_surname,
                draw(st.sampled_from([date(1955, 9, 2), date(2014, 8, 1), date(2011, 8, 2)])),
                student.sex, "JC")
    for copy, of in draw(st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=3)):
        if count and copy % count != of % count:  # a student listed twice
            for key in keys:
                columns[key][copy % count] = columns[key][of % count]
    stored = draw(st.lists(st.sampled_from(POOL), max_size=6, unique_by=lambda s: s.curp))
    existing = {s.curp: replace(s, id=f"id-{i}", deleted=draw(st.booleans()))
                for i, s in enumerate(stored)}
    return DataColumns(list(range(2, count + 2)), columns), existing


def _real(student, key: str) -> str:
    if key == "full_name":
        return f"{student.first_surname} {student.second_surname} {student.given_names}"
    if key == "birth_date":
        return student.birth_date.strftime("%d/%m/%Y")
    return getattr(student, key)


def _without_ids(columns: dict) -> dict:
    return {key: values for key, values in columns.items() if key != "id"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters())
def test_the_column_checks_and_the_row_checks_give_the_same_plan(roster):
    data, existing = roster
    by_rows = plan_import(data.rows(), COHORT, existing, TODAY)
    by_columns = plan_columns(data, COHORT, existing, TODAY)
    assert by_columns.report == by_rows.report
    assert _without_ids(by_columns.inserts) == _without_ids(by_rows.inserts)
    assert set(by_columns.inserts) == set(NEW_FIELDS)
    assert len(set(by_columns.inserts["id"])) == len(by_columns.inserts["id"])
    assert by_columns.updates == by_rows.updates


def test_a_clean_first_list_is_checked_without_a_student_per_row():
    students = list(demo_students(300, (COHORT,), seed=4))
    columns = {key: [getattr(s, key) for s in students]
               for key in ("curp", "given_names", "first_surname", "second_surname", "email")}
    plan = plan_columns(DataColumns(list(range(300)), columns), COHORT, {}, TODAY)
    assert plan.report.inserted == 300 and plan.report.warnings == []
    assert plan.inserts["curp"] == [s.curp for s in students]
    assert plan.inserts["birth_date"] == [s.birth_date.isoformat() for s in students]
    assert plan.inserts["sex"] == [s.sex for s in students]


def test_cancel_is_checked_every_250_rows_as_before():
    students = list(demo_students(600, (COHORT,), seed=5))
    columns = {key: [getattr(s, key) for s in students]
               for key in ("curp", "given_names", "first_surname")}
    columns["curp"][260] = "no es una curp"  # one row the per-row way, between two marks
    marks = []
    plan_columns(DataColumns(list(range(600)), columns), COHORT, {}, TODAY, marks.append)
    assert marks == [250, 500]


@given(st.lists(curps, max_size=12))
def test_the_column_curp_verdicts_are_the_rules_verdicts(texts):
    normalised = normalize_curps(texts)
    assert normalised == [normalize_curp(text) for text in texts]
    valid, usual_age = plain_curps(normalised, date(2023, 8, 1))
    for curp, ok, usual in zip(normalised, valid, usual_age):
        assert ok == (curp_problem(curp) is None)
        assert usual == (ok and age_warning(curp, 2023) is None)


def test_every_single_character_change_gets_the_rules_verdict():
    changed = [_mutated(s.curp, i, char) for s in POOL[:8] for i in range(18)
               for char in CHECK_ALPHABET]
    valid, _ = plain_curps(changed, date(2023, 8, 1))
    assert valid == [curp_problem(curp) is None for curp in changed]


@given(st.lists(st.tuples(st.sampled_from(POOL), names, names, names), max_size=10))
def test_the_column_name_letters_are_name_mismatch(rows):
    curps_ = [s.curp for s, *_ in rows]
    given_, first, second = ([row[k] for row in rows] for k in (1, 2, 3))
    given_ = [g or s.given_names for (s, *_), g in zip(rows, given_)]
    first = [f or s.first_surname for (s, *_), f in zip(rows, first)]
    found = names_give_curps(curps_, given_, first, second)
    for curp, g, f, s, ok in zip(curps_, given_, first, second, found):
        assert ok == (name_mismatch(curp, g, f, s) is None)


def test_a_curp_short_of_its_last_character_beside_one_that_took_it_is_refused():
    """The last character of a CURP keyed at the start of the next cell: the two cells'
    texts together still spell two valid CURPs, yet each is refused for its length, as
    the per-row checks refuse it (the column checks once read them as the two CURPs)."""
    a, b = POOL[:2]
    columns = {"curp": [a.curp[:17], a.curp[17] + b.curp]}
    for key in ("given_names", "first_surname", "second_surname"):
        columns[key] = [getattr(a, key), getattr(b, key)]
    data = DataColumns([2, 3], columns)
    by_columns = plan_columns(data, COHORT, {}, TODAY)
    assert by_columns.report == plan_import(data.rows(), COHORT, {}, TODAY).report
    assert by_columns.report.inserted == 0 and by_columns.inserts["curp"] == []
    curps_ = columns["curp"]
    assert plain_curps(curps_, date(2023, 8, 1)) == ([False, False], [False, False])
    names = [columns[key] for key in ("given_names", "first_surname", "second_surname")]
    assert names_give_curps(curps_, *names) == [
        name_mismatch(curp, *row) is None for curp, *row in zip(curps_, *names)]


def test_a_name_that_gives_an_inconvenient_word_is_compared_with_its_x():
    curp = build_curp("ENRIQUE", "PEREZ", "NAVA", date(2007, 1, 1), "H", "JC")
    assert curp.startswith("PXNE")
    curps_ = [curp, "PENE" + curp[4:], "PXNA" + curp[4:]] + [s.curp for s in POOL[:5]]
    given_ = ["ENRIQUE"] * 3 + [s.given_names for s in POOL[:5]]
    first = ["PEREZ"] * 3 + [s.first_surname for s in POOL[:5]]
    second = ["NAVA"] * 3 + [s.second_surname for s in POOL[:5]]
    assert names_give_curps(curps_, given_, first, second) == [True, False, False] + [True] * 5


cells = st.one_of(st.none(), st.text(max_size=8), st.integers(-10**12, 10**12), st.booleans(),
                  st.floats(allow_infinity=False), st.just(math.nan),
                  st.dates(), st.datetimes(min_value=datetime(1900, 1, 1)))


@given(st.lists(cells, max_size=12))
def test_a_column_of_cells_reads_as_each_cell_does(values):
    assert column_text(values) == [cell_text(value) for value in values]


@given(st.lists(st.text(max_size=10), max_size=12))
def test_folding_a_column_is_folding_each_text(texts_):
    assert fold_many(texts_) == [fold(text) for text in texts_]


def test_ids_in_bulk_are_version_7_and_distinct():
    ids = uuid7_many(2000)
    assert len(set(ids)) == 2000
    for text in ids:
        value = uuid.UUID(text)
        assert value.version == 7 and value.variant == uuid.RFC_4122 and str(value) == text


def test_stamps_in_bulk_keep_the_clock_strictly_increasing():
    clock = HybridClock(last=5, wall_ms=lambda: 0)
    stamps = list(clock.now_many(3))
    assert stamps == [6, 7, 8] and clock.now() == 9


def test_rows_of_any_width_read_as_columns_and_skip_what_is_not_a_student():
    header = HeaderInfo(0, 1, ["CURP", "Nombre", "Apellido", "Correo"],
                        {0: "curp", 1: "given_names", 2: "first_surname", 3: "email"})
    student = POOL[0]
    grid = [["CURP", "Nombre", "Apellido", "Correo"],
            [student.curp, student.given_names, student.first_surname],  # no e-mail cell
            [],
            [None, "TOTAL DE ALUMNOS: 1"],
            ["CURP", "Nombre", "Apellido", "Correo"],  # the header again, next page
            ["AAAA", " Ana ", None, math.nan]]
    data = data_columns(grid, header, header.mapping)
    assert data.numbers == [2, 6]
    assert data.columns == {"curp": [student.curp, "AAAA"],
                            "given_names": [student.given_names, "Ana"],
                            "first_surname": [student.first_surname, ""], "email": ["", ""]}
    assert [row.values for row in data_rows(grid, header, header.mapping)] == \
           [{"curp": student.curp, "given_names": student.given_names,
             "first_surname": student.first_surname}, {"curp": "AAAA", "given_names": "Ana"}]
