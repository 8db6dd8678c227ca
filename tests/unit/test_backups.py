"""Backups (issue 10.12): Spanish messages instead of tracebacks, never over the live data."""

import os
import stat

import pytest

from seguimiento_desktop.errors import FileUnreadable, InvalidData
from tests.conftest import raw_connection


def test_backup_into_a_missing_folder_says_so(workspace, tmp_path):
    with pytest.raises(FileUnreadable, match="No existe la carpeta"):
        workspace.backup(tmp_path / "no-existe" / "x.db")


def test_backup_onto_the_live_database_is_refused(workspace):
    before = workspace.store.path.read_bytes()
    with pytest.raises(InvalidData, match="base de datos en uso"):
        workspace.backup(workspace.store.path)
    relative = os.path.relpath(workspace.store.path)
    linked = workspace.store.path.with_name("enlace.sqlite")
    os.link(workspace.store.path, linked)
    for other_name in (relative, linked):
        with pytest.raises(InvalidData, match="base de datos en uso"):
            workspace.backup(other_name)
    assert workspace.store.path.read_bytes() == before


def test_backup_onto_a_folder_asks_for_a_file_name(workspace, tmp_path):
    with pytest.raises(InvalidData, match="es una carpeta"):
        workspace.backup(tmp_path)


def test_backup_is_a_whole_private_database(workspace, tmp_path):
    path = workspace.backup(tmp_path / "respaldo.sqlite")
    with raw_connection(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.parcial"))
