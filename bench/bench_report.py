"""Informe de seguimiento for a 3,000-student cohort that answered C1, C2 and C3, against
the same report for the same students with no answers, in the same run (target ≤ 4×).

The empty report still computes every table and draws every section (with "no answers"
notes), so the ratio says what the data itself costs: reading, pandas and the charts.

    python bench/bench_report.py [--students 3000] [--repeat 9]
"""

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

COHORT = "2022-2025"
TODAY = date(2026, 11, 23)


def build(path: Path, students: int, with_answers: bool) -> None:
    """A plantel whose cohort answered every questionnaire (or none)."""
    from seguimiento_desktop.demo import DEMO_SCHOOL, demo_students
    from seguimiento_desktop.domain.ids import uuid7
    from seguimiento_desktop.domain.models import Response
    from seguimiento_desktop.questionnaires.loader import load_definition
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.storage import responses, students as student_store
    rng = random.Random(5)
    with Workspace.open(path) as ws:
        ws.set_up_school(DEMO_SCHOOL)
        made = [ws.stamp(replace(s, id=uuid7())) for s in demo_students(students, (COHORT,))]
        records = []
        if with_answers:
            for q in ("C1", "C2", "C3"):
                definition = load_definition(q)
                records += [Response(s.id, q, definition.version, synthetic_answers(definition, rng),
                                     status="completa", completed_at="2025-11-05T10:00:00",
                                     id=uuid7(), updated_at=ws.store.clock.now(),
                                     origin=ws.store.installation_id) for s in made]
        with ws.store.transaction() as db:
            student_store.write_students(db, made, DEMO_SCHOOL.cct)
            responses.write_responses(db, records)


def render_seconds(paths: dict[str, Path], folder: Path, repeat: int) -> dict[str, tuple]:
    """Median wall time of the whole use case (statistics + PDF) and pages, per database.

    The runs alternate between the databases, so a busy machine (other processes on the
    same cores) slows both sides alike instead of skewing the ratio.
    """
    from seguimiento_desktop.services import Workspace
    times: dict[str, list[float]] = {name: [] for name in paths}
    pages: dict[str, int] = {}
    workspaces = {name: Workspace.open(path) for name, path in paths.items()}
    try:
        for name, ws in workspaces.items():  # warm-up: imports and caches, not measured
            ws.render_followup_report(COHORT, folder / f"warm-{name}.pdf", today=TODAY)
        for _ in range(repeat):
            for name, ws in workspaces.items():
                started = time.perf_counter()
                pages[name] = ws.render_followup_report(COHORT, folder / f"{name}.pdf", today=TODAY)
                times[name].append(time.perf_counter() - started)
    finally:
        for ws in workspaces.values():
            ws.close()
    return {name: (statistics.median(times[name]), pages[name]) for name in paths}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        full, empty = Path(folder, "full.sqlite"), Path(folder, "empty.sqlite")
        started = time.perf_counter()
        build(full, args.students, with_answers=True)
        build(empty, args.students, with_answers=False)
        print(f"build_databases_s {time.perf_counter() - started:.1f}")
        measured = render_seconds({"empty": empty, "full": full}, Path(folder), args.repeat)
        (baseline, empty_pages), (loaded, full_pages) = measured["empty"], measured["full"]
    print(f"report_no_data_s {baseline:.3f} ({empty_pages} pages)")
    print(f"report_{args.students}_students_3_questionnaires_s {loaded:.3f} ({full_pages} pages)")
    ratio = loaded / baseline
    print(f"ratio {ratio:.2f} (target <= 4.00) {'OK' if ratio <= 4 else 'MISSED'}")


if __name__ == "__main__":
    main()
