"""Roster import of a 5,000-student XLSX: the whole import against reading the file alone.

Two baselines, both measured in the same run: ``pandas.read_excel(path)`` as pandas reads an
.xlsx by default (openpyxl), which is the figure the issue names, and the very call the
importer makes to read a sheet,
``pandas.read_excel(path, engine="calamine", header=None, dtype=object)``. The import is
``Workspace.import_roster`` into a fresh database (created and set up outside the timer),
so the ratio is what validating and saving costs on top of reading. Target: ratio ≤ 1.3.
Best of 3 for every figure. The phase lines split the import into reading the file,
checking the rows (check_student, CURP look-up, merge) and writing (one transaction).

    python bench/bench_import.py [--students 5000]
"""

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COHORT = "2023-2026"
TARGET_RATIO = 1.3


def build_file(path: Path, count: int) -> Path:
    """Title rows (one merged), header, ``count`` demo students, a blank row and "Total"."""
    import openpyxl

    from seguimiento_desktop.demo import demo_students
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["CENTRO DE BACHILLERATO TECNOLÓGICO INDUSTRIAL Y DE SERVICIOS No. 299"])
    sheet.merge_cells("A1:L1")
    sheet.append([f"Lista de alumnos, generación {COHORT}"])
    sheet.append([])
    sheet.append(["No.", "CURP", "Apellido paterno", "Apellido materno", "Nombre(s)",
                  "Especialidad", "Grupo", "Turno", "Correo electrónico", "Teléfono celular",
                  "Tel. casa", "Promedio"])
    for number, s in enumerate(demo_students(count, (COHORT,)), 1):
        sheet.append([number, s.curp, s.first_surname, s.second_surname, s.given_names,
                      s.career, s.group, s.shift, s.email or None,
                      int(s.phone) if s.phone else None,
                      int(s.home_phone) if s.home_phone else None, 8.5])
    sheet.append([])
    sheet.append(["Total", None, None, None, f"TOTAL DE ALUMNOS: {count}"])
    workbook.save(path)
    return path


CPU: dict[str, float] = {}  # the fastest CPU time of each timed action, by name


def best_of(runs: int, setup, action, name: str = "") -> float:
    """Fastest of ``runs`` timings of ``action(setup())``, in seconds (wall clock); the
    fastest CPU time goes to ``CPU[name]``."""
    timings, cpus = [], []
    for _ in range(runs):
        prepared = setup()
        cpu, started = time.process_time(), time.perf_counter()
        action(prepared)
        timings.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    CPU[name] = min(cpus)
    return min(timings)


class FreshDatabases:
    """A new, set-up plantel database for every timed import."""

    def __init__(self, folder: Path):
        self.folder, self.opened = folder, []

    def __call__(self):
        from seguimiento_desktop.demo import DEMO_SCHOOL
        from seguimiento_desktop.services import Workspace
        workspace = Workspace.open(self.folder / f"plantel-{len(self.opened)}.sqlite")
        workspace.set_up_school(DEMO_SCHOOL)
        self.opened.append(workspace)
        return workspace

    def close(self) -> None:
        """Closing checkpoints the WAL: done after the timings, not inside them."""
        for workspace in self.opened:
            workspace.close()


def import_into(workspace, path: Path) -> None:
    report = workspace.import_roster(path, COHORT)
    assert report.rejected == [] and report.written, report.as_json()


def checking(path: Path):
    """Read + check phases only (no write), through the importer's public pieces."""
    from seguimiento_desktop.domain.curp import normalize_curp
    from seguimiento_desktop.roster.importer import open_roster
    from seguimiento_desktop.roster.plan import plan_import
    from seguimiento_desktop.roster.rows import data_rows
    roster = open_roster(path)
    rows = data_rows(roster.grid.rows, roster.header, roster.header.mapping)
    assert len({normalize_curp(r.values["curp"]) for r in rows}) == len(rows)
    return plan_import(rows, COHORT, {}, date.today())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=5000)
    args = parser.parse_args()
    import pandas as pd

    from seguimiento_desktop.roster.importer import open_roster
    with tempfile.TemporaryDirectory() as folder:
        path = build_file(Path(folder) / "lista.xlsx", args.students)
        read = best_of(3, lambda: path, lambda p: pd.read_excel(
            p, engine="calamine", header=None, dtype=object), "read")
        default_read = best_of(3, lambda: path, lambda p: pd.read_excel(p, engine="openpyxl"))
        fresh = FreshDatabases(Path(folder))
        full = best_of(3, fresh, lambda ws: import_into(ws, path), "import")
        again_ws = fresh()
        again_ws.import_roster(path, COHORT)
        again = best_of(3, lambda: again_ws, lambda ws: ws.import_roster(path, COHORT))
        fresh.close()
        opened = best_of(3, lambda: path, open_roster)
        checked = best_of(3, lambda: path, checking)
    print(f"students {args.students}")
    print(f"read_excel_default_ms {default_read * 1000:.0f}")
    print(f"read_excel_calamine_ms {read * 1000:.0f}")
    print(f"import_fresh_ms {full * 1000:.0f}")
    print(f"import_ratio_vs_default_read_excel {full / default_read:.2f} (target <= {TARGET_RATIO})")
    print(f"import_ratio_vs_calamine_read_excel {full / read:.2f}")
    print(f"reimport_unchanged_ms {again * 1000:.0f}")
    print(f"reimport_ratio {again / read:.2f}")
    print(f"phase_read_ms {opened * 1000:.0f}")
    print(f"phase_check_ms {(checked - opened) * 1000:.0f}")
    print(f"phase_write_ms {(full - checked) * 1000:.0f}")
    n = args.students
    print(f"import_ratio_vs_calamine_wall_{n} {full / read:.2f} (target <= 3)")
    print(f"import_ratio_vs_calamine_cpu_{n} {CPU['import'] / CPU['read']:.2f} (target <= 3; "
          f"{CPU['import'] * 1000:.0f} vs {CPU['read'] * 1000:.0f} ms CPU)")


if __name__ == "__main__":
    main()
