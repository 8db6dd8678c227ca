"""Entidad from the CCT, subsystem from the catalog: on set-up, in reports and in old data."""


import pytest
from sqlite_utils import Database

from seguimiento_desktop.domain.cct import checked_state
from seguimiento_desktop.domain.models import School
from seguimiento_desktop.domain.states import state_name
from seguimiento_desktop.domain.subsystems import checked_subsystem, subsystem_name
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import migrations
from tests.conftest import raw_connection

UEMSTIS = "UEMSTIS (antes DGETI): CBTIS y CETIS"


@pytest.mark.parametrize("typed", ["DGETI", "dgeti", "UEMSTIS", "CBTIS", UEMSTIS,
                                   "UEMSTIS (antes DGETI) CBTIS"])
def test_every_spelling_of_a_subsystem_is_one_name(typed):
    assert subsystem_name(typed) == UEMSTIS == checked_subsystem(typed)


def test_unknown_subsystem_is_kept_when_reading_and_refused_on_set_up():
    assert subsystem_name("  Bachillerato   de Narnia ") == "Bachillerato de Narnia"
    with pytest.raises(InvalidData, match="no está en el catálogo"):
        checked_subsystem("Bachillerato de Narnia")
    assert checked_subsystem("") == ""


def test_entidad_comes_from_the_cct():
    assert checked_state("14DCT0001A", "") == "Jalisco"
    assert checked_state("14DCT0001A", "JALISCO") == "Jalisco" == state_name("jalisco")
    with pytest.raises(InvalidData, match="es de Jalisco.*Oaxaca"):
        checked_state("14DCT0001A", "Oaxaca")
    with pytest.raises(InvalidData, match="«Narnia» no es una entidad"):
        checked_state("14DCT0001A", "Narnia")


def test_set_up_normalises_and_refuses(tmp_path):
    with Workspace.open(tmp_path / "p.sqlite") as workspace:
        school = workspace.set_up_school(School("14DCT0001A", "CBTIS 1", subsystem="dgeti",
                                                state="jalisco"))
        assert (school.subsystem, school.state) == (UEMSTIS, "Jalisco")
        with pytest.raises(InvalidData):
            workspace.set_up_school(School("14DCT0001A", "CBTIS 1", state="Oaxaca"))


def test_init_refuses_a_contradicting_entidad_in_spanish(run_cli, tmp_path):
    db = tmp_path / "p.sqlite"
    result = run_cli("init", "--cct", "14DCT0001A", "--nombre", "X", "--entidad", "Oaxaca", db=db)
    assert result.returncode == 1 and "es de Jalisco" in result.stderr and not db.exists()
    result = run_cli("init", "--cct", "14DCT0001A", "--nombre", "X", "--entidad", "Narnia", db=db)
    assert result.returncode == 1 and "Narnia" in result.stderr and not db.exists()


def test_migration_normalises_free_text_on_record(tmp_path):
    path = tmp_path / "v5.sqlite"  # the schema before 0006
    db = Database(raw_connection(path, isolation_level=None))
    migrations.apply(db, stop_before="0006_catalog_school_places")
    applied = [name for name, _ in migrations._migrations].index("0006_catalog_school_places")
    db.execute(f"PRAGMA user_version = {applied}")
    db.execute("INSERT INTO schools(cct, name, subsystem, state, is_own) "
               "VALUES ('14DCT0001A', 'CBTIS 1', 'DGETI', 'JALISCO', 1)")
    db.execute("INSERT INTO schools(cct, name, subsystem, state) "
               "VALUES ('XXDCT0001A', 'Viejo', 'Mi subsistema', 'oaxaca')")
    db.conn.close()
    with Workspace.open(path) as workspace:
        assert (workspace.school().subsystem, workspace.school().state) == (UEMSTIS, "Jalisco")
        other = workspace.store.db.execute(
            "SELECT subsystem, state FROM schools WHERE cct = 'XXDCT0001A'").fetchone()
        assert tuple(other) == ("Mi subsistema", "Oaxaca")
