"""Long operations off the GUI thread: one writer thread, progress dialog, cancel button.

Every write (and every slow read of a user file) runs as a *job*: a function
``fn(workspace, progress, cancel)`` executed in a pool of ONE thread, so writes never
overlap. The job opens its own Workspace on the database inside that thread (a Workspace
is never shared between threads) and must not touch widgets. Its ``progress(done, total,
message)`` calls become Qt signals that drive a Spanish QProgressDialog whose "Cancelar"
button sets the job's CancelToken. The result, or the Spanish message of a UserError, comes
back on the GUI thread. Programming errors are logged and go to ``sys.excepthook`` (the
app shows a generic message; under pytest-qt the test fails): never hidden.
"""

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget
from shiboken6 import isValid

from seguimiento_desktop.errors import Cancelled, UserError
from seguimiento_desktop.progress import CancelToken, Progress
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.signals import disconnect, emit

log = logging.getLogger(__name__)

JobFunction = Callable[[Any, Progress, CancelToken], Any]  # (Workspace, progress, cancel)
SHOW_AFTER_MS = 400  # quick jobs (saving one student) never flash a dialog
PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second


class JobSignals(QObject):
    """Created on the GUI thread, emitted from the worker: Qt queues the deliveries."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)
    crashed = Signal(object)


def open_plantel_workspace(path: Path) -> Any:
    from seguimiento_desktop.services import Workspace
    return Workspace.open(path)


class _JobRunnable(QRunnable):
    def __init__(self, db_path: Path, fn: JobFunction, token: CancelToken, signals: JobSignals,
                 open_workspace: Callable[[Path], Any]):
        super().__init__()
        self.setAutoDelete(True)
        self._db_path, self._fn, self._token, self._signals = db_path, fn, token, signals
        self._open_workspace = open_workspace
        self._last_emit = 0.0

    def _progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or done >= total:
            self._last_emit = now
            emit(self._signals.progressed, done, total, message)

    def run(self) -> None:
        try:
            self._token.check()
            with self._open_workspace(self._db_path) as workspace:
                result = self._fn(workspace, self._progress, self._token)
        except Cancelled as error:
            emit(self._signals.cancelled, str(error))
        except UserError as error:
            emit(self._signals.failed, str(error))
        except Exception as error:  # a bug: logged here, reported on the GUI thread
            log.exception("Job failed unexpectedly")
            emit(self._signals.crashed, error)
        else:
            emit(self._signals.succeeded, result)


class JobProgressDialog(QProgressDialog):
    """A progress dialog whose Cancel (button, Esc or close) asks the job to stop
    and stays open, saying so, until the job has really stopped.

    The Job decides when it appears: QProgressDialog's own "show after a delay" timer
    (armed by its constructor and by ``setValue``) is stopped and never re-armed, because
    it fires inside whatever event loop runs at that moment, including a result message
    box's, and would put a finished job's dialog on top of it for good. Progress goes to
    the bar directly for the same reason (``setValue`` also spins a nested event loop).
    """

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool):
        super().__init__(title, "Cancelar" if cancellable else "", 0, 0, parent)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.setBar(self.bar)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(420)
        self.reset()  # stops the built-in show timer armed by the constructor
        disconnect(self.canceled, self.cancel)  # keep it open while the job winds down
        if not cancellable:
            self.setCancelButton(None)

    def show_progress(self, done: int, total: int, message: str) -> None:
        if message:
            self.setLabelText(message)
        self.bar.setMaximum(max(total, 0))
        self.bar.setValue(min(done, total) if total > 0 else 0)

    def reject(self) -> None:  # Esc
        if self.isVisible():
            emit(self.canceled)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        event.ignore()
        emit(self.canceled)


class Job(QObject):
    """One running job, living on the GUI thread; ``finished`` fires whatever the outcome.

    Its progress dialog exists only while the job runs and has lasted SHOW_AFTER_MS: it
    is created by the job's own timer, which ``_finish`` stops before anything else, and
    it is hidden before the result (message, next dialog) is shown. So a finished job's
    dialog can neither appear nor stay.
    """

    finished = Signal()
    progressed = Signal(int, int, str)

    def __init__(self, parent_widget: QWidget | None, title: str, on_done: Callable | None,
                 on_failed: Callable[[str], None] | None, cancellable: bool,
                 quiet: bool = False):
        super().__init__()
        self.token = CancelToken()
        self.signals = JobSignals()
        self.result: Any = None
        self.outcome = "running"  # then: done, failed, cancelled, crashed
        self.title, self.cancellable = title, cancellable
        self.last_progress: tuple[int, int, str] = (0, 0, title)
        self._parent, self._on_done, self._on_failed = parent_widget, on_done, on_failed
        self.dialog: JobProgressDialog | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        if not quiet:
            self._show_timer.start(SHOW_AFTER_MS)
        self.signals.progressed.connect(self._on_progress)
        self.signals.succeeded.connect(self._on_succeeded)
        self.signals.failed.connect(self._on_failed_message)
        self.signals.cancelled.connect(self._on_cancelled)
        self.signals.crashed.connect(self._on_crashed)

    def _parent_alive(self) -> bool:
        return self._parent is None or isValid(self._parent)

    @Slot()
    def _show_dialog(self) -> None:
        if self.outcome != "running" or not self._parent_alive():
            return
        self.dialog = JobProgressDialog(self._parent, self.title, self.cancellable)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.show_progress(*self.last_progress)
        if self.token.cancelled:
            self._show_cancelling(self.dialog)
        self.dialog.show()

    def _live_dialog(self) -> JobProgressDialog | None:
        """The progress dialog, unless none was shown or Qt deleted it with its parent
        (a page closed while its job was still running)."""
        return self.dialog if self.dialog is not None and isValid(self.dialog) else None

    @staticmethod
    def _show_cancelling(dialog: JobProgressDialog) -> None:
        dialog.setLabelText("Cancelando… espere un momento.")
        for button in dialog.findChildren(QPushButton):
            button.setEnabled(False)

    @Slot()
    def cancel(self) -> None:
        if self.outcome == "running" and not self.token.cancelled:
            self.token.cancel()
            dialog = self._live_dialog()
            if dialog is not None:
                self._show_cancelling(dialog)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.outcome != "running":
            return
        self.last_progress = (done, total, message or self.last_progress[2])
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.show_progress(done, total, "" if self.token.cancelled else message)
        emit(self.progressed, done, total, message)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self._show_timer.stop()
        dialog = self._live_dialog()
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.dialog = None
        emit(self.finished)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._finish("done")
        if self._on_done is not None:
            self._on_done(result)

    @Slot(str)
    def _on_failed_message(self, message: str) -> None:
        self._finish("failed")
        if self._on_failed is not None:
            self._on_failed(message)
        else:
            messages.show_error(self._message_parent(), message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self._finish("cancelled")
        messages.show_info(self._message_parent(), message)

    def _message_parent(self) -> QWidget | None:
        return self._parent if self._parent_alive() else None

    @Slot(object)
    def _on_crashed(self, error: BaseException) -> None:
        self._finish("crashed")
        sys.excepthook(type(error), error, error.__traceback__)


class JobRunner(QObject):
    """The app's single writer: jobs run one at a time, in submission order."""

    def __init__(self, db_path: str | Path, parent: QObject | None = None,
                 open_workspace: Callable[[Path], Any] = open_plantel_workspace):
        """``open_workspace(path)`` opens what jobs receive, in the writer thread: a plantel
        Workspace, or the central office's CentralWorkspace."""
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._open_workspace = open_workspace
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: set[Job] = set()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def use_opener(self, open_workspace: Callable[[Path], Any]) -> None:
        """Jobs started from now on receive what ``open_workspace`` opens (the plantel as
        the account that just signed in)."""
        self._open_workspace = open_workspace

    def run(self, parent: QWidget | None, title: str, fn: JobFunction,
            on_done: Callable[[Any], None] | None = None, *,
            on_failed: Callable[[str], None] | None = None, cancellable: bool = True,
            quiet: bool = False) -> Job:
        """Start ``fn(workspace, progress, cancel)`` in the writer thread; return the Job.

        ``on_done(result)`` runs on the GUI thread. A UserError's message goes to
        ``on_failed`` if given, else to an error dialog. ``quiet`` jobs never show a
        progress dialog (autosave while keying: a dialog would take the keyboard).
        """
        job = Job(parent, title, on_done, on_failed, cancellable, quiet)
        self._jobs.add(job)
        job.finished.connect(lambda: self._jobs.discard(job))
        self._pool.start(_JobRunnable(self.db_path, fn, job.token, job.signals,
                                      self._open_workspace))
        return job

    def wait_until_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued jobs end (only at shutdown, when nothing else can happen)."""
        return self._pool.waitForDone(timeout_ms)
