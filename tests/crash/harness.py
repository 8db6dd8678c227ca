"""The kill loop shared by the crash tests: copy a prepared folder, run the operation,
SIGKILL it after a seeded random delay, check what is on disk, run it again to the end."""

import os
import random
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from tests.conftest import raw_connection

KILLS = 30  # kills that land while the operation runs, per operation (issue 12: ≥ 30)
FIGURES: list[str] = []  # one line per operation, printed in the terminal summary
SEED = int(os.environ.get("SEGUIMIENTO_SEMILLA_CORTES", "20261130"))


@dataclass
class Tally:
    """What the kills of one operation found."""

    op: str
    tries: int = 0
    killed: int = 0
    states: Counter = field(default_factory=Counter)
    inconsistent: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        states = ", ".join(f"{name} {n}" for name, n in sorted(self.states.items()))
        return (f"{self.op}: {self.killed} kills during the operation ({self.tries} tried, "
                f"seed {SEED}, operation {self.seconds * 1000:.0f} ms); after reopening: "
                f"{states}; inconsistent: {len(self.inconsistent)}")


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of a database file ('ok' when whole)."""
    conn = raw_connection(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def check_integrity(*paths: Path) -> None:
    for path in paths:
        result = integrity(path)
        assert result == "ok", f"{path.name}: integrity_check says {result!r}"


def kill_points(zygote, op: str, template: Path, work: Path, check: Callable[[Path], str],
                check_rerun: Callable[[Path], None]) -> Tally:
    """Kill ``op`` at KILLS random moments of its run; ``check`` names the state it left
    (or raises AssertionError), ``check_rerun`` judges the folder after a run to the end."""
    tally = Tally(op)
    rng = random.Random(f"{SEED}-{op}")
    zygote.warm(op, _copy(template, work / "warm"))
    runs = []
    for number in range(3):  # the shortest of three whole runs: kills land inside it
        calibration = _copy(template, work / f"calibration-{number}")
        result = zygote.run(op, calibration)
        assert result["exit"] == 0, (calibration / "error.txt").read_text("utf-8")
        check_rerun(calibration)
        runs.append(result["seconds"])
    tally.seconds = min(runs)
    while tally.killed < KILLS and tally.tries < 8 * KILLS:
        folder = _copy(template, work / f"kill-{tally.tries}")
        # Half anywhere in the run, half near its end, where commits and renames happen.
        low = 0.0 if tally.tries % 2 else 0.7
        delay = rng.uniform(low * tally.seconds, 1.05 * tally.seconds)
        tally.tries += 1
        outcome = zygote.run(op, folder, kill_after=delay)
        tally.killed += outcome["killed"]
        if not outcome["killed"]:
            # It ended before the kill: the machine got faster (neighbours' load went
            # down), so later kills aim inside the shorter run instead of missing it.
            tally.seconds = min(tally.seconds, outcome["seconds"])
        where = f"{op}, kill {tally.tries} at {delay * 1000:.1f} ms (seed {SEED})"
        try:
            tally.states[check(folder)] += 1
            again = zygote.run(op, folder)
            error = folder / "error.txt"
            assert again["exit"] == 0, f"re-run failed: {error.read_text('utf-8')[-2000:]}"
            check_rerun(folder)
        except AssertionError as problem:
            tally.inconsistent.append(f"{where}: {problem}")
            continue
        shutil.rmtree(folder)
    return tally


def _copy(template: Path, folder: Path) -> Path:
    shutil.copytree(template, folder)
    return folder
