"""The plantel's side of USB sync, as Workspace methods («Envíos USB»).

``SyncUseCases`` is a mixin of ``services.Workspace``: it only uses ``self.store``. The
receiving side (central office, or a plantel's main PC merging its capture PCs) is
``sync.central_workspace.CentralWorkspace``.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.sync_state import ExportRecord

if TYPE_CHECKING:  # the crypto libraries load on first use, so the CLI starts fast
    from seguimiento_desktop.sync.models import (
        AckResult, ConfigInfo, EnrollmentInfo, ExportResult, SyncStatus)


class SyncUseCases:
    """Enrollment, configuration packages, bundle export and acknowledgements."""

    store: Store

    def sync_enrollment(self, out: str | Path) -> "EnrollmentInfo":
        """Write this PC's signed enrollment request (solicitud de registro) to ``out``."""
        from seguimiento_desktop.sync import installation
        return installation.write_enrollment(self.store, Path(out))

    def preview_config(self, path: str | Path) -> "ConfigInfo":
        """Read a configuration package without trusting it: show its fingerprint first."""
        from seguimiento_desktop.sync import config_package
        return config_package.preview(self.store, path)

    def import_config(self, path: str | Path,
                      accept_fingerprint: str | None = None) -> "ConfigInfo":
        """Trust and apply a configuration package from the central office.

        The first package pins the central office's key and needs ``accept_fingerprint``
        (the hex or the words the user compared by phone); later ones must be signed by
        the pinned key or follow a signed key rotation.
        """
        from seguimiento_desktop.sync import config_package
        return config_package.import_package(self.store, path, accept_fingerprint)

    def export_bundle(self, out_dir: str | Path, progress: Progress = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> "ExportResult":
        """Write the next bundle (everything not yet acknowledged) into ``out_dir``."""
        from seguimiento_desktop.sync import export
        return export.export_bundle(self.store, out_dir, progress, cancel)

    def import_ack(self, path: str | Path) -> "AckResult":
        """Import the central office's acknowledgement (acuse de recibo) of a bundle."""
        from seguimiento_desktop.sync import acks
        return acks.import_ack(self.store, path)

    def export_history(self) -> list[ExportRecord]:
        """Bundles written from this PC, newest first, with their acknowledgement date."""
        return sync_state.export_log(self.store.db)

    def sync_status(self) -> "SyncStatus":
        """Trust set-up, last bundle and what still waits for an acknowledgement."""
        from seguimiento_desktop.sync import config_package, installation
        from seguimiento_desktop.sync.keys import fingerprint
        from seguimiento_desktop.sync.models import SyncStatus
        from seguimiento_desktop.sync.pseudonyms import FULL
        keys = installation.installation_keys(self.store)
        config = config_package.config_in_force(self.store)
        pinned = sync_state.get_setting(self.store.db, config_package.PINNED)
        destination = config_package.destination_id(config) if config else ""
        acked, acked_seq = sync_state.acked_position(self.store.db, destination)
        last = sync_state.last_export(self.store.db)
        pending = sync_state.count_changes(self.store.db, acked,
                                           sync_state.current_revisions(self.store.db))
        return SyncStatus(keys.installation_id, keys.fingerprint, config is not None,
                          str(config.get("central_name", "")) if config else "",
                          fingerprint(pinned) if pinned else None,
                          str(config.get("profile", FULL)) if config else "",
                          last.seq if last else 0, acked_seq, pending)
