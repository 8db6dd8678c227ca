"""Errors of the sync files and operations (all Spanish, all actionable)."""

from seguimiento_desktop.errors import UserError


# The stable codes of a refused bundle (scripts read them in `central merge --json`).
REJECTION_REASONS = ("incompleto", "formato", "version", "desconocida", "revocada", "firma",
                     "destinatario", "alterado", "limite", "contenido")
DISK_REASON = "disco"  # not the bundle: the office's database could not write (disk, server)


class SyncError(UserError):
    """A sync step cannot go on: a missing set-up step, a file of the wrong kind."""


class TrustError(SyncError):
    """A signature does not verify, or comes from a key this installation does not trust."""


class BundleRejected(SyncError):
    """A bundle was refused before anything was written; ``reason`` is a stable code.

    Codes: ``REJECTION_REASONS``. An outcome's ``disco`` (receiving.merge_bundle) is the
    office's disk, not the bundle.
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
