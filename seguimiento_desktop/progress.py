"""Progress reporting and cancellation for long operations, defined once and Qt-free.

Core functions take ``progress(done, total, message)`` and a ``CancelToken``; the GUI's
workers turn the callback into Qt signals, the CLI ignores it or prints it.
"""

from collections.abc import Callable
from threading import Event

from seguimiento_desktop.errors import Cancelled

Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """Default callback: report nothing."""


class CancelToken:
    """A flag the GUI sets and the core checks between units of work."""

    def __init__(self) -> None:
        self._event = Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self._event.is_set():
            raise Cancelled()


NEVER_CANCELLED = CancelToken()
