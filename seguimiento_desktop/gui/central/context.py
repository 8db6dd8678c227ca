"""What every central page receives: the database path, a reader, the writer and events.

The plantel window's ``JobRunner`` opens a plantel ``Workspace`` in its thread; here each job
gets a ``CentralWorkspace`` instead (``open_office``), with the same single writer thread,
progress dialog, cancel button and Spanish error path.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from seguimiento_desktop.gui.workers import JobRunner
from seguimiento_desktop.sync.central_store import is_server_address
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def open_office(path: Path) -> CentralWorkspace:
    return CentralWorkspace.open(path)


def office_opener(address: str | Path, password: str | None = None):
    """What the writer thread opens for each job: the file at the job's path, or the
    server at ``address`` with the password typed for this window (kept in memory only)."""
    if not is_server_address(address):
        return open_office
    return lambda _path: CentralWorkspace.open(str(address), password=password)


class CentralEvents(QObject):
    """Pages refresh when another page merged, enrolled or revoked something."""

    changed = Signal()


@dataclass
class CentralContext:
    """``reader`` is a CentralWorkspace for reads on the GUI thread (WAL lets it read while
    the writer merges); every write goes through ``jobs``."""

    db_path: Path | str  # a file, or a postgresql:// address (no password in it)
    reader: CentralWorkspace
    jobs: JobRunner
    events: CentralEvents

    @classmethod
    def open(cls, db_path: str | Path, parent: QObject | None = None,
             password: str | None = None) -> "CentralContext":
        path = str(db_path) if is_server_address(db_path) else Path(db_path)
        return cls(path, CentralWorkspace.open(path, create=False, password=password),
                   JobRunner(path, parent, office_opener(path, password)),
                   CentralEvents(parent))

    def close(self) -> None:
        self.jobs.wait_until_idle()
        self.reader.close()


# File choosers and the viewer live in gui/widgets/files.py (one place for every screen).
