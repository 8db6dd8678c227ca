"""Look at every screen as a school clerk sees it: the app under Xvfb at 1366×768, driven by
real X events (xdotool), with a screenshot after each step.

    python tools/screenshots.py [--carpeta screenshots] [--base DEMO.sqlite]

Needs Debian's `xvfb` and `xdotool` (``apt install xvfb xdotool``), and uses `openbox` when
it is installed, so windows get title bars and the main window is maximised as on a school
PC (without a window manager they have neither). A demo plantel is made
in a temporary folder unless ``--base`` names a database. The app runs in this process on
the virtual screen; each step moves the real X pointer or types on the real X keyboard,
so dialogs, menus and focus behave as they do for a person. The steps run from a timer,
which keeps firing while a modal dialog runs its own event loop, so the script can answer
the dialogs it opens. One PNG per step lands in the folder, numbered in order; a step that
fails is reported and the script ends with exit code 1.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SCREEN = "1366x768x24"
SETTLE_S = 0.8  # after an action: jobs, repaints and delayed dialogs settle before the shot
STEP_TIMEOUT_S = 30
# Who signs in at the login screen: the demo's administrator, or for --base the account of
# SEGUIMIENTO_USUARIO / SEGUIMIENTO_CONTRASENA.
USER = os.environ.get("SEGUIMIENTO_USUARIO", "administrador")
PASSWORD = os.environ.get("SEGUIMIENTO_CONTRASENA", "contrasena-de-capturas")


@dataclass
class Step:
    """One thing a person does, then a screenshot named ``name``."""

    name: str
    action: Callable[[], list[list[str]]]  # the xdotool commands to run (computed late)


def start_virtual_screen() -> tuple[subprocess.Popen, str]:
    for number in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            display = f":{number}"
            server = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten",
                                       "tcp"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL)
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    return server, display
                time.sleep(0.05)
            server.kill()
    raise SystemExit("No se pudo iniciar Xvfb.")


def start_window_manager(display: str) -> subprocess.Popen | None:
    if shutil.which("openbox") is None:
        return None
    manager = subprocess.Popen(["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": display},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # it must own the screen before the first window maps
    return manager


def centre(widget, at=None) -> tuple[int, int]:
    point = widget.mapToGlobal(at if at is not None else widget.rect().center())
    return point.x(), point.y()


def click(widget, at=None) -> list[list[str]]:
    x, y = centre(widget, at)
    return [["xdotool", "mousemove", "--sync", str(x), str(y), "click", "1"]]


def type_text(text: str) -> list[list[str]]:
    return [["xdotool", "type", "--delay", "15", text]]


def key(*names: str) -> list[list[str]]:
    return [["xdotool", "key", *names]]


class Director:
    """Runs the steps one by one from a timer and saves a screenshot after each."""

    def __init__(self, app, steps: list[Step], folder: Path):
        from PySide6.QtCore import QTimer
        self.app, self.steps, self.folder = app, steps, folder
        self.index, self.process, self.pending, self.since = 0, None, [], 0.0
        self.failures: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.tick)

    def run(self) -> None:
        self.timer.start()
        self.app.exec()

    def tick(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                return
            self.process = None
            self.since = time.monotonic()
        if self.pending:
            self.process = subprocess.Popen(self.pending.pop(0))
            return
        if self.index and time.monotonic() - self.since < SETTLE_S:
            return
        if self.index:
            self.shoot(self.steps[self.index - 1].name)
        if self.index == len(self.steps):
            self.timer.stop()
            self.app.quit()
            return
        step = self.steps[self.index]
        self.index += 1
        try:
            self.pending = step.action()
        except Exception as error:  # a widget that is not there: say so, go on
            self.failures.append(f"{step.name}: {error}")
            self.pending = []
        self.since = time.monotonic()

    def shoot(self, name: str) -> None:
        screen = self.app.primaryScreen()
        path = self.folder / f"{self.index:02d}-{name}.png"
        screen.grabWindow(0).save(str(path))
        print(path, flush=True)


def roster_file(folder: Path) -> Path:
    """A class list as a school exports it, with one row that will be rejected."""
    import csv
    from seguimiento_desktop.demo import demo_students
    path = folder / "lista 6A.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CURP", "Nombre(s)", "Apellido paterno", "Apellido materno", "Grupo",
                         "Teléfono celular"])
        for student in demo_students(12, seed=99):
            writer.writerow([student.curp, student.given_names, student.first_surname,
                             student.second_surname, "6A", student.phone])
        writer.writerow(["SINCURP", "PEDRO", "SIN", "CURP", "6A", "33 1234"])
    return path


def journey(window, scratch: Path) -> list[Step]:
    """The steps: every page and its dialogs, a capture, an import, the backup."""
    from PySide6.QtWidgets import QApplication, QWizard
    from seguimiento_desktop.domain.models import StudentQuery, folio
    from seguimiento_desktop.gui.navigation import PAGES

    def page_entry(key_name: str):
        row = [entry.key for entry in PAGES].index(key_name)
        navigation = window.navigation
        return lambda: click(navigation.viewport(),
                             navigation.visualItemRect(navigation.item(row)).center())

    def menu(title: str):
        bar = window.menuBar()
        action = next(a for a in bar.actions() if a.text().replace("&", "") == title)
        return lambda: click(bar, bar.actionGeometry(action).center())

    def menu_item(title: str, item: str):
        def act():
            bar = window.menuBar()
            top = next(a for a in bar.actions() if a.text().replace("&", "") == title)
            entry = next(a for a in top.menu().actions() if a.text().replace("&", "") == item)
            return click(top.menu(), top.menu().actionGeometry(entry).center())
        return act

    def directory():
        return window.pages["directory"]

    def modal():
        return QApplication.activeModalWidget()

    def capture():
        return window.pages["capture"]

    def wizard():
        return directory().import_wizard

    def next_button():
        return click(wizard().button(QWizard.WizardButton.NextButton))

    def a_c2_folio() -> str:
        """A graduate's C2 the screen opens without asking (not refused, cohort graduated)."""
        from datetime import date
        from seguimiento_desktop.domain.calendar import premature_questionnaire
        reader = window.context.reader
        student = next(s for s in reader.find_students(StudentQuery(limit=300))
                       if reader.response_for(s.id, "C2") is None and s.contact_status != "rechazo"
                       and premature_questionnaire(s.cohort, "C2", date.today()) is None)
        return folio("C2", student.seq)

    backup = scratch / "respaldo-del-lunes.sqlite"
    roster = roster_file(scratch)
    return [
        Step("inicio-de-sesion", lambda: []),
        Step("inicio-de-sesion-escrito", lambda: type_text(USER) + key("Tab")
             + type_text(PASSWORD)),
        Step("directorio", lambda: key("Return")),
        Step("busqueda-nunez", lambda: click(directory().filters.search) + type_text("nunez")),
        Step("nuevo-alumno", lambda: click(directory().new_button)),
        Step("nuevo-alumno-con-avisos", lambda: type_text("GOPM070314MJCNRRA7")
             + key("Tab") + type_text("Maria") + click(
                 directory().student_dialog.inputs["phone"]) + type_text("331234")),
        Step("nuevo-alumno-descartar", lambda: key("Escape")),  # typed: it asks first
        Step("nuevo-alumno-cancelado", lambda: click(_button(modal(), "Descartar"))),
        Step("menu-archivo", menu("Archivo")),
        Step("respaldo-elegir-archivo", menu_item("Archivo", "Respaldar base de datos…")),
        Step("respaldo-guardado", lambda: key("ctrl+a") + type_text(str(backup))
             + key("Return")),
        Step("respaldo-aceptado", lambda: click(_button(modal(), "Aceptar"))),
        Step("captura", page_entry("capture")),
        Step("captura-folio", lambda: click(capture().finder.keyer) + key("ctrl+a")
             + type_text("Rosa") + click(capture().finder.search) + type_text(a_c2_folio())
             + key("Return")),
        Step("captura-tecleando", lambda: type_text("124")),
        Step("por-verificar", lambda: click(capture().tabs.tabBar(),
                                            capture().tabs.tabBar().tabRect(1).center())),
        Step("estadisticas", lambda: click(capture().tabs.tabBar(),
                                           capture().tabs.tabBar().tabRect(2).center())),
        Step("inconsistencias", lambda: click(capture().tabs.tabBar(),
                                              capture().tabs.tabBar().tabRect(3).center())),
        Step("seguimiento", page_entry("followup")),
        Step("registrar-intento", lambda: click(window.pages["followup"].attempt_button)),
        Step("registrar-intento-cancelado", lambda: key("Escape")),
        Step("envios-usb", page_entry("sync")),
        Step("reportes", page_entry("reports")),
        Step("importar-lista", lambda: key("ctrl+i")),
        Step("importar-elegir-archivo", lambda: click(_button(wizard(), "Examinar…"))),
        Step("importar-archivo-elegido", lambda: key("ctrl+a") + type_text(str(roster))
             + key("Return") + click(wizard().file_page.cohort) + type_text("2023-2026")),
        Step("importar-columnas", next_button),
        Step("importar-revision", next_button),
        Step("importar-cancelado", lambda: key("Escape")),
        Step("menu-cuenta", menu("Cuenta")),
        Step("bitacora", menu_item("Cuenta", "Bitácora…")),
        Step("bitacora-cerrada", lambda: key("Escape")),
        Step("menu-ayuda", menu("Ayuda")),
        Step("acerca-de", menu_item("Ayuda", "Acerca de Seguimiento de Egresados")),
        Step("acerca-de-cerrado", lambda: key("Escape")),
    ]


def _button(window, label: str):
    from PySide6.QtWidgets import QAbstractButton
    return next(b for b in window.findChildren(QAbstractButton)
                if b.isVisible() and b.text().replace("&", "") == label)


def demo_database(folder: Path) -> Path:
    """A demo plantel whose administrator is USER (the first steps sign in as it)."""
    from seguimiento_desktop.services import Workspace
    path = folder / "demo.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(300)
        workspace.create_administrator(USER, "Dirección del plantel", PASSWORD)
    Workspace.open(path, session=workspace.session).close()  # encrypted, as `demo` leaves it
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--carpeta", default="screenshots", help="Where the PNGs go.")
    parser.add_argument("--base", help="A database to open instead of a new demo plantel.")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"Falta {tool}: instálelo con «apt install xvfb xdotool».", file=sys.stderr)
            return 2
    folder = Path(args.carpeta)
    folder.mkdir(parents=True, exist_ok=True)
    server, display = start_virtual_screen()
    manager = start_window_manager(display)
    scratch = Path(tempfile.mkdtemp(prefix="capturas-"))
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", SEGUIMIENTO_DIALOGOS_QT="1",
                      XDG_DATA_HOME=str(scratch / "datos"), XDG_CONFIG_HOME=str(scratch / "cfg"))
    try:
        return run(Path(args.base) if args.base else demo_database(scratch), folder, scratch)
    finally:
        if manager is not None:
            manager.terminate()
        server.terminate()
        shutil.rmtree(scratch, ignore_errors=True)


def run(database: Path, folder: Path, scratch: Path) -> int:
    from seguimiento_desktop.gui.app import create_application
    from seguimiento_desktop.gui.main_window import MainWindow
    from seguimiento_desktop.gui.startup import Startup, show_main_window
    app = create_application([])
    window = MainWindow()
    show_main_window(window)
    startup = Startup(window, database)
    startup.open_database()
    director = Director(app, journey(window, scratch), folder)
    director.run()
    startup.close()
    for failure in director.failures:
        print(f"Paso fallido: {failure}", file=sys.stderr)
    return 1 if director.failures else 0


if __name__ == "__main__":
    sys.exit(main())
