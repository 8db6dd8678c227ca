"""Two operators merging at once on one server, each in their own process."""

import json
import os
import subprocess
import sys

from store_content import content
from sync_support import export, office, plantel

from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def merging(address: str, *bundles) -> subprocess.Popen:
    """`seguimiento central --db ADDRESS merge … --json` started, not awaited."""
    return subprocess.Popen(
        [sys.executable, "-m", "seguimiento_desktop", "central", "--db", address, "merge",
         *map(str, bundles), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def outcomes(*processes: subprocess.Popen) -> list[dict]:
    found = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        found += json.loads(out)["paquetes"]
    return found


def test_two_processes_merging_lose_nothing_and_agree_with_one_after_the_other(tmp_path,
                                                                                pg_url):
    # The same 400 people at two planteles (they moved): both processes want the same rows.
    first = plantel(tmp_path, cct="14DCT0099Z", count=400, seed=5)
    second = plantel(tmp_path, cct="30DCM0011K", count=400, seed=5)
    third = plantel(tmp_path, cct="20DCT0001B", count=400, seed=6)
    lite = office(tmp_path, first, second, third, name="lite.sqlite")
    bundles = [export(school, tmp_path / school.school().cct) for school in (first, second,
                                                                            third)]
    copy_to_server(lite.store.path, pg_url)
    found = outcomes(merging(pg_url, bundles[0], bundles[2]), merging(pg_url, bundles[1]))
    assert all(o["aceptado"] and not o["repetido"] for o in found)
    lite.merge(bundles)
    with CentralWorkspace.open(pg_url) as server:
        assert content(server) == content(lite)
        assert server.store.db.execute("SELECT count(*) FROM students").fetchone()[0] == 800


def test_the_same_bundle_merged_by_two_at_once_is_merged_once(tmp_path, pg_url):
    school = plantel(tmp_path, count=600)
    office(tmp_path, school, address=pg_url).close()
    bundle = export(school, tmp_path / "usb")
    found = outcomes(merging(pg_url, bundle), merging(pg_url, bundle))
    assert sorted(o["repetido"] for o in found) == [False, True]
    assert all(o["aceptado"] for o in found)
    with CentralWorkspace.open(pg_url) as server:
        db = server.store.db
        assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 600
        assert db.execute("SELECT count(*) FROM sync_received").fetchone()[0] == 1
