"""Every figure of the performance table in one run, then the other benchmark scripts.

Each script runs in its own interpreter and prints ``name value`` lines; the table below
picks its figures from them. Every baseline (raw inserts, the calamine read, the bare
window) is measured by the same script in the same run, so a ratio never mixes two
machine states. The machine's load (``uptime``) is taken before each script and shown
next to its figures: on a shared machine the CPU-time figures are the ones to trust.
The table is printed and written to docs/benchmarks.md («## Performance») with the
machine's cores and the Python and SQLite versions (`make bench`).

    python bench/run_all.py [--table-only] [--no-docs] [--growth-bundles 1000]
"""

import argparse
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent / "docs" / "benchmarks.md"


@dataclass
class Row:
    """One figure: what it is, its goal, where it comes from and how to judge it."""

    figure: str
    goal: str
    run: str  # the run (script and arguments) that prints it
    keys: tuple[str, ...]  # the printed values shown, in order
    meets: object  # values -> bool


def _runs(growth_bundles: int, growth_students: int) -> dict[str, list[str]]:
    return {
        "merge": ["bench_merge.py", "--planteles", "200"],
        "growth": ["bench_merge.py", "--planteles", str(growth_bundles), "--alumnos",
                   str(growth_students), "--repeticiones", "0"],
        "import5k": ["bench_import.py", "--students", "5000"],
        "import20k": ["bench_import.py", "--students", "20000"],
        "start300": ["bench_gui_start.py", "--students", "300"],
        "start50k": ["bench_gui_start.py", "--students", "50000"],
        "search50k": ["bench_search.py", "--students", "50000"],
        "search200k": ["bench_search.py", "--students", "200000"],
    }


def _table(growth_bundles: int) -> list[Row]:
    g = growth_bundles
    return [
        Row("central merge vs raw executemany of the same rows (numbers and bookkeeping "
            "included), 200 bundles: CPU / wall", "≥ 0.6 both", "merge",
            ("merge_ratio_cpu", "merge_ratio_wall"), lambda v: min(v) >= 0.6),
        Row("merge CPU per bundle, first → last tenth, 200 bundles (ms; last/first; the raw "
            "inserts' last/first)", "flat: grows no more than the raw inserts", "merge",
            ("merge_per_bundle_cpu_ms_first_tenth_200", "merge_per_bundle_cpu_ms_last_tenth_200",
             "merge_growth_last_over_first_200", "raw_growth_last_over_first_200"),
            lambda v: v[2] <= v[3]),
        Row(f"merge CPU per bundle, first → last tenth, {g} bundles (ms; last/first; the raw "
            "inserts' last/first)", "flat: grows no more than the raw inserts", "growth",
            (f"merge_per_bundle_cpu_ms_first_tenth_{g}", f"merge_per_bundle_cpu_ms_last_tenth_{g}",
             f"merge_growth_last_over_first_{g}", f"raw_growth_last_over_first_{g}"),
            lambda v: v[2] <= v[3]),
        Row("roster import vs the calamine read, 5,000 rows: CPU / wall", "≤ 3×", "import5k",
            ("import_ratio_vs_calamine_cpu_5000", "import_ratio_vs_calamine_wall_5000"),
            lambda v: max(v) <= 3),
        Row("roster import vs the calamine read, 20,000 rows: CPU / wall", "≤ 3×",
            "import20k", ("import_ratio_vs_calamine_cpu_20000",
                          "import_ratio_vs_calamine_wall_20000"), lambda v: max(v) <= 3),
        Row("GUI start to the directory with its data vs bare window, 300 students: "
            "CPU / wall", "≤ 2×", "start300", ("start_cpu_ratio_directory_with_data_300",
                                               "start_ratio_directory_with_data_300"),
            lambda v: v[0] <= 2),
        Row("the same, 50,000 students: CPU / wall", "≤ 2×", "start50k",
            ("start_cpu_ratio_directory_with_data_50000",
             "start_ratio_directory_with_data_50000"), lambda v: v[0] <= 2),
        Row("directory search p95 per keystroke with the repaint, 50,000 students "
            "(ms: CPU / wall)", "≤ 16 ms", "search50k",
            ("search_with_repaint_p95_cpu_ms_50000", "search_with_repaint_p95_wall_ms_50000"),
            lambda v: v[0] <= 16),
        Row("the same, 200,000 students (ms: CPU / wall)", "≤ 25 ms", "search200k",
            ("search_with_repaint_p95_cpu_ms_200000",
             "search_with_repaint_p95_wall_ms_200000"), lambda v: v[0] <= 25),
        Row("slowest prefixes (`hotmail.com`, `garcia l`, `de la cruz`), worst keystroke "
            "with the repaint, 200,000 students (ms: CPU / wall)", "≤ 25 ms", "search200k",
            ("search_slowest_prefixes_max_cpu_ms_200000",
             "search_slowest_prefixes_max_wall_ms_200000"), lambda v: v[0] <= 25),
    ]


def load() -> str:
    """The 1-, 5- and 15-minute load averages, as uptime shows them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run(args: list[str]) -> tuple[dict[str, str], str, float]:
    """Run a script; its ``name value`` lines, the load before it, and its seconds."""
    before, started = load(), time.perf_counter()
    print(f"## {' '.join(args)}   (load {before})", flush=True)
    result = subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]], text=True,
                            capture_output=True)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        sys.stdout.write(result.stderr[-3000:])
    seconds = time.perf_counter() - started
    print(f"   ({seconds:.0f} s)", flush=True)
    values = {}
    for line in result.stdout.splitlines():
        match = re.match(r"(\w+) (.+)$", line.strip())
        if match:
            values[match[1]] = match[2]
    return values, before, seconds


def _number(text: str) -> float:
    return float(text.split()[0])


def judge(table: list[Row], results: dict) -> list[tuple[Row, str, str, str]]:
    """(row, shown value, load, verdict) for every row of the table."""
    judged = []
    for row in table:
        values, before, _ = results[row.run]
        try:
            numbers = [_number(values[key]) for key in row.keys]
        except (KeyError, ValueError):
            judged.append((row, "not measured (the script failed)", before, "no"))
            continue
        shown = " / ".join(f"{n:g}" for n in numbers)
        judged.append((row, shown, before, "yes" if row.meets(numbers) else "**no**"))
    return judged


def markdown(judged: list, results: dict, started: str) -> str:
    lines = [
        "## Performance", "",
        f"Measured {started} by `make bench` (`bench/run_all.py`) on Linux "
        f"{platform.machine()}, {os.cpu_count()} cores (shared with other engineers' "
        f"jobs), Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}. "
        "Each ratio's baseline is measured by the same script in the same run; the load "
        "is `uptime`'s 1/5/15-minute average when that script started. CPU time is the "
        "figure to trust on a loaded machine; wall clock is given beside it.", "",
        "| figure | goal | measured | load | met |", "| --- | --- | --- | --- | --- |"]
    for row, shown, before, verdict in judged:
        lines.append(f"| {row.figure} | {row.goal} | {shown} | {before} | {verdict} |")
    lines += ["", "CPU per bundle (ms) by tenth of the bundles, the merge and the raw inserts "
              "of the same rows:", ""]
    tail = ["", *NOTES]
    for values, _, _ in results.values():
        for key, value in values.items():
            for prefix, what in (("merge_per_bundle_cpu_ms_by_tenth_", "merge"),
                                 ("raw_per_bundle_cpu_ms_by_tenth_", "raw inserts")):
                if key.startswith(prefix):
                    lines.append(f"- {what}, {key.rsplit('_', 1)[1]} bundles: {value}")
    return "\n".join(lines + tail) + "\n"


NOTES = """How each figure is measured (issue 15):

- **Merge** (`bench_merge.py`): 200 real bundles (gzip, age, signed manifest) of 1,000
  students × 3 responses from 200 enrolled installations, merged by
  `CentralWorkspace.merge`. The baseline inserts, with `executemany`, every row the merge
  leaves behind into the same schema (indexes and triggers): students with folio,
  `sort_key` and `sync_rev`, responses with `sync_rev`, and the bookkeeping
  (`sync_links`, `sync_versions`, `sync_received`), one transaction per plantel, with the
  merge's own connection settings (`receiving.merge_settings`: 32 MiB page cache, a WAL
  checkpoint every 64 MiB), so the ratio is the merge's work, not SQLite's tuning. Each
  runs in a fresh process on a fresh copy of the same database; the fastest of two.
  Closing the store (the last checkpoint) is counted in both. The growth run merges more
  bundles in one process, a tenth at a time, and inserts the same rows raw in another.
  **Flat**: the raw inserts grow too (the indexes deepen; the students' name-ordered
  indexes take a row on nearly every leaf, so each commit writes more pages), so the
  merge is flat when its last tenth over its first is no more than the raw inserts' in
  the same run; `bench_merge.py` also prints what the merge spends beyond the raw
  inserts in the first and last tenth (`merge_beyond_raw_cpu_ms_first_last_tenth_*`).
- **Import** (`bench_import.py`): `Workspace.import_roster` of an .xlsx into a fresh
  database vs `pandas.read_excel(engine="calamine", header=None, dtype=object)` of the same
  file, the call the importer itself makes to read it; the two alternate for seven
  rounds and the fastest of each counts, so both meet the same moments of the machine. Into a fresh
  database the new students outnumber the stored ones, so the import takes its bulk path
  (secondary indexes rebuilt once, in the same transaction); a list imported into a
  larger directory writes row by row into the indexes and costs more.
- **Start** (`bench_gui_start.py`): a fresh interpreter per start until the directory is
  painted with its data, vs a bare `QMainWindow`; median of seven, both with bytecode
  cached as an installed app has it. CPU time is read by each child when it prints its
  ready line: what the app does after it (the integrity check, which the app runs as the
  writer's first job once the directory is painted, and the closing automatic copy) is
  not starting.
- **Search** (`bench_search.py`): every prefix of 18 typed searches; each keystroke is
  the model's first page and count plus the repaint of the directory's own table
  (`style_table`, offscreen raster), by process CPU time and by wall clock. A key that
  leaves the first page and the total as shown resets and repaints nothing (the table is
  left as it is); the script also prints the slowest texts pasted whole into the empty
  box, where no key came before them.""".splitlines()


# What follows this line in «## Performance» is written by hand (what changed, what each
# change was worth, what is left) and kept when the table above it is written again.
HAND_NOTES = "<!-- Below: notes written by hand, kept by make bench. -->"


def write_docs(section: str) -> None:
    """Replace (or add) the «## Performance» section's generated part, keeping the notes
    written by hand below HAND_NOTES and every other section."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"^## Performance\n.*?(?=^## |\Z)", text, flags=re.M | re.S)
    if match:
        old = match.group(0)
        notes = old[old.index(HAND_NOTES):].rstrip("\n") + "\n" if HAND_NOTES in old else ""
        section = section + ("\n" + notes if notes else "")
        text = text[:match.start()] + section + ("\n" if match.end() < len(text) else "") \
            + text[match.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOCS.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table-only", action="store_true",
                        help="only the performance table (not the other scripts)")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--growth-bundles", type=int, default=1000)
    parser.add_argument("--growth-students", type=int, default=1000,
                        help="students per bundle of the growth run")
    args = parser.parse_args()
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    results = {name: run(script) for name, script in
               _runs(args.growth_bundles, args.growth_students).items()}
    judged = judge(_table(args.growth_bundles), results)
    section = markdown(judged, results, started)
    print("\n" + section, flush=True)
    if not args.no_docs:
        write_docs(section)
    failures = sum(verdict != "yes" for *_, verdict in judged)
    if not args.table_only:
        table_scripts = {script[0] for script in _runs(1, 1).values()}
        for script in sorted(HERE.glob("bench_*.py")):
            if script.name not in table_scripts:
                _, _, _ = run([script.name])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
