"""Opening a case by folio with 20,000 responses in the database (target ≤ 100 ms).

Three figures per folio, over a sample of folios spread through the database:
- baseline: the raw SQLite lookups alone (student by folio number, its response);
- core: ``Workspace.open_case(folio)``, what both the GUI and the CLI call;
- GUI: the keyer's whole wait in the Captura page, from Enter after the scanned folio
  until the questionnaire form is on screen and ready for the first keystroke.

    QT_QPA_PLATFORM=offscreen python bench/bench_open_case.py [--responses 20000] [--rebuild]
"""

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
RESPONSES_PER_STUDENT = 1.1  # what the demo's follow-up gives, roughly
SAMPLE = 200


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def database(responses: int, rebuild: bool) -> Path:
    """A demo plantel with at least ``responses`` responses, built once and kept."""
    from seguimiento_desktop.services import Workspace
    path = Path(tempfile.gettempdir()) / "seguimiento-bench" / f"open-case-{responses}.sqlite"
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    students = int(responses / RESPONSES_PER_STUDENT)
    with Workspace.open(path) as workspace:
        while len(workspace.find_responses()) < responses:
            started = time.perf_counter()
            workspace.fill_demo(students)
            print(f"build_database_s {time.perf_counter() - started:.1f}", file=sys.stderr)
            students = int(students * 1.2)
    return path


def folios(path: Path) -> list[tuple[str, int]]:
    """(questionnaire, folio number) of responses spread through the database."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT r.questionnaire, s.seq FROM responses r "
                            "JOIN students s ON s.id = r.student_id").fetchall()
    return random.Random(7).sample(rows, SAMPLE)


def raw_lookups(path: Path, sample: list[tuple[str, int]]) -> list[float]:
    conn = sqlite3.connect(path)
    timings = []
    for questionnaire, seq in sample:
        started = time.perf_counter()
        student = conn.execute("SELECT * FROM students WHERE seq = ? AND deleted = 0",
                               [seq]).fetchone()
        conn.execute("SELECT * FROM responses WHERE student_id = ? AND questionnaire = ?",
                     [student[0], questionnaire]).fetchone()
        timings.append((time.perf_counter() - started) * 1000)
    conn.close()
    return timings


def core_lookups(path: Path, sample: list[tuple[str, int]]) -> list[float]:
    from seguimiento_desktop.domain.models import folio
    from seguimiento_desktop.services import Workspace
    timings = []
    with Workspace.open(path) as workspace:
        for questionnaire, seq in sample:
            started = time.perf_counter()
            cases = workspace.open_case(folio(questionnaire, seq))
            timings.append((time.perf_counter() - started) * 1000)
            assert cases and cases[0].response is not None
    return timings


def gui_opens(path: Path, sample: list[tuple[str, int]]) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from seguimiento_desktop.domain.models import folio
    from seguimiento_desktop.gui.capture.page import CapturePage
    from seguimiento_desktop.gui.context import AppContext
    from seguimiento_desktop.gui.theme import apply_theme
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    context = AppContext.open(path)
    page = CapturePage(context)
    page.resize(1366, 700)
    page.show()
    page.finder.keyer.setText("Bench Capturista")
    for questionnaire in ("C1", "C2", "C3"):  # forms are built once per questionnaire
        page.open_student(context.reader.find_responses(questionnaire)[0].student_id,
                          questionnaire)
    app.processEvents()
    timings = []
    for questionnaire, seq in sample:
        page.finder.search.setText(folio(questionnaire, seq))
        started = time.perf_counter()
        QTest.keyClick(page.finder.search, Qt.Key.Key_Return)
        app.processEvents()
        timings.append((time.perf_counter() - started) * 1000)
        assert page.session is not None and page.form.current is not None
        page.session.keystrokes = 0  # only looking: nothing to log
    page.close()
    page.deleteLater()
    app.processEvents()
    context.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=20_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    path = database(args.responses, args.rebuild)
    sample = folios(path)
    with sqlite3.connect(path) as conn:
        count = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    raw, core, gui = raw_lookups(path, sample), core_lookups(path, sample), gui_opens(path, sample)
    print(f"open_case_responses_in_db {count:,} (folios sampled {len(sample)})")
    print(f"baseline_raw_sqlite_p95_ms {p95(raw):.2f}")
    print(f"open_case_core_p50_ms {statistics.median(core):.2f}")
    print(f"open_case_core_p95_ms {p95(core):.2f} (target <= 100)")
    print(f"open_case_gui_p50_ms {statistics.median(gui):.1f}")
    print(f"open_case_gui_p95_ms {p95(gui):.1f} (target <= 100, form ready to key)")


if __name__ == "__main__":
    main()
