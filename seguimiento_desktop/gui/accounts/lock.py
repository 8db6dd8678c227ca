"""The idle lock: after some minutes without a key or a click the window's content hides
and the password is asked again. Nothing is closed, so a capture in progress stays as it
was (answers are autosaved anyway) and goes on after the password."""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
            QEvent.Type.Wheel}
IDLE = "La sesión se bloqueó por falta de uso."
BY_HAND = "La sesión está bloqueada."  # Cuenta → Bloquear la sesión, Ctrl+L


class IdleLock(QObject):
    """Watches the application's input; ``lock()`` also locks at once (Cuenta → Bloquear)."""

    def __init__(self, window, context, after_ms: int | None = None):
        super().__init__(window)
        self.window, self.context = window, context
        self.dialog = None
        self._focus: QWidget | None = None
        self._hidden: list[QDialog] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(after_ms if after_ms is not None
                               else context.reader.idle_lock_minutes() * 60_000)
        self.timer.timeout.connect(lambda: self.lock(IDLE))
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if self.dialog is None:
            if event.type() in ACTIVITY:
                self.timer.start()  # any activity starts the count again
            return False
        # Esc on the lock screen is a reflex, not «Salir»: it closed the whole window.
        return (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape
                and watched.isWidgetType() and watched.window() is self.dialog)

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self, why: str = BY_HAND) -> None:
        """Hide the window's content and ask for the signed-in user's password; ``why`` is
        the first sentence the lock screen says."""
        from seguimiento_desktop.gui.accounts.login_dialog import LoginDialog
        if self.dialog is not None or self.context.session is None:
            return
        self.timer.stop()
        self._focus = QApplication.focusWidget()
        self.window.centralWidget().hide()
        self.window.menuBar().setEnabled(False)
        # Windows that stay usable beside the main one (the sala de cómputo's) hide too:
        # nobody may close a session or read its code without the password.
        self._hidden = [dialog for dialog in self.window.findChildren(QDialog)
                        if dialog.isVisible() and not dialog.isModal()]
        for dialog in self._hidden:
            dialog.hide()
        name = self.context.session.account.name
        self.dialog = LoginDialog(self.context.db_path, self.window, name)
        self.dialog.setWindowTitle("Sesión bloqueada")
        self.dialog.user.setReadOnly(True)
        self.dialog.forgot.hide()  # the same person comes back, or nobody
        self.dialog.message.setText(f"{why} Escriba la contraseña de «{name}» para continuar.")
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.rejected.connect(self.window.close)
        self.dialog.open()

    def _unlocked(self) -> None:
        self.dialog = None
        self.window.centralWidget().show()
        self.window.menuBar().setEnabled(True)
        for dialog in self._hidden:
            dialog.show()
        self._hidden = []
        self.window.activateWindow()  # the keyer types on at once, without a click
        if self._focus is not None:
            self._focus.setFocus()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
