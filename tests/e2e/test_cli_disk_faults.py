"""A full disk or stick and a read-only folder, through the real `seguimiento` command:
a Spanish message that says what to do, exit 1, nothing half-written, the database as it was.

The stick and the data disk are tmpfs file systems of a few KiB where mounting is allowed
(tests/disk_faults.py); elsewhere a size limit on the files the command writes stands in.
"""

import hashlib
from datetime import date
from pathlib import Path

import pytest

from seguimiento_desktop.demo import demo_cohorts
from tests.disk_faults import run_limited, small_disk
from tests.roster_files import people, roster_rows, write_csv
from tests.conftest import raw_connection, raw_dump

STICK_KIB = 8  # less than any file these commands write (a report PDF: ~60 KiB)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The demo plantel made by the CLI itself (so it has whatever accounts it needs)."""
    import os
    import subprocess
    import sys
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "plantel.sqlite"
    env = {**os.environ, "XDG_DATA_HOME": str(folder / "xdg"), "PYTHONIOENCODING": "utf-8"}
    subprocess.run([sys.executable, "-m", "seguimiento_desktop", "--db", str(path), "demo"],
                   check=True, capture_output=True, env=env, timeout=120)
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "datos" / "plantel.sqlite"
    copy.parent.mkdir()
    for source in demo_db.parent.iterdir():
        if source.is_file() and source.name.startswith(demo_db.name):
            (copy.parent / source.name).write_bytes(source.read_bytes())
    return copy


# Who signed in and when (accounts, bitácora) changes with every command, by design.
SIGN_IN_TABLES = ("audit_log", "audit_detail", "users")


def digest(path: Path) -> list[str]:
    """Every row of every data table: equal digests mean the plantel's data did not change."""
    with raw_connection(path) as conn:
        return [line for line in raw_dump(conn)
                if not any(f'INSERT INTO "{table}"' in line for table in SIGN_IN_TABLES)]


def fails_on_a_full_stick(run_cli, tmp_path: Path, args: list[str], db: Path):
    """Run ``args`` (with {stick} in them) against a full stick; the finished process."""
    with small_disk(tmp_path / "usb", STICK_KIB) as stick:
        real = [a.replace("{stick}", str(stick.folder)) for a in args]
        if stick.mounted:
            result = run_cli(*real, db=db)
        else:
            result = run_limited(["--db", str(db), *real], STICK_KIB, tmp_path / "xdg")
        left = sorted(p.name for p in stick.folder.iterdir())
    return result, left


def test_a_backup_onto_a_full_stick_says_so_and_leaves_nothing(run_cli, db, tmp_path):
    before = digest(db)
    result, left = fails_on_a_full_stick(run_cli, tmp_path, ["backup", "{stick}/respaldo.sqlite"],
                                         db)
    assert result.returncode == 1, result.stdout
    assert "No hay espacio suficiente" in result.stderr
    assert "La base de datos no cambió" in result.stderr and "Traceback" not in result.stderr
    assert left == []  # no partial copy that could be taken for a backup
    assert digest(db) == before


def test_a_report_pdf_onto_a_full_stick_says_so_and_leaves_nothing(run_cli, db, tmp_path):
    cohort = demo_cohorts(date.today())[0]
    result, left = fails_on_a_full_stick(
        run_cli, tmp_path, ["report", "seguimiento", "--generacion", cohort,
                            "--out", "{stick}/informe.pdf"], db)
    assert result.returncode == 1
    assert "No hay espacio suficiente para guardar informe.pdf" in result.stderr
    assert "Traceback" not in result.stderr and left == []


def test_a_backup_onto_a_write_protected_stick_says_so(run_cli, db, tmp_path):
    before = digest(db)
    with small_disk(tmp_path / "usb", 4096) as stick:
        stick.read_only()
        result = run_cli("backup", str(stick.folder / "respaldo.sqlite"), db=db)
        left = list(stick.folder.iterdir())
    assert result.returncode == 1
    assert "protegida contra escritura" in result.stderr and "Traceback" not in result.stderr
    assert left == [] and digest(db) == before


def test_an_import_on_a_full_data_disk_changes_nothing_and_runs_after_freeing_space(
        run_cli, db, tmp_path):
    roster = write_csv(tmp_path / "lista.csv", roster_rows(people(3000, seed=11)))
    data = tmp_path / "lleno"
    size = sum(p.stat().st_size for p in db.parent.iterdir()) // 1024
    with small_disk(data, size + 96) as disk:
        if not disk.mounted:
            pytest.skip("needs a small file system for the database itself (mount)")
        for source in db.parent.iterdir():
            (data / source.name).write_bytes(source.read_bytes())
        full = data / db.name
        before = digest(full)
        result = run_cli("roster", "import", str(roster), "--generacion", "2025-2028", db=full)
        assert result.returncode == 1, result.stdout
        assert "No hay espacio en el disco donde está la base de datos" in result.stderr
        assert "No se guardó ningún cambio" in result.stderr and "Traceback" not in result.stderr
        with raw_connection(full) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert digest(full) == before
        disk.resize(16 * 1024)  # the person freed space
        again = run_cli("roster", "import", str(roster), "--generacion", "2025-2028", db=full)
        assert again.returncode == 0, again.stderr
        with raw_connection(full) as conn:
            assert conn.execute("SELECT count(*) FROM students WHERE cohort = '2025-2028'"
                                ).fetchone()[0] == 3000


def test_a_read_only_data_folder_is_named_as_such_not_as_damage(run_cli, db, tmp_path):
    data = tmp_path / "solo-lectura"
    with small_disk(data, 4096) as disk:
        for source in db.parent.iterdir():
            (data / source.name).write_bytes(source.read_bytes())
        fingerprint = hashlib.sha256((data / db.name).read_bytes()).hexdigest()
        disk.read_only()
        result = run_cli("students", "list", db=data / db.name)
        assert hashlib.sha256((data / db.name).read_bytes()).hexdigest() == fingerprint
    assert result.returncode == 1
    assert "es de solo lectura" in result.stderr and "Copie la carpeta" in result.stderr
    assert "dañado" not in result.stderr and "Restaure" not in result.stderr


def test_a_bundle_onto_a_full_stick_says_so_and_keeps_its_number(run_cli, tmp_path):
    from tests.conftest import add_administrator
    from tests.sync_support import office, plantel
    workspace = plantel(tmp_path, count=40)
    office(tmp_path, workspace).close()
    workspace.close()
    db = workspace.path
    add_administrator(db)
    before = digest(db)
    result, left = fails_on_a_full_stick(run_cli, tmp_path, ["sync", "export", "--out", "{stick}"],
                                         db)
    assert result.returncode == 1
    assert "No hay espacio suficiente" in result.stderr and "Traceback" not in result.stderr
    assert left == [] and digest(db) == before
    good = tmp_path / "otra-usb"
    good.mkdir()
    again = run_cli("sync", "export", "--out", str(good), db=db)
    assert again.returncode == 0, again.stderr
    assert [p.name for p in good.iterdir()][0].endswith("_paquete-0001_" + own_bundle_suffix(db))


def own_bundle_suffix(db: Path) -> str:
    with raw_connection(db) as conn:
        installation = conn.execute(
            "SELECT value FROM settings WHERE key = 'installation_id'").fetchone()[0]
    return f"{installation[-4:]}.seg"
