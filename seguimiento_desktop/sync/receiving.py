"""Receiving a bundle: verify everything that can be verified, then merge in one transaction.

Order matters and is part of the threat model (docs/bundle-format.md): the container's
shape and sizes, the manifest's format version, the sending installation (enrolled, not
revoked, same CCT), its signature over the manifest, that the payload was encrypted to
this office, and the payload's SHA-256 are all checked *before* anything is decrypted.
Decompression is capped by the signed manifest; any failure rolls the transaction back.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType

from seguimiento_desktop.domain.ids import MAX_AHEAD_MS, hlc_ceiling
from seguimiento_desktop.errors import DatabaseError, UserError
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import sync_central, sync_merge
from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.sync_central import ReceivedRow
from seguimiento_desktop.sync import bundles, resolutions
from seguimiento_desktop.sync.acks import write_ack
from seguimiento_desktop.sync.central import CentralIdentity
from seguimiento_desktop.sync.errors import DISK_REASON, BundleRejected
from seguimiento_desktop.sync.keys import parse_identities, signature_is_valid
from seguimiento_desktop.sync.manifest import Manifest, parse_manifest
from seguimiento_desktop.sync.merge import Merger
from seguimiento_desktop.sync.minimisation import keep_pseudonymised
from seguimiento_desktop.sync.models import BundleOutcome, MergeCounts
from seguimiento_desktop.sync.checking import check_batch, check_stamps
from seguimiento_desktop.sync.fields import epoch_ms
from seguimiento_desktop.sync.pseudonyms import PSEUDONYMISED
from seguimiento_desktop.sync.records import KINDS

MAX_EXPANSION = 200  # plain bytes per payload byte; gzip of real JSON lines stays far below
# SQLite's default page cache (2 MiB) is smaller than the index pages a merge keeps touching
# (the growing ends of every index of students, responses, links and versions), so it
# re-reads them from the OS batch after batch. A bounded 32 MiB, only while merging: ~3%
# less CPU and ~10% less system time on 60 bundles; memory stays flat (bounded, not grown).
MERGE_CACHE_KIB = 32 * 1024
# A bundle's commit writes every page it dirtied to the WAL, and with SQLite's default
# (a checkpoint once the WAL holds 1,000 pages, 4 MiB: every bundle) copies them all into
# the database file again. The same index pages are dirtied bundle after bundle (the
# students' name-ordered indexes take a row on nearly every leaf), so copying them once
# every 64 MiB of WAL instead writes each of them once for several bundles.
MERGE_CHECKPOINT_PAGES = 16 * 1024
MERGE_ATTEMPTS = 5  # a bundle's transaction rolled back by a concurrent merge runs again


def verify_bundle(store: Store, identity: CentralIdentity, path: Path) -> tuple[
        Manifest, bundles.Container]:
    """Everything checkable without the private key; BundleRejected (Spanish) otherwise."""
    container = bundles.read_container(path)
    manifest = parse_manifest(container.manifest_raw, path.name)
    enrolled = sync_central.installation(store.db, manifest.installation_id)
    who = f"{manifest.cct} (PC …{manifest.installation_id[-4:]})"
    if enrolled is None:
        raise BundleRejected("desconocida", f"El paquete {path.name} viene de una PC que no está "
                             f"registrada aquí: {who}. Pida al plantel su solicitud de registro, "
                             "regístrela (Planteles → «Registrar plantel…», o «seguimiento "
                             "central enroll») y vuelva a recibir el paquete.")
    if enrolled.revoked_at:
        raise BundleRejected("revocada", f"El paquete {path.name} viene de una PC dada de baja "
                             f"({who}); no se fusionó.")
    if not signature_is_valid(enrolled.signing_key, container.signature, container.manifest_raw) \
            or manifest.cct != enrolled.cct:
        raise BundleRejected("firma", f"La firma del paquete {path.name} no es válida: el archivo "
                             f"fue alterado o no lo generó la PC registrada de {enrolled.cct}. "
                             "No se fusionó; pida que lo exporten de nuevo.")
    if epoch_ms(manifest.created) > _now_ms() + MAX_AHEAD_MS:
        raise BundleRejected("contenido", f"El paquete {path.name} dice haberse creado el "
                             f"{manifest.created_at[:10]}, en el futuro según el reloj de esta "
                             "PC. Revise la fecha y hora de esta PC y de la que lo exportó y "
                             "pida que lo exporten de nuevo; no se fusionó.")
    if not set(manifest.recipients) & set(identity.own_recipients):
        raise BundleRejected("destinatario", f"El paquete {path.name} no fue cifrado para esta "
                             "oficina: el plantel usa la configuración de otra oficina central. "
                             "Envíele el paquete de configuración vigente.")
    if manifest.profile != identity.profile:
        # A «completo» bundle at an office that chose «seudonimizado» would store CURPs,
        # names and phones it promised not to hold; the other way, pseudonyms beside the
        # CURPs of the same people: two rows a person. Both wait for the package in force.
        raise BundleRejected("destinatario", f"El paquete {path.name} se hizo con el perfil "
                             f"«{manifest.profile}», pero esta oficina recibe el perfil "
                             f"«{identity.profile}»: el plantel aún no importa el paquete de "
                             "configuración vigente. No se fusionó; envíele el paquete de "
                             "configuración actual y pida que lo importe y exporte de nuevo "
                             "(el paquete nuevo llevará también estos cambios).")
    if manifest.payload_size != container.payload_size or \
            not bundles.payload_matches(path, container, manifest.payload_sha256):
        raise BundleRejected("alterado", f"El contenido del paquete {path.name} no coincide con "
                             "su firma: el archivo se dañó o fue alterado. No se fusionó; pida "
                             "que lo copien o exporten de nuevo.")
    if manifest.plain_size > min(bundles.MAX_PLAIN_BYTES,
                                 max(container.payload_size, 4096) * MAX_EXPANSION):
        raise BundleRejected("limite", f"El paquete {path.name} declara un contenido "
                             "desproporcionado para su tamaño: posible archivo malicioso. No se "
                             "abrió.")
    return manifest, container


def _now_ms() -> int:
    return int(time.time() * 1000)


def merge_bundle(store: Store, identity: CentralIdentity, path: Path,
                 acks_dir: Path | None = None, progress: Progress = no_progress,
                 cancel: CancelToken = NEVER_CANCELLED, search_index: bool = True
                 ) -> BundleOutcome:
    """Verify and merge one bundle file; never raises for a bad bundle (see ``accepted``).

    ``search_index``: keep the directory's search index (a plantel's main PC) or not (the
    central office, which has no directory to search).
    """
    path = Path(path)
    try:
        manifest, container = verify_bundle(store, identity, path)
        duplicate = sync_central.was_received(store.db, manifest.installation_id, manifest.seq,
                                              manifest.payload_sha256)
        counts = MergeCounts() if duplicate else _merge_once(store, identity, path, manifest,
                                                             container, progress, cancel,
                                                             search_index)
        duplicate = duplicate or counts is None
        counts = counts or MergeCounts()
    except BundleRejected as error:
        return BundleOutcome(path, False, error.reason, error.message)
    except DatabaseError as error:
        # The office's disk filled or failed: this bundle rolled back, but those before it
        # in the run were merged and acknowledged; an outcome each says which is which.
        return BundleOutcome(path, False, DISK_REASON, f"El paquete {path.name} no se fusionó: "
                             f"{error.message} Los paquetes ya fusionados no se repiten.")
    ack, warnings = None, ()
    try:
        ack = write_ack(identity, manifest, counts, acks_dir or path.parent,
                        resolutions.for_ack(store, manifest.cct))
    except UserError as error:  # merged and committed: only the acknowledgement is missing
        warnings = (f"No se pudo escribir el acuse: {error.message} Fusione de nuevo el "
                    "paquete para generarlo (no se duplicará nada).",)
    return BundleOutcome(path, True, cct=manifest.cct, installation_id=manifest.installation_id,
                         seq=manifest.seq, duplicate=duplicate, counts=counts, ack_path=ack,
                         message="Ya se había fusionado antes; se generó de nuevo el acuse."
                         if duplicate else "", warnings=warnings)


def merge_queries(store: Store) -> ModuleType:
    """The store's merge SQL: a PostgreSQL store brings its own (``storage/pg``), a SQLite
    store uses ``storage/sync_merge.py``."""
    return getattr(store, "merge_queries", sync_merge)


class _MergedMeanwhile(Exception):
    """Another process merged this bundle while this one waited for it."""


def _merge_once(store: Store, identity: CentralIdentity, path: Path, manifest: Manifest,
                container: bundles.Container, progress: Progress, cancel: CancelToken,
                search_index: bool) -> MergeCounts | None:
    """Merge, or None when another process merged the same bundle meanwhile.

    On a server several processes merge at once; a transaction that met another merge
    half-way (a deadlock, a person both inserted) was rolled back whole and runs again.
    """
    queries = merge_queries(store)
    for attempt in range(MERGE_ATTEMPTS):
        try:
            return _merge(store, identity, path, manifest, container, progress, cancel,
                          search_index)
        except _MergedMeanwhile:
            return None
        except queries.RETRYABLE:
            if attempt == MERGE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _merge(store: Store, identity: CentralIdentity, path: Path, manifest: Manifest,
           container: bundles.Container, progress: Progress, cancel: CancelToken,
           search_index: bool) -> MergeCounts:
    seen = {kind: 0 for kind in KINDS.values()}
    total = max(manifest.records, 1)

    ceiling = hlc_ceiling(epoch_ms(manifest.created))
    with store.transaction() as db:
        merge_queries(store).lock_bundle(db, manifest.installation_id, manifest.seq)
        if sync_central.was_received(db, manifest.installation_id, manifest.seq,
                                     manifest.payload_sha256):
            raise _MergedMeanwhile()
        merger = Merger(db, manifest.cct, search_index, merge_queries(store))
        lines = 0

        def on_batch(batch: list) -> None:
            nonlocal lines
            cancel.check()
            kinds = check_batch(batch, lines + 1)
            if manifest.profile == PSEUDONYMISED:
                keep_pseudonymised(batch, lines + 1)
            lines += len(batch)
            for kind, count in kinds.items():
                seen[KINDS[kind]] += count
            # Checked, so every stamp is an int; the clock keeps a maximum, so once a batch.
            store.clock.observe(check_stamps(batch, lines - len(batch) + 1, ceiling))
            merger.batch(batch)
            progress(lines, total, f"Fusionando {path.name}…")

        plain = bundles.stream_payload(path, container, parse_identities(
            list(identity.age_identities)), manifest.plain_size, on_batch)
        if seen != manifest.counts or plain != manifest.plain_size:
            raise BundleRejected("alterado", f"El paquete {path.name} no trae lo que declara su "
                                 "encabezado. No se fusionó; pida que lo exporten de nuevo.")
        sync_central.record_received(db, ReceivedRow(
            manifest.installation_id, manifest.seq, manifest.payload_sha256, manifest.base_seq,
            manifest.created_at, datetime.now(timezone.utc).isoformat(timespec="seconds"),
            path.name, dict(manifest.counts)))
    c = merger.counts
    return MergeCounts(c["new"], c["updated"], c["unchanged"], c["conflicts"], c["waiting"])


def merge_files(store: Store, identity: CentralIdentity, paths: list[Path],
                acks_dir: Path | None = None, progress: Progress = no_progress,
                cancel: CancelToken = NEVER_CANCELLED,
                search_index: bool = True) -> list[BundleOutcome]:
    """Merge several bundles, each in its own transaction, oldest number first."""
    outcomes = []
    with merge_settings(store.db):
        for done, path in enumerate(sorted(paths, key=lambda p: p.name)):
            outcomes.append(merge_bundle(store, identity, path, acks_dir, progress, cancel,
                                         search_index))
            progress(done + 1, len(paths), "Paquetes fusionados.")
    return outcomes


@contextmanager
def merge_settings(db: Database) -> Iterator[Database]:
    """The connection's settings for a run of merges (SQLite: the page cache and the
    checkpoint interval above), then its own again."""
    with db.page_cache(MERGE_CACHE_KIB), db.checkpoint_every(MERGE_CHECKPOINT_PAGES):
        yield db
