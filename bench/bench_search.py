"""Directory type-ahead on a 50,000-student plantel: what one keystroke costs the GUI.

Each measured keystroke is what the directory does after the debounce: set the search text
on the table model, which loads the first page and the count on the GUI thread's reader,
then the offscreen table view's reset and repaint the user waits for (Qt's software
rasteriser, about what an old PC without GPU does). Both are timed together, by the wall
clock and by the process CPU time (the machine may be shared); targets: p95 ≤ 16 ms
at 50,000 students, ≤ 25 ms at 200,000. Every prefix of every typed text counts, as if
the user paused after each key; the slowest texts of the issue are reported alone too,
and once more pasted whole into the empty box (no key before them).

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
# The slowest texts the issue measured (200,000 students), reported on their own.
SLOWEST = ("hotmail.com", "garcia l", "de la cruz")


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


USER, PASSWORD = "admin", "contrasena-de-bench"  # the encrypted copy's administrator


def encrypted_database(students: int) -> Path:
    """A copy of the demo plantel given an administrator, which encrypts it (SQLCipher, the
    default for a plantel with accounts); built once beside the clear one."""
    import shutil

    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.storage import encryption
    clear = database(students, False)
    path = clear.with_name(f"search-{students}-cifrada.sqlite")
    if not path.exists():
        partial = path.with_name(path.name + ".parcial")
        shutil.copyfile(clear, partial)
        with Workspace.open(partial) as workspace:
            workspace.create_administrator(USER, "Administración del bench", PASSWORD)
        open_reader(partial, True).close()  # opened with the key: converted
        for suffix in ("", ".llaves"):
            Path(f"{partial}{suffix}").replace(f"{path}{suffix}")
    assert encryption.is_encrypted(path), f"{path} is not encrypted"  # before any connection
    return path


def open_reader(path: Path, encrypted: bool):
    """The GUI's reader on ``path``: signed in with the key when it is encrypted."""
    from seguimiento_desktop.services import Workspace
    if not encrypted:
        return Workspace.open(path)
    with Workspace.sign_in(path, USER, PASSWORD) as signed:
        return Workspace.open(path, session=signed.session)


def typed_texts(workspace) -> list[list[str]]:
    """For each realistic search (names, contact data, CURP fragments), its prefixes."""
    from seguimiento_desktop.domain.models import StudentQuery
    sample = workspace.find_students(StudentQuery(order_by="curp", limit=3, offset=1234))
    curp_fragments = [s.curp[:10].lower() for s in sample]
    return [[typed[:end] for end in range(1, len(typed) + 1) if typed[end - 1] != " "]
            for typed in TYPED_NAMES + TYPED_CONTACT + curp_fragments]


def measure(path: Path, searches: list[list[str]],
            encrypted: bool = False) -> list[tuple[float, float, str]]:
    """(model refresh ms, repaint ms, text) for every prefix."""
    from PySide6.QtWidgets import QApplication, QTableView

    from seguimiento_desktop.gui.directory.page import style_table
    from seguimiento_desktop.gui.directory.table_model import StudentTableModel
    app = QApplication.instance() or QApplication([])
    reader = open_reader(path, encrypted)
    model = StudentTableModel(reader)
    view = QTableView()
    view.setModel(model)
    style_table(view)  # the directory's own table: its columns, no row numbers
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
            cpu, started = time.process_time(), time.perf_counter()
            model.set_text(text)  # synchronous: returns with the first page loaded
            loaded = time.perf_counter()
            app.processEvents()  # the view's reset and repaint
            painted, cpu = time.perf_counter(), time.process_time() - cpu
            timings.append(((loaded - started) * 1000, (painted - loaded) * 1000, text,
                            cpu * 1000))
    reader.close()
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database")
    parser.add_argument("--cifrada", action="store_true",
                        help="an encrypted copy of the plantel, read as the signed-in GUI does")
    args = parser.parse_args()
    path = database(args.students, args.rebuild)
    if args.cifrada:
        path = encrypted_database(args.students)
    with open_reader(path, args.cifrada) as workspace:
        searches = typed_texts(workspace)
    measured = measure(path, searches, args.cifrada)
    timings = [m[0] for m in measured]
    paints = [m[1] for m in measured]
    totals = [m[0] + m[1] for m in measured]
    cpus = [m[3] for m in measured]
    n = args.students
    print(f"search_students {n}")
    print(f"search_queries {len(timings)}")
    print(f"search_p50_ms {statistics.median(timings):.1f}")
    print(f"search_p95_ms {p95(timings):.1f}")
    print(f"search_max_ms {max(timings):.1f}")
    print(f"repaint_p50_ms {statistics.median(paints):.1f}")
    print(f"repaint_p95_ms {p95(paints):.1f}")
    print(f"search_with_repaint_p95_wall_ms_{n} {p95(totals):.1f}")
    print(f"search_with_repaint_p95_cpu_ms_{n} {p95(cpus):.1f}")
    slowest = sorted(measured, key=lambda m: m[0] + m[1], reverse=True)[:3]
    print("search_slowest_with_repaint " + ", ".join(
        f"{text!r}={ms + paint:.0f}ms wall/{cpu:.0f}ms CPU" for ms, paint, text, cpu in slowest))
    focus = [m for m in measured if m[2] in SLOWEST]
    print(f"search_slowest_prefixes_max_wall_ms_{n} {max(m[0] + m[1] for m in focus):.1f}")
    print(f"search_slowest_prefixes_max_cpu_ms_{n} {max(m[3] for m in focus):.1f}")
    print("search_slowest_prefixes_cpu_ms " + ", ".join(
        f"{text!r}={max(m[3] for m in focus if m[2] == text):.1f}" for text in SLOWEST))
    # The same texts pasted into the empty box: no key before them to narrow from (no
    # walked page, the table always repainted), the worst a person can meet with them.
    pasted = measure(path, [[text] for text in SLOWEST], args.cifrada)
    print(f"search_slowest_prefixes_pasted_max_cpu_ms_{n} {max(m[3] for m in pasted):.1f} ("
          + ", ".join(f"{text!r}={cpu:.1f}" for _, _, text, cpu in pasted) + ")")

if __name__ == "__main__":
    main()
