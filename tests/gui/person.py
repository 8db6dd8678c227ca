"""A person at the keyboard: answers Qt's real modal windows with real clicks and keys.

The app's dialogs are never replaced in journey tests. A ``Person`` is told, before an
action, which windows it will meet and how to answer each one (``Click("Aceptar")``,
``SaveAs(path)``, ``Press(Qt.Key.Key_Escape)``). A timer watches for the active modal
window; when the expected one is on screen the person *reads it for a while* (longer than
the job runner's "show the progress dialog after" delay, so a progress dialog that pops up
late would be caught on top of it), then answers through the window system, exactly as a
mouse or keyboard would: an event to a window that another modal window blocks is lost,
as it is for a person.

``person.free(window)`` ends a journey: no modal window is left, none appears later, and a
real click on the window arrives.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QFileDialog,
                               QLineEdit, QMessageBox, QProgressDialog, QWidget)
from shiboken6 import isValid

from seguimiento_desktop.gui.workers import SHOW_AFTER_MS

# A person reads a message before answering it: at least as long as a progress dialog
# waits before it shows itself, so the class of bug where one appears late is visible.
READING_PAUSE_S = (SHOW_AFTER_MS + 150) / 1000
POLL_MS = 20
# A window nobody can answer for this long is a frozen app: the person gives up, closes
# every modal window by force (so the test run goes on) and the journey fails.
STUCK_AFTER_S = 30.0
# An answered window may take a moment to close; still there after this, it ignored the
# answer (a click swallowed by a popup, a button that does nothing): the journey fails.
CLOSING_GRACE_S = 3.0


def describe(widget: QWidget | None) -> str:
    """What a person sees in a window: its class, title and text."""
    if widget is None:
        return "(ninguna ventana modal)"
    text = ""
    if isinstance(widget, QMessageBox):
        text = widget.text()
    elif isinstance(widget, QProgressDialog):
        text = widget.labelText()
    return f"{type(widget).__name__} «{widget.windowTitle()}» {text!r}"


def real_click(widget: QWidget, at: QPoint | None = None) -> None:
    """A mouse click delivered through the window system to ``widget``'s window, at its
    centre or at ``at`` (a radio button only takes clicks on its circle and label)."""
    top = widget.window()
    handle = top.windowHandle()
    assert handle is not None, f"{describe(top)} has no native window"
    position = widget.mapTo(top, at if at is not None else widget.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     position)


def real_key(widget: QWidget, key: Qt.Key,
             modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press delivered through the window system to ``widget``'s window."""
    handle = widget.window().windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifier)


def real_typing(widget: QWidget, text: str) -> None:
    """Characters typed into the focused widget of ``widget``'s window."""
    handle = widget.window().windowHandle()
    for character in text:
        if character.isascii():
            QTest.keyClick(handle, character)  # type: ignore[arg-type]
        else:
            _spanish_key(widget.window(), character)


def _spanish_key(top: QWidget, character: str) -> None:
    """«é», «ñ»…: QTest types only ASCII through a window, so the key events a Spanish
    keyboard sends go to the window's focused widget, unless another modal window blocks
    this one (then they are lost, as they would be for a person)."""
    from PySide6.QtGui import QKeyEvent
    blocker = QApplication.activeModalWidget()
    if blocker is not None and blocker is not top:
        return
    target = top.focusWidget() or top
    code = ord(character.upper())
    key = Qt.Key(code) if code < 0x100 else Qt.Key.Key_unknown  # Latin-1 keys = code points
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                 character))


def _button(window: QWidget, label: str) -> QAbstractButton:
    buttons = [b for b in window.findChildren(QAbstractButton)
               if b.isVisible() and _plain(b.text()) == label]
    if not buttons:
        shown = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisible()]
        raise AssertionError(f"no «{label}» button in {describe(window)}; it has {shown}")
    return buttons[0]


@dataclass
class Answer:
    """How to answer one modal window; ``expect`` is text the window must show."""

    expect: str = ""
    kind: type = QDialog
    seen: str = field(default="", init=False)

    def matches(self, window: QWidget) -> bool:
        return isinstance(window, self.kind) and self.expect in self.text_of(window)

    @staticmethod
    def text_of(window: QWidget) -> str:
        parts = [window.windowTitle()]
        if isinstance(window, QMessageBox):
            parts += [window.text(), window.informativeText()]
        elif isinstance(window, QProgressDialog):
            parts.append(window.labelText())
        return "\n".join(parts)

    def act(self, window: QWidget) -> None:
        raise NotImplementedError


@dataclass
class Click(Answer):
    """Click the button labelled ``label`` (Aceptar, Cancelar, Sí, coincide…)."""

    label: str = "Aceptar"

    def __init__(self, label: str = "Aceptar", expect: str = "", kind: type = QDialog):
        super().__init__(expect, kind)
        self.label = label

    def act(self, window: QWidget) -> None:
        real_click(_button(window, self.label))


@dataclass
class Press(Answer):
    """Press a key (Enter, Esc…) in the window."""

    key: Qt.Key = Qt.Key.Key_Return

    def __init__(self, key: Qt.Key, expect: str = "", kind: type = QDialog):
        super().__init__(expect, kind)
        self.key = key

    def act(self, window: QWidget) -> None:
        real_key(window, self.key)


class Choose(Answer):
    """In a Qt file dialog, type a path in «File name» and press Enter."""

    def __init__(self, path, expect: str = ""):
        super().__init__(expect, QFileDialog)
        self.path = str(path)

    def act(self, window: QWidget) -> None:
        edit = window.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None, "not Qt's own file dialog (a native one cannot be driven)"
        real_click(edit)
        edit.selectAll()
        real_typing(edit, self.path)
        real_key(edit, Qt.Key.Key_Return)


SaveAs = Choose


class SignIn(Answer):
    """The login screen: type the user and the password, press Enter."""

    def __init__(self, user: str, password: str):
        super().__init__("Iniciar sesión", QDialog)
        self.user, self.password = user, password

    def act(self, window: QWidget) -> None:
        for field, text in ((window.user, self.user), (window.password, self.password)):
            real_click(field)
            field.selectAll()
            real_typing(field, text)
        real_key(window.password, Qt.Key.Key_Return)


class Person(QObject):
    """Answers the modal windows of a journey in order, as they appear."""

    def __init__(self, qtbot, pause_s: float = READING_PAUSE_S):
        super().__init__()
        self.qtbot = qtbot
        self.pause_s = pause_s
        self.pending: list[Answer] = []
        self.answered: list[str] = []  # what each answered window said
        self.problem = ""
        self._seen_at: float | None = None
        self._last: QWidget | None = None
        self._answered_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def will(self, *answers: Answer) -> "Person":
        """Expect these windows, in this order, from the next action."""
        self.pending.extend(answers)
        return self

    def stop(self) -> None:
        self._timer.stop()

    def _current(self) -> QWidget | None:
        window = QApplication.activeModalWidget()
        if window is None or not window.isVisible():
            return None
        if self._last is not None and isValid(self._last) and window is self._last:
            if time.monotonic() - self._answered_at < CLOSING_GRACE_S:
                return None  # still closing after our answer
            self._give_up(f"{describe(window)} no tomó la respuesta y sigue en pantalla")
            return None
        return window

    def _look(self) -> None:
        window = self._current()
        if window is None:
            self._seen_at = None
            return
        if self._seen_at is None:
            self._seen_at = time.monotonic()
        waited = time.monotonic() - self._seen_at
        if waited > STUCK_AFTER_S:
            self._give_up(f"la aplicación quedó trabada con {describe(window)} en pantalla")
            return
        if waited < self.pause_s or not self.pending:
            return  # reading it, or nothing to answer (a stuck window is caught above)
        answer = self.pending[0]
        if not answer.matches(window):
            self.problem = self.problem or (f"se esperaba {answer!r} y apareció "
                                            f"{describe(window)}")
            return
        self.pending.pop(0)
        self._seen_at = None
        self._last = window
        self._answered_at = time.monotonic()
        answer.seen = Answer.text_of(window)
        self.answered.append(answer.seen)
        answer.act(window)

    def _give_up(self, problem: str) -> None:
        self.problem = self.problem or problem
        self.pending.clear()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
        self._seen_at = None

    def done(self, timeout_ms: int = 20_000) -> list[str]:
        """Wait until every expected window was answered; return what they said."""
        try:
            self.qtbot.waitUntil(lambda: not self.pending or bool(self.problem),
                                 timeout=timeout_ms)
        except Exception:
            raise AssertionError(self._stuck()) from None
        if self.problem:
            raise AssertionError(self.problem)
        return self.answered

    def _stuck(self) -> str:
        return (f"quedaron sin responder {self.pending}; en pantalla: "
                f"{describe(QApplication.activeModalWidget())}")

    def do(self, action: Callable[[], None], *answers: Answer,
           timeout_ms: int = 20_000) -> list[str]:
        """Perform ``action`` (a click…) expecting ``answers``; return what the windows said."""
        start = len(self.answered)
        self.will(*answers)
        action()
        self.done(timeout_ms)
        return self.answered[start:]

    def free(self, window: QWidget) -> None:
        """No modal window is left or appears late, and ``window`` takes a real click."""
        self.qtbot.wait(int(self.pause_s * 1000) + SHOW_AFTER_MS)
        assert not self.problem, self.problem
        assert not self.pending, self._stuck()
        assert QApplication.activeModalWidget() is None, (
            f"quedó una ventana modal: {describe(QApplication.activeModalWidget())}")
        leftovers = [describe(w) for w in QApplication.topLevelWidgets()
                     if w.isVisible() and isinstance(w, (QMessageBox, QProgressDialog))]
        assert not leftovers, f"quedaron ventanas abiertas: {leftovers}"
        assert takes_a_click(window), f"{describe(window)} no recibe clics"


class _ClickWitness(QObject):
    def __init__(self):
        super().__init__()
        self.seen = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.MouseButtonPress:
            self.seen = True
        return False


def takes_a_click(window: QWidget) -> bool:
    """True when a real click at a harmless spot of ``window`` reaches it."""
    top = window.window()
    witness = _ClickWitness()
    top.installEventFilter(witness)
    for child in top.findChildren(QWidget):
        child.installEventFilter(witness)
    try:
        QTest.mouseClick(top.windowHandle(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(2, top.height() - 2))
        QApplication.processEvents()
    finally:
        top.removeEventFilter(witness)
        for child in top.findChildren(QWidget):
            child.removeEventFilter(witness)
    return witness.seen


def _plain(text: str) -> str:
    return text.replace("&", "")


def choose_menu(window: QWidget, menu_title: str, item: str) -> None:
    """Open ``menu_title`` in the window's menu bar with a click, then click ``item``."""
    from PySide6.QtWidgets import QMainWindow
    assert isinstance(window, QMainWindow)
    bar = window.menuBar()
    top = next((a for a in bar.actions() if _plain(a.text()) == menu_title), None)
    assert top is not None, f"no menu «{menu_title}»"
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     bar.mapTo(window, bar.actionGeometry(top).center()))
    menu = top.menu()
    deadline = time.monotonic() + 5
    while not menu.isVisible() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert menu.isVisible(), f"the menu «{menu_title}» did not open"
    entry = next((a for a in menu.actions() if _plain(a.text()) == item), None)
    assert entry is not None, (f"no «{item}» in «{menu_title}»: "
                               f"{[_plain(a.text()) for a in menu.actions()]}")
    QTest.mouseClick(menu.windowHandle(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, menu.actionGeometry(entry).center())


def choose_in_combo(combo, text: str) -> None:
    """Open a combo box with a click and click the entry ``text`` in its list."""
    index = combo.findText(text)
    assert index >= 0, f"no «{text}» in {[combo.itemText(i) for i in range(combo.count())]}"
    real_click(combo)
    view = combo.view()
    deadline = time.monotonic() + 5
    while not view.isVisible() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert view.isVisible(), "the list of the combo box did not open"
    view.scrollTo(view.model().index(index, 0))
    rect = view.visualRect(view.model().index(index, 0))
    real_click(view.viewport(), rect.center())
    deadline = time.monotonic() + 5
    while view.isVisible() and time.monotonic() < deadline:
        QApplication.processEvents()


def choose_in_completer(field, text: str) -> None:
    """Click ``text`` in the list a field's completer shows while the person types."""
    popup = field.completer().popup()
    deadline = time.monotonic() + 5
    while not popup.isVisible() and time.monotonic() < deadline:
        QApplication.processEvents()
    assert popup.isVisible(), f"no list of suggestions under {describe(field)}"
    model = popup.model()
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert text in shown, f"no «{text}» among the suggestions {shown}"
    index = model.index(shown.index(text), 0)
    popup.scrollTo(index)
    real_click(popup.viewport(), popup.visualRect(index).center())
    while popup.isVisible() and time.monotonic() < deadline + 5:
        QApplication.processEvents()
    assert not popup.isVisible(), "the list of suggestions stayed open"


def type_over(field: QWidget, text: str) -> None:
    """Click the field, select all it holds (Ctrl+A) and type ``text`` over it."""
    real_click(field)
    real_key(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    real_typing(field, text)
