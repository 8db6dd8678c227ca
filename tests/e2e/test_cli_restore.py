"""`seguimiento restore` through the real entry point: shown, asked, restored, kept aside."""

import json


def test_restore_asks_then_replaces_and_keeps_the_current(run_cli, tmp_path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "30", db=db, check=True)
    backup = tmp_path / "respaldo.sqlite"
    run_cli("backup", str(backup), db=db, check=True)
    run_cli("demo", "--alumnos", "45", db=db, check=True)  # work done after the backup
    assert count_students(run_cli, db) > 30

    declined = run_cli("restore", str(backup), db=db)  # no answer on stdin: nothing happens
    assert declined.returncode == 1 and "30 alumnos" in declined.stderr
    assert "Traceback" not in declined.stderr

    done = run_cli("restore", str(backup), "--si", "--json", db=db, check=True)
    result = json.loads(done.stdout)
    assert result["alumnos"] == 30 and result["plantel"] == "14DCT0099Z"
    assert count_students(run_cli, db) == 30
    assert (tmp_path / "respaldos").is_dir() and list((tmp_path / "respaldos").glob(
        "plantel-antes-de-restaurar-*.sqlite"))


def count_students(run_cli, db) -> int:
    return len(json.loads(run_cli("students", "list", "--json", db=db, check=True).stdout))


def test_restoring_something_else_is_refused_in_spanish(run_cli, tmp_path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "5", db=db, check=True)
    bogus = tmp_path / "foto.sqlite"
    bogus.write_bytes(b"\x89PNG" * 100)
    result = run_cli("restore", str(bogus), "--si", db=db)
    assert result.returncode == 1
    assert "no es un respaldo" in result.stderr and "Traceback" not in result.stderr
