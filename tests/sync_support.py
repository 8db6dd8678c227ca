"""Helpers for the sync tests: planteles with synthetic students, an office, snapshots."""

import gzip
import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path

import pyrage

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.models import Response, School
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import students as student_rows
from seguimiento_desktop.sync import bundles
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.installation import installation_keys
from seguimiento_desktop.sync.keys import parse_recipient, sign
from tests.conftest import raw_connection

COHORT = "2023-2026"


def plantel(folder: Path, cct: str = "14DCT0099Z", count: int = 6, seed: int = 1,
            name: str = "CBTIS de prueba") -> Workspace:
    """A plantel database with ``count`` synthetic students (same seed → same CURPs)."""
    workspace = Workspace.open(folder / f"{cct}-{seed}-{uuid7()[-6:]}.sqlite")
    workspace.set_up_school(School(cct=cct, name=name))
    add_students(workspace, count, seed)
    return workspace


def add_students(workspace: Workspace, count: int, seed: int) -> list:
    """``count`` more synthetic students (``seed`` as in ``plantel``), as written."""
    people = [workspace.stamp(replace(s, id=uuid7()))
              for s in demo_students(count, (COHORT,), seed=seed)]
    with workspace.store.transaction() as db:
        student_rows.write_students(db, people, workspace.school().cct)
    return people


def answer(workspace: Workspace, curp: str, questionnaire: str = "C1") -> Response:
    """Save a (partial) response for the student with ``curp``."""
    student = workspace.student_by_curp(curp)
    return workspace.save_response(Response(student_id=student.id, questionnaire=questionnaire,
                                            version=1, answers={}))


def office(folder: Path, *planteles: Workspace, profile: str = "completo",
           name: str = "central.sqlite", configure: bool = True,
           address: str | None = None) -> CentralWorkspace:
    """A central office that enrolled every plantel and (``configure``) whose package they
    imported; in the file ``name``, or at ``address`` (a ``postgresql://`` server)."""
    central = CentralWorkspace.open(address or folder / name)
    central.init("Oficina de prueba", profile=profile)
    for index, workspace in enumerate(planteles):
        request = workspace.sync_enrollment(folder / f"solicitud-{index}-{uuid7()[-6:]}.json")
        central.enroll(request.path, request.fingerprint.hex)
    package = central.write_config_package(folder / f"config-{uuid7()[-6:]}.json")
    for workspace in planteles if configure else ():
        workspace.import_config(package.path, package.fingerprint.words)
    return central


def export(workspace: Workspace, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return workspace.export_bundle(folder).path


def dump(path: Path) -> list[str]:
    """Every row of every table, as SQL: «row for row unchanged» means equal dumps."""
    with raw_connection(path) as conn:
        return list(conn.iterdump())


# Columns that are local bookkeeping (folio numbers, change counters, arrival times).
_VOLATILE = {"seq", "sync_rev", "received_at", "file_name"}


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """The merged content of a receiving database, without local bookkeeping columns."""
    tables = ("students", "responses", "contact_attempts", "sync_links", "sync_versions",
              "sync_siblings", "sync_parked", "sync_received")
    result = {}
    with raw_connection(path) as conn:
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                       if r[1] not in _VOLATILE]
            result[table] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {table}"))
    return result


def rewrite_bundle(source: Path, target: Path, workspace: Workspace, change_manifest=None,
                   plain: bytes | None = None, recipients: list | None = None) -> Path:
    """A bundle re-signed by the plantel's own key, with a changed manifest or payload.

    This is what a malicious but enrolled plantel (or a thief with its PC) could produce.
    """
    container = bundles.read_container(source)
    manifest = json.loads(container.manifest_raw)
    with open(source, "rb") as handle:
        handle.seek(container.payload_offset)
        payload = handle.read(container.payload_size)
    if plain is not None:
        payload = pyrage.encrypt(gzip.compress(plain, 1),
                                 [parse_recipient(r) for r in recipients or manifest["recipients"]])
        manifest.update(payload_size=len(payload),
                        payload_sha256=hashlib.sha256(payload).hexdigest())
    if change_manifest:
        change_manifest(manifest)
    raw = json.dumps(manifest, sort_keys=True, indent=1).encode()
    keys = installation_keys(workspace.store)
    bundles.write_bundle(target, raw, sign(keys.signing_key, raw), io.BytesIO(payload),
                         len(payload), 0)
    return target


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a live (WAL) database, as a backup would make it."""
    with raw_connection(source) as src, raw_connection(target) as dst:
        src.backup(dst)
    return target


def two_pc_conflict(folder: Path, address: str | None = None
                    ) -> tuple[CentralWorkspace, Workspace, Workspace, object]:
    """An office holding a phone and an e-mail conflict between two PCs of one plantel:
    (office, main PC, capture PC, the student as first saved)."""
    main = plantel(folder, count=3)
    path = copy_database(main.store.path, folder / "captura.sqlite")
    with raw_connection(path) as conn:  # a second PC: its own identity, nothing exported
        conn.execute("DELETE FROM settings WHERE key IN ('installation_id', 'sync.signing_key', "
                     "'sync.age_identity', 'sync.config', 'sync.pinned_key')")
        conn.execute("DELETE FROM sync_exports")
    capture = Workspace.open(path)
    central = office(folder, main, capture, address=address)
    first = main.find_students()[0]
    main.save_student(replace(first, phone="3312345678"))
    capture.save_student(replace(capture.student(first.id), phone="3399999999",
                                 email="nuevo@example.com"))
    central.merge([export(main, folder / "a"), export(capture, folder / "b")])
    return central, main, capture, first
