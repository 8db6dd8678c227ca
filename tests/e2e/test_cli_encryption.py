"""Encryption at rest, from the CLI: a plantel made by `seguimiento demo` is encrypted on
disk, and no file it leaves (database, WAL, backups, automatic copies) shows a name, a
CURP or a phone; `info` still answers without signing in."""

import json
from pathlib import Path

from seguimiento_desktop.storage import encryption
from tests.conftest import raw_connection


def secrets_of(path: Path) -> list[str]:
    """The demo students' CURPs, names and phones, read with the administrator's key."""
    with raw_connection(path, read_only=True) as conn:
        rows = conn.execute("SELECT curp, given_names || ' ' || first_surname, phone "
                            "FROM students").fetchall()
    return [value for row in rows for value in row if value and len(value) >= 5]


def leaks(folder: Path, secrets: list[str]) -> list[str]:
    """What of ``secrets`` a ``strings``-like scan of every file under ``folder`` finds."""
    found = []
    for file in (p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes().lower()
        found += [f"{file.name}: {s}" for s in secrets if s.lower().encode() in data]
    return found


def test_a_demo_plantel_is_encrypted_and_leaves_no_name_in_any_file(run_cli, tmp_path):
    """`strings` on every file the app writes: the database and its WAL, a backup, the
    automatic copies, the key file and what went to the temporary folder."""
    db, temporary = tmp_path / "datos" / "plantel.sqlite", tmp_path / "tmp"
    temporary.mkdir()
    env = {"TMPDIR": str(temporary), "TEMP": str(temporary), "TMP": str(temporary)}
    run_cli("demo", "--alumnos", "60", db=db, check=True, env=env)
    assert encryption.is_encrypted(db) and encryption.looks_encrypted(db)
    (tmp_path / "usb").mkdir()
    run_cli("backup", str(tmp_path / "usb" / "respaldo.sqlite"), db=db, check=True, env=env)
    run_cli("students", "list", "--json", db=db, check=True, env=env)
    secrets = secrets_of(db)
    assert len(secrets) > 100
    with raw_connection(db) as conn:  # a WAL that holds the latest edits, still open
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE students SET phone = phone")
        written = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert db in written and tmp_path / "usb" / "respaldo.sqlite" in written
        assert Path(f"{db}-wal") in written
        assert all(encryption.is_encrypted(p) for p in written if p.suffix == ".sqlite")
        assert leaks(tmp_path, secrets) == []


def test_a_clear_plantel_from_before_is_encrypted_by_its_first_command(run_cli, tmp_path):
    """The first sign-in after upgrading converts it: same rows, nothing clear left."""
    from seguimiento_desktop.services import Workspace
    from tests.conftest import add_administrator
    db = tmp_path / "plantel.sqlite"
    with Workspace.open(db) as workspace:  # as the version before encryption left it
        workspace.fill_demo(40, with_followup=False)
    add_administrator(db)
    secrets = secrets_of(db)
    assert leaks(tmp_path, secrets)  # the clear file shows them
    listed = run_cli("students", "list", "--json", db=db, check=True)
    assert len(json.loads(listed.stdout)) == 40
    assert "hmac" not in listed.stderr  # SQLCipher's own log of the key tried first
    assert encryption.is_encrypted(db)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "plantel.sqlite", "plantel.sqlite.llaves"]  # the clear file overwritten and removed
    assert leaks(tmp_path, secrets) == []


def test_info_answers_without_signing_in(run_cli, tmp_path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "5", db=db, check=True)
    shown = run_cli("info", "--json", db=db, env={"SEGUIMIENTO_CONTRASENA": "",
                                                  "SEGUIMIENTO_USUARIO": ""}, check=True)
    found = json.loads(shown.stdout)
    assert found["base_existe"] is True and found["base_cifrada"] is True
