"""Restoring a backup: what it holds is shown first, the current data is kept aside, and
neither the clock nor the installation's identity goes back in time."""

from dataclasses import replace

import pytest

from seguimiento_desktop.errors import DatabaseError, UserError
from seguimiento_desktop.services import Workspace
from tests.conftest import raw_connection


@pytest.fixture
def demo(workspace):
    workspace.fill_demo(40, with_followup=False)
    return workspace


def test_describe_a_backup_before_restoring(demo, tmp_path):
    backup = demo.backup(tmp_path / "respaldo.sqlite")
    summary = demo.describe_backup(backup)
    assert (summary.school_cct, summary.students) == ("14DCT0099Z", 40)


def test_restore_brings_the_data_back_and_keeps_the_current_aside(demo, tmp_path):
    backup = demo.backup(tmp_path / "respaldo.sqlite")
    student = demo.find_students()[0]
    demo.save_student(replace(student, phone="3311112222"))
    demo.delete_student(demo.find_students()[1].id)
    stamp_before = demo.store.clock.last
    installation = demo.store.installation_id

    aside = demo.restore_backup(backup)

    assert demo.count_students() == 40
    assert demo.student(student.id).phone == student.phone
    with Workspace.open(aside) as kept:  # the state just before the restore, intact
        assert kept.count_students() == 39 and kept.student(student.id).phone == "3311112222"
    with Workspace.open(demo.store.path) as reopened:
        assert reopened.store.installation_id == installation
        assert reopened.store.clock.now() > stamp_before  # later edits still win


@pytest.mark.parametrize("content", [b"", b"no soy una base de datos" * 50])
def test_a_file_that_is_not_a_backup_changes_nothing(demo, tmp_path, content):
    bogus = tmp_path / "respaldo.sqlite"
    bogus.write_bytes(content)
    with pytest.raises(UserError) as raised:
        demo.restore_backup(bogus)
    assert "respaldo" in str(raised.value) and "Traceback" not in str(raised.value)
    assert demo.count_students() == 40


def test_a_database_of_another_program_is_refused(demo, tmp_path):
    other = tmp_path / "otra.sqlite"
    with raw_connection(other) as connection:
        connection.execute("CREATE TABLE clientes (nombre TEXT)")
    with pytest.raises(DatabaseError, match="no es un respaldo de Seguimiento"):
        demo.describe_backup(other)
    assert demo.count_students() == 40


def test_the_lowest_unseen_bundle_number_survives_a_restore(demo, tmp_path):
    backup = demo.backup(tmp_path / "respaldo.sqlite")
    with demo.store.transaction() as db:  # an acknowledgement raised the floor after it
        db.execute("INSERT INTO settings(key, value) VALUES ('sync.seq_floor', '7')")
    demo.restore_backup(backup)
    floor = demo.store.db.execute(
        "SELECT value FROM settings WHERE key = 'sync.seq_floor'").fetchone()[0]
    assert floor == "7"
