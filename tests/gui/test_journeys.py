"""Whole journeys through the real main window, as a person clicks it, real dialogs only.

Each journey starts the app the way `seguimiento gui` does (window first, then the
database), at the 1366×768 of a school PC, and ends with no modal window left and the
window taking a real click.
"""

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.gui.main_window import MainWindow
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.startup import Startup
from seguimiento_desktop.services import Workspace
from tests.gui.person import Choose, Click, SaveAs, choose_menu

SCREEN = (1366, 768)


@pytest.fixture
def start_app(qtbot, isolated_app: Path):
    """Start the app on the test's database; closed (jobs drained) at teardown."""
    started = []

    def start() -> MainWindow:
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        window.show()
        qtbot.waitExposed(window)
        startup = Startup(window, isolated_app)
        started.append(startup)
        startup.open_database()
        return window

    yield start
    for startup in started:
        startup.close()


@pytest.fixture
def demo_app(start_app, demo_template: Path, isolated_app: Path) -> MainWindow:
    shutil.copy(demo_template, isolated_app)
    return start_app()


def test_backup_from_the_file_menu_never_freezes(qtbot, demo_app, person, tmp_path):
    """Archivo → Respaldar base de datos…: one of the six actions that froze the app."""
    target = tmp_path / "respaldo del lunes.sqlite"
    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldar base de datos…"),
                     SaveAs(target),
                     Click("Aceptar", expect="Respaldo guardado", kind=QMessageBox))
    assert str(target) in said[-1]
    assert target.stat().st_size > 0
    person.free(demo_app)


def test_restore_a_backup_after_seeing_what_it_holds(qtbot, demo_app, person, tmp_path,
                                                     isolated_app):
    backup = tmp_path / "respaldo.sqlite"
    person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldar base de datos…"),
              SaveAs(backup), Click("Aceptar", expect="Respaldo guardado", kind=QMessageBox))
    with Workspace.open(isolated_app) as elsewhere:  # work done after the backup
        elsewhere.fill_demo(340, with_followup=False)
    emit(demo_app.context.events.students_changed)
    assert demo_app.student_count.text() == "340 alumnos en el directorio"

    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Restaurar un respaldo…"),
                     Choose(backup),
                     Click("Restaurar", expect="300 alumnos", kind=QMessageBox),
                     Click("Aceptar", expect="Respaldo restaurado", kind=QMessageBox))
    assert "14DCT0099Z" in said[1]
    assert demo_app.student_count.text() == "300 alumnos en el directorio"
    assert demo_app.pages["directory"].model.total == 300
    kept = list((isolated_app.parent / "respaldos").glob("*antes-de-restaurar*.sqlite"))
    with Workspace.open(kept[0]) as before:
        assert before.count_students() == 340
    person.free(demo_app)


def test_declining_a_restore_changes_nothing(qtbot, demo_app, person, tmp_path):
    backup = tmp_path / "respaldo.sqlite"
    with Workspace.open(demo_app.context.db_path) as workspace:
        workspace.backup(backup)
        workspace.fill_demo(320, with_followup=False)
    person.do(lambda: choose_menu(demo_app, "Archivo", "Restaurar un respaldo…"),
              Choose(backup), Click("Cancelar", expect="¿Restaurar", kind=QMessageBox))
    assert demo_app.context.reader.count_students() == 320
    person.free(demo_app)
