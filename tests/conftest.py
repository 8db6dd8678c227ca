"""Fixtures shared by every test: a fresh database per test, synthetic data only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plantel.sqlite"


@pytest.fixture
def workspace(db_path: Path):
    from seguimiento_desktop.services import Workspace
    with Workspace.open(db_path) as ws:
        yield ws


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run the real `seguimiento` entry point in a subprocess, as a script would."""
    def run(*args: str, db: Path | None = None, check: bool = False) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "seguimiento_desktop"]
        if db is not None:
            command += ["--db", str(db)]
        env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg"), "PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(command + list(args), capture_output=True, text=True,
                                encoding="utf-8", env=env, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"exit {result.returncode}: {result.stderr}")
        return result
    return run
