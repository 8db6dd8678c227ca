"""The search index's text and the words looked up in it: the directory finds exactly the
students the search's definition finds (a plain substring / word-start filter over the
same folded text), for generated names, e-mails and phones, and an older index is
rewritten once at opening."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.domain.text import fold
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import migrations
from seguimiento_desktop.storage.students import haystack, sort_key, write_students
from tests.conftest import raw_connection
from tests.unit.test_directory_search import matches

# Letters a name may hold: accents, ñ and ü, and what typists put between words.
_NAME = st.text(st.sampled_from("abcdelnorsuzáéíñóúüÑÁßİ -'.·\u00a0"), min_size=1,
                max_size=14).map(str.upper).filter(str.strip)
_WORD = st.text(st.sampled_from("abcdelnorsuzñáü"), min_size=1, max_size=3)


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    with Workspace.open(tmp_path_factory.mktemp("indice") / "d.sqlite") as workspace:
        yield workspace


def _students(names: list[tuple[str, str, str]], mails: list[str]) -> list:
    template = next(demo_students(1, seed=3))
    return [replace(template, id=f"id-{i}", curp=f"{template.curp[:16]}{i:02d}",
                    given_names=given, first_surname=first, second_surname=second,
                    email=mail, phone=f"33{i:08d}", updated_at=i + 1, origin="o")
            for i, ((given, first, second), mail) in enumerate(zip(names, mails))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.tuples(_NAME, _NAME, _NAME), min_size=1, max_size=8),
       mail=st.sampled_from(["", "de.la@hotmail.com", "ana_d@gmail.com", "x@correo.mx"]),
       picks=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 40), st.integers(3, 6),
                                _WORD), min_size=1, max_size=4))
def test_the_index_finds_what_the_definition_finds(directory, names, mail, picks):
    students = _students(names, [mail] * len(names))
    with directory.store.transaction() as db:
        db.execute("DELETE FROM students")
        db.execute("DELETE FROM students_fts")
        write_students(db, students)
    texts = set()
    for which, start, length, short in picks:
        text = haystack(students[which % len(students)]).strip()
        long_term = text[start % len(text):][:length].split(" ")[0]
        # A word of a name as typed (its first letters), with a long term beside it.
        name_word = fold(" ".join(names[which % len(names)])).split()
        texts |= {f"{long_term} {short}", f"{short} {long_term}",
                  f"{long_term} {name_word[start % len(name_word)][:2]}"}
    # Digits, dashes and spaces alone are a phone typed in pieces (one term, the digits).
    for text in (t for t in texts if not set(t) <= set("0123456789 -")):
        query = StudentQuery(text=text)
        wanted = sorted((s for s in students if matches(s, query)),
                        key=lambda s: (sort_key(s), s.id))
        page, total = directory.find_students_page(query)
        assert (total, [s.id for s in page]) == (len(wanted), [s.id for s in wanted]), text


def _old_database(path, indexed: bool) -> list:
    """A database as schema 11 left it: its index's text without the leading space (or,
    a central office's, no index at all)."""
    db = Database(raw_connection(path, isolation_level=None))
    migrations.apply(db, stop_before="0011_search_text_leading_space")
    db.execute("PRAGMA user_version = 11")
    students = _students([("DELIA", "CRUZ", "MORA"), ("LAURA", "DE LA CRUZ", ""),
                          ("ANA", "LOPEZ", "DELGADO")], ["", "", ""])
    for rowid, s in enumerate(students, 1):
        db.execute("INSERT INTO students(rowid, seq, id, curp, given_names, first_surname, "
                   "second_surname, updated_at, origin, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "1, 'o', ?)", [rowid, rowid, s.id, s.curp, s.given_names, s.first_surname,
                                  s.second_surname, sort_key(s)])
        if indexed:
            db.execute("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)",
                       [rowid, haystack(s)[1:]])
    db.conn.close()
    return students


def test_an_older_index_is_written_again_and_finds_a_first_given_name(tmp_path):
    students = _old_database(tmp_path / "p.sqlite", indexed=True)
    with Workspace.open(tmp_path / "p.sqlite") as workspace:
        stored = workspace.store.db.execute(
            "SELECT haystack FROM students_fts ORDER BY rowid").fetchall()
        assert [text for text, in stored] == [haystack(s) for s in students]
        # «de» is the start of Delia's first given name, of «DE LA CRUZ», of «DELGADO».
        found = workspace.find_students(StudentQuery(text="cruz de"))
        assert [s.given_names for s in found] == ["DELIA", "LAURA"]


def test_a_database_without_an_index_keeps_none(tmp_path):
    _old_database(tmp_path / "central.sqlite", indexed=False)
    with Workspace.open(tmp_path / "central.sqlite") as workspace:
        db = workspace.store.db
        assert db.execute("SELECT count(*) FROM students_fts").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 3


def test_the_tokenizer_has_nothing_left_to_fold_in_folded_text():
    """The index does not fold case (``case_sensitive 1``) because its text and the searched
    words come through ``fold``: no character ``fold`` can leave is one SQLite's folding
    trigram tokenizer would change, so both find the same students."""
    import sqlite3
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(h, tokenize = 'trigram')")
    db.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(t, 'row')")
    kept = [chr(c) for c in range(0x80, 0x30000)
            if not 0xD800 <= c < 0xE000 and chr(c).isprintable() and fold(chr(c)) == chr(c)]
    db.executemany("INSERT INTO t(rowid, h) VALUES (?, ?)", enumerate((c * 3 for c in kept), 1))
    indexed = {term for term, in db.execute("SELECT term FROM terms")}
    assert [c for c in kept if c * 3 not in indexed] == []


def test_the_merge_indexes_the_text_the_directory_writes(tmp_path):
    """A bundle's students, new and replaced, are indexed with ``haystack``'s text, so
    a merged «Delia Cruz» is found by «cruz de» like one keyed here."""
    from seguimiento_desktop.storage import sync_merge
    students = _students([("DELIA", "CRUZ", "MORA"), ("ÑANDÚ", "DE LA O", "")],
                         ["delia@gmail.com", ""])

    def record(student, **changes) -> dict:
        fields = {field: getattr(student, field) for field in (
            "id", "curp", "given_names", "first_surname", "second_surname", "sex", "cohort",
            "career", "shift", "email", "phone", "home_phone", "status", "contact_status",
            "updated_at", "origin", "deleted")}
        return {**fields, "group_name": student.group, "school_cct": "14DCT0099Z",
                "birth_date": None, **changes}
    with Workspace.open(tmp_path / "main.sqlite") as workspace:
        with workspace.store.transaction() as db:
            sync_merge.insert_new_students(db, [record(s) for s in students], True)
            sync_merge.write_student(db, record(students[1], email="nandu@hotmail.com",
                                                updated_at=9), students[1].id, True)
        stored = workspace.store.db.execute(
            "SELECT haystack FROM students_fts ORDER BY rowid").fetchall()
        assert [text for text, in stored] == [
            haystack(students[0]), haystack(replace(students[1], email="nandu@hotmail.com"))]
        assert [s.given_names for s in workspace.find_students(StudentQuery(text="cruz de"))] \
            == ["DELIA"]
