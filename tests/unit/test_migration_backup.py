"""Before a schema upgrade the database is copied and the copy verified; no copy, no upgrade."""


import pytest

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage import database
from seguimiento_desktop.storage.database import open_store
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION
from tests.unit.test_migrations import make_version_1_database
from tests.conftest import raw_connection


def schema(path) -> int:
    with raw_connection(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_an_upgrade_writes_a_verified_backup_first_and_says_so(tmp_path, caplog):
    path = tmp_path / "plantel.sqlite"
    make_version_1_database(path)
    with caplog.at_level("WARNING"):
        store = open_store(path)
    backup = store.migration_backup
    store.close()
    assert backup.parent == tmp_path / "respaldos" and "antes-de-actualizar-1" in backup.name
    assert schema(backup) == 1 and schema(path) == SCHEMA_VERSION
    with raw_connection(backup) as conn:
        assert conn.execute("SELECT curp FROM students").fetchall() == [("PEGJ900512HJCRRS04",)]
    assert str(backup) in caplog.text and "respaldo" in caplog.text


def test_no_backup_for_a_new_or_current_database(tmp_path):
    path = tmp_path / "nueva.sqlite"
    first = open_store(path)
    assert first.migration_backup is None
    first.close()
    again = open_store(path)
    assert again.migration_backup is None
    again.close()
    assert not (tmp_path / "respaldos").exists()


def test_when_the_backup_cannot_be_written_nothing_is_upgraded(tmp_path):
    path = tmp_path / "plantel.sqlite"
    make_version_1_database(path)
    (tmp_path / database.BACKUP_FOLDER).write_text("un archivo donde iría la carpeta")
    with pytest.raises(DatabaseError, match="No se cambió nada"):
        open_store(path)
    assert schema(path) == 1
