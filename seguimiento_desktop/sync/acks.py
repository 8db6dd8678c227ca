"""Acknowledgements (acuses de recibo): the central office's signed «this bundle arrived».

The central office writes one per merged bundle (also for a bundle merged before, since the
first acknowledgement may have been lost). The plantel imports it; from then on every
change up to that bundle counts as delivered and later exports leave it out.
"""

from datetime import datetime, timezone
from pathlib import Path

from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.sync import fields, numbering, resolutions
from seguimiento_desktop.sync.central import CentralIdentity, follow_rotations
from seguimiento_desktop.sync.config_package import PINNED
from seguimiento_desktop.sync.errors import SyncError, TrustError
from seguimiento_desktop.sync.manifest import Manifest
from seguimiento_desktop.sync.models import AckResult, MergeCounts
from seguimiento_desktop.sync.signed import field, make_document, read_document, write_document


def ack_file_name(manifest: Manifest) -> str:
    """«14DCT0099Z_2026-06-12_acuse-0007_3fa9.acuse», from checked manifest fields only."""
    day = manifest.created.date().isoformat()
    return f"{manifest.cct}_{day}_acuse-{manifest.seq:04d}_{manifest.installation_id[-4:]}.acuse"


def write_ack(identity: CentralIdentity, manifest: Manifest, counts: MergeCounts,
              folder: Path, resolutions: list[dict] | None = None) -> Path:
    """Sign and write the acknowledgement of ``manifest``'s bundle into ``folder``, with the
    conflicts the office resolved on that plantel's records (``resolutions``), if any."""
    body = {"installation_id": manifest.installation_id, "cct": manifest.cct,
            "seq": manifest.seq, "payload_sha256": manifest.payload_sha256,
            "central_id": identity.central_id, "rotations": list(identity.rotations),
            "received_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "counts": {"new": counts.new, "updated": counts.updated,
                       "unchanged": counts.unchanged, "conflicts": counts.conflicts}}
    if resolutions:
        body["resolutions"] = resolutions
    return write_document(inside(folder, ack_file_name(manifest)),
                          make_document("ack", body, identity.signing_key))


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it names a plain file directly in ``folder``."""
    path = folder / name
    if Path(name).name != name or name in (".", "..") or path.resolve().parent != \
            folder.resolve():
        raise SyncError(f"No se escribió «{name[:80]}»: el nombre saldría de la carpeta "
                        f"{folder}.")
    return path


def import_ack(store: Store, path: str | Path) -> AckResult:
    """Count the acknowledged bundle (and every change up to it) as delivered."""
    document = read_document(path, "ack")
    body = document.body
    pinned = sync_state.get_setting(store.db, PINNED)
    if pinned is None:
        raise SyncError("Importe primero el paquete de configuración de la oficina central.")
    if document.signer != pinned and not follow_rotations(pinned, document.signer,
                                                          body.get("rotations") or []):
        raise TrustError("Este acuse no lo firmó la oficina central registrada en esta PC; no "
                         "se tomó en cuenta.")
    seq = field(body, "seq", int, "el número de paquete")
    if not fields.is_int(seq, 1):
        raise SyncError(f"Este acuse no es válido: el número de paquete ({str(seq)[:30]}) está "
                        "fuera de rango. No se tomó en cuenta.")
    if field(body, "installation_id", str, "la instalación") != store.installation_id:
        raise SyncError(f"Este acuse es del paquete {seq} de otra PC (CCT "
                        f"{body.get('cct', '?')}); impórtelo en la PC que lo exportó.")
    export = sync_state.export_by_seq(store.db, seq)
    if export is None and numbering.raise_floor(store, seq):
        raise SyncError(f"Este acuse es del paquete {seq}, que esta base de datos ya no tiene "
                        "(¿se restauró un respaldo?). La oficina central sí lo recibió: el "
                        f"próximo paquete llevará el número {seq + 1} o mayor. Exporte de nuevo "
                        "y envíe el paquete nuevo; no se perderá nada.")
    if export is None or export.payload_sha256 != body.get("payload_sha256") \
            or export.destination != body.get("central_id"):
        raise SyncError(f"Este acuse no corresponde al paquete {seq} exportado desde esta PC "
                        "(¿se restauró un respaldo de la base de datos?). No se tomó en cuenta; "
                        "exporte de nuevo y envíe el paquete nuevo.")
    already = export.acked_at is not None
    # Checked before anything is written: a malformed correction leaves the ack unimported.
    corrections = resolutions.apply(store, body.get("resolutions"))
    if not already:
        with store.transaction() as db:
            sync_state.mark_acked(db, seq, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    acked, _ = sync_state.acked_position(store.db, export.destination)
    pending = sync_state.count_changes(store.db, acked, sync_state.current_revisions(store.db))
    return AckResult(seq, already, export.counts, pending, corrections)
