"""The main window: plantel header, navigation, status bar, menus, backup, start-up."""

import os
import shutil
import subprocess
import sys

import pytest

from seguimiento_desktop.gui.app import EXIT_WHEN_SHOWN_ENV, READY_LINE, WINDOW_LINE
from seguimiento_desktop.gui.main_window import MainWindow
from seguimiento_desktop.gui.navigation import PAGES
from seguimiento_desktop.gui.signals import emit


@pytest.fixture
def window(qtbot, demo_context):
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_header_navigation_and_status(window):
    assert window.header.text() == "14DCT0099Z — CBTIS 299 «Plantel de demostración»"
    assert "Zapopan" in window.header_detail.text()
    assert window.student_count.text() == "300 alumnos en el directorio"
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        entry.title for entry in PAGES]
    assert window.stack.currentWidget() is window.pages["directory"]


def test_menus_are_in_spanish(window):
    menus = {action.text(): [a.text() for a in action.menu().actions() if a.text()]
             for action in window.menuBar().actions()}
    assert menus == {
        "&Archivo": ["&Datos del plantel…", "&Importar lista de alumnos…",
                     "Imprimir &cuestionarios…", "Aplicación en sala de c&ómputo…",
                     "&Respaldar base de datos…",
                     "Res&taurar un respaldo…", "Respaldos a&utomáticos…",
                     "De&purar datos de contacto…", "&Salir"],
        "&Cuenta": ["&Usuarios…", "&Bitácora…", "Cambiar mi &contraseña…",
                    "B&loquear la sesión"],
        "A&yuda": ["&Acerca de Seguimiento de Egresados"],
    }


def test_status_follows_changes(qtbot, window, demo_context):
    student = demo_context.reader.find_students()[0]
    demo_context.jobs.run(window, "Eliminando…",
                          lambda ws, p, c: ws.delete_student(student.id),
                          lambda _: emit(demo_context.events.students_changed))
    qtbot.waitUntil(lambda: window.student_count.text() == "299 alumnos en el directorio",
                    timeout=5000)


def test_import_menu_opens_the_wizard(qtbot, window):
    window.import_roster()
    wizard = window.pages["directory"].import_wizard
    assert wizard is not None and wizard.windowTitle() == "Importar lista de alumnos"
    wizard.reject()


def test_the_app_starts_without_loading_pandas(demo_template, tmp_path):
    """The real entry point, headless: it shows the window and quits (the smoke test)."""
    database = tmp_path / "copia.sqlite"
    shutil.copy(demo_template, database)
    script = ("import sys\n"
              "from seguimiento_desktop.gui.app import run_app\n"
              f"code = run_app({str(database)!r})\n"
              "print('pandas loaded' if 'pandas' in sys.modules else 'pandas not loaded')\n"
              "sys.exit(code)\n")
    env = {**os.environ, EXIT_WHEN_SHOWN_ENV: "1", "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [WINDOW_LINE, READY_LINE, "pandas not loaded"]
