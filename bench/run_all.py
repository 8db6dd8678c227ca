"""Runs every benchmark script in bench/ in its own interpreter and prints their figures.

Each script is plain Python printing one line per figure; this keeps their outputs in one
place for the release notes (`make bench`).
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        started = time.perf_counter()
        print(f"## {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script)], text=True)
        failures += result.returncode != 0
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
