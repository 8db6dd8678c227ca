"""Frozen CLI start vs source CLI start, in the same run (target: ratio ≤ 1.5×).

Times, from the parent, whole processes of the frozen console executable
(dist/SeguimientoEgresados/seguimiento, from `make dist`) and of the same command from
source (`python -m seguimiento_desktop` in this interpreter), alternating so both see the
same machine state; the median of the repetitions. Two commands: `--version` (start-up
alone) and `questionnaires list --json` (imports the core and reads bundled data).
Without a frozen build it says so and exits 0, so `make bench` still runs.

    python bench/bench_frozen_start.py [--repetitions 9]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "SeguimientoEgresados" / (
    "seguimiento.exe" if sys.platform == "win32" else "seguimiento")
COMMANDS = (["--version"], ["questionnaires", "list", "--json"])


def elapsed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=env["HOME"])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repetitions", type=int, default=9)
    repetitions = parser.parse_args().repetitions
    if not FROZEN.is_file():
        print(f"frozen CLI start: skipped (no {FROZEN.relative_to(ROOT)}; run `make dist`)")
        return 0
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "XDG_DATA_HOME": home,
               "PYTHONPATH": str(ROOT)}
        worst = 0.0
        for args in COMMANDS:
            kinds = {"frozen": [str(FROZEN)], "source": [sys.executable, "-m",
                                                         "seguimiento_desktop"]}
            times: dict[str, list[float]] = {kind: [] for kind in kinds}
            for kind, prefix in kinds.items():  # warm the disk cache once
                elapsed(prefix + args, env)
            for _ in range(repetitions):
                for kind, prefix in kinds.items():
                    times[kind].append(elapsed(prefix + args, env))
            frozen, source = (statistics.median(times[k]) for k in ("frozen", "source"))
            shown = " ".join(args)
            print(f"frozen CLI start ({shown}): {frozen * 1000:.0f} ms "
                  f"(median of {repetitions})")
            print(f"source CLI start ({shown}): {source * 1000:.0f} ms")
            print(f"frozen/source ({shown}): {frozen / source:.2f}× (target ≤ 1.5×)")
            worst = max(worst, frozen / source)
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
