"""The main window: plantel header, left navigation, pages, menus and status bar.

The window is built and shown before the database is opened (a quick first paint on slow
PCs); ``attach(context)`` then fills it. Pages are built the first time they are opened.
"""

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QLabel, QListWidget, QMainWindow, QStackedWidget,
                               QWidget)

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.accounts.roles import (ADMINISTRATION, CAPTURE, DIRECTORY, REPORTS,
                                                SYNC)
from seguimiento_desktop.gui.navigation import PAGES, PageEntry
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.shell import lay_out_shell

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # QEvent's 180 event types: 1.2 ms of the start

    from seguimiento_desktop.gui.context import AppContext

NAVIGATION_WIDTH = 170
# What each page needs (accounts/roles.py); a page not listed is the administrator's.
PAGE_PERMISSIONS = {"directory": DIRECTORY, "capture": CAPTURE, "followup": DIRECTORY,
                    "sync": SYNC, "reports": REPORTS}


class MainWindow(QMainWindow):
    """Navigation, header and menus; usable once ``attach`` has given it a database."""

    def __init__(self, context: "AppContext | None" = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context: "AppContext | None" = None
        self.pages: dict[str, QWidget] = {}
        self._permissions: dict[QAction, str] = {}  # menu entries a role may lack
        self.idle_lock = None
        self._closing = ""  # then "copying" (the automatic copy on closing), "copied"
        self.setWindowTitle(APP_NAME)
        self.header = QLabel(self)
        self.header.setObjectName("schoolHeader")
        self.header_detail = QLabel(self)
        self.header_detail.setObjectName("schoolDetail")
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.stack = QStackedWidget(self)
        self.student_count = QLabel(self)
        self.signed_in_as = QLabel(self)
        self.statusBar().addPermanentWidget(self.signed_in_as)
        self.statusBar().addPermanentWidget(self.student_count)
        lay_out_shell(self, [self.header, self.header_detail], self.navigation, self.stack)
        self._make_menus()
        for entry in PAGES:
            self.navigation.addItem(entry.title)
        self.header.setText("Abriendo la base de datos…")
        self.header_detail.hide()
        self.menuBar().setEnabled(False)
        self.navigation.setEnabled(False)
        self.resize(1280, 720)
        self.setMinimumSize(960, 600)
        if context is not None:
            self.attach(context)

    def attach(self, context: "AppContext") -> None:
        """Fill the window for the opened database and show the first page."""
        self.context = context
        context.events.students_changed.connect(self.update_status)
        context.events.school_changed.connect(self.update_header)
        self.update_header()
        self.update_status()
        self.menuBar().setEnabled(True)
        self.navigation.setEnabled(True)
        self.apply_role()
        self.navigation.currentRowChanged.connect(self._open_row)
        # Opened here, not by the signal: an error reading the first page (a damage found
        # before the integrity check, gui/startup.py) reaches the caller.
        self.navigation.blockSignals(True)
        try:
            self._open_row(self._first_allowed_row())
        finally:
            self.navigation.blockSignals(False)
        if context.session is not None:
            from seguimiento_desktop.gui.accounts.lock import IdleLock
            self.idle_lock = IdleLock(self, context)

    def apply_role(self) -> None:
        """Show only what the signed-in account may use: pages and menu entries (the core
        refuses the rest anyway, accounts/roles.py)."""
        reader = self.context.reader
        for action, permission in self._permissions.items():
            action.setVisible(reader.may(permission))
        for row, entry in enumerate(PAGES):
            allowed = reader.may(PAGE_PERMISSIONS.get(entry.key, ADMINISTRATION))
            self.navigation.setRowHidden(row, not allowed)
        account = reader.account
        self.signed_in_as.setText(f"{account.full_name} ({account.role})" if account else "")
        self.lock_action.setVisible(account is not None)
        self.password_action.setVisible(account is not None)

    def _first_allowed_row(self) -> int:
        return next((row for row in range(len(PAGES)) if not self.navigation.isRowHidden(row)),
                    0)

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Archivo")
        self._action(file_menu, "&Datos del plantel…", self.edit_school,
                     permission=ADMINISTRATION)
        self._action(file_menu, "&Importar lista de alumnos…", self.import_roster, "Ctrl+I",
                     DIRECTORY)
        self._action(file_menu, "Imprimir &cuestionarios…", self.print_questionnaires,
                     permission=DIRECTORY)
        self._action(file_menu, "Aplicación en sala de c&ómputo…", self.open_sala,
                     permission=DIRECTORY)
        self._action(file_menu, "&Respaldar base de datos…", self.back_up,
                     permission=ADMINISTRATION)
        self._action(file_menu, "Res&taurar un respaldo…", self.restore,
                     permission=ADMINISTRATION)
        self._action(file_menu, "Respaldos a&utomáticos…", self.automatic_backups,
                     permission=ADMINISTRATION)
        self._action(file_menu, "De&purar datos de contacto…", self.purge_contact_data,
                     permission=ADMINISTRATION)
        file_menu.addSeparator()
        self._action(file_menu, "&Salir", self.close, QKeySequence.StandardKey.Quit)
        account_menu = self.menuBar().addMenu("&Cuenta")
        self._action(account_menu, "&Usuarios…", self.manage_users, permission=ADMINISTRATION)
        self._action(account_menu, "&Bitácora…", self.show_audit_log, permission=ADMINISTRATION)
        self.password_action = self._action(account_menu, "Cambiar mi &contraseña…",
                                            self.change_password)
        self.lock_action = self._action(account_menu, "B&loquear la sesión", self.lock,
                                        "Ctrl+L")
        # Wherever the focus is (a capture field, a table), not only in the menu's window.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        help_menu = self.menuBar().addMenu("A&yuda")
        self._action(help_menu, "&Acerca de Seguimiento de Egresados", self.show_about)

    def _action(self, menu, text: str, slot, shortcut=None, permission: str = "") -> QAction:
        action = QAction(self)  # QAction(text, …) would build QIcon's enums: 1 ms of the start
        action.setText(text)
        if permission:
            self._permissions[action] = permission
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- Pages ---------------------------------------------------------------------

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.open_page(PAGES[row])

    def open_page(self, entry: PageEntry) -> QWidget:
        page = self.pages.get(entry.key)
        if page is None:
            page = entry.load()(self.context, self.stack)
            self.pages[entry.key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.navigation.setCurrentRow([e.key for e in PAGES].index(entry.key))
        if hasattr(page, "activate"):
            page.activate()
        return page

    def page(self, key: str) -> QWidget:
        return self.open_page(next(e for e in PAGES if e.key == key))

    # --- Header and status ---------------------------------------------------------

    def update_header(self) -> None:
        school = self.context.reader.school()
        if school is None:
            self.header.setText("Plantel sin registrar")
            self.header_detail.hide()
            return
        self.header.setText(f"{school.cct} — {school.name}")
        detail = " · ".join(p for p in (school.municipality, school.state, school.shift,
                                        school.subsystem) if p)
        self.header_detail.setText(detail)
        self.header_detail.setVisible(bool(detail))
        self.setWindowTitle(f"{school.cct} — {APP_NAME}")

    def update_status(self) -> None:
        total = self.context.reader.count_students()
        self.student_count.setText("1 alumno en el directorio" if total == 1
                                   else f"{total:,} alumnos en el directorio")

    # --- Menu actions --------------------------------------------------------------

    def import_roster(self) -> None:
        self.page("directory").open_import()

    def print_questionnaires(self) -> None:
        self.page("reports").show_kind("cuestionarios")

    def back_up(self) -> None:
        suggested = self.context.db_path.with_name(f"respaldo-{date.today().isoformat()}.sqlite")
        from seguimiento_desktop.gui.widgets import files  # QFileDialog: not at start
        path = files.ask_save_path(self, "Respaldar base de datos", str(suggested),
                                   "Base de datos de Seguimiento (*.sqlite)")
        if path:
            self.run_backup(path)

    def run_backup(self, path: str):
        return self.context.jobs.run(
            self, "Respaldando la base de datos…",
            lambda ws, progress, cancel: ws.backup(path, progress, cancel),
            lambda written: messages.show_info(self, f"Respaldo guardado en:\n{written}"))

    def restore(self) -> None:
        """Archivo → Restaurar: choose a backup, see what it holds, confirm, restore."""
        from seguimiento_desktop.storage.database import BACKUP_FOLDER
        start = self.context.db_path.parent / BACKUP_FOLDER
        from seguimiento_desktop.gui.widgets import files
        path = files.ask_open_path(self, "Restaurar un respaldo",
                                   "Base de datos de Seguimiento (*.sqlite)",
                                   str(start if start.is_dir() else self.context.db_path.parent))
        if path:
            self.context.jobs.run(self, "Revisando el respaldo…",
                                  lambda ws, progress, cancel: ws.describe_backup(path),
                                  lambda summary: self._confirm_restore(path, summary),
                                  cancellable=False)

    def _confirm_restore(self, path: str, summary) -> None:
        question = (f"{summary.description()}\n\nLos datos actuales se reemplazarán con los del "
                    "respaldo. Antes se guardará una copia de la base actual en la carpeta "
                    "«respaldos», para poder deshacerlo.\n\n¿Restaurar este respaldo?")
        if messages.confirm(self, question, "Restaurar"):
            self.context.jobs.run(self, "Restaurando el respaldo…",
                                  lambda ws, progress, cancel: ws.restore_backup(path, progress,
                                                                                 cancel),
                                  self._restored)

    def _restored(self, aside) -> None:
        self.context.reopen_reader()
        self.reload_pages()
        messages.show_info(self, "Respaldo restaurado.\n\nLa base de datos anterior quedó "
                           f"guardada en:\n{aside}")

    def reload_pages(self) -> None:
        """Rebuild every page from the database (after it was replaced by a restore)."""
        current = self.navigation.currentRow()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.update_header()
        self.update_status()
        self._open_row(max(current, 0))

    def automatic_backups(self) -> None:
        from seguimiento_desktop.gui.automatic_backups import open_settings
        open_settings(self, self.context)

    def purge_contact_data(self) -> None:
        from seguimiento_desktop.gui.retention import offer_purge
        offer_purge(self, self.context)

    def open_sala(self) -> None:
        from seguimiento_desktop.gui.sala.dialog import show_sala
        show_sala(self.context, self)

    def edit_school(self) -> None:
        from seguimiento_desktop.gui.school_dialog import SchoolDialog
        SchoolDialog(self.context, self).open()

    def manage_users(self) -> None:
        from seguimiento_desktop.gui.accounts.users_dialog import UsersDialog
        UsersDialog(self.context, self).open()

    def show_audit_log(self) -> None:
        from seguimiento_desktop.gui.accounts.audit_dialog import AuditDialog
        AuditDialog(self.context, self).open()

    def change_password(self) -> None:
        from seguimiento_desktop.gui.accounts.password_dialog import ChangePasswordDialog
        ChangePasswordDialog(self.context, self).open()

    def lock(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.lock()

    def show_about(self) -> None:
        from seguimiento_desktop.gui.about_dialog import show_about
        show_about(self, self.context)

    def closeEvent(self, event: "QCloseEvent") -> None:  # noqa: N802 (Qt name)
        if self.context is None or self._closing == "copied":
            event.accept()
            return
        event.ignore()
        if self._closing:  # the closing copy is being made: the window closes after it
            return
        if self.context.jobs.busy:
            messages.show_info(self, "Espere a que termine la operación en curso antes de salir.")
            return
        from seguimiento_desktop.gui.automatic_backups import back_up_on_close
        self._closing = "copying"
        if self.idle_lock is not None:
            self.idle_lock.stop()  # no lock screen over a window that is closing
        self.menuBar().setEnabled(False)
        back_up_on_close(self, self.context, self.close_without_copy)

    def close_without_copy(self) -> None:
        """Close for real, making no closing copy: the closing copy has ended (a failure
        is told at the next start), or the database is damaged and is not copied."""
        self._closing = "copied"
        self.close()
