"""Exporting a bundle (plantel side): every change not yet acknowledged, on the stick.

Until the central office's acknowledgement comes back, each export repeats what is still
unacknowledged, so a lost or late stick costs nothing: any later bundle carries it too.
The file is written aside, fsynced, renamed, then re-read from the stick and verified
before the export counts; a full or removed stick leaves no partial file behind.
"""

import re
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from seguimiento_desktop import __version__
from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.files import remove_quietly
from seguimiento_desktop.storage.sync_state import ExportRecord, Revisions
from seguimiento_desktop.sync import bundles, numbering
from seguimiento_desktop.sync.clock_repair import bring_back_future_versions
from seguimiento_desktop.sync.config_package import config_in_force, pseudonym_key
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.installation import InstallationKeys, installation_keys, own_school
from seguimiento_desktop.sync.keys import parse_recipient, sign, signature_is_valid
from seguimiento_desktop.sync.manifest import Manifest, parse_manifest
from seguimiento_desktop.sync.models import ExportResult
from seguimiento_desktop.sync.pseudonyms import PSEUDONYMISED
from seguimiento_desktop.sync.lines import attempt_line, response_line, student_line

SPOOL_IN_MEMORY = 16 * 1024 * 1024  # larger payloads spill to a temporary file (ciphertext)


def bundle_file_name(cct: str, installation_id: str, seq: int, when: datetime) -> str:
    """«14DCT0099Z_2026-06-12_paquete-0007_3fa9.seg»: plantel, date, number, which PC."""
    return f"{cct}_{when.date().isoformat()}_paquete-{seq:04d}_{installation_id[-4:]}.seg"


def export_bundle(store: Store, out_dir: str | Path, progress: Progress = no_progress,
                  cancel: CancelToken = NEVER_CANCELLED) -> ExportResult:
    """Write the next bundle into ``out_dir`` and log it; see the module docstring."""
    config = config_in_force(store)
    if config is None:
        raise SyncError("Importe primero el paquete de configuración de la oficina central "
                        "(Sincronizar → Importar configuración).")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise FileUnreadable(f"No se encontró la carpeta {out_dir}. Conecte la memoria USB y "
                             "elija la carpeta de nuevo.")
    school, keys = own_school(store), installation_keys(store)
    destination = str(config["central_id"])
    recipients = [parse_recipient(r) for r in config["recipients"]]
    key = pseudonym_key(store)
    if config["profile"] == PSEUDONYMISED and key is None:
        raise SyncError("Falta la clave de seudónimos: importe de nuevo el paquete de "
                        "configuración de la oficina central.")
    bring_back_future_versions(store)  # a clock once a year ahead must not block every bundle
    now = datetime.now(timezone.utc)
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) as spool:
        with store.db.atomic():  # one consistent snapshot of the changes
            acked, base_seq = sync_state.acked_position(store.db, destination)
            until = sync_state.current_revisions(store.db)
            counts = sync_state.count_changes(store.db, acked, until)
            seq = numbering.next_seq(store)
            lines = _lines(store, acked, until, (config["profile"], key), counts, progress,
                           cancel)
            payload = bundles.encrypt_lines(lines, recipients, spool)
        manifest = Manifest(
            installation_id=keys.installation_id, cct=school.cct, seq=seq, base_seq=base_seq,
            created_at=now.isoformat(timespec="seconds"), destination=destination,
            recipients=tuple(config["recipients"]), profile=config["profile"], counts=counts,
            payload_size=payload.size, payload_sha256=payload.sha256,
            plain_size=payload.plain_size, app_version=__version__)
        raw = manifest.to_bytes()
        path = out_dir / bundle_file_name(school.cct, keys.installation_id, seq, now)
        progress(1, 1, "Guardando el paquete en la memoria USB…")
        _remove_stale_partials(out_dir, school.cct, keys.installation_id, seq)
        with numbering.reserved(store, seq):  # a restored backup must not reuse the number
            bundles.write_bundle(path, raw, sign(keys.signing_key, raw), spool, payload.size,
                                 int(now.timestamp()))
            _verify_written(path, raw, keys)
            _log_export(store, path, ExportRecord(seq, destination, manifest.created_at,
                                                  path.name, payload.sha256, until, counts))
    unacked = sync_state.unacknowledged(store.db, destination)
    return ExportResult(path, seq, base_seq, counts, path.stat().st_size, unacked)


def _lines(store: Store, since: Revisions, until: Revisions, policy: tuple[str, bytes | None],
           counts: dict[str, int], progress: Progress, cancel: CancelToken) -> Iterator[str]:
    profile, key = policy
    total, done = sum(counts.values()), 0
    low, high = since.by_table(), until.by_table()
    encoders = {"students": lambda row: student_line(row, profile, key),
                "responses": lambda row: response_line(row, profile),
                "contact_attempts": lambda row: attempt_line(row, profile)}
    for table, encode in encoders.items():
        for row in sync_state.changed_rows(store.db, table, low[table], high[table]):
            yield encode(row)
            done += 1
            if done % 1000 == 0:
                cancel.check()
                progress(done, total, "Preparando el paquete…")
    progress(total, total, "Cifrando el paquete…")


def _remove_stale_partials(out_dir: Path, cct: str, installation_id: str, seq: int) -> None:
    """Remove what an export of this PC that was cut off (power, a crash) left half-written.

    Such a file (``.<bundle name>.parcial``, storage/files.atomic_output) was never renamed
    into a bundle, and its number is passed: nothing would ever replace or remove it.
    """
    pattern = re.compile(rf"\.{re.escape(cct)}_[0-9-]+_paquete-(\d+)_"
                         rf"{re.escape(installation_id[-4:])}\.seg\.parcial")
    for leftover in out_dir.glob(".*.seg.parcial"):
        found = pattern.fullmatch(leftover.name)
        if found and int(found.group(1)) < seq:
            remove_quietly(leftover)  # a read-only or pulled stick: the export will say so


def _verify_written(path: Path, raw: bytes, keys: InstallationKeys) -> None:
    """Re-read the file from the stick: manifest, signature and payload hash must hold."""
    problem = "la copia en la memoria USB no coincide con lo que se escribió"
    try:
        bundles.forget_cached(path)
        container = bundles.read_container(path)
        manifest = parse_manifest(container.manifest_raw, path.name)
        ok = (container.manifest_raw == raw
              and signature_is_valid(keys.public_key, container.signature, raw)
              and bundles.payload_matches(path, container, manifest.payload_sha256))
    except (OSError, SyncError) as error:
        ok, problem = False, str(error)
    if not ok:
        remove_quietly(path)  # a stick turned read-only refuses this too: say the Spanish
        raise FileUnreadable(f"El paquete no se pudo verificar después de guardarlo ({problem}). "
                             "Pruebe otra memoria USB y exporte de nuevo.")


def _log_export(store: Store, path: Path, record: ExportRecord) -> None:
    try:
        with store.transaction() as db:
            sync_state.record_export(db, record)
    except Exception:
        remove_quietly(path)
        if sync_state.export_by_seq(store.db, record.seq) is not None:
            raise SyncError("Otra exportación terminó al mismo tiempo con el mismo número; "
                            "exporte de nuevo.") from None
        raise

