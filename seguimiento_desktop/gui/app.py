"""Starting the desktop app: QApplication set-up, first-run assistant, main window.

Startup is kept short on old PCs: screens are imported when first opened, pandas is not
loaded until a list is imported, and nothing slow happens before the window shows.
"""

import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from seguimiento_desktop import APP_NAME, __version__

from seguimiento_desktop.gui import feature_hook  # noqa: F401 (first: Qt, its hook spared)
from seguimiento_desktop.gui.startup import (  # noqa: F401 (re-exported for tests, benches)
    EXIT_WHEN_SHOWN_ENV, READY_LINE, WINDOW_LINE)

log = logging.getLogger("seguimiento_desktop.gui")

LOG_LIMIT_BYTES = 1_000_000


def set_up_logging() -> Path | None:
    """Log to a small file in the user's data folder (for support).

    The file is rotated once at start-up when it passed LOG_LIMIT_BYTES, with a plain
    FileHandler: logging.handlers would import socket and pickle on every start.
    """
    from seguimiento_desktop.paths import user_data_dir
    try:
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "registro.log"
        if path.exists() and path.stat().st_size > LOG_LIMIT_BYTES:
            path.replace(folder / "registro.anterior.log")
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("seguimiento_desktop").addHandler(handler)
    logging.getLogger("seguimiento_desktop").setLevel(logging.INFO)
    return path


def report_unexpected(kind: type[BaseException], error: BaseException,
                       traceback: TracebackType | None) -> None:
    """sys.excepthook in the app: log the bug with its traceback, tell the user plainly."""
    log.error("Unexpected error", exc_info=(kind, error, traceback))
    from seguimiento_desktop.gui.widgets import messages
    messages.show_error(None, messages.GENERIC_ERROR)


def create_application(argv: list[str] | None = None, icon: bool = True):
    """The QApplication with name, Spanish (Mexico) locale and translations, and theme;
    the icon too unless ``icon`` is False (the plantel's start sets it once painted)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from seguimiento_desktop.gui.platform_hint import warn_if_platform_will_fail
    from seguimiento_desktop.gui.theme import apply_theme
    if QApplication.instance() is None:
        warn_if_platform_will_fail()  # Qt aborts in English when libxcb-cursor0 is missing
    # Fusion from the start: QApplication.setStyle after the platform's default style
    # builds a second style (4 ms of every start).
    existing = QApplication.instance()
    arguments = list(argv if argv is not None else sys.argv) or [APP_NAME]  # [0]: the program
    app = existing or QApplication([*arguments, "-style", "Fusion"])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Seguimiento de Egresados")
    app.setDesktopFileName("seguimiento-escritorio")
    if icon:
        set_application_icon()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Mexico))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(), "qtbase", "_", folder) or translator.load("qtbase_es", folder):
        app.installTranslator(translator)
    apply_theme(app, set_style=existing is not None)
    return app


def set_application_icon() -> None:
    """The windows' icon, set once the first screen is painted (importlib.resources and the
    PNG cost 5 ms of the start; the executables carry the same drawing as .ico, which the
    taskbar shows meanwhile)."""
    from PySide6.QtWidgets import QApplication

    from seguimiento_desktop.gui.about_dialog import application_icon
    QApplication.instance().setWindowIcon(application_icon())


def run_app(db_path: str) -> int:
    """Run the desktop app on ``db_path`` until the user quits; return the exit code.

    The window is shown first and the database opened on the first turn of the event loop,
    so something appears at once even where importing the storage layer is slow.
    """
    import gc
    # No cycle collection until the first screen is painted (Startup turns it back on):
    # the start allocates some 200,000 objects (imports, Qt's enums) and no garbage worth
    # a collection, and the collector's passes over them were 6-13 ms of its CPU.
    gc.disable()
    set_up_logging()
    sys.excepthook = report_unexpected
    app = create_application(icon=False)  # set by Startup after the first paint
    from PySide6.QtCore import QTimer

    from seguimiento_desktop.gui.main_window import MainWindow
    from seguimiento_desktop.gui.startup import Startup, show_main_window
    window = MainWindow()
    show_main_window(window)
    startup = Startup(window, db_path, smoke_test=os.environ.get(EXIT_WHEN_SHOWN_ENV) == "1")
    QTimer.singleShot(0, startup.open_database)
    code = app.exec()
    startup.close()
    return startup.exit_code or code


def main() -> None:
    """GUI-script entry point (`seguimiento-escritorio`): the default database."""
    from seguimiento_desktop.paths import default_database_path
    sys.exit(run_app(str(default_database_path())))


if __name__ == "__main__":
    main()
