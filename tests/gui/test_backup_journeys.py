"""Automatic backups and a damaged database, as a person meets them in the real window."""

import shutil
from datetime import date

from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import automatic_backups as auto
from seguimiento_desktop.storage import encryption
from tests.conftest import TEST_PASSWORD, TEST_USER, add_administrator, raw_connection, signed_in
from tests.gui.person import Choose, Click, SignIn, choose_menu
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)
from tests.unit.test_integrity import damage


def today_copy(db) -> object:
    return auto.automatic_folder(db) / auto.daily_name(db, date.today())


def students_in(path) -> int:
    conn = raw_connection(path, read_only=True)
    try:
        return conn.execute("SELECT count(*) FROM students WHERE deleted = 0").fetchone()[0]
    finally:
        conn.close()


def test_the_first_opening_of_the_day_and_closing_leave_verified_copies(
        qtbot, demo_app, person, isolated_app, monkeypatch):
    copy = today_copy(isolated_app)
    qtbot.waitUntil(copy.exists, timeout=10_000)  # written by the writer, no dialog shown
    assert students_in(copy) == 300
    assert QMessageBox not in {type(w) for w in demo_app.findChildren(QMessageBox)
                               if w.isVisible()}
    with signed_in(isolated_app) as elsewhere:  # work done during the day
        elsewhere.fill_demo(310, with_followup=False)
    person.free(demo_app)
    qtbot.waitUntil(lambda: not demo_app.context.jobs.busy, timeout=10_000)
    closed_while_turning(qtbot, demo_app, monkeypatch)
    assert students_in(copy) == 310  # the copy made on closing


def closed_while_turning(qtbot, window, monkeypatch) -> None:
    """Close ``window`` with a closing copy as slow as a large plantel's: the event loop
    keeps turning (no frozen window), «Guardando la copia automática…» shows, and the
    window closes once the copy is made."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog
    made = auto.run_automatic_backup

    def slow(store, *args, **kwargs):
        time.sleep(1.2)  # ~ 50,000 students on the development PC, and more
        return made(store, *args, **kwargs)

    monkeypatch.setattr(auto, "run_automatic_backup", slow)
    turns, seen = [], set()
    ticker = QTimer()
    ticker.timeout.connect(lambda: (turns.append(time.monotonic()), seen.update(
        w.labelText() for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible())))
    ticker.start(20)
    window.close()
    assert window.isVisible()  # not yet: the copy is being made, the window still paints
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    ticker.stop()
    assert len(turns) > 25 and max(b - a for a, b in zip(turns, turns[1:])) < 0.5
    assert "Guardando la copia automática…" in seen
    assert QApplication.activeModalWidget() is None


def test_a_second_folder_chosen_in_the_menu_gets_todays_copy(qtbot, demo_app, person, tmp_path,
                                                           isolated_app):
    usb = tmp_path / "memoria"
    usb.mkdir()
    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldos automáticos…"),
                     Click("Elegir otra carpeta…", expect="respaldos/automaticos",
                           kind=QMessageBox),
                     Choose(usb),
                     Click("Aceptar", expect="Listo", kind=QMessageBox))
    assert str(usb) in said[-1]
    assert students_in(usb / auto.daily_name(isolated_app, date.today())) == 300
    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldos automáticos…"),
                     Click("Cerrar", expect=str(usb), kind=QMessageBox))
    person.free(demo_app)


def test_a_failed_copy_on_closing_is_told_at_the_next_start(qtbot, start_app, person,
                                                           demo_template, isolated_app,
                                                           tmp_path):
    shutil.copy(demo_template, isolated_app)
    usb = tmp_path / "memoria"
    usb.mkdir()
    with Workspace.open(isolated_app) as workspace:
        auto.set_extra_folder(workspace.store, usb)
    window = start_app()
    qtbot.waitUntil(lambda: today_copy(isolated_app).exists(), timeout=10_000)
    qtbot.waitUntil(lambda: not window.context.jobs.busy, timeout=10_000)
    person.free(window)
    shutil.rmtree(usb)  # the stick was taken out during the day
    window.close()  # not held open by the missing stick
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    started = []
    said = person.do(lambda: started.append(start_at_login(qtbot, isolated_app)),
                     SignIn(TEST_USER, TEST_PASSWORD),
                     Click("Aceptar", expect="la última vez falló", kind=QMessageBox))
    assert "Conecte la memoria USB" in said[-1]
    again, startup = started[0]
    person.free(again)
    startup.close()


def start_at_login(qtbot, isolated_app):
    """The app started on ``isolated_app`` up to its login screen; the sign-in and what
    comes after are the person's to answer (start_app's own sign-in waits for the window,
    which a message at start would hold)."""
    from seguimiento_desktop.gui.main_window import MainWindow
    from seguimiento_desktop.gui.startup import Startup
    from tests.gui.test_journeys import SCREEN
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    startup = Startup(window, isolated_app)
    startup.open_database()
    return window, startup


def test_a_damaged_database_offers_its_newest_good_backup(qtbot, start_app, person,
                                                          demo_template, isolated_app):
    shutil.copy(demo_template, isolated_app)
    add_administrator(isolated_app)  # before the copy: the database of this version
    with Workspace.open(isolated_app) as workspace:
        assert auto.run_automatic_backup(workspace.store).ok
    damage(isolated_app)
    started = []
    said = person.do(lambda: started.append(start_at_login(qtbot, isolated_app)),
                     SignIn(TEST_USER, TEST_PASSWORD),  # the key comes first, then the file
                     Click("Restaurar este respaldo", expect="está dañado", kind=QMessageBox),
                     Click("Aceptar", expect="Respaldo restaurado", kind=QMessageBox))
    assert "300 alumnos" in said[1]
    window, startup = started[0]
    qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
    assert window.context.reader.count_students() == 300
    assert window.context.reader.find_students(StudentQuery(text=""))
    assert encryption.is_encrypted(isolated_app)  # the clear copy took the plantel's key
    aside = list((isolated_app.parent / "respaldos").glob("*dañada*.sqlite"))
    assert len(aside) == 1
    person.free(window)
    startup.close()
