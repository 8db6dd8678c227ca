"""A pseudonymised office that merged bundles before it dropped the contact answers on
arrival forgets them when it is upgraded: from the responses, the versions kept for review
and the records waiting for their student, and from the file's bytes; a «completo» office
keeps them. The PostgreSQL store's twin is tests/central_pg/test_s8_purge_on_server.py.
"""

import json
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st
from sync_support import export, office

from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.indicators.tables import indicator_rows
from seguimiento_desktop.privacy.retention import CONTACT_ANSWERS
from seguimiento_desktop.reports.central_stats import central_statistics
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import indicator_queries, sync_merge
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION
from seguimiento_desktop.storage.contact_purge import (
    DONE_SETTING, purge_received_contact_answers)
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.records import DELIVERED_BY
from tests.central_pg.store_content import everything
from tests.conftest import raw_connection

DEMO_DAY = date(2026, 11, 30)  # the demo's three cohorts have C1, C2 and C3 by then
PURGE = "0013_purge_received_contact_answers"  # PostgreSQL: number 5
BOOKKEEPING = ("_sqlite_migrations", "seguimiento_schema")


def old_office(folder, profile: str, address: str | None = None):
    """(office, what the plantel keyed) as a version before the office dropped contact
    answers left it: every response, a version kept for review and a record waiting for
    its student with the graduate's contact answers, on the schema before the purge."""
    school = Workspace.open(folder / "plantel.sqlite")
    school.fill_demo(30, today=DEMO_DAY)
    keyed = {r.id: r.answers for r in school.find_responses()}
    central = office(folder, school, profile=profile, address=address)
    assert central.merge([export(school, folder / "usb")]).outcomes[0].accepted
    school.close()
    _as_received_before(central, keyed)
    _before_the_purge(central)
    return central, keyed


def _stored(answers: dict) -> str:
    return json.dumps(answers, ensure_ascii=False, sort_keys=True)


def _as_received_before(central: CentralWorkspace, keyed: dict[str, dict]) -> None:
    """What the merge wrote before 6618710: the answers as keyed, in the row, in another
    PC's version of the same questionnaire and in a response whose student never came."""
    store = central.store
    sql = getattr(store, "merge_queries", sync_merge)
    with store.transaction() as db:
        rows = db.execute("SELECT id, student_id, questionnaire FROM responses "
                          "ORDER BY id").fetchall()
        for response_id, _, _ in rows:
            if response_id in keyed:
                db.execute("UPDATE responses SET answers = ? WHERE id = ?",
                           [_stored(keyed[response_id]), response_id])
        reaching = [r for r in rows if CONTACT_ANSWERS & set(keyed.get(r[0], ()))]
        for response_id, student_id, questionnaire in reaching[:3]:
            version = sql.response_row(db, response_id)
            version.pop("student_id")
            sql.add_sibling(db, "response", f"{student_id}|{questionnaire}",
                            {**version, "id": uuid7(), "updated_at": version["updated_at"] - 1})
            sql.park(db, "response", {**version, "id": uuid7(), "student_id": uuid7(),
                                      DELIVERED_BY: "14DCT0099Z"})
    assert all(contact_keys(central).values())


def _before_the_purge(central: CentralWorkspace) -> None:
    """Take the store back to the schema it had before the purge's migration."""
    db = central.store.db
    with central.store.transaction():
        if getattr(db, "dialect", "sqlite") == "postgresql":
            db.execute("DELETE FROM seguimiento_schema WHERE number >= 5")
        else:
            db.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [PURGE])
    if getattr(db, "dialect", "sqlite") != "postgresql":
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")


def contact_keys(central: CentralWorkspace) -> dict[str, list[str]]:
    """Every contact question's id found in a stored response's answers, by table."""
    db = central.store.db
    found = {"responses": [k for (text,) in db.execute("SELECT answers FROM responses")
                           for k in json.loads(text)]}
    for table in ("sync_siblings", "sync_parked"):
        found[table] = [k for (text,) in db.execute(
            f"SELECT data FROM {table} WHERE kind = 'response'")
            for k in json.loads(text)["answers"]]
    return {table: sorted(CONTACT_ANSWERS & set(keys)) for table, keys in found.items()}


def contact_values(keyed: dict[str, dict]) -> set[str]:
    """The keyed phones, e-mails and addresses long enough to be found only as themselves."""
    return {str(v) for answers in keyed.values() for k, v in answers.items()
            if k in CONTACT_ANSWERS and len(str(v)) >= 8}


def figures(central: CentralWorkspace) -> tuple:
    """What the office's reader sees: report figures, indicators, conflicts, waiting."""
    db = central.store.db
    cohort = indicator_queries.cohorts(db)[-1]
    return (central_statistics(db, today=DEMO_DAY),
            [indicator_rows(db, q, cohort, by) for q in ("C2", "C3")
             for by in ("plantel", "sexo")],
            central.conflicts(), central.status())


def held(central: CentralWorkspace, *leave_out: str) -> list[str]:
    """Every row of every table, as text, but those of the tables named (the migrations'
    bookkeeping; the server's codebook of question ids)."""
    rows = everything(central)
    if getattr(central.store.db, "dialect", "sqlite") == "postgresql":
        return [repr(rows) for table, rows in rows if table not in leave_out]
    return [line for line in rows if not any(f'"{name}"' in line for name in leave_out)]


def without_contact(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if k not in CONTACT_ANSWERS}


def check_purged(address: str, central: CentralWorkspace, keyed: dict[str, dict]) -> None:
    """Reopen (upgrade) the pseudonymised ``central``: nothing of the contact answers is
    left anywhere, everything else reads the same, and the settings say it happened."""
    before = figures(central)
    central.close()
    with CentralWorkspace.open(address) as upgraded:
        db = upgraded.store.db
        assert contact_keys(upgraded) == {"responses": [], "sync_siblings": [],
                                          "sync_parked": []}
        stored = {i: json.loads(a) for i, a in db.execute("SELECT id, answers FROM responses")}
        assert stored == {i: without_contact(keyed[i]) for i in stored}
        rows = everything(upgraded)
        text = "\n".join(held(upgraded, "analisis_codigos"))
        assert not [v for v in contact_values(keyed) if v in text]
        assert figures(upgraded) == before
        done = json.loads(db.execute("SELECT value FROM settings WHERE key = ?",
                                     [DONE_SETTING]).fetchone()[0])
        assert (done["responses"], done["sync_siblings"], done["sync_parked"]) == (
            sum(bool(CONTACT_ANSWERS & set(a)) for a in keyed.values()), 3, 3)
        with upgraded.store.transaction() as db:  # once more: nothing left to do
            assert purge_received_contact_answers(db) == dict.fromkeys(
                ("responses", "sync_siblings", "sync_parked"), 0)
        assert everything(upgraded) == rows


def check_kept(address: str, central: CentralWorkspace) -> None:
    """Reopen (upgrade) the «completo» ``central``: not a row changes."""
    before = held(central, *BOOKKEEPING)
    assert contact_keys(central)["responses"]
    central.close()
    with CentralWorkspace.open(address) as upgraded:
        assert held(upgraded, *BOOKKEEPING) == before
        assert not upgraded.store.db.execute("SELECT 1 FROM settings WHERE key = ?",
                                             [DONE_SETTING]).fetchone()


def test_a_pseudonymised_office_forgets_the_contact_answers_it_received(tmp_path):
    central, keyed = old_office(tmp_path, "seudonimizado")
    path = central.store.path
    check_purged(str(path), central, keyed)
    copy, = (tmp_path / "respaldos").glob("central-antes-de-actualizar-*.sqlite")
    for written in (path.read_bytes(), copy.read_bytes()):  # not left in a page's bytes
        assert not [v for v in contact_values(keyed) if v.encode() in written]
    with raw_connection(copy) as conn:  # still the way back: the schema it had, the rest kept
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
        kept = {i: json.loads(a) for i, a in conn.execute("SELECT id, answers FROM responses")}
    assert kept and kept == {i: without_contact(keyed[i]) for i in kept}


def test_a_complete_office_keeps_the_contact_answers(tmp_path):
    central, _ = old_office(tmp_path, "completo")
    check_kept(str(central.store.path), central)


@pytest.mark.parametrize("profile", ["seudonimizado", "completo"])
def test_a_plantel_keeps_its_own_contact_answers(tmp_path, profile):
    """A plantel's own main PC merging its capture PCs holds its own graduates' data."""
    school = Workspace.open(tmp_path / "plantel.sqlite")
    school.fill_demo(8, today=DEMO_DAY)
    school.close()
    central = CentralWorkspace.open(tmp_path / "plantel.sqlite")
    central.init("PC principal", profile=profile)
    _before_the_purge(central)
    check_kept(str(tmp_path / "plantel.sqlite"), central)


_KEYS = st.sampled_from(sorted(CONTACT_ANSWERS) + ["EDAD", "CARRERA", "CORREO_2", "P12"])
_VALUES = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(), st.lists(st.integers(0, 99), max_size=3), st.none())


def test_the_purge_reads_answers_however_a_sender_wrote_them(tmp_path):
    """Answers are stored as the sender wrote them: keys escaped as \\uXXXX, numbers of
    any size. Only the contact answers go; answers without any keep their text."""
    with CentralWorkspace.open(tmp_path / "central.sqlite") as central:
        central.init("Oficina", profile="seudonimizado")
        check_one_purge(central)


def check_one_purge(central: CentralWorkspace) -> None:
    @settings(max_examples=80, deadline=None)
    @given(answers=st.dictionaries(_KEYS, _VALUES, max_size=8), escaped=st.booleans())
    def purged(answers, escaped):
        text = json.dumps(answers, ensure_ascii=escaped)
        if escaped:  # as a sender that escapes every letter of a key would
            text = text.replace('"CORREO"', '"\\u0043ORREO"')
        record = json.dumps({"id": "r2", "answers": answers}, ensure_ascii=escaped)
        with central.store.transaction() as db:
            for sql in ("DELETE FROM responses", "DELETE FROM students",
                        "DELETE FROM sync_siblings"):
                db.execute(sql)
            db.execute("INSERT INTO students(id, curp, given_names, first_surname, "
                       "updated_at, origin) VALUES ('s1', 'S-X', '', '', 1, 'o')")
            db.execute("INSERT INTO responses(id, student_id, questionnaire, version, "
                       "answers, updated_at, origin) VALUES ('r1', 's1', 'C1', 1, ?, 1, 'o')",
                       [text])
            db.execute("INSERT INTO sync_siblings(kind, record_id, updated_at, origin, "
                       "row_id, data) VALUES ('response', 'r2', 1, 'o', 's1|C1', ?)", [record])
            purge_received_contact_answers(db)
        stored, = central.store.db.execute("SELECT answers FROM responses").fetchone()
        kept, = central.store.db.execute("SELECT data FROM sync_siblings").fetchone()
        assert json.loads(stored) == json.loads(kept)["answers"] == without_contact(answers)
        if CONTACT_ANSWERS.isdisjoint(answers):
            assert (stored, kept) == (text, record)
    purged()
