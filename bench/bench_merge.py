"""Central merge of plantel bundles vs a raw executemany insert of the same rows.

Builds N real bundles (the app's own bundle writer: gzip, age, signed manifest) of 1,000
students × 3 responses each from N enrolled installations, then, each in a fresh
subprocess on a fresh copy of the same central database:

- merge: ``CentralWorkspace.merge`` of all N bundles (verify, decrypt, check, merge, ack);
- raw: the same student and response rows inserted with ``executemany`` into the same
  tables (same schema, triggers and indexes), one transaction per plantel;
- memory: peak RSS (ru_maxrss) of merging N bundles vs N/10 bundles.

Both children run with the merge's connection settings (``receiving.merge_settings``: page
cache, checkpoint interval), so the ratio is the merge's own work, not SQLite's tuning.

Targets: throughput ≥ 0.6 × raw; cost per bundle flat from the first tenth of the bundles
to the last (growing no more than the raw inserts' own, see ``growth``); peak memory for
N ≤ 1.2 × peak for N/10. Wall clock and
CPU time (process_time of each child) are both printed: on a shared, loaded machine the
wall clock mostly measures the neighbours.

    python bench/bench_merge.py [--planteles 200] [--alumnos 1000] [--repeticiones 2]
    python bench/bench_merge.py --planteles 1000 --repeticiones 0   # growth to 1,000
"""

import argparse
import itertools
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUESTIONNAIRES = ("C1", "C2", "C3")


def student_row(plantel: int, index: int, origin: str, cct: str, stamp: int) -> tuple:
    """A student as the plantel's database holds it (STUDENT_COLUMNS order)."""
    return (f"{plantel:04d}-s-{index:06d}", f"BENC{plantel:04d}{index:06d}HX", "ANA SOFÍA",
            "GARCÍA", f"LÓPEZ {index}", "M", "2008-05-01", "2023-2026", "Programación",
            f"6{chr(65 + index % 6)}", "Matutino", f"alumno{index}@example.com", "3312345678",
            "", "egresado", "", cct, stamp, origin, 0, None, None)


def response_row(student: tuple, questionnaire: str) -> tuple:
    """A response as stored (RESPONSE_COLUMNS order; answers and confirmed as JSON text)."""
    answers = {f"p{n}": n % 4 + 1 for n in range(1, 25)}
    answers["p25"] = "Trabaja y estudia en Guadalajara"
    return (f"{student[0]}-{questionnaire}", student[0], questionnaire, 1, "papel", "completa",
            "CAPTURISTA", "", json.dumps(answers, ensure_ascii=False, sort_keys=True), "[]",
            "2026-06-01T10:00:00", "2026-06-01T10:09:00", student[17] + 1, student[18], 0)


def rows(plantel: int, count: int) -> tuple[list[tuple], list[tuple]]:
    origin, cct = f"0000-inst-{plantel:04d}", f"14DCT{plantel:04d}Z"
    stamp = (1_780_000_000_000 + plantel) << 16
    students = [student_row(plantel, i, origin, cct, stamp + i) for i in range(count)]
    return students, [response_row(s, q) for s in students for q in QUESTIONNAIRES]


def build(folder: Path, planteles: int, count: int) -> None:
    """The central database (enrolled installations) and one bundle per plantel."""
    from datetime import datetime, timezone

    from seguimiento_desktop.storage import sync_central
    from seguimiento_desktop.storage.sync_central import EnrolledRow
    from seguimiento_desktop.sync import bundles
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    from seguimiento_desktop.sync.keys import (
        age_recipient_of, new_age_identity, new_signing_key, parse_recipient, public_key_of, sign)
    from seguimiento_desktop.sync.manifest import Manifest
    from seguimiento_desktop.sync.records import response_line, student_line
    office = CentralWorkspace.open(folder / "central.sqlite")
    # The bundles below are «completo»: an office merges only bundles of its own profile.
    identity = office.init("Oficina de prueba", profile="completo")
    recipients = [parse_recipient(r) for r in identity.recipients]
    (folder / "usb").mkdir()
    with office.store.transaction() as db:
        for p in range(planteles):
            key, origin, cct = new_signing_key(), f"0000-inst-{p:04d}", f"14DCT{p:04d}Z"
            sync_central.save_installation(db, EnrolledRow(
                origin, cct, {"name": f"Plantel {p}"}, public_key_of(key),
                age_recipient_of(new_age_identity()), "", "2026-01-01", None))
            students, responses = rows(p, count)
            lines = itertools.chain((student_line(r, "completo", None) for r in students),
                                    (response_line(r) for r in responses))
            with tempfile.TemporaryFile() as spool:
                payload = bundles.encrypt_lines(lines, recipients, spool)
                manifest = Manifest(
                    installation_id=origin, cct=cct, seq=1, base_seq=0,
                    created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    destination=identity.central_id, recipients=identity.recipients,
                    profile="completo", counts={"students": count, "responses": 3 * count,
                                                "contact_attempts": 0},
                    payload_size=payload.size, payload_sha256=payload.sha256,
                    plain_size=payload.plain_size, app_version="bench").to_bytes()
                bundles.write_bundle(folder / "usb" / f"{cct}_paquete-0001.seg", manifest,
                                     sign(key, manifest), spool, payload.size, 0)
    office.close()


# --- Children (fresh interpreters) ----------------------------------------------------


def child_merge(db: str, files: list[str]) -> dict:
    """Merge ``files`` a tenth at a time (each bundle is its own transaction either way), so
    the cost per bundle can be followed as the store grows."""
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    tenth = max(1, len(files) // 10)
    per_bundle_ms, rejected = [], []
    with CentralWorkspace.open(db) as office:
        start, cpu = time.perf_counter(), time.process_time()
        for first in range(0, len(files), tenth):
            part = files[first:first + tenth]
            part_cpu = time.process_time()
            report = office.merge(part, Path(db).parent / "acuses")
            per_bundle_ms.append((time.process_time() - part_cpu) * 1000 / len(part))
            rejected += [o.message for o in report.outcomes if not o.accepted]
    # Closing checkpoints what the WAL still holds: part of the work, in both children.
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert not rejected, rejected
    return {"seconds": seconds, "cpu": cpu, "per_bundle_ms": per_bundle_ms,
            "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def child_raw(db: str, planteles: int, count: int) -> dict:
    """The same rows, inserted with executemany (one transaction per plantel).

    "The same rows" means every row the merge leaves behind, in the same schema (its
    indexes and triggers): the students with their folio number (``seq``), ``sort_key``
    and change number (``sync_rev``), the responses with theirs, and the merge's
    bookkeeping (``sync_links``, ``sync_versions``, ``sync_received``). Numbers are given
    with the rows, as the merge gives them, so the triggers stay quiet in both.
    """
    from seguimiento_desktop.domain.text import person_key
    from seguimiento_desktop.storage.database import open_store
    from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS
    from seguimiento_desktop.sync.receiving import merge_settings
    store = open_store(db)
    columns = STUDENT_COLUMNS + ("seq", "sort_key", "sync_rev")
    student_sql = (f"INSERT INTO students({', '.join(columns)}) VALUES "
                   f"({', '.join('?' * len(columns))})")
    response_sql = (f"INSERT INTO responses({', '.join(RESPONSE_COLUMNS)}, sync_rev) VALUES "
                    f"({', '.join('?' * (len(RESPONSE_COLUMNS) + 1))})")
    link_sql = "INSERT INTO sync_links(key, target) VALUES (?, ?)"
    version_sql = ("INSERT INTO sync_versions(record_id, updated_at, origin, base_updated_at, "
                   "base_origin, student_id) VALUES (?, ?, ?, ?, ?, ?)")
    received_sql = ("INSERT INTO sync_received(installation_id, seq, payload_sha256, base_seq, "
                    "created_at, received_at, file_name, counts) VALUES (?, 1, ?, 0, '', '', "
                    "?, '{}')")
    prepared, seq, rev = [], 0, 0  # building the rows is not part of the insert
    for p in range(planteles):
        students, responses = rows(p, count)
        full = []
        for s in students:
            seq += 1
            full.append(s + (seq, person_key(s[3], s[4], s[2]), seq))
        numbered = [r + (rev + n,) for n, r in enumerate(responses, 1)]
        rev += len(responses)
        prepared.append((full, numbered, [(s[0], s[0]) for s in students],
                         [(s[0], s[17], s[18], None, None, s[0]) for s in students],
                         (students[0][18], f"{p:064x}", f"paquete-{p}.seg")))
    start, cpu = time.perf_counter(), time.process_time()
    tenth, costs = max(1, planteles // 10), []
    with merge_settings(store.db):  # the merge's own page cache and checkpoint interval
        for number, (students, responses, links, versions, received) in enumerate(prepared):
            if number % tenth == 0:
                costs.append(time.process_time())
            with store.db.atomic():
                store.db.conn.executemany(student_sql, students)
                store.db.conn.executemany(response_sql, responses)
                store.db.conn.executemany(link_sql, links)
                store.db.conn.executemany(version_sql, versions)
                store.db.conn.execute(received_sql, received)
    costs.append(time.process_time())
    store.close()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "per_bundle_ms": [
        (b - a) * 1000 / tenth for a, b in zip(costs, costs[1:])]}


def run_child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh(folder: Path, name: str) -> str:
    target = folder / name
    shutil.copyfile(folder / "central.sqlite", target)
    return str(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--planteles", type=int, default=200)
    parser.add_argument("--alumnos", type=int, default=1000)
    parser.add_argument("--repeticiones", type=int, default=2,
                        help="timed runs of each kind (the fastest counts; the machine is "
                             "shared); 0: one merge only, for its cost per bundle by tenth")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, db, *rest = args.child
        result = child_merge(db, rest) if kind == "merge" else child_raw(db, *map(int, rest))
        print(json.dumps(result))
        return
    n, count = args.planteles, args.alumnos
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        build(folder, n, count)
        files = sorted(str(p) for p in (folder / "usb").iterdir())
        rows = n * count * 4
        print(f"setup: {n} bundles of {count} students x 3 responses built in "
              f"{time.perf_counter() - start:.1f} s")
        if args.repeticiones == 0:  # growth only: one merge and its raw inserts, by tenth
            growth(n, run_child("merge", fresh(folder, "merge.sqlite"), *files),
                   run_child("raw", fresh(folder, "raw.sqlite"), str(n), str(count)))
            return
        raws, merges = [], []
        for rep in range(args.repeticiones):  # alternate, so both see the same machine load
            raws.append(run_child("raw", fresh(folder, f"raw{rep}.sqlite"), str(n), str(count)))
            merges.append(run_child("merge", fresh(folder, f"merge{rep}.sqlite"), *files))
        small = run_child("merge", fresh(folder, "small.sqlite"), *files[:max(1, n // 10)])
        raw = min(raws, key=lambda r: r["seconds"])
        merge = min(merges, key=lambda r: r["seconds"])
        raw_cpu, merge_cpu = min(r["cpu"] for r in raws), min(r["cpu"] for r in merges)
        print(f"raw executemany insert: {rows / raw['seconds']:,.0f} rows/s "
              f"({raw['seconds']:.1f} s wall, {raw_cpu:.1f} s CPU)")
        print(f"central merge: {rows / merge['seconds']:,.0f} rows/s "
              f"({merge['seconds']:.1f} s wall, {merge_cpu:.1f} s CPU)")
        print(f"merge/raw throughput ratio, wall clock: {raw['seconds'] / merge['seconds']:.2f} "
              f"(target >= 0.6)")
        print(f"merge/raw throughput ratio, CPU time: {raw_cpu / merge_cpu:.2f} (target >= 0.6)")
        print(f"peak RSS merging {n} bundles: {merge['maxrss_kb'] / 1024:.0f} MiB; "
              f"{max(1, n // 10)} bundles: {small['maxrss_kb'] / 1024:.0f} MiB; ratio "
              f"{merge['maxrss_kb'] / small['maxrss_kb']:.2f} (target <= 1.2)")
        print(f"merge_ratio_cpu {raw_cpu / merge_cpu:.2f}")
        print(f"merge_ratio_wall {raw['seconds'] / merge['seconds']:.2f}")
        print(f"merge_raw_cpu_s {raw_cpu:.1f}")
        print(f"merge_cpu_s {merge_cpu:.1f}")
        growth(n, min(merges, key=lambda r: r["cpu"]), min(raws, key=lambda r: r["cpu"]))


def growth(n: int, merge: dict, raw: dict) -> None:
    """Cost per bundle (CPU) by tenth, the merge's and the raw inserts' of the same rows.

    The raw inserts grow too (the indexes deepen, and each commit writes more of their
    pages); «flat» is the merge growing, last tenth over first, no more than they do in
    the same run: no step of its own grows with the store. What the merge spends beyond
    the raw inserts, first and last tenth, is printed beside it.
    """
    tenths, base = merge["per_bundle_ms"], raw["per_bundle_ms"]
    print(f"merge_per_bundle_cpu_ms_by_tenth_{n} " + " ".join(f"{ms:.0f}" for ms in tenths))
    print(f"raw_per_bundle_cpu_ms_by_tenth_{n} " + " ".join(f"{ms:.0f}" for ms in base))
    print(f"merge_per_bundle_cpu_ms_first_tenth_{n} {tenths[0]:.0f}")
    print(f"merge_per_bundle_cpu_ms_last_tenth_{n} {tenths[-1]:.0f}")
    print(f"merge_growth_last_over_first_{n} {tenths[-1] / tenths[0]:.2f}")
    print(f"raw_growth_last_over_first_{n} {base[-1] / base[0]:.2f}")
    print(f"merge_beyond_raw_cpu_ms_first_last_tenth_{n} {tenths[0] - base[0]:.0f} "
          f"{tenths[-1] - base[-1]:.0f}")

if __name__ == "__main__":
    main()
