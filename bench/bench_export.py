"""Bundle export of a 3,000-student plantel vs plain json.dumps of the same records.

The plantel is the demo plantel (students, their C1/C2/C3 responses as the calendar has
them, contact attempts), configured by a central office. Timed, alternating, fastest of
``--repeticiones``:

- export: ``Workspace.export_bundle`` (read changes, JSON lines, gzip, age, signed manifest,
  tar, fsync, rename, re-read and verify, log);
- baseline: the same rows read from the same database and written to a file as one
  ``json.dumps`` per record.

Target: export ≤ 3 × baseline. The bundle size is printed too.

    python bench/bench_export.py [--alumnos 3000] [--repeticiones 3]
"""

import argparse
import json
import tempfile
import time
from pathlib import Path


def setup(folder: Path, count: int):
    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    school = Workspace.open(folder / "plantel.sqlite")
    school.fill_demo(count)
    office = CentralWorkspace.open(folder / "central.sqlite")
    office.init("Oficina de prueba")
    request = school.sync_enrollment(folder / "solicitud.json")
    office.enroll(request.path, request.fingerprint.hex)
    package = office.write_config_package(folder / "config.json")
    school.import_config(package.path, package.fingerprint.hex)
    office.close()
    return school


def baseline(school, target: Path) -> float:
    """Every record the export sends, as one json.dumps line each, into a plain file."""
    from seguimiento_desktop.storage.sync_state import TABLES
    start = time.perf_counter()
    with open(target, "w", encoding="utf-8") as out:
        for table, columns in TABLES.items():
            cursor = school.store.db.conn.execute(f"SELECT {', '.join(columns)} FROM {table}")
            for row in cursor:
                out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alumnos", type=int, default=3000)
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        school = setup(folder, args.alumnos)
        plain, exports, result = [], [], None
        for rep in range(args.repeticiones):  # nothing is acknowledged: each export is whole
            plain.append(baseline(school, folder / f"registros{rep}.jsonl"))
            usb = folder / f"usb{rep}"
            usb.mkdir()
            start = time.perf_counter()
            result = school.export_bundle(usb)
            exports.append(time.perf_counter() - start)
        records = sum(result.counts.values())
        plain_size = (folder / "registros0.jsonl").stat().st_size
        print(f"records: {records:,} ({result.counts['students']:,} students, "
              f"{result.counts['responses']:,} responses, "
              f"{result.counts['contact_attempts']:,} contact attempts)")
        print(f"plain json.dumps to a file: {min(plain):.2f} s ({plain_size / 1024:,.0f} KiB)")
        print(f"bundle export: {min(exports):.2f} s")
        print(f"export/plain time ratio: {min(exports) / min(plain):.2f} (target <= 3)")
        print(f"bundle size: {result.size / 1024:,.0f} KiB "
              f"({result.size / plain_size:.0%} of the plain JSON lines)")
        school.close()


if __name__ == "__main__":
    main()
