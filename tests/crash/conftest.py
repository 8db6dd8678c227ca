"""The crash tests' zygote (one per session) and the figures they print at the end."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crash.harness import FIGURES

ROOT = Path(__file__).resolve().parents[2]


class Zygote:
    """The parent's side of tests/crash/zygote.py: one command, one answer."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "crash" / "zygote.py")], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        assert json.loads(self.process.stdout.readline()).get("ready")

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the crash-test zygote died"
        return json.loads(line)

    def warm(self, op: str, folder: Path) -> float:
        return self.ask(do="warm", op=op, dir=str(folder))["seconds"]

    def run(self, op: str, folder: Path, kill_after: float | None = None) -> dict:
        return self.ask(do="run", op=op, dir=str(folder), kill_after=kill_after)

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def zygote():
    if not hasattr(os, "fork"):
        pytest.skip("the crash tests fork (POSIX only)")
    child = Zygote()
    yield child
    child.stop()


def pytest_sessionfinish(session) -> None:
    """Under pytest-xdist (make test) the figures are a worker's: handed to the controller,
    which prints them (tests/conftest.py)."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["kill_figures"] = list(FIGURES)


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.write_sep("-", "kill points (SIGKILL) per operation")
        for line in FIGURES:
            terminalreporter.write_line(line)
