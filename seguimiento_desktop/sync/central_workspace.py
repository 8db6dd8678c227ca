"""The receiving side's façade: the central office (or a plantel's main PC) merging bundles.

Why a separate class and not more ``Workspace`` methods: the central office's database is
not a plantel (it has no own school and nobody captures in it), and its use cases (enroll,
publish, merge, status, conflicts) are all about receiving. It uses the same schema and
migrations, so a plantel's main PC can open its own database with ``CentralWorkspace`` to
merge its capture PCs' bundles (``seguimiento central --db plantel.db init`` …).

Tables a central report can read (all plain SQLite, same schema as a plantel's):

- ``students``: one row per person; ``school_cct`` is the CCT of the plantel of the version
  kept (the latest), ``curp`` the CURP or, in the «seudonimizado» profile, the pseudonym
  («S-…»; names and contact data are then empty). ``deleted = 1`` rows are tombstones:
  leave them out. ``origin`` is the installation that wrote the kept version.
- ``responses``: one row per (student_id, questionnaire), ``answers`` as JSON; ``deleted``
  as above.
- ``contact_attempts``: the contact log, by ``student_id``.
- ``sync_installations``: enrolled PCs (installation_id, cct, school JSON, keys,
  enrolled_at, revoked_at).
- ``sync_received``: bundles merged (installation_id, seq, created_at, received_at,
  file_name, counts JSON).
- ``sync_siblings`` (versions kept for review), ``sync_versions``, ``sync_links``,
  ``sync_parked``: merge bookkeeping, not for reports.

The directory's search index (``students_fts``) is kept only when this database is a
plantel's (a main PC merging its capture PCs): the central office does not search a
directory, and keeping a trigram index of every student of the subsystem would cost a
third of the merge time and grow its memory with the database.
"""

from datetime import datetime, timezone
from pathlib import Path

from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import schools, sync_central, sync_resolutions
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.sync_central import PC_NAME, EnrolledRow
from seguimiento_desktop.sync import central, config_package, receiving, resolutions
from seguimiento_desktop.sync.central_store import open_central_store
from seguimiento_desktop.sync.central_views import (
    central_status, conflicts, gap_messages, pc_label)
from seguimiento_desktop.sync.errors import TrustError
from seguimiento_desktop.sync.installation import read_enrollment
from seguimiento_desktop.sync.keys import fingerprint
from seguimiento_desktop.sync.models import (
    CentralStatus, ConfigInfo, Conflict, EnrollmentInfo, Installation, MergeReport, Pick,
    Resolution)


class CentralWorkspace:
    """One receiving database and everything the central office does with it."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, address: str | Path, create: bool = True,
             password: str | None = None) -> "CentralWorkspace":
        """Open the office's store: a SQLite file, or a PostgreSQL server given as
        ``postgresql://usuario@servidor:puerto/base`` (``sync/central_store.py``)."""
        return cls(open_central_store(address, create=create, password=password))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "CentralWorkspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- Keys and policy ---------------------------------------------------------------

    def init(self, name: str, escrow: tuple[str, ...] = (),
             profile: str | None = None) -> central.CentralIdentity:
        """Create the office's age identity and signing key (once), with escrow recipients.
        Data minimisation: without ``profile``, planteles send pseudonymised data (a
        plantel's own main PC gets everything: central.default_profile)."""
        return central.init_central(self.store, name, escrow, profile)

    def identity(self) -> central.CentralIdentity:
        return central.central_identity(self.store)

    def set_profile(self, profile: str) -> central.CentralIdentity:
        """«completo» or «seudonimizado»: set by the next configuration package."""
        return central.set_profile(self.store, profile)

    def rotate_signing_key(self) -> central.CentralIdentity:
        """New signing key, handed over by the old one; publish a new package afterwards."""
        return central.rotate_signing_key(self.store)

    def write_config_package(self, out: str | Path, profile: str | None = None) -> ConfigInfo:
        """Sign and write the configuration package planteles import; with ``profile``, the
        office changes to it once the package is written."""
        return config_package.write_package(self.store, self.identity(), Path(out), profile)

    # --- Enrollment --------------------------------------------------------------------

    def preview_enrollment(self, path: str | Path) -> EnrollmentInfo:
        """Read a plantel PC's request and show its fingerprint (nothing saved)."""
        return read_enrollment(path).info

    def enroll(self, path: str | Path, accept_fingerprint: str) -> Installation:
        """Enroll a plantel PC after its fingerprint was compared by phone."""
        self.identity()
        request = read_enrollment(path)
        found = fingerprint(request.signing_key)
        if not found.matches(accept_fingerprint):
            raise TrustError(f"La huella de la solicitud ({found}) no coincide con la que se "
                             "confirmó. No se registró la PC; compárela de nuevo por teléfono.")
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.store.transaction() as db:
            # The PC's name rides with what the PC said about its plantel (no schema change)
            school = {**request.school, PC_NAME: request.pc_name}
            sync_central.save_installation(db, EnrolledRow(
                request.installation_id, request.cct, school, request.signing_key,
                request.age_recipient, found.hex, now, None))
        return Installation(request.installation_id, request.cct,
                            str(request.school.get("name", "")), found, now,
                            pc_label=pc_label(request.installation_id, request.pc_name))

    def installations(self) -> list[Installation]:
        return [Installation(r.installation_id, r.cct, str(r.school.get("name", "")),
                             fingerprint(r.signing_key), r.enrolled_at, r.revoked_at is not None,
                             pc_label(r.installation_id, r.pc_name))
                for r in sync_central.installations(self.store.db)]

    def revoke(self, installation_id: str) -> bool:
        """Stop accepting bundles from a PC (lost or stolen)."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.store.transaction() as db:
            return sync_central.revoke(db, installation_id, now)

    # --- Merging -------------------------------------------------------------------------

    def merge(self, paths: list[str | Path], acks_dir: str | Path | None = None,
              progress: Progress = no_progress,
              cancel: CancelToken = NEVER_CANCELLED) -> MergeReport:
        """Verify and merge bundles (one transaction each), write acknowledgements, report gaps."""
        identity = self.identity()
        plantel = schools.own_school(self.store.db) is not None  # a main PC: keep search
        outcomes = receiving.merge_files(self.store, identity, [Path(p) for p in paths],
                                         Path(acks_dir) if acks_dir else None, progress, cancel,
                                         search_index=plantel)
        return MergeReport(tuple(outcomes), gap_messages(self.store.db))

    def status(self) -> CentralStatus:
        """Each plantel's last bundle, missing numbers, students and responses."""
        return central_status(self.store.db, self.identity())

    def conflicts(self) -> list[Conflict]:
        """Concurrent versions kept for review (vista «Conflictos»)."""
        return conflicts(self.store.db)

    def resolve_conflict(self, conflict_id: str, value: "str | Pick", by: str) -> Resolution:
        """Resolve one field of a conflict: ``Pick.KEPT``, ``Pick.OTHER`` or a typed value.

        The value becomes the row's at the office under a stamp from the office's clock,
        who and when are recorded, and the conflict leaves the list (one transaction).
        """
        return resolutions.resolve_conflict(self.store, conflict_id, value, by)

    def last_resolver(self) -> str:
        """Who resolved the last conflict here (the «Resuelve» field starts with it)."""
        return sync_resolutions.last_resolver(self.store.db)
