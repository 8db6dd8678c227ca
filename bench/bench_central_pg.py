"""The central store on PostgreSQL: merge throughput, vs SQLite, and two operators at once.

Builds N real bundles (bench_merge.build: gzip, age, signed manifest; 1,000 students × 3
responses each from N enrolled installations), starts a throwaway PostgreSQL cluster
(tests/central_pg/throwaway_pg.py: Debian's initdb and pg_ctl, removed after), copies the
office into a fresh server database for each run (``central migrate``'s copy) and, each in a
fresh process:

- merge into PostgreSQL: ``CentralWorkspace.merge`` of all N bundles;
- raw COPY: the same rows the merge leaves behind (students with folio and ``sort_key``,
  responses, ``sync_links``, ``sync_versions``, ``sync_received``) COPYed into the same
  tables, one transaction per plantel (goal: merge ≥ 0.5 × raw);
- merge into SQLite: the same N bundles into the SQLite office (bench_merge's child);
- two processes merging half of the bundles each, at once, vs one process merging all
  (goal: throughput ≥ 1.3 × on 2 cores).

Each run reports its wall clock and its CPU time: the app's processes (their own
``process_time``) and the server's (every process of the cluster, read from /proc, the
backends that ended included), after waiting for the server to be idle before and after.
On a machine shared with other work the wall clock follows the neighbours, the CPU time
much less. Raw COPY, one process and two processes run one after the other in each round
(``--rondas``, 3), and each round's ratios are printed, then their medians, with the load
average at the start and end of each round.

- with ``--reenvio``: every plantel sends a second bundle with a newer version of each of
  its students (a phone changed, made on the merged version) and of each response; the time
  to merge those N bundles into an office holding the first ones, on PostgreSQL with the
  set-based updates, on PostgreSQL through the shared per-record rules (over the batch's
  picture read and written in sets, and asking the server record by record as before it)
  and on SQLite.
- with ``--nacional 15427``: the consolidated report on bench_central_report's simulated
  national cohort, rendered from the SQLite file and from the same data on the server (after
  ``central migrate``'s copy): wall time, CPU time and peak memory of the app's process.

    python bench/bench_central_pg.py [--planteles 200] [--alumnos 1000]
    python bench/bench_central_pg.py --planteles 50 --reenvio
    python bench/bench_central_pg.py --nacional 15427
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "central_pg")]

import bench_merge  # noqa: E402 - bundles and rows shared with the SQLite merge bench
from throwaway_pg import PASSWORD, Cluster, missing_reason  # noqa: E402


def child_merge(address: str, files: list[str]) -> dict:
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    with CentralWorkspace.open(address) as office:
        start, cpu = time.perf_counter(), time.process_time()
        report = office.merge(files, Path(files[0]).parent.parent / f"acuses-{os.getpid()}")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rejected = [o.message for o in report.outcomes if not o.accepted]
    assert not rejected, rejected
    return {"seconds": seconds, "cpu": cpu,
            "updated": sum(o.counts.updated for o in report.outcomes)}


def child_merge_by_record(address: str, files: list[str], picture: bool = True) -> dict:
    """``child_merge`` with the set-based updates switched off: every update through the
    shared per-record rules, over the batch's picture read and written in sets
    (``merge_overlay``), or (``picture`` False) asking the server record by record."""
    from seguimiento_desktop.storage import sync_merge
    from seguimiento_desktop.storage.pg import merge_queries
    merge_queries.update_students = sync_merge.update_students
    merge_queries.update_responses = sync_merge.update_responses
    if not picture:
        merge_queries.overlay = sync_merge.overlay
    return child_merge(address, files)


def child_copy(address: str, planteles: int, count: int) -> dict:
    """The merge's rows, COPYed (building them is not timed)."""
    from seguimiento_desktop.domain.text import person_key
    from seguimiento_desktop.storage.pg.connection import connect
    from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS
    db = connect(address)
    prepared = []
    for p in range(planteles):
        students, responses = bench_merge.rows(p, count)
        prepared.append((
            [s + (p * count + n + 1, person_key(s[3], s[4], s[2])) for n, s in
             enumerate(students)], responses, [(s[0], s[0]) for s in students],
            [(s[0], s[17], s[18], None, None, s[0]) for s in students],
            [(students[0][18], 1, f"{p:064x}", 0, "", "", f"paquete-{p}.seg", "{}")]))
    tables = (("students", STUDENT_COLUMNS + ("seq", "sort_key")),
              ("responses", RESPONSE_COLUMNS), ("sync_links", ("key", "target")),
              ("sync_versions", ("record_id", "updated_at", "origin", "base_updated_at",
                                 "base_origin", "student_id")),
              ("sync_received", ("installation_id", "seq", "payload_sha256", "base_seq",
                                 "created_at", "received_at", "file_name", "counts")))
    start, cpu = time.perf_counter(), time.process_time()
    for plantel in prepared:
        with db.atomic():
            for (table, columns), rows in zip(tables, plantel):
                with db.conn.raw.cursor().copy(
                        f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    return {"seconds": seconds, "cpu": cpu}


def child_report(address: str, out: str) -> dict:
    """The consolidated report rendered from ``address`` (a file or a server)."""
    import resource

    from seguimiento_desktop.reports.central_report import render_central_report
    from seguimiento_desktop.sync.central_store import open_central_store
    store = open_central_store(address, create=False)
    start, cpu = time.perf_counter(), time.process_time()
    pages = render_central_report(store.db, out)
    found = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
             "pages": pages, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
             / 1024}
    store.close()
    return found


def national(cluster: Cluster, planteles: int) -> None:
    """The report on the simulated national cohort (bench_central_report.build), from the
    SQLite file and from the same data copied to the server."""
    import bench_central_report
    from seguimiento_desktop.sync.central_store import copy_to_server
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.sqlite"
        start = time.perf_counter()
        written = bench_central_report.build(path, planteles)
        print(f"setup: national simulation of {planteles} planteles ({written:,} responses) "
              f"built in {time.perf_counter() - start:.0f} s")
        address = cluster.create_database("nacional")
        start = time.perf_counter()
        copied = copy_to_server(path, address)
        print(f"central migrate (copy and verify) of {sum(c.rows for c in copied):,} rows: "
              f"{time.perf_counter() - start:.0f} s")
        lite = result(run_child("report", str(path), str(Path(tmp) / "lite.pdf")))
        server = result(run_child("report", address, str(Path(tmp) / "server.pdf")))
    for name, found in (("SQLite", lite), ("PostgreSQL", server)):
        print(f"national central report from {name}: {found['seconds']:.1f} s wall, "
              f"{found['cpu']:.1f} s CPU of the app, peak {found['peak_mib']:.0f} MiB, "
              f"{found['pages']} pages")
    print(f"national_report_pg_over_sqlite_time {server['seconds'] / lite['seconds']:.2f}")


def run_child(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--child", *args],
                            stdout=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    assert process.returncode == 0, out
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--planteles", type=int, default=200)
    parser.add_argument("--alumnos", type=int, default=1000)
    parser.add_argument("--nacional", type=int, default=0, metavar="PLANTELES",
                        help="instead: the consolidated report on a simulated national "
                             "cohort (15427), from SQLite and from PostgreSQL")
    parser.add_argument("--reenvio", action="store_true",
                        help="also: a second bundle a plantel with a newer version of every "
                             "record (updates), merged on PostgreSQL and SQLite")
    parser.add_argument("--rondas", type=int, default=3,
                        help="rounds of raw COPY, one process and two processes")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, address, *rest = args.child
        found = child_merge(address, rest) if kind == "merge" else \
            child_merge_by_record(address, rest) if kind == "merge-by-record" else \
            child_merge_by_record(address, rest, False) if kind == "merge-one-by-one" else \
            bench_merge.child_merge(address, rest) if kind == "sqlite" else \
            child_report(address, *rest) if kind == "report" else \
            child_copy(address, *map(int, rest))
        print(json.dumps(found))
        return
    reason = missing_reason()
    if reason:
        sys.exit(f"PostgreSQL bench skipped: {reason}")
    os.environ["PGPASSWORD"] = PASSWORD
    n, count = args.planteles, args.alumnos
    rows = n * count * 4
    cluster = Cluster().start()
    try:
        if args.nacional:
            national(cluster, args.nacional)
            return
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            start = time.perf_counter()
            keys = build_keeping_keys(folder, n, count)
            files = sorted(str(p) for p in (folder / "usb").iterdir())
            print(f"setup: {n} bundles of {count} students x 3 responses built in "
                  f"{time.perf_counter() - start:.1f} s")
            measure(cluster, folder, files, n, count, rows, args.rondas)
            if args.reenvio:
                newer = build_newer(folder, keys, count)
                print(f"setup: {n} bundles with a newer version of each record built")
                measure_updates(cluster, folder, files, newer, rows)
    finally:
        cluster.stop()


def build_keeping_keys(folder: Path, n: int, count: int) -> list[str]:
    """``bench_merge.build``, keeping each plantel's signing key for a second bundle."""
    from seguimiento_desktop.sync import keys
    made, original = [], keys.new_signing_key

    def keeping() -> str:
        made.append(original())
        return made[-1]
    keys.new_signing_key = keeping
    try:
        bench_merge.build(folder, n, count)
    finally:
        keys.new_signing_key = original
    return made[-n:]  # the office's own key is made first


def build_newer(folder: Path, keys: list[str], count: int) -> list[str]:
    """Bundle 2 of each plantel: every student with a new phone, made on the version of
    bundle 1 (its base), and every response saved again; the bundles' paths."""
    from datetime import datetime, timezone

    from seguimiento_desktop.sync import bundles
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    from seguimiento_desktop.sync.keys import parse_recipient, sign
    from seguimiento_desktop.sync.manifest import Manifest
    from seguimiento_desktop.sync.records import response_line, student_line
    with CentralWorkspace.open(folder / "central.sqlite") as office:
        identity = office.identity()
    destination, recipients = identity.central_id, identity.recipients
    (folder / "usb2").mkdir()
    for p, key in enumerate(keys):
        old, _ = bench_merge.rows(p, count)
        students = [s[:12] + ("3399999999",) + s[13:17] + (s[17] + (1 << 20), s[18], 0,
                                                          s[17], s[18]) for s in old]
        responses = [bench_merge.response_row(s, q) for s in students
                     for q in bench_merge.QUESTIONNAIRES]
        lines = [student_line(r, "completo", None) for r in students] + \
            [response_line(r) for r in responses]
        with tempfile.TemporaryFile() as spool:
            payload = bundles.encrypt_lines(iter(lines), [parse_recipient(r) for r in recipients],
                                            spool)
            manifest = Manifest(
                installation_id=students[0][18], cct=students[0][16], seq=2, base_seq=1,
                created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                destination=destination, recipients=recipients, profile="completo",
                counts={"students": count, "responses": 3 * count, "contact_attempts": 0},
                payload_size=payload.size, payload_sha256=payload.sha256,
                plain_size=payload.plain_size, app_version="bench").to_bytes()
            bundles.write_bundle(folder / "usb2" / f"{students[0][16]}_paquete-0002.seg",
                                 manifest, sign(key, manifest), spool, payload.size, 0)
    return sorted(str(p) for p in (folder / "usb2").iterdir())


def server_office(cluster: Cluster, folder: Path, name: str) -> str:
    from seguimiento_desktop.sync.central_store import copy_to_server
    address = cluster.create_database(name)
    copy_to_server(folder / "central.sqlite", address)
    return address


def server_cpu(cluster: Cluster) -> float:
    """CPU seconds the cluster's processes have used so far: the postmaster, its live
    children (backends, checkpointer, autovacuum …) and the children it has reaped (a
    backend ends when its client disconnects, and its time goes to the postmaster's
    ``cutime``/``cstime``)."""
    master = int((cluster.data / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile: the postmaster's cutime has it
            continue
        pid, parent = int(stat.parent.name), int(fields[1])
        if pid == master:
            ticks += sum(map(int, fields[11:15]))  # utime stime cutime cstime
        elif parent == master:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def quiet(cluster: Cluster) -> None:
    """Wait until no session and no autovacuum worker is busy (at most a minute), so that a
    run's server CPU is its own."""
    for _ in range(600):
        busy = cluster.sql("SELECT count(*) FROM pg_stat_activity WHERE backend_type IN "
                           "('client backend', 'autovacuum worker') "
                           "AND pid <> pg_backend_pid()")[0][0]
        if not busy:
            return
        time.sleep(0.1)


def timed(cluster: Cluster, *children: tuple[str, ...]) -> dict:
    """Run ``children`` at once: wall clock (from the start of the first to the end of the
    last), the children's own seconds and CPU, and the server's CPU meanwhile."""
    quiet(cluster)
    server, start = server_cpu(cluster), time.perf_counter()
    found = [result(p) for p in [run_child(*c) for c in children]]
    wall = time.perf_counter() - start
    quiet(cluster)
    server = server_cpu(cluster) - server
    client = sum(f["cpu"] for f in found)
    return {"wall": wall, "seconds": max(f["seconds"] for f in found), "client": client,
            "server": server, "cpu": client + server, "found": found}


def merged_by(processes: int, cluster: Cluster, folder: Path, files: list[str],
              name: str) -> dict:
    """``processes`` processes merging all ``files`` (split alternately) at once."""
    address = server_office(cluster, folder, name)
    return timed(cluster, *[("merge", address, *files[i::processes])
                            for i in range(processes)])


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def show(name: str, run: dict) -> str:
    return (f"{name} {run['wall']:.1f} s wall, CPU {run['client']:.1f} s client + "
            f"{run['server']:.1f} s server = {run['cpu']:.1f} s ({run['cpu'] / run['wall']:.2f} "
            "cores)")


def measure(cluster: Cluster, folder: Path, files: list[str], n: int, count: int,
            rows: int, rounds: int) -> None:
    """Raw COPY, one process and two processes in each round (one after the other, so they
    see the same neighbours); each round's ratios, then the medians."""
    ratios: dict[str, list[float]] = {}
    ones = []
    for rep in range(rounds):
        before = load()
        raw = timed(cluster, ("copy", server_office(cluster, folder, f"raw{rep}"), str(n),
                              str(count)))
        one = merged_by(1, cluster, folder, files, f"one{rep}")
        two = merged_by(2, cluster, folder, files, f"two{rep}")
        ones.append(one)
        found = {"pg_merge_over_raw_copy_wall": raw["seconds"] / one["seconds"],
                 "pg_merge_over_raw_copy_cpu": raw["cpu"] / one["cpu"],
                 "two_over_one_throughput_wall": one["wall"] / two["wall"],
                 "two_over_one_cpu": one["cpu"] / two["cpu"]}
        for key, value in found.items():
            ratios.setdefault(key, []).append(value)
        print(f"round {rep + 1} (load {before} -> {load()}): " + "; ".join(
            [show("raw COPY", raw), show("merge", one), show("two merging", two)]))
        print(f"round {rep + 1} ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in found.items()))
    lite = folder / "lite.sqlite"
    shutil.copyfile(folder / "central.sqlite", lite)
    sqlite = result(run_child("sqlite", str(lite), *files))
    one = min(ones, key=lambda r: r["seconds"])
    print(f"merge into PostgreSQL: {rows / one['seconds']:,.0f} rows/s (fastest of {rounds}: "
          f"{one['seconds']:.1f} s, {one['cpu']:.1f} s CPU)")
    print(f"merge of {n} bundles into SQLite: {sqlite['seconds']:.1f} s wall, "
          f"{sqlite['cpu']:.1f} s CPU; pg_over_sqlite_throughput "
          f"{sqlite['seconds'] / one['seconds']:.2f} (wall), "
          f"{sqlite['cpu'] / one['cpu']:.2f} (CPU, client + server)")
    for key, values in ratios.items():
        middle = sorted(values)[len(values) // 2]
        print(f"{key} {middle:.2f} (median of {len(values)}: "
              + ", ".join(f"{v:.2f}" for v in values) + ")")


def measure_updates(cluster: Cluster, folder: Path, files: list[str], newer: list[str],
                    rows: int) -> None:
    """Bundle 2 of every plantel (newer versions of all its records) into an office that
    merged bundle 1: PostgreSQL in sets, PostgreSQL record by record, SQLite."""
    times = {}
    for kind in ("merge", "merge-by-record", "merge-one-by-one"):
        address = server_office(cluster, folder, f"updates_{kind.replace('-', '_')}")
        result(run_child("merge", address, *files))
        run = timed(cluster, (kind, address, *newer))
        assert run["found"][0]["updated"] == rows, run  # every record an update, no conflict
        times[kind] = run
        print(show(f"re-sent newer versions, PostgreSQL {kind}:", run))
    lite = folder / "updates.sqlite"
    shutil.copyfile(folder / "central.sqlite", lite)
    result(run_child("sqlite", str(lite), *files))
    sqlite = result(run_child("sqlite", str(lite), *newer))
    sets, by_record = times["merge"], times["merge-by-record"]
    one_by_one = times["merge-one-by-one"]
    print(f"re-sent newer versions ({len(newer)} bundles, {rows:,} records, all updates): "
          f"PostgreSQL in sets {sets['seconds']:.1f} s ({rows / sets['seconds']:,.0f} rows/s), "
          f"per-record rules over the picture {by_record['seconds']:.1f} s, asking the server "
          f"record by record {one_by_one['seconds']:.1f} s, SQLite {sqlite['seconds']:.1f} s "
          f"({sqlite['cpu']:.1f} s CPU); updates_sets_over_by_record "
          f"{by_record['seconds'] / sets['seconds']:.2f} (wall) "
          f"{by_record['cpu'] / sets['cpu']:.2f} (CPU), picture_over_one_by_one "
          f"{one_by_one['seconds'] / by_record['seconds']:.2f} (wall) "
          f"{one_by_one['cpu'] / by_record['cpu']:.2f} (CPU), updates_pg_over_sqlite_throughput "
          f"{sqlite['seconds'] / sets['seconds']:.2f} (wall) {sqlite['cpu'] / sets['cpu']:.2f} "
          "(CPU)")


if __name__ == "__main__":
    main()
