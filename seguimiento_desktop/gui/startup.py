"""What happens once the empty main window is on screen: open the database, then either
fill the window or run the first-run assistant over it."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from seguimiento_desktop.gui.context import AppContext
    from seguimiento_desktop.gui.main_window import MainWindow

# Set to 1 to quit as soon as the main window shows the directory (frozen-app smoke test,
# benches); stdout then gets WINDOW_LINE when the window is up, READY_LINE with data.
EXIT_WHEN_SHOWN_ENV = "SEGUIMIENTO_EXIT_WHEN_SHOWN"
WINDOW_LINE = "seguimiento-window"
READY_LINE = "seguimiento-ready"


def show_main_window(window: "MainWindow") -> None:
    """Maximised on small screens (1366×768 minus the taskbar), a comfortable size elsewhere."""
    screen = window.screen().availableGeometry()
    if screen.width() < 1500 or screen.height() < 860:
        window.showMaximized()
    else:
        window.show()


def _say(line: str) -> None:
    if sys.stdout is not None:  # None under pythonw (the windowed frozen app)
        print(line, flush=True)


def _collect_garbage_again() -> None:
    """The cycle collector, paused by run_app for the start, on again."""
    import gc
    gc.enable()


def _check_deferred(workspace, progress, cancel):
    """The writer's first job: the deferred integrity check, then the bitácora lines the
    sign-in left in the key file (nothing is written before the check); the damage found,
    or None."""
    from seguimiento_desktop.storage import integrity
    store = workspace.store
    damage = integrity.check_deferred(store.db.conn, store.path, store.key)
    if damage is None:
        workspace.write_pending_lines()
    return damage


class Startup:
    """Opens the database for ``window``; ``exit_code`` is 1 if it could not be opened.

    With ``smoke_test`` the app prints WINDOW_LINE when the window is up and READY_LINE
    once the directory is shown, then quits (frozen-app smoke test and start-up bench).
    """

    def __init__(self, window: "MainWindow", db_path: str | Path, smoke_test: bool = False):
        self.window = window
        self.db_path = db_path
        self.smoke_test = smoke_test
        self.context: "AppContext | None" = None
        self.exit_code = 0
        self.wizard = None
        self.login = None
        self._painting = False  # the directory is attached: its first paint is coming

    def open_database(self) -> None:
        try:
            self._open_database()
        finally:
            if not self._painting:  # a login, an assistant or a message waits for someone
                _collect_garbage_again()

    def _open_database(self) -> None:
        if self.smoke_test:
            _say(WINDOW_LINE)
        from seguimiento_desktop.storage import integrity
        integrity.defer(Path(self.db_path))  # checked by the writer's first job, see _ready
        from seguimiento_desktop.accounts.usecases import has_key_file
        if has_key_file(self.db_path):
            self._sign_in()  # encrypted: nothing is opened before the key is known
            return
        if not self._open_context():
            return
        reader = self.context.reader
        if reader.has_accounts():
            self._sign_in()
        elif self.smoke_test and reader.school() is not None:
            self._ready()  # a start-up measure on a database from before accounts
        elif not self._whole_now():
            return
        elif self.context.reader.school() is None:  # (the reader of a restored copy, maybe)
            self._first_run(with_administrator=True)
        else:  # upgraded from before accounts: the administrator before anything else
            from seguimiento_desktop.gui.accounts.admin_wizard import AdministratorWizard
            self.wizard = AdministratorWizard(self.context, self.window)
            self.wizard.accepted.connect(self._ready)
            self.wizard.rejected.connect(self.window.close)
            self.wizard.open()

    def _open_context(self, session=None) -> bool:
        """The reader and the writer on the database (as ``session``'s account, with its
        key); a damaged database offers its newest good backup. False: the window closes."""
        from seguimiento_desktop.errors import UserError
        from seguimiento_desktop.gui.context import AppContext
        try:
            self.context = AppContext.open(self.db_path, session=session)
            return True
        except UserError as error:
            return self._cannot_open(error, session)

    def _cannot_open(self, error, session=None) -> bool:
        from seguimiento_desktop.gui.damaged_database import offer_newest_backup
        from seguimiento_desktop.gui.widgets import messages
        restored = offer_newest_backup(self.window, error)  # a damaged database
        if restored:
            return self._open_context(session)
        if restored is None:
            messages.show_error(self.window, str(error))
        self.exit_code = 1
        self.window.close()
        return False

    def _whole_now(self) -> bool:
        """Before an assistant, which writes at once: the deferred check now, and a damaged
        database handled as at opening (its newest good backup offered)."""
        from seguimiento_desktop.storage import integrity
        store = self.context.reader.store
        damage = integrity.check_deferred(store.db.conn, store.path, store.key)
        if damage is None:
            return True
        self.context.close()
        self.context = None
        return self._cannot_open(damage) and self._whole_now()

    def _sign_in(self) -> None:
        """The login screen (in the smoke test, the account of the environment)."""
        session = self._environment_session() if self.smoke_test else None
        if session is not None:
            self._signed_in(session)
            return
        from seguimiento_desktop.gui.accounts.login_dialog import LoginDialog
        self.window.header.setText("Inicie sesión para continuar.")
        self.login = LoginDialog(self.db_path, self.window)
        self.login.accepted.connect(lambda: self._signed_in(self.login.session))
        self.login.rejected.connect(self.window.close)
        self.login.open()

    def _environment_session(self):
        import os
        from seguimiento_desktop.services import Workspace
        name, password = (os.environ.get("SEGUIMIENTO_USUARIO"),
                          os.environ.get("SEGUIMIENTO_CONTRASENA"))
        if not (name and password):
            return None
        with Workspace.sign_in(self.db_path, name, password) as workspace:
            return workspace.session

    def _signed_in(self, session) -> None:
        if self.context is None:
            if not self._open_context(session):
                return
        else:
            self.context.sign_in(session)
        if self.context.reader.school() is None:
            self._first_run(with_administrator=False)
        else:
            self._ready()

    def _first_run(self, with_administrator: bool) -> None:
        from seguimiento_desktop.gui.firstrun.wizard import FirstRunWizard
        self.wizard = FirstRunWizard(self.context, self.window, with_administrator)
        self.wizard.accepted.connect(self._ready)
        self.wizard.rejected.connect(self.window.close)  # cancelled: leave cleanly
        self.wizard.open()

    def _ready(self) -> None:
        assert self.context is not None
        from seguimiento_desktop.storage.integrity import DamagedDatabase
        try:
            self.window.attach(self.context)
        except DamagedDatabase as damage:  # read before the check could find it
            self._damaged_after_start(damage)
            return
        self._painting = True  # (set only now: a failed attach turns the collector on)
        if self.smoke_test:
            QTimer.singleShot(0, self._report_ready)
            return
        QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """What the first screen does not need: the windows' icon, the integrity check."""
        from seguimiento_desktop.gui.app import set_application_icon
        _collect_garbage_again()
        set_application_icon()
        self._check_integrity()

    def _check_integrity(self) -> None:
        """The deferred integrity check (storage/integrity.py) as the writer's first job,
        while the directory paints: the day's first copy and every write wait for it (jobs
        run in order, and a write on an unchecked database checks it first)."""
        self.context.jobs.run(self.window, "Revisando la base de datos…", _check_deferred,
                              self._checked, cancellable=False, quiet=True)

    def _checked(self, damage) -> None:
        if damage is not None:
            self._damaged_after_start(damage)
            return
        if self.smoke_test:
            self.window.close()
            return
        from seguimiento_desktop.gui.automatic_backups import back_up_at_start
        back_up_at_start(self.window, self.context)  # the day's first copy
        if self.context.reader.store.migration_backup is not None:
            QTimer.singleShot(0, self._tell_about_upgrade)

    def _damaged_after_start(self, damage) -> None:
        """The check failed after the directory was shown: the same offer as at opening
        (the newest good backup, the damaged file kept aside), or the message and close."""
        from seguimiento_desktop.gui.damaged_database import offer_newest_backup
        from seguimiento_desktop.gui.widgets import messages
        _collect_garbage_again()
        self.context.reader.close()  # the damaged file must be movable aside (Windows)
        self.window.navigation.blockSignals(True)  # no page reads it meanwhile
        restored = offer_newest_backup(self.window, damage)
        self.window.navigation.blockSignals(False)
        if restored:
            self.context.reopen_reader()
            self.window.reload_pages()
            self._check_integrity()
            return
        if restored is None:
            messages.show_error(self.window, str(damage))
        self.exit_code = 1
        self.window.close_without_copy()

    def _tell_about_upgrade(self) -> None:
        """An upgrade changed the database: say so, and where the copy from before is."""
        from seguimiento_desktop.gui.widgets import messages
        messages.show_info(self.window, (
            "La base de datos se actualizó para esta versión del programa. Antes de "
            "actualizarla se guardó y se verificó una copia, por si la necesita:\n"
            f"{self.context.reader.store.migration_backup}"), "Base de datos actualizada")

    def _report_ready(self) -> None:
        QApplication.processEvents()  # the directory's first paint
        _say(READY_LINE)
        self._after_first_paint()  # not part of starting; then it closes

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
