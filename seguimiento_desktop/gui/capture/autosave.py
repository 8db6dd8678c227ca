"""Autosave while keying: every accepted item is written in the background writer.

At most one save is in flight; while it runs, newer states replace each other and only
the latest is written next (a fast keyer outruns the disk, and only the newest state
matters). A crash therefore loses at most the item being typed and, for a few
milliseconds, the one just accepted.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from seguimiento_desktop.domain.models import Response
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.workers import JobRunner


AUTOSAVE_TITLE = "Guardando respuestas…"


class ResponseSaver(QObject):
    """Coalescing writer of one paper's response through the app's single writer."""

    saved = Signal(object)  # what the write returned (the stored Response)
    failed = Signal(str)

    def __init__(self, jobs: JobRunner, parent: QWidget):
        super().__init__(parent)
        self._jobs, self._parent = jobs, parent
        self._running = False
        self._queue: list[tuple[Callable, str, bool]] = []  # (fn, title, is_autosave)
        self.writes = 0

    @property
    def busy(self) -> bool:
        return self._running or bool(self._queue)

    def save(self, response: Response) -> None:
        """Write ``response`` soon; a newer autosave replaces one still waiting."""
        self._add(lambda ws, _p, _c: ws.save_response(response), AUTOSAVE_TITLE, True)

    def finish(self, fn: Callable, title: str) -> None:
        """Queue a closing write (it saves the latest answers itself, so it supersedes
        a waiting autosave)."""
        self._add(fn, title, False)

    def _add(self, fn: Callable, title: str, autosave: bool) -> None:
        if self._queue and self._queue[-1][2]:
            self._queue.pop()
        self._queue.append((fn, title, autosave))
        if not self._running:
            self._next()

    def flush(self) -> None:
        """Hand every waiting write to the writer now (when quitting: no event loop will
        run to chain them; the writer's single thread still keeps them in order)."""
        while self._queue:
            self._running = False
            self._next()

    def _next(self) -> None:
        if not self._queue:
            return
        fn, title, _autosave = self._queue.pop(0)
        self._running = True
        self.writes += 1
        self._jobs.run(self._parent, title, fn, self._done, on_failed=self._failed,
                       cancellable=False, quiet=True)

    def _done(self, result: object) -> None:
        self._running = False
        if isValid(self):  # else the page closed mid-paper; the writes still go on
            emit(self.saved, result)
        self._next()

    def _failed(self, message: str) -> None:
        self._running = False
        self._queue.clear()
        if isValid(self):
            emit(self.failed, message)
