"""Directory type-ahead on a 50,000-student plantel: what one keystroke costs the GUI.

Each measured query is what the directory does after the debounce: set the search text on
the table model, which loads the first page and the count on the GUI thread's reader
(target: p95 ≤ 15 ms). Separately, the offscreen table view's repaint that follows is
reported too (Qt's software rasteriser, about what an old PC without GPU does). Every
prefix of every typed text counts, as if the user paused after each key.

    QT_QPA_PLATFORM=offscreen python bench/bench_search.py [--students 50000] [--rebuild]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TYPED_NAMES = ["hernandez", "garcia lopez", "nunez", "maria fernanda", "jose luis",
               "villasenor", "de la cruz", "ximena ortiz", "yanez", "brandon"]
TYPED_CONTACT = ["gmail", "hotmail.com", "33 12", "818", "55 7"]


def database(students: int, rebuild: bool) -> Path:
    """A demo plantel of ``students``, built once and kept in the temp folder."""
    from seguimiento_desktop.services import Workspace
    path = Path(tempfile.gettempdir()) / "seguimiento-bench" / f"search-{students}.sqlite"
    if rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    with Workspace.open(path) as workspace:
        if workspace.count_students() != students:
            started = time.perf_counter()
            workspace.fill_demo(students, with_followup=False)
            print(f"build_database_s {time.perf_counter() - started:.1f}", file=sys.stderr)
    return path


def typed_texts(workspace) -> list[list[str]]:
    """For each realistic search (names, contact data, CURP fragments), its prefixes."""
    from seguimiento_desktop.domain.models import StudentQuery
    sample = workspace.find_students(StudentQuery(order_by="curp", limit=3, offset=1234))
    curp_fragments = [s.curp[:10].lower() for s in sample]
    return [[typed[:end] for end in range(1, len(typed) + 1) if typed[end - 1] != " "]
            for typed in TYPED_NAMES + TYPED_CONTACT + curp_fragments]


def measure(path: Path, searches: list[list[str]]) -> list[tuple[float, float, str]]:
    """(model refresh ms, repaint ms, text) for every prefix."""
    from PySide6.QtWidgets import QApplication, QTableView

    from seguimiento_desktop.gui.directory.table_model import StudentTableModel
    from seguimiento_desktop.services import Workspace
    app = QApplication.instance() or QApplication([])
    reader = Workspace.open(path)
    model = StudentTableModel(reader)
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    model.refresh()
    app.processEvents()
    model.set_text("warm-up")
    timings = []
    for prefixes in searches:
        model.set_text("")  # each search starts from the full list, unmeasured
        app.processEvents()
        for text in prefixes:
            started = time.perf_counter()
            model.set_text(text)  # synchronous: returns with the first page loaded
            loaded = time.perf_counter()
            app.processEvents()  # the view's reset and repaint
            painted = time.perf_counter()
            timings.append(((loaded - started) * 1000, (painted - loaded) * 1000, text))
    reader.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    path = database(args.students, args.rebuild)
    from seguimiento_desktop.services import Workspace
    with Workspace.open(path) as workspace:
        searches = typed_texts(workspace)
    measured = measure(path, searches)
    timings = [model for model, _paint, _text in measured]
    paints = [paint for _model, paint, _text in measured]
    print(f"search_queries {len(timings)}")
    print(f"search_p50_ms {statistics.median(timings):.1f}")
    print(f"search_p95_ms {statistics.quantiles(timings, n=20)[18]:.1f}")
    print(f"search_max_ms {max(timings):.1f}")
    print(f"repaint_p50_ms {statistics.median(paints):.1f}")
    print(f"repaint_p95_ms {statistics.quantiles(paints, n=20)[18]:.1f}")
    slowest = sorted(measured, reverse=True)[:3]
    print("search_slowest " + ", ".join(f"{text!r}={ms:.0f}ms" for ms, _p, text in slowest))


if __name__ == "__main__":
    main()
