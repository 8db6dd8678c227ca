"""The roster's bulk write stores exactly what storage.students.write_students stores."""

from dataclasses import replace

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.roster_writes import insert_students_bulk, write_students_bulk
from seguimiento_desktop.storage.students import write_students


def fill(path, write, insert=None) -> Workspace:
    """Insert 40 students, then update 10, delete 5 and revive 2 of them, with ``write``
    (and the first 40 with ``insert``, if given)."""
    workspace = Workspace.open(path)
    stamp = iter(range(1, 10_000))
    base = [replace(s, id=f"id-{i:04d}", updated_at=next(stamp), origin="o")
            for i, s in enumerate(demo_students(40, seed=5))]
    changed = [replace(s, group="6Z", email="otro@gmail.com", updated_at=next(stamp))
               for s in base[:10]]
    deleted = [replace(s, deleted=True, updated_at=next(stamp)) for s in base[10:15]]
    revived = [replace(s, deleted=False, updated_at=next(stamp)) for s in deleted[:2]]
    for batch in (base, changed, deleted, revived):
        with workspace.store.transaction() as db:
            (insert if insert and batch is base else write)(db, batch, "14DCT0099Z")
    return workspace


def contents(workspace: Workspace) -> tuple:
    """Every stored column and the search index, keyed by record id."""
    db = workspace.store.db
    rows = db.execute("SELECT * FROM students ORDER BY id").fetchall()
    index = db.execute("SELECT s.id, f.haystack FROM students_fts f JOIN students s "
                       "ON s.rowid = f.rowid ORDER BY s.id").fetchall()
    return rows, index


def test_bulk_and_one_by_one_writes_give_the_same_database(tmp_path):
    with fill(tmp_path / "uno.sqlite", write_students) as one, \
            fill(tmp_path / "bulk.sqlite", write_students_bulk) as bulk:
        rows, index = contents(one)
        assert len(rows) == 40 and len(index) == 40 - 3  # three tombstones left unindexed
        assert contents(bulk) == (rows, index)
        for text in ("otro@gmail", "hern", "33"):
            query = StudentQuery(text=text, include_deleted=True)
            assert [s.id for s in one.find_students(query)] == \
                   [s.id for s in bulk.find_students(query)]


def test_bulk_inserts_of_new_students_give_the_same_database(tmp_path):
    with fill(tmp_path / "uno.sqlite", write_students) as one, \
            fill(tmp_path / "bulk.sqlite", write_students_bulk, insert_students_bulk) as bulk:
        assert contents(bulk) == contents(one)


def test_stamped_bulk_rows_take_the_clock_and_origin(tmp_path):
    with Workspace.open(tmp_path / "x.sqlite") as workspace:
        students = [replace(s, id=f"id-{i}") for i, s in enumerate(demo_students(3, seed=2))]
        stamps = iter([10, 11, 12])
        with workspace.store.transaction() as db:
            insert_students_bulk(db, students, "", (lambda: next(stamps), "pc-1"))
        rows = workspace.store.db.execute("SELECT updated_at, origin, seq, sync_rev FROM "
                                          "students ORDER BY rowid").fetchall()
        assert rows == [(10, "pc-1", 1, 1), (11, "pc-1", 2, 2), (12, "pc-1", 3, 3)]


def test_bulk_write_of_nothing_writes_nothing(tmp_path):
    with Workspace.open(tmp_path / "x.sqlite") as workspace:
        with workspace.store.transaction() as db:
            assert write_students_bulk(db, []) == 0
        assert workspace.count_students() == 0


def test_a_value_shared_by_the_whole_list_is_stored_as_typed(tmp_path):
    """Columns with one value for every new student are written into the statement once:
    a quote in it, or a character SQL text cannot hold, is stored as the one-by-one path
    stores it."""
    students = [replace(s, id=f"id-{i}", career="Técnico en 'Programación'", group="6\x00A",
                        shift="Matutino'; DROP TABLE students; --", updated_at=i + 1, origin="o")
                for i, s in enumerate(demo_students(5, seed=3))]
    for path, write in (("uno.sqlite", write_students), ("bulk.sqlite", insert_students_bulk)):
        with Workspace.open(tmp_path / path) as workspace:
            with workspace.store.transaction() as db:
                write(db, students, "14DCT0099Z")
            if write is write_students:
                expected = contents(workspace)
            else:
                assert contents(workspace) == expected
                assert {s.career for s in workspace.find_students()} == \
                    {"Técnico en 'Programación'"}


def test_a_value_given_once_that_sql_text_cannot_hold_is_stored_whole_on_every_row(tmp_path):
    """The plantel's CCT and the installation's origin are given once for the whole list:
    with a NUL in them they stay bound, and every row stores them whole, as the
    one-by-one path does."""
    cct, origin = "14DCT\x0099Z", "pc\x001"
    students = [replace(s, id=f"id-{i}", updated_at=i + 1, origin=origin)
                for i, s in enumerate(demo_students(12, seed=3))]
    stamps = iter(range(1, 13))
    with Workspace.open(tmp_path / "uno.sqlite") as one, \
            Workspace.open(tmp_path / "bulk.sqlite") as bulk:
        with one.store.transaction() as db:
            write_students(db, students, cct)
        with bulk.store.transaction() as db:
            insert_students_bulk(db, students, cct, (lambda: next(stamps), origin))
        assert contents(bulk) == contents(one)
        assert bulk.store.db.execute("SELECT DISTINCT school_cct, origin FROM students"
                                     ).fetchall() == [(cct, origin)]
