"""The central office's main window: header, left navigation and the five pages.

Opened by `seguimiento central --db C gui`. When the database does not exist yet (or has no
office keys) the window shows the «Crear la oficina central» form instead of the pages.
Pages are built the first time they are opened, as in the plantel window.
"""

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.errors import UserError
from seguimiento_desktop.gui.central.conflicts_page import ConflictsPage
from seguimiento_desktop.gui.central.context import CentralContext, office_opener
from seguimiento_desktop.gui.central.indicators_page import IndicatorsPage
from seguimiento_desktop.gui.workers import JobRunner
from seguimiento_desktop.gui.central.receive_page import ReceivePage
from seguimiento_desktop.gui.central.report_page import CentralReportPage
from seguimiento_desktop.gui.central.schools_page import SchoolsPage
from seguimiento_desktop.gui.central.settings_page import SettingsPage
from seguimiento_desktop.gui.central.setup_page import SetupPage
from seguimiento_desktop.gui.main_window import NAVIGATION_WIDTH
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.shell import lay_out_shell
from seguimiento_desktop.storage.pg.errors import EmptyDatabase
from seguimiento_desktop.sync.central_store import is_server_address

PAGES = (("schools", "Planteles", SchoolsPage), ("receive", "Recibir paquetes", ReceivePage),
         ("conflicts", "Conflictos", ConflictsPage), ("settings", "Configuración", SettingsPage),
         ("report", "Informe consolidado", CentralReportPage),
         ("indicators", "Indicadores", IndicatorsPage))


def is_central_database(path: Path | str, password: str | None = None) -> bool:
    """Whether ``path`` (or a server) already holds an office's keys (creating nothing)."""
    from seguimiento_desktop.sync.central import is_initialised
    from seguimiento_desktop.sync.central_store import is_server_address, open_central_store
    if not is_server_address(path) and not Path(path).exists():
        return False
    try:
        store = open_central_store(path, create=False, password=password)
    except EmptyDatabase:  # a server's database made for the office, not set up yet
        return False
    try:
        return is_initialised(store)
    finally:
        store.close()


class CentralWindow(QMainWindow):
    """Planteles, Recibir paquetes, Conflictos, Configuración, Informe consolidado,
    Indicadores."""

    def __init__(self, db_path: str | Path, parent: QWidget | None = None,
                 password: str | None = None):
        super().__init__(parent)
        self.db_path = str(db_path) if is_server_address(db_path) else Path(db_path)
        self.password = password  # a server's, typed in «Conectar al servidor»; never saved
        self.context: CentralContext | None = None
        self.setup: SetupPage | None = None
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(f"Oficina central — {APP_NAME}")
        self.header = QLabel("Abriendo la base de datos…", self)
        self.header.setObjectName("schoolHeader")
        self.header_detail = QLabel(self)
        self.header_detail.setObjectName("schoolDetail")
        self.header_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH + 20)  # «Informe consolidado» fits
        for _key, title, _page in PAGES:
            self.navigation.addItem(title)
        self.navigation.setEnabled(False)
        self.stack = QStackedWidget(self)
        lay_out_shell(self, [self.header, self.header_detail], self.navigation, self.stack)
        self.menuBar().addMenu("&Archivo").addAction("&Salir", self.close)
        self.statusBar().showMessage(f"Base de datos: {self.db_path}")
        self.resize(1280, 720)
        self.setMinimumSize(960, 600)
        self.start()

    def start(self) -> None:
        """Open the office's database, or offer to create it."""
        try:
            ready = is_central_database(self.db_path, self.password)
        except UserError as error:
            self.header.setText("No se pudo abrir la base de datos")
            messages.show_error(self, str(error))
            return
        if ready:
            self.attach(CentralContext.open(self.db_path, self, self.password))
            return
        self.header.setText("Oficina central")
        self.navigation.hide()  # nothing to navigate until the office exists
        self.setup = SetupPage(self.db_path, JobRunner(
            self.db_path, self, office_opener(self.db_path, self.password)), self.stack)
        self.setup.created.connect(lambda: self.attach(
            CentralContext.open(self.db_path, self, self.password)))
        self.stack.addWidget(self.setup)
        self.stack.setCurrentWidget(self.setup)

    def attach(self, context: CentralContext) -> None:
        """Fill the window for an office's database and show «Planteles»."""
        self.context = context
        context.events.changed.connect(self.update_header)
        self.update_header()
        self.navigation.setEnabled(True)
        self.navigation.show()
        self.navigation.currentRowChanged.connect(self._open_row)
        self.navigation.setCurrentRow(0)

    def update_header(self) -> None:
        """Name, fingerprint and profile: they change with a key rotation or a new package."""
        identity = self.context.reader.identity()
        self.header.setText(f"Oficina central — {identity.name}")
        self.header_detail.setText(f"Huella: {identity.fingerprint.hex} · perfil de "
                                   f"exportación {identity.profile}")
        self.setWindowTitle(f"{identity.name} — Oficina central — {APP_NAME}")

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.page(PAGES[row][0])

    def page(self, key: str) -> QWidget:
        """Show the page ``key`` (building it the first time)."""
        row = [p[0] for p in PAGES].index(key)
        widget = self.pages.get(key)
        if widget is None:
            widget = PAGES[row][2](self.context, self.stack)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.navigation.setCurrentRow(row)
        if hasattr(widget, "activate"):
            widget.activate()
        return widget

    @property
    def busy(self) -> bool:
        jobs = self.context.jobs if self.context else (self.setup.jobs if self.setup else None)
        return bool(jobs and jobs.busy)

    def shutdown(self) -> None:
        """Wait for the writer and close the reader (once)."""
        if self.setup is not None:
            self.setup.jobs.wait_until_idle()
        if self.context is not None:
            self.context.close()
            self.context = None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if self.busy:
            messages.show_info(self, "Espere a que termine la operación en curso antes de salir.")
            event.ignore()
            return
        event.accept()


def run_central_app(db_path: str) -> int:
    """Run the central window on ``db_path`` until the user quits; return the exit code."""
    from seguimiento_desktop.gui.app import (create_application, report_unexpected,
                                             set_up_logging)
    from seguimiento_desktop.gui.startup import (EXIT_WHEN_SHOWN_ENV, WINDOW_LINE,
                                                 show_main_window)
    set_up_logging()
    sys.excepthook = report_unexpected
    app = create_application()
    password = None
    if is_server_address(db_path):  # «Conectar al servidor» when it wants a password
        from seguimiento_desktop.gui.central.server_dialog import connect_to_server
        reached = connect_to_server(db_path)
        if reached is None:
            return 1
        db_path, password = reached
    window = CentralWindow(db_path, password=password)
    show_main_window(window)
    if os.environ.get(EXIT_WHEN_SHOWN_ENV) == "1":  # frozen-app smoke test, e2e test
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, lambda: (print(WINDOW_LINE, flush=True), window.close()))
    try:
        return app.exec()
    finally:
        window.shutdown()
