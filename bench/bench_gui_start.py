"""GUI cold start: our main window on a demo plantel vs a bare QApplication + QMainWindow.

Each repetition starts a fresh interpreter (offscreen) and measures, from the parent, the
time until the child says its window has been shown (the app's own smoke-test hook
SEGUIMIENTO_EXIT_WHEN_SHOWN=1). The two kinds alternate so both see the same machine state.
Target: ratio ≤ 2×.

    python bench/bench_gui_start.py [--repetitions 7]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READY = "seguimiento-ready"

BARE = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 720)
window.show()
QTimer.singleShot(0, lambda: (print({READY!r}, flush=True), window.close()))
sys.exit(app.exec())
"""

APP = """
import sys
from seguimiento_desktop.gui.app import run_app
sys.exit(run_app(sys.argv[1]))
"""


def demo_database(folder: Path) -> Path:
    from seguimiento_desktop.services import Workspace
    path = folder / "demo.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(300)
    return path


def time_to_ready(code: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``python -c code`` until it prints the ready line."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == READY:
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"the child exited with {child.wait()} without showing a window")
    child.wait(timeout=30)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = demo_database(Path(folder))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": folder,
               "SEGUIMIENTO_EXIT_WHEN_SHOWN": "1"}
        time_to_ready(BARE, [], env)  # warm the OS file cache for both
        time_to_ready(APP, [str(database)], env)
        bare, ours = [], []
        for _ in range(args.repetitions):
            bare.append(time_to_ready(BARE, [], env))
            ours.append(time_to_ready(APP, [str(database)], env))
    bare_ms, ours_ms = statistics.median(bare) * 1000, statistics.median(ours) * 1000
    print(f"start_bare_median_ms {bare_ms:.0f}")
    print(f"start_app_median_ms {ours_ms:.0f}")
    print(f"start_ratio {ours_ms / bare_ms:.2f}")


if __name__ == "__main__":
    main()
