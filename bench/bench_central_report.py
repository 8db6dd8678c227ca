"""Consolidated central report on a simulated national cohort: 15,427 planteles and about
1.4 million finished responses per questionnaire. Reports wall time and peak memory
(target ≤ 2 GiB), next to a small central database rendered in the same run as baseline.

The database is generated straight into SQLite with executemany (same schema, triggers
included), not through bundles: merging is benchmarked by bench_merge.py. Students have
names (and so the directory's sort keys, in no relation to their row order, as real
names are): with empty names every sort key was equal and a query walking the
(deleted, sort_key) index read the table in row order, hiding a 4× slower students' pass.

    python bench/bench_central_report.py [--planteles 15427] [--keep]
"""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COHORT = "2022-2025"
QUESTIONNAIRES = {"C1": 0.92, "C2": 0.90, "C3": 0.88}  # mean share of graduates who answered
BATCH = 50_000
GIVEN_NAMES = ("Ana", "José", "María", "Luis", "Fernanda", "Jesús", "Guadalupe", "Diego",
               "Ximena", "Juan", "Sofía", "Miguel", "Valeria", "Ángel", "Camila", "Carlos")
SURNAMES = ("Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez",
            "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes",
            "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz")


def _school(i: int, rng: random.Random) -> tuple[str, dict]:
    state = 1 + i % 32
    cct = f"{state:02d}DCT{i:04d}{'ABCDEFGHJK'[i % 10]}"[:10]
    subsystem = rng.choice(["UEMSTIS (antes DGETI): CBTIS y CETIS", "Colegio de Bachilleres",
                            "CECyTE", "CONALEP", "Dirección General del Bachillerato (DGB)",
                            "DGETAyCM (antes DGETA)", "Telebachillerato Comunitario"])
    return cct, {"name": f"Plantel {i:05d}", "subsystem": subsystem, "state": "", "shift": ""}


def build(path: Path, planteles: int, seed: int = 3) -> int:
    """Write the simulated central database; return the number of responses written."""
    from seguimiento_desktop.domain.text import person_key
    from seguimiento_desktop.storage.database import open_store
    rng = random.Random(seed)
    store = open_store(path)
    db = store.db.conn
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")  # one transaction: committing each row would dominate the build
    students, answers, written, serial = [], [], 0, 0
    for i in range(planteles):
        cct, school = _school(i, rng)
        db.execute("INSERT INTO sync_installations VALUES (?, ?, ?, '', '', '', '2026-01-01', NULL)",
                   [f"inst-{i:05d}", cct, json.dumps(school)])
        rates = {q: min(1.0, rng.gauss(mean, 0.05)) for q, mean in QUESTIONNAIRES.items()}
        for _ in range(rng.randint(60, 140)):
            serial += 1
            sid = f"{serial:08x}"
            given, surname = rng.choice(GIVEN_NAMES), rng.choice(SURNAMES)
            students.append((sid, f"S-{serial:010d}", given, surname,
                             person_key(surname, "", given), rng.choice("HM"), cct))
            for q, rate in rates.items():
                if rng.random() < rate:
                    body = {"PLAN": rng.randint(1, 5)} if q == "C1" else {
                        "ACT_ACTUAL": rng.choices((1, 2, 3, 4), (40, 30, 12, 18))[0]}
                    answers.append((f"{sid}{q}", sid, q, json.dumps(body)))
        if len(answers) >= BATCH:
            written += _flush(db, students, answers)
    written += _flush(db, students, answers)
    db.execute("COMMIT")
    store.close()
    return written


def _flush(db, students: list, answers: list) -> int:
    db.executemany("INSERT INTO students(id, curp, given_names, first_surname, sort_key, sex, "
                   "cohort, school_cct, status, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, '"
                   + COHORT + "', ?, 'egresado', 1, 'sim')", students)
    db.executemany("INSERT INTO responses(id, student_id, questionnaire, version, status, answers, "
                   "updated_at, origin) VALUES (?, ?, ?, 1, 'completa', ?, 1, 'sim')", answers)
    count = len(answers)
    students.clear()
    answers.clear()
    return count


def measure(path: Path, out: Path) -> None:
    """(child process) render the report and print seconds, pages and peak memory."""
    from seguimiento_desktop.reports.central_report import render_central_report
    from seguimiento_desktop.storage.database import open_store
    store = open_store(path, create=False)
    started, cpu = time.perf_counter(), time.process_time()
    pages = render_central_report(store.db, out)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # CPU time too: on a machine shared with other jobs the wall clock says more about them
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "pages": pages,
                      "peak_mib": peak_mib}))


def run_child(path: Path, out: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--measure", str(path), str(out)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--planteles", type=int, default=15_427)
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="Keep the generated database.")
    args = parser.parse_args()
    if args.measure:
        measure(Path(args.measure[0]), Path(args.measure[1]))
        return
    folder = Path(tempfile.mkdtemp(prefix="central-bench-"))
    small, national = folder / "small.sqlite", folder / "national.sqlite"
    started = time.perf_counter()
    build(small, 50)
    written = build(national, args.planteles)
    print(f"build_national_s {time.perf_counter() - started:.0f} ({written:,} responses)")
    base = run_child(small, folder / "small.pdf")
    full = run_child(national, folder / "national.pdf")
    print(f"central_report_50_planteles_s {base['seconds']:.2f} (peak {base['peak_mib']:.0f} MiB)")
    print(f"central_report_{args.planteles}_planteles_s {full['seconds']:.1f} "
          f"(CPU {full['cpu_seconds']:.1f} s, {full['pages']} pages)")
    ok = full["peak_mib"] <= 2048
    print(f"central_report_peak_memory_mib {full['peak_mib']:.0f} (target <= 2048) "
          f"{'OK' if ok else 'MISSED'}")
    if not args.keep:
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
    else:
        print(f"kept {national}", file=sys.stderr)


if __name__ == "__main__":
    main()
