"""What every screen receives: the database path, a reader, the writer and app events."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from seguimiento_desktop.gui.workers import JobRunner

if TYPE_CHECKING:
    from seguimiento_desktop.accounts.roles import Session
    from seguimiento_desktop.services import Workspace


def signed_opener(session: "Session | None") -> Callable[[Path], "Workspace"]:
    """What the writer thread opens for each job: the plantel, as ``session``'s account."""
    def open_workspace(path: Path) -> "Workspace":
        from seguimiento_desktop.services import Workspace
        return Workspace.open(path, session=session)
    return open_workspace


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
    session: "Session | None" = None

    @classmethod
    def open(cls, db_path: str | Path, parent: QObject | None = None,
             session: "Session | None" = None) -> "AppContext":
        """The context on ``db_path``; reads and jobs act as ``session``'s account (None
        until someone signs in, or on a database without accounts)."""
        from seguimiento_desktop.services import Workspace
        path = Path(db_path)
        context = cls(path, Workspace.open(path, session=session),
                      JobRunner(path, parent, open_workspace=signed_opener(session)),
                      AppEvents(parent))
        context.session = session
        return context

    def sign_in(self, session: "Session") -> None:
        """From now on, reads and jobs act as ``session``'s account."""
        self.session = session
        self.jobs.use_opener(signed_opener(session))
        upgraded = self.reader.store.migration_backup  # said once the window is ready
        self.reopen_reader()
        self.reader.store.migration_backup = upgraded

    def reopen_reader(self) -> None:
        """A fresh reader after the database was replaced underneath (a restored backup) or
        someone signed in."""
        from seguimiento_desktop.services import Workspace
        self.reader.close()
        self.reader = Workspace.open(self.db_path, session=self.session)

    def close(self) -> None:
        self.jobs.wait_until_idle()
        self.reader.close()
