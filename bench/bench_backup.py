"""Backups and the start-up integrity check on a 50,000-student plantel (wall clock).

Times, on a copy of the search bench's database (bench_search.py builds it once): a manual
backup (SQLite's online backup API, written aside and renamed), an automatic backup (the
copy in respaldos/automaticos plus the week's copy, each verified with integrity_check and
counts), and the quick_check the first open of a process runs. Median of three.

    python bench/bench_backup.py [--students 50000]
"""

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def timed(function, runs: int = 3) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=50_000)
    args = parser.parse_args()
    from bench_search import database
    from seguimiento_desktop.storage import automatic_backups
    from seguimiento_desktop.storage.backups import backup_database
    from seguimiento_desktop.storage.database import open_store
    from seguimiento_desktop.progress import NEVER_CANCELLED, no_progress
    source = database(args.students, rebuild=False)
    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    try:
        copy = folder / "plantel.sqlite"
        shutil.copyfile(source, copy)
        store = open_store(copy)
        size = copy.stat().st_size / 2**20
        manual = timed(lambda: backup_database(store, folder / "respaldo.sqlite", no_progress,
                                               NEVER_CANCELLED))

        def automatic() -> None:
            for old in automatic_backups.automatic_folder(copy).glob("*"):
                old.unlink()  # each run writes the daily and the weekly copy
            assert automatic_backups.run_automatic_backup(store).ok

        auto = timed(automatic)
        conn = sqlite3.connect(copy)
        check = timed(lambda: conn.execute("PRAGMA quick_check(5)").fetchall())
        conn.close()
        store.close()
        print(f"{args.students:,} students, database {size:.1f} MiB")
        print(f"manual backup: {manual * 1000:.0f} ms")
        print(f"automatic backup (daily + weekly, each verified): {auto * 1000:.0f} ms")
        print(f"quick_check at first open: {check * 1000:.0f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
