"""Automatic backups: daily and on close, verified, rotated, never blocking."""

from datetime import date, timedelta

from seguimiento_desktop.storage import automatic_backups as auto
from tests.disk_faults import small_disk
from tests.conftest import raw_connection


def _students(path) -> int:
    conn = raw_connection(path, read_only=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return conn.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        conn.close()


def test_the_first_opening_of_a_day_writes_a_daily_and_a_weekly_copy(workspace):
    workspace.fill_demo(60, with_followup=False)
    today = date(2026, 6, 10)
    assert auto.due_today(workspace.store, today)
    report = auto.run_automatic_backup(workspace.store, today)
    assert report.ok, report.problems
    folder = auto.automatic_folder(workspace.path)
    assert sorted(p.name for p in folder.iterdir()) == [
        "plantel-diario-2026-06-10.sqlite", "plantel-semanal-2026-S24.sqlite"]
    assert all(_students(p) == 60 for p in folder.iterdir())
    assert not auto.due_today(workspace.store, today)


def test_closing_again_replaces_the_days_copy_with_what_was_done_since(workspace):
    workspace.fill_demo(60, with_followup=False)
    today = date(2026, 6, 10)
    auto.run_automatic_backup(workspace.store, today)
    workspace.fill_demo(75, with_followup=False)
    auto.run_automatic_backup(workspace.store, today)
    folder = auto.automatic_folder(workspace.path)
    assert _students(folder / "plantel-diario-2026-06-10.sqlite") == 75
    assert _students(folder / "plantel-semanal-2026-S24.sqlite") == 60  # the week's first


def test_seven_daily_and_four_weekly_copies_are_kept(workspace):
    workspace.fill_demo(10, with_followup=False)
    first = date(2026, 3, 2)  # a Monday
    for day in range(40):
        assert auto.run_automatic_backup(workspace.store, first + timedelta(days=day)).ok
    names = sorted(p.name for p in auto.automatic_folder(workspace.path).iterdir())
    last = first + timedelta(days=39)
    assert [n for n in names if "diario" in n] == [
        f"plantel-diario-{(last - timedelta(days=d)).isoformat()}.sqlite" for d in range(6, -1, -1)]
    assert [n for n in names if "semanal" in n] == [
        f"plantel-semanal-2026-S{w:02d}.sqlite" for w in (12, 13, 14, 15)]


def test_a_missing_stick_is_reported_and_the_data_folder_copy_still_made(workspace, tmp_path):
    workspace.fill_demo(10, with_followup=False)
    auto.set_extra_folder(workspace.store, tmp_path / "usb")
    report = auto.run_automatic_backup(workspace.store, date(2026, 6, 10))
    assert not report.ok
    assert "Conecte la memoria USB" in report.problems[0]
    assert [p.name for p in report.written] == ["plantel-diario-2026-06-10.sqlite"]


def test_a_full_stick_is_reported_without_raising(workspace, tmp_path):
    workspace.fill_demo(60, with_followup=False)
    with small_disk(tmp_path / "usb", 8) as stick:
        if not stick.mounted:
            import pytest
            pytest.skip("needs a small file system (mount)")
        auto.set_extra_folder(workspace.store, stick.folder)
        report = auto.run_automatic_backup(workspace.store, date(2026, 6, 10))
        left = list(stick.folder.iterdir())
    assert len(report.problems) == 1 and "No hay espacio suficiente" in report.problems[0]
    assert left == [] and len(report.written) == 1


def test_the_chosen_folder_gets_its_own_verified_copies(workspace, tmp_path):
    workspace.fill_demo(20, with_followup=False)
    (tmp_path / "usb").mkdir()
    auto.set_extra_folder(workspace.store, tmp_path / "usb")
    assert auto.extra_folder(workspace.store) == (tmp_path / "usb").resolve()
    report = auto.run_automatic_backup(workspace.store, date(2026, 6, 10))
    assert report.ok and len(report.written) == 2
    assert _students(tmp_path / "usb" / "plantel-diario-2026-06-10.sqlite") == 20
    auto.set_extra_folder(workspace.store, None)
    assert auto.extra_folder(workspace.store) is None


def test_a_database_with_accounts_gets_its_key_file_beside_each_copy(workspace):
    from seguimiento_desktop.accounts import keyslots
    workspace.fill_demo(10, with_followup=False)
    workspace.create_administrator("admin", "Administración", "contrasena-de-prueba")
    assert auto.run_automatic_backup(workspace.store, date(2026, 6, 10)).ok
    folder = auto.automatic_folder(workspace.path)
    for copy in folder.glob("*.sqlite"):
        keys = keyslots.read_key_file(copy)
        assert keys is not None and keys.check == keyslots.read_key_file(workspace.path).check
    for day in range(1, 9):  # rotation takes the key files with their copies
        auto.run_automatic_backup(workspace.store, date(2026, 6, 10) + timedelta(days=day))
    assert len(list(folder.glob("*diario*.llaves"))) == auto.DAILY_KEPT
