"""GUI cold start: our main window on a demo plantel vs a bare QApplication + QMainWindow.

Each repetition starts a fresh interpreter (offscreen) and measures, from the parent, the
time until the child says its window has been shown (the app's own smoke-test hook
SEGUIMIENTO_EXIT_WHEN_SHOWN=1). Two figures for the app: the main window on screen (its
first event-loop turn, still opening the database: the issue's figure) and the directory
shown with its data (what a user waits for). The kinds alternate so all see the same
machine state. Wall clock (median) and each child's CPU time up to its ready line
(median; what the machine being shared does not change), read by the child itself: what
either does after it (the app's closing automatic copy, Qt's teardown) is not starting.
Target: ratio ≤ 2×.

    python bench/bench_gui_start.py [--repetitions 7] [--students 300]
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
WINDOW = "seguimiento-window"

BARE = f"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 720)
window.show()
QTimer.singleShot(0, lambda: (print({READY!r}, flush=True),
                              print("cpu", time.process_time(), flush=True), window.close()))
sys.exit(app.exec())
"""

# The app prints the ready line itself; its stdout adds the CPU time (every thread, since
# the process began) as that line is flushed.
APP = f"""
import sys, time

class CpuAtReady:
    def __init__(self, out):
        self.out, self.ready = out, False
    def write(self, text):
        self.ready = self.ready or text.strip() == {READY!r}
        return self.out.write(text)
    def flush(self):
        if self.ready:
            self.out.write(f"cpu {{time.process_time()}}\\n")
            self.ready = False
        self.out.flush()
    def __getattr__(self, name):
        return getattr(self.out, name)

sys.stdout = CpuAtReady(sys.stdout)
from seguimiento_desktop.gui.app import run_app
sys.exit(run_app(sys.argv[1]))
"""


def demo_database(folder: Path, students: int = 300, encrypted: bool = False) -> Path:
    """A demo plantel of ``students``; large ones are built once and kept in the temp folder
    (the search bench's database, without follow-up data). ``encrypted``: with an
    administrator, which encrypts it (bench_search's USER and PASSWORD)."""
    from seguimiento_desktop.services import Workspace
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_search import PASSWORD, USER, database, encrypted_database, open_reader
    if students > 1000:
        return encrypted_database(students) if encrypted else database(students, False)
    path = folder / "demo.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(students)
        if encrypted:
            workspace.create_administrator(USER, "Administración del bench", PASSWORD)
    if encrypted:
        open_reader(path, True).close()  # opened with the key: converted
    return path


def sign_in_cpu(database: Path) -> float:
    """CPU seconds of signing in (the password's key derivation, scrypt at the slot's own
    parameters, then opening with the key): part of an encrypted start."""
    from seguimiento_desktop.services import Workspace
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_search import PASSWORD, USER
    started = time.process_time()
    Workspace.sign_in(database, USER, PASSWORD).close()
    return time.process_time() - started


def time_to_ready(code: str, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning ``python -c code`` until it prints the window line (if it
    does) and the ready line. The child's CPU time at the ready line goes to ``CPU``."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env)
    assert child.stdout is not None
    window = None
    for line in child.stdout:
        if line.strip() == WINDOW:
            window = time.perf_counter() - started
        if line.strip() == READY:
            elapsed = time.perf_counter() - started
        if line.startswith("cpu "):
            CPU.append(float(line.split()[1]))
            break
    else:
        raise RuntimeError(f"the child exited with {child.wait()} without showing a window")
    child.wait(timeout=60)
    return (window or elapsed), elapsed


CPU: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--cifrada", action="store_true",
                        help="an encrypted plantel, signed in from SEGUIMIENTO_USUARIO/"
                             "SEGUIMIENTO_CONTRASENA as the smoke test does")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = demo_database(Path(folder), args.students, args.cifrada)
        # Bytecode cached, as in an installed or frozen app (pip compiles on install); a
        # shell with PYTHONDONTWRITEBYTECODE would otherwise have the app compile some 30
        # modules from source on every start, which no user pays. Kept out of the tree.
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": folder,
               "SEGUIMIENTO_EXIT_WHEN_SHOWN": "1",
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if args.cifrada:
            from bench_search import PASSWORD, USER
            env.update(SEGUIMIENTO_USUARIO=USER, SEGUIMIENTO_CONTRASENA=PASSWORD)
            print(f"start_sign_in_cpu_ms {sign_in_cpu(database) * 1000:.0f}")
        time_to_ready(BARE, [], env)  # warm the OS file cache (and bytecode) for both
        time_to_ready(APP, [str(database)], env)
        bare, window, ready, bare_cpu, app_cpu = [], [], [], [], []
        for _ in range(args.repetitions):
            bare.append(time_to_ready(BARE, [], env)[1])
            bare_cpu.append(CPU[-1])
            shown, with_data = time_to_ready(APP, [str(database)], env)
            app_cpu.append(CPU[-1])
            window.append(shown)
            ready.append(with_data)
    bare_ms = statistics.median(bare) * 1000
    window_ms, ready_ms = statistics.median(window) * 1000, statistics.median(ready) * 1000
    n = f"{args.students}_cifrada" if args.cifrada else args.students
    print(f"start_students {n}")
    print(f"start_bare_median_ms {bare_ms:.0f}")
    print(f"start_app_window_shown_median_ms {window_ms:.0f}")
    print(f"start_app_directory_with_data_median_ms {ready_ms:.0f}")
    print(f"start_ratio_window_shown {window_ms / bare_ms:.2f} (target <= 2)")
    print(f"start_ratio_directory_with_data {ready_ms / bare_ms:.2f}")
    print(f"start_ratio_directory_with_data_{n} {ready_ms / bare_ms:.2f}")
    bare_cpu_ms, app_cpu_ms = statistics.median(bare_cpu) * 1000, statistics.median(app_cpu) * 1000
    print(f"start_cpu_bare_median_ms {bare_cpu_ms:.0f}")
    print(f"start_cpu_app_directory_with_data_median_ms {app_cpu_ms:.0f}")
    print(f"start_cpu_ratio_directory_with_data_{n} {app_cpu_ms / bare_cpu_ms:.2f}")

if __name__ == "__main__":
    main()
