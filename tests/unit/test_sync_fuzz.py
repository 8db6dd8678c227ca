"""Fuzzing signed bundles (issue 10): hostile manifests and records from an enrolled PC.

Every generated bundle is signed with plantel P1's own key, as a broken or malicious
enrolled PC would sign it. The only outcomes allowed: refused with a Spanish reason and
not one row changed, or merged, and then nothing of plantel P2 was overwritten, every
plantel is the one its enrollment says and no stamp is past the clock's tolerance. Any
exception (a traceback) fails the test. Outcome counts: run with ``-s`` to see them.
The office is a SQLite file; the ``_on_the_server`` tests draw fewer cases into a copy of
the same office on the throwaway PostgreSQL cluster and check the same.
"""

import json
import re
import uuid
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sync_support import answer, copy_database, export, office, plantel, rewrite_bundle

from seguimiento_desktop.domain.ids import hlc_ceiling
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.lines import response_line, student_line
from tests.central_pg.conftest import pg_cluster  # noqa: F401
from tests.central_pg.store_content import everything
from tests.central_pg.throwaway_pg import PASSWORD

P1, P2 = "14DCT0099Z", "30DCM0011K"
OUTCOMES: dict[str, Counter] = {"manifiestos": Counter(), "registros": Counter()}
HOSTILE = [2 ** 63, 2 ** 63 - 1, 2 ** 64, -1, 0, 1, 10 ** 30, "", "x/../../../tmp/fuera",
           "\x00", "A" * 300, None, True, 1.5, float("nan"), [], {}, "2026-01-01",
           "2999-12-31T00:00:00+00:00", "../", "14DCT0099Z", P2,
           # Stand-ins for the other plantel's ids and stamps, filled in by ``_resolve``.
           "<origen-P1>", "<origen-P2>", "<id-P2>", "<alumno-P2>", "<sello+1>"]
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(HOSTILE),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                               max_size=3), max_leaves=6)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """P1 and P2 enrolled at one office, P2 merged (with a response); P1's bundle, records."""
    folder = tmp_path_factory.mktemp("fuzz")
    first, second = plantel(folder, P1, 3, seed=1), plantel(folder, P2, 3, seed=2)
    answer(first, first.find_students()[0].curp)
    answer(second, second.find_students()[0].curp)
    with office(folder, first, second) as central:
        assert central.merge([export(second, folder / "p2")]).outcomes[0].accepted
    template = folder / "central.sqlite"
    pool = _records(first) + _records(second)
    stand_ins = {"<origen-P1>": first.store.installation_id,
                 "<origen-P2>": second.store.installation_id,
                 "<id-P2>": _records(second)[1]["id"], "<alumno-P2>": _records(second)[0]["id"],
                 "<sello+1>": max(r["updated_at"] for r in pool) + 1}
    yield folder, template, first, export(first, folder / "p1"), pool, stand_ins
    print("\nResultados del fuzzing:", {k: dict(v) for k, v in OUTCOMES.items()})
    first.close()
    second.close()


def _records(workspace) -> list[dict]:
    rows = [json.loads(student_line(r, "completo", None)) for r in
            sync_state.changed_rows(workspace.store.db, "students", 0, 1 << 62)]
    return rows + [json.loads(response_line(r)) for r in
                   sync_state.changed_rows(workspace.store.db, "responses", 0, 1 << 62)]


@pytest.fixture(scope="module")
def on_the_server(world, pg_cluster):
    """The world's office copied to a template database on the cluster."""
    name = f"fuzz_{uuid.uuid4().hex[:8]}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", PASSWORD)
        copy_to_server(world[1], pg_cluster.create_database(name))
        yield pg_cluster, name


def _merge_checked(world, bundle, kind: str, server=None) -> None:
    folder, template, *_ = world
    if server is None:
        address = copy_database(template, folder / "copia.sqlite")
    else:
        cluster, name = server[0], f"copia_{uuid.uuid4().hex[:8]}"
        address = cluster.copy_database(server[1], name)
    with CentralWorkspace.open(address) as central:
        before, genuine = everything(central), _p2_versions(central.store.db)
        outcome = central.merge([bundle], folder / "acuses").outcomes[0]
        ceiling = hlc_ceiling(central.store.clock._wall_ms())
        assert central.store.clock.last <= ceiling
        if outcome.accepted:
            OUTCOMES[kind]["fusionado"] += 1
            _check_merged(central.store.db, genuine, ceiling)
        else:
            OUTCOMES[kind][f"rechazado:{outcome.reason}"] += 1
            assert re.search(r"paquete|fusion", outcome.message, re.IGNORECASE), outcome.message
            assert "Traceback" not in outcome.message
            assert everything(central) == before
    if server is None:
        address.unlink()
    else:
        cluster.drop_database(name)


def _p2_versions(db) -> dict:
    return {"students": set(db.execute(
                "SELECT updated_at, origin FROM students WHERE school_cct = ?", [P2]).fetchall()),
            "responses": set(db.execute(
                "SELECT r.id, r.updated_at, r.origin, r.answers FROM responses r "
                "JOIN students s ON s.id = r.student_id WHERE s.school_cct = ?",
                [P2]).fetchall())}


def _check_merged(db, genuine: dict, ceiling: int) -> None:
    kept = set(db.execute("SELECT updated_at, origin FROM students").fetchall()) | set(
        db.execute("SELECT updated_at, origin FROM sync_siblings WHERE kind = 'student'"
                   ).fetchall())
    responses = set(db.execute("SELECT id, updated_at, origin, answers FROM responses"
                               ).fetchall())
    ccts = {r[0] for r in db.execute("SELECT DISTINCT school_cct FROM students").fetchall()}
    newest = db.execute("SELECT max(updated_at) FROM students").fetchone()[0]
    assert genuine["students"] <= kept, "a version of P2 was lost"
    assert genuine["responses"] <= responses, "a response of P2 was overwritten"
    assert ccts <= {P1, P2}
    assert newest <= ceiling


manifest_changes = dict(changes=st.dictionaries(st.sampled_from(
    ["format", "kind", "installation_id", "cct", "seq", "base_seq", "created_at", "destination",
     "recipients", "profile", "counts", "payload_size", "payload_sha256", "plain_size",
     "app_version", "compression", "encryption", "extra"]),
    st.sampled_from(HOSTILE) | values, min_size=1, max_size=3),
    dropped=st.lists(st.sampled_from(["seq", "counts", "created_at", "cct", "format"]),
                     max_size=1))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(**manifest_changes)
@example(changes={"installation_id": "<origen-P2>"}, dropped=[])  # firma
@example(changes={"cct": P2}, dropped=[])  # firma
@example(changes={"installation_id": "0" * 36}, dropped=[])  # desconocida
@example(changes={"recipients": ["age1" + "q" * 58]}, dropped=[])  # destinatario
@example(changes={"payload_size": 10}, dropped=[])  # alterado
@example(changes={"plain_size": 2 ** 40}, dropped=[])  # limite
@example(changes={"counts": {"students": 9, "responses": 0, "contact_attempts": 0}},
         dropped=[])  # alterado, after decrypting
@example(changes={"created_at": "2999-12-31T00:00:00+00:00"}, dropped=[])  # contenido
@example(changes={"seq": 2 ** 63, "base_seq": 2 ** 63}, dropped=[])  # formato
def test_hostile_manifests_are_refused_in_spanish_or_merged(world, changes, dropped):
    _hostile_manifest(world, changes, dropped)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(**manifest_changes)
@example(changes={"installation_id": "<origen-P2>"}, dropped=[])  # firma
@example(changes={"installation_id": "0" * 36}, dropped=[])  # desconocida
def test_hostile_manifests_on_the_server(world, on_the_server, changes, dropped):
    _hostile_manifest(world, changes, dropped, on_the_server)


def _hostile_manifest(world, changes, dropped, server=None):
    folder, _, first, bundle, _, stand_ins = world
    changes = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}

    def change(manifest: dict) -> None:
        manifest.update(changes)
        for name in dropped:
            manifest.pop(name, None)
    forged = rewrite_bundle(bundle, folder / "manifiesto.seg", first, change_manifest=change)
    _merge_checked(world, forged, "manifiestos", server)


record_edits = st.lists(st.tuples(st.integers(0, 40), st.sampled_from(
    ["t", "id", "curp", "updated_at", "origin", "deleted", "school_cct", "student_id",
     "base_updated_at", "base_origin", "birth_date", "answers", "confirmed", "version",
     "given_names", "questionnaire"]), st.sampled_from(HOSTILE + ["<borrar>"]) | values),
    max_size=3)


records_drawn = dict(picks=st.lists(st.integers(0, 40), min_size=1, max_size=4),
                     edits=record_edits, own_first=st.booleans())


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(**records_drawn)
@example(picks=[3], edits=[(0, "updated_at", "<sello+1>")], own_first=False)  # P2's, origin P2
@example(picks=[3], edits=[(0, "origin", "<origen-P1>"), (0, "updated_at", "<sello+1>")],
         own_first=True)  # P2's record id under P1's origin: a conflict at most
@example(picks=[1], edits=[(0, "updated_at", 2 ** 63 - 1)], own_first=False)  # end of time
@example(picks=[3], edits=[(0, "student_id", "<alumno-P2>")], own_first=True)
@example(picks=[0], edits=[(0, "birth_date", "<borrar>")], own_first=False)  # optional
def test_hostile_records_are_refused_in_spanish_or_merged(world, picks, edits, own_first):
    _hostile_records(world, picks, edits, own_first)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(**records_drawn)
@example(picks=[3], edits=[(0, "updated_at", "<sello+1>")], own_first=False)  # P2's, origin P2
@example(picks=[3], edits=[(0, "origin", "<origen-P1>"), (0, "updated_at", "<sello+1>")],
         own_first=True)  # P2's record id under P1's origin: a conflict at most
@example(picks=[3], edits=[(0, "student_id", "<alumno-P2>")], own_first=True)
@example(picks=[0], edits=[(0, "birth_date", "<borrar>")], own_first=False)  # optional
def test_hostile_records_on_the_server(world, on_the_server, picks, edits, own_first):
    _hostile_records(world, picks, edits, own_first, on_the_server)


def _hostile_records(world, picks, edits, own_first, server=None):
    folder, _, first, bundle, pool, stand_ins = world
    records = [dict(pool[i % len(pool)]) for i in picks]
    for index, name, value in edits:
        record = records[index % len(records)]
        if value == "<borrar>":
            record.pop(name, None)
        else:
            record[name] = stand_ins.get(value, value) if isinstance(value, str) else value
    if own_first:
        records = [r for r in pool if r.get("school_cct") == P1] + records
    plain = "".join(json.dumps(r) + "\n" for r in records).encode()
    counts = Counter({"student": "students", "response": "responses"}.get(
        r.get("t") if isinstance(r.get("t"), str) else "", "contact_attempts") for r in records)
    forged = rewrite_bundle(bundle, folder / "registros.seg", first, plain=plain,
                            change_manifest=lambda m: m.update(
                                plain_size=len(plain),
                                counts={k: counts.get(k, 0) for k in
                                        ("students", "responses", "contact_attempts")}))
    _merge_checked(world, forged, "registros", server)
