"""What every screen receives: the database path, a reader, the writer and app events."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from seguimiento_desktop.gui.workers import JobRunner

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace


class AppEvents(QObject):
    """Signals screens use to keep each other current after a write job."""

    students_changed = Signal()
    school_changed = Signal()


@dataclass
class AppContext:
    """Shared by the main window and its pages.

    ``reader`` is a Workspace opened on the GUI thread for reads only (SQLite's WAL lets it
    read while the writer works); every write goes through ``jobs``.
    """

    db_path: Path
    reader: "Workspace"
    jobs: JobRunner
    events: AppEvents

    @classmethod
    def open(cls, db_path: str | Path, parent: QObject | None = None) -> "AppContext":
        from seguimiento_desktop.services import Workspace
        path = Path(db_path)
        return cls(path, Workspace.open(path), JobRunner(path, parent), AppEvents(parent))

    def reopen_reader(self) -> None:
        """A fresh reader after the database was replaced underneath (a restored backup)."""
        from seguimiento_desktop.services import Workspace
        self.reader.close()
        self.reader = Workspace.open(self.db_path)

    def close(self) -> None:
        self.jobs.wait_until_idle()
        self.reader.close()
