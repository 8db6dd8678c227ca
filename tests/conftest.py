"""Fixtures shared by every test: a fresh database per test, synthetic data only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Accounts (issue 12): key slots derived with cheap scrypt parameters (the test hook of
# accounts/keyslots.py), and every CLI call signs in as this administrator.
os.environ["SEGUIMIENTO_KDF_DE_PRUEBA"] = "1"
TEST_USER, TEST_PASSWORD = "admin", "contrasena-de-prueba"
os.environ.setdefault("SEGUIMIENTO_USUARIO", TEST_USER)
os.environ.setdefault("SEGUIMIENTO_CONTRASENA", TEST_PASSWORD)


# pytest-xdist (make test runs two workers): the kill-point figures of tests/crash come back
# from the worker that ran them and are printed here, as a run without workers prints them.
_KILL_FIGURES: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    _KILL_FIGURES.extend(getattr(node, "workeroutput", {}).get("kill_figures", []))


def pytest_terminal_summary(terminalreporter) -> None:
    if _KILL_FIGURES:
        terminalreporter.write_sep("-", "kill points (SIGKILL) per operation")
        for line in _KILL_FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plantel.sqlite"


@pytest.fixture
def workspace(db_path: Path):
    from seguimiento_desktop.services import Workspace
    with Workspace.open(db_path) as ws:
        yield ws


def add_administrator(db: Path) -> str:
    """Give a database made without the CLI its administrator (the test user); return the
    recovery code."""
    from seguimiento_desktop.services import Workspace
    with Workspace.open(db) as workspace:
        return workspace.create_administrator(TEST_USER, "Administración de prueba",
                                              TEST_PASSWORD)


def signed_in(db: Path):
    """A Workspace on ``db`` signed in as the test administrator."""
    from seguimiento_desktop.services import Workspace
    return Workspace.sign_in(db, TEST_USER, TEST_PASSWORD)


def plantel_key(path: str | Path) -> bytes | None:
    """The database key of an encrypted plantel (or of a copy with its key file beside
    it), unwrapped from the test administrator's slot; None for a clear file."""
    from seguimiento_desktop.accounts import keyslots
    from seguimiento_desktop.accounts.usecases import user_slot
    path = Path(path)
    if not keyslots.sidecar_path(path).exists() or _opens_clear(path):
        return None
    slot = keyslots.read_key_file(path).slots[user_slot(TEST_USER)]
    return keyslots.unwrap(slot, TEST_PASSWORD, user_slot(TEST_USER))


def _opens_clear(path: Path) -> bool:
    from seguimiento_desktop.storage import encryption
    return encryption.opens_clear(path)


def raw_connection(path: str | Path, **options):
    """A connection to a database file as a SQLite tool would open it, through the one
    door (storage/encryption.connect) and with the test administrator's key when the file
    is encrypted: what a test reads or tampers with behind the app's back. ``options``:
    read_only, isolation_level, timeout…"""
    from seguimiento_desktop.storage import encryption
    return encryption.connect(path, plantel_key(path), **options)


def raw_dump(conn) -> list[str]:
    """Every table's definition and rows as SQL lines, like ``iterdump`` (which SQLCipher's
    connection lacks): equal dumps mean the data did not change."""
    lines = []
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_master "
                                        "WHERE sql IS NOT NULL ORDER BY type, name").fetchall():
        lines.append(f"{sql};")
        if kind == "table" and not sql.upper().startswith("CREATE VIRTUAL"):
            lines += [f'INSERT INTO "{name}" VALUES({",".join(map(repr, row))});'
                      for row in sorted(conn.execute(f'SELECT * FROM "{name}"'), key=repr)]
    return lines


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run the real `seguimiento` entry point in a subprocess, as a script would."""
    def run(*args: str, db: Path | None = None, check: bool = False,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """``env`` adds to (or, with "", removes from) the environment, e.g. another user."""
        command = [sys.executable, "-m", "seguimiento_desktop"]
        if db is not None:
            command += ["--db", str(db)]
        env = {key: value for key, value in {
            **os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8",
            **(env or {})}.items() if value}
        result = subprocess.run(command + list(args), capture_output=True, text=True,
                                encoding="utf-8", env=env, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"exit {result.returncode}: {result.stderr}")
        return result
    return run


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Delete leftover Qt objects while the QApplication still exists.

    Otherwise Python's final garbage collection may destroy PySide6 wrappers after Qt is
    gone, which aborts the interpreter (exit 134) after every test has passed.
    """
    import gc
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is not None:
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    gc.collect()
