"""The sala's single writer: one thread owns the Workspace, request threads hand it work.

SQLite takes one writer at a time; sixty request threads each writing would queue on the
file lock and some would see «database is locked». Here every database call of the web
server (reads too: they are a few milliseconds) runs in order on one thread with one
connection, and the request waits for its result. The GUI's own writer, if it writes at
the same moment, is waited for by SQLite's busy timeout (storage/database.py).
"""

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from seguimiento_desktop.accounts.roles import Session
    from seguimiento_desktop.services import Workspace

T = TypeVar("T")
WAIT_S = 30.0  # a request never waits longer than this for its turn


class Desk:
    """A thread with its own Workspace, signed in as the orientador who opened the sala."""

    def __init__(self, path: Path, session: "Session | None"):
        self.path, self.session = Path(path), session
        self._work: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="sala-escritura", daemon=True)
        self._opened: Future = Future()

    def start(self) -> None:
        """Open the database in the desk's thread; raise what opening raised."""
        self._thread.start()
        self._opened.result()

    def call(self, function: Callable[["Workspace"], T], timeout: float = WAIT_S) -> T:
        """Run ``function(workspace)`` on the desk's thread and return (or raise) its result."""
        done: Future = Future()
        self._work.put((function, done))
        return done.result(timeout)

    def stop(self) -> None:
        """Finish the work already handed in, then close the database."""
        if self._thread.is_alive():
            self._work.put(None)
            self._thread.join()

    def _serve(self) -> None:
        from seguimiento_desktop.services import Workspace
        try:
            workspace = Workspace.open(self.path, create=False, session=self.session)
        except BaseException as error:  # told to start(); the thread has nothing to do
            self._opened.set_exception(error)
            return
        self._opened.set_result(None)
        try:
            while (item := self._work.get()) is not None:
                function, done = item
                if done.set_running_or_notify_cancel():
                    _settle(done, function, workspace)
        finally:
            workspace.close()


def _settle(done: Future, function: Callable[["Workspace"], Any], workspace: "Workspace") -> None:
    try:
        done.set_result(function(workspace))
    except BaseException as error:  # handed to the waiting request, which reports it
        done.set_exception(error)
