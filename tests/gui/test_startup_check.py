"""The integrity check deferred at the GUI's start (storage/integrity.py): a damaged
database met by the directory's first read, or by the check after it, gets the same
offer as at opening."""

import shutil

from PySide6.QtWidgets import QApplication, QMessageBox

from seguimiento_desktop.gui.main_window import MainWindow
from seguimiento_desktop.gui.startup import Startup
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import automatic_backups as auto
from tests.gui.person import Click
from tests.unit.test_integrity import damage


def test_damage_met_at_the_start_offers_the_newest_good_backup(
        qtbot, person, demo_template, isolated_app):
    shutil.copy(demo_template, isolated_app)  # from before accounts: straight to the directory
    with Workspace.open(isolated_app) as workspace:
        assert auto.run_automatic_backup(workspace.store).ok
    damage(isolated_app)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, isolated_app, smoke_test=True)  # the start-up bench's way
    said = person.do(startup.open_database,
                     Click("Restaurar este respaldo", expect="está dañado", kind=QMessageBox),
                     Click("Aceptar", expect="Respaldo restaurado", kind=QMessageBox))
    assert "300 alumnos" in said[0]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)  # checked again, closed
    assert startup.exit_code == 0
    assert window.pages["directory"].model.total == 300
    assert len(list((isolated_app.parent / "respaldos").glob("*dañada*.sqlite"))) == 1
    startup.close()
    assert QApplication.activeModalWidget() is None
