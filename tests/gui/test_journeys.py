"""Whole journeys through the real main window, as a person clicks it, real dialogs only.

Each journey starts the app the way `seguimiento gui` does (window first, then the
database), at the 1366×768 of a school PC, and ends with no modal window left and the
window taking a real click.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWizard

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.gui.main_window import MainWindow
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.startup import Startup
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import encryption
from seguimiento_desktop.storage.automatic_backups import automatic_folder
from tests.conftest import (TEST_PASSWORD, TEST_USER, add_administrator, raw_connection,
                            signed_in)
from tests.e2e.test_cli_encryption import leaks
from tests.gui.person import (Choose, Click, Press, SaveAs, choose_in_combo, choose_in_completer,
                              choose_menu, real_click, real_key, real_typing)

SCREEN = (1366, 768)


def with_administrator(path: Path) -> None:
    """A plantel database of this version has its administrator: give the copied demo one
    (the test user) unless it has accounts, or is new, or damaged."""
    from seguimiento_desktop.errors import DatabaseError
    try:
        with Workspace.open(path, create=False) as workspace:
            if workspace.has_accounts() or workspace.school() is None:
                return
    except DatabaseError:
        return
    add_administrator(path)


def sign_in_as_a_person(qtbot, startup: Startup) -> None:
    """The login screen, answered by typing the test user's password and pressing Enter."""
    dialog = startup.login
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    type_into(dialog.user, TEST_USER)
    type_into(dialog.password, TEST_PASSWORD)
    real_key(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    startup.window.activateWindow()  # the keyboard goes back to the window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is startup.window, timeout=5000)


@pytest.fixture
def start_app(qtbot, isolated_app: Path):
    """Start the app on the test's database, signed in through the login screen when it has
    accounts; closed (jobs drained) at teardown. ``upgraded=True`` leaves a database from
    before accounts as it is (the app then asks for the administrator first)."""
    started = []

    def start(upgraded: bool = False) -> MainWindow:
        if not upgraded:
            with_administrator(isolated_app)
        window = MainWindow()
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        window.show()
        qtbot.waitExposed(window)
        startup = Startup(window, isolated_app)
        started.append(startup)
        startup.open_database()
        if startup.login is not None:
            sign_in_as_a_person(qtbot, startup)
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


def test_a_backup_onto_a_full_stick_says_what_to_do_and_changes_nothing(
        qtbot, demo_app, person, tmp_path):
    from tests.disk_faults import small_disk
    with small_disk(tmp_path / "usb", 8) as stick:  # 8 KiB: a full USB stick
        if not stick.mounted:
            pytest.skip("needs a small file system (mount)")
        said = person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldar base de datos…"),
                         SaveAs(stick.folder / "respaldo.sqlite"),
                         Click("Aceptar", expect="No hay espacio suficiente", kind=QMessageBox))
        left = list(stick.folder.iterdir())
    assert "La base de datos no cambió" in said[-1] and "Traceback" not in said[-1]
    assert left == []
    assert demo_app.context.reader.count_students() == 300
    person.free(demo_app)


def test_restore_a_backup_after_seeing_what_it_holds(qtbot, demo_app, person, tmp_path,
                                                     isolated_app):
    backup = tmp_path / "respaldo.sqlite"
    person.do(lambda: choose_menu(demo_app, "Archivo", "Respaldar base de datos…"),
              SaveAs(backup), Click("Aceptar", expect="Respaldo guardado", kind=QMessageBox))
    with signed_in(isolated_app) as elsewhere:  # work done after the backup
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
    with raw_connection(kept[0]) as before:  # a copy of a database with accounts
        assert before.execute("SELECT count(*) FROM students WHERE deleted = 0"
                              ).fetchone()[0] == 340
    person.free(demo_app)


def test_declining_a_restore_changes_nothing(qtbot, demo_app, person, tmp_path):
    backup = tmp_path / "respaldo.sqlite"
    with signed_in(demo_app.context.db_path) as workspace:
        workspace.backup(backup)
        workspace.fill_demo(320, with_followup=False)
    person.do(lambda: choose_menu(demo_app, "Archivo", "Restaurar un respaldo…"),
              Choose(backup), Click("Cancelar", expect="¿Restaurar", kind=QMessageBox))
    assert demo_app.context.reader.count_students() == 320
    person.free(demo_app)


# --- First run ---------------------------------------------------------------------------

def wizard_of(window: MainWindow):
    from seguimiento_desktop.gui.firstrun.wizard import FirstRunWizard
    wizards = [w for w in window.findChildren(FirstRunWizard) if w.isVisible()]
    assert wizards, "the first-run assistant is not on screen"
    return wizards[0]


def type_into(field, text: str) -> None:
    real_click(field)
    real_typing(field, text)


def create_the_administrator(wizard) -> str:
    """The administrator's page typed in, then the recovery code kept: the code shown."""
    page = wizard.admin_page
    page.user.clear()
    type_into(page.user, "laura")
    type_into(page.full_name, "Laura Mendez")
    type_into(page.password, "clave-de-laura")
    type_into(page.repeat, "clave-de-laura")
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    kept = wizard.code_page.kept
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    real_click(kept, QPoint(8, kept.height() // 2))
    return wizard.code_page.code


def test_first_run_registers_the_plantel(qtbot, start_app, person):
    window = start_app()
    wizard = wizard_of(window)
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    page = wizard.school_page
    type_into(page.cct, "14dct0001a")
    type_into(page.name, "CBTIS 226")
    type_into(page.municipality, "zapo")
    choose_in_completer(page.municipality, "Zapopan")  # from Jalisco's list
    assert page.state.currentText() == "Jalisco"  # from the CCT
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    code = create_the_administrator(wizard)
    real_click(wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.header.text() == "14DCT0001A — CBTIS 226", timeout=10_000)
    assert window.signed_in_as.text() == "Laura Mendez (administrador)"
    Workspace.recover(window.context.db_path, code, "laura", "nueva-clave-x").close()
    directory = window.pages["directory"]
    assert directory.stack.currentWidget() is directory.empty  # offers to import a list
    assert window.student_count.text() == "0 alumnos en el directorio"
    person.free(window)


def test_first_run_with_the_demo_plantel(qtbot, start_app, person):
    window = start_app()
    wizard = wizard_of(window)
    demo = wizard.choice.demo
    real_click(demo, QPoint(10, demo.height() // 2))
    assert wizard.choice.wants_demo
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    create_the_administrator(wizard)
    real_click(wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.student_count.text() == "300 alumnos en el directorio",
                    timeout=30_000)
    assert "Plantel de demostración" in window.header.text()
    assert window.pages["directory"].model.total == 300
    db = window.context.db_path
    copies = automatic_folder(db)
    qtbot.waitUntil(lambda: any(copies.glob("*.sqlite")), timeout=10_000)  # the day's copy
    window.context.jobs.wait_until_idle()
    assert encryption.is_encrypted(db)  # encrypted once the administrator had a key
    secrets = [value for s in window.context.reader.find_students()
               for value in (s.curp, f"{s.given_names} {s.first_surname}", s.phone)
               if value and len(value) >= 5]
    assert len(secrets) > 300 and leaks(db.parent, secrets) == []
    person.free(window)


def test_cancelling_the_first_run_closes_the_app_cleanly(qtbot, start_app, person):
    window = start_app()
    real_click(wizard_of(window).button(QWizard.WizardButton.CancelButton))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert QApplication.activeModalWidget() is None


# --- Directory -----------------------------------------------------------------------------

def test_directory_search_new_edit_delete(qtbot, demo_app, person):
    from seguimiento_desktop.domain.curp import build_curp
    directory = demo_app.pages["directory"]
    type_into(directory.filters.search, "nunez")
    qtbot.waitUntil(lambda: directory.model.query.text == "nunez", timeout=5000)
    assert 0 < directory.model.rowCount() < 300
    names = [directory.model.student_at(r).full_name for r in range(directory.model.rowCount())]
    assert all("NÚÑEZ" in name for name in names), names
    directory.filters.search.clear()
    qtbot.waitUntil(lambda: directory.model.total == 300, timeout=5000)

    # New student, typed as a person types, with a phone that is one digit short.
    curp = build_curp("MARIA", "GONZALEZ", "PEREZ", date(2007, 3, 14), "M", "JC")
    real_click(directory.new_button)
    dialog = directory.student_dialog
    below = dialog.inputs["home_phone"].mapTo(dialog, QPoint(0, 0)).y()
    for key, text in (("curp", curp), ("given_names", "Maria"), ("first_surname", "Gonzalez"),
                      ("phone", "331234567")):
        type_into(dialog.inputs[key], text)
    type_into(dialog.combos["cohort"].lineEdit(), "2023-2026")
    note = dialog.notes["phone"]
    assert note.kind == "warning" and "no se guardará" in note.text()
    assert "no se guardó" not in note.text()  # nothing has been saved yet
    assert dialog.inputs["home_phone"].mapTo(dialog, QPoint(0, 0)).y() == below  # no jump
    real_click(dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert directory.model.total == 301 and directory.selected_student().curp == curp
    assert demo_app.student_count.text() == "301 alumnos en el directorio"

    # Edit: a click on the row, then Enter, opens it; the phone is completed and saved.
    row = directory.model.row_of(directory.selected_student().id)
    real_click(directory.table.viewport(),
               directory.table.visualRect(directory.model.index(row, 1)).center())
    real_key(directory.table, Qt.Key.Key_Return)
    dialog = directory.student_dialog
    assert dialog.windowTitle() == "Editar alumno"
    type_into(dialog.inputs["phone"], "3312345678")
    real_click(dialog.save_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert demo_app.context.reader.student_by_curp(curp).phone == "3312345678"

    # Delete asks first; the answer is a real click on «Eliminar».
    said = person.do(lambda: real_click(directory.delete_button),
                     Click("Eliminar", expect=curp, kind=QMessageBox))
    assert "MARIA GONZALEZ" in said[0]
    qtbot.waitUntil(lambda: directory.model.total == 300, timeout=10_000)
    assert demo_app.context.reader.student_by_curp(curp) is None
    person.free(demo_app)


# --- Roster import -------------------------------------------------------------------------

def write_roster_with_rejections(folder: Path) -> Path:
    """Three good rows and two a person must fix (no CURP, a wrong check digit)."""
    import csv
    from seguimiento_desktop.domain.curp import build_curp
    people = [("ANA PAOLA", "RUIZ", "SOTO", date(2008, 2, 3), "M"),
              ("JOSE LUIS", "NUNEZ", "PENA", date(2007, 11, 21), "H"),
              ("XIMENA", "LUNA", "ROJAS", date(2008, 6, 30), "M")]
    path = folder / "lista 6A.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CURP", "Nombre(s)", "Apellido paterno", "Apellido materno", "Grupo"])
        for given, first, second, born, sex in people:
            writer.writerow([build_curp(given, first, second, born, sex, "JC"), given, first,
                             second, "6A"])
        writer.writerow(["", "PEDRO", "SIN", "CURP", "6A"])
        curp = build_curp("RAUL", "DIAZ", "MORA", date(2008, 1, 9), "H", "JC")
        writer.writerow([curp[:17] + str((int(curp[17]) + 1) % 10), "RAUL", "DIAZ", "MORA", "6A"])
    return path


def test_roster_import_keeps_the_rejected_rows_to_save(qtbot, start_app, school_context,
                                                       person, tmp_path, viewer):
    window = start_app()
    roster = write_roster_with_rejections(tmp_path)
    real_key(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # Archivo → Importar
    wizard = window.pages["directory"].import_wizard
    browse = next(b for b in wizard.file_page.findChildren(QPushButton)
                  if b.text() == "&Examinar…")
    person.do(lambda: real_click(browse), Choose(roster))
    assert wizard.file_page.path.text() == str(roster)
    type_into(wizard.file_page.cohort.lineEdit(), "2023-2026")
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentId() == 1, timeout=10_000)  # the column mapping
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.dry_report is not None, timeout=10_000)
    assert wizard.review_page.rejected.rowCount() == 2
    real_click(wizard.button(QWizard.WizardButton.CommitButton))
    qtbot.waitUntil(lambda: wizard.report is not None and wizard.currentId() == 3, timeout=10_000)

    done = wizard.done_page
    assert done.rejected.rowCount() == 2  # still there after «Importar»
    assert [done.rejected.item(r, 0).text() for r in range(2)] == ["5", "6"]
    saved = tmp_path / "por corregir.xlsx"
    person.do(lambda: real_click(done.save_button), SaveAs(saved))
    qtbot.waitUntil(lambda: saved.exists(), timeout=10_000)
    import openpyxl
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0][0] == "Fila" and [r[0] for r in rows[1:]] == ["5", "6"]
    assert "PEDRO" in rows[1] and "dígito verificador" in rows[2][-1]
    printed = tmp_path / "por corregir.pdf"
    person.do(lambda: real_click(done.save_button), SaveAs(printed))
    qtbot.waitUntil(lambda: printed in viewer.opened, timeout=10_000)  # opened to print

    real_click(wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    assert window.student_count.text() == "3 alumnos en el directorio"
    person.free(window)


# --- Seguimiento ---------------------------------------------------------------------------

def open_page(window: MainWindow, key: str):
    """Click the page's entry in the navigation list, as a person does."""
    from seguimiento_desktop.gui.navigation import PAGES
    row = [entry.key for entry in PAGES].index(key)
    navigation = window.navigation
    real_click(navigation.viewport(), navigation.visualItemRect(navigation.item(row)).center())
    assert window.stack.currentWidget() is window.pages[key]
    return window.pages[key]


def test_followup_call_attempt_and_capture_by_phone(qtbot, demo_app, person):
    capture = open_page(demo_app, "capture")
    real_click(capture.finder.keyer)
    capture.finder.keyer.selectAll()
    real_key(capture.finder.keyer, Qt.Key.Key_Delete)  # nobody has typed a name yet
    followup = open_page(demo_app, "followup")
    due = followup.due
    for line_row in range(due.rowCount()):  # a wave with someone nobody has called yet
        real_click(due.viewport(), due.visualRect(due.model().index(line_row, 1)).center())
        fresh = [i for i, c in enumerate(followup.calls.contacts) if not c.student.contact_status]
        if fresh:
            break
    questionnaire = due.selected_line().window.questionnaire
    row = fresh[0]
    followup.calls.scrollTo(followup.calls.model().index(row, 0))
    real_click(followup.calls.viewport(),
               followup.calls.visualRect(followup.calls.model().index(row, 0)).center())
    graduate = followup.calls.selected_contact().student
    assert followup.status.currentText() == "Sin contactar"

    real_click(followup.attempt_button)
    dialog = followup.attempt_dialog
    choose_in_combo(dialog.result, "Se dejó recado")
    real_click(next(b for b in dialog.buttons.buttons() if b.text() == "Guardar"))
    qtbot.waitUntil(lambda: followup.attempt_dialog is None, timeout=10_000)
    assert followup.calls.selected_contact().student.id == graduate.id
    assert followup.status.currentText() == "Recado dejado"  # the attempt moved it on
    assert "Se dejó recado" in followup.history.text()

    real_click(followup.capture_button)
    assert demo_app.stack.currentWidget() is capture
    assert graduate.full_name in capture.finder.message.text()  # waiting for a name
    assert capture.finder.chosen_questionnaire() == questionnaire
    type_into(capture.finder.keyer, "Laura")
    real_key(capture.finder.keyer, Qt.Key.Key_Return)
    assert capture.case is not None and capture.case.student.id == graduate.id
    assert capture.case.questionnaire == questionnaire
    assert capture.finder.chosen_mode() == "telefono"
    assert capture.session.mode == "telefono"
    person.free(demo_app)


# --- Capture and verification --------------------------------------------------------------

def keyed_on_a_us_keyboard(paper: dict) -> dict:
    """The paper's texts without accents (the simulated keyboard types ASCII only)."""
    import unicodedata

    def plain(value):
        if not isinstance(value, str):
            return value
        return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return {key: plain(value) for key, value in paper.items()}


def key_the_paper(qtbot, person, capture, paper: dict, mismatch_answer: Qt.Key = Qt.Key.Key_1):
    """Every keystroke of the paper through the window; a mismatch is answered by key."""
    from seguimiento_desktop.gui.capture.keying import ENTER, paper_keystrokes
    form = capture.form
    asked = []
    for key in paper_keystrokes(form.definition, paper):
        if key == ENTER:
            real_key(form, Qt.Key.Key_Return)
        else:
            QTest.keyClick(form.window().windowHandle(), key)
        if capture.mismatch_dialog is not None:
            asked += person.do(lambda: None, Press(mismatch_answer, expect=""))
    qtbot.waitUntil(lambda: not capture.saver.busy and not capture.context.jobs.busy,
                    timeout=10_000)
    return asked


def open_folio(capture, folio: str, keyer: str) -> None:
    type_into(capture.finder.keyer, "")
    capture.finder.keyer.selectAll()
    real_typing(capture.finder.keyer, keyer)
    type_into(capture.finder.search, folio)
    real_key(capture.finder.search, Qt.Key.Key_Return)


def test_capture_a_c2_from_its_folio_then_verify_it(qtbot, demo_app, person):
    from capture_helpers import folio_of, known_paper, student_without
    reader = demo_app.context.reader
    capture = open_page(demo_app, "capture")
    student = student_without(reader, "C2")
    paper = keyed_on_a_us_keyboard(known_paper(reader.definition("C2")))
    open_folio(capture, folio_of(student, "C2"), "Rosa Prueba")
    assert capture.session is not None and capture.session.student.id == student.id
    key_the_paper(qtbot, person, capture, paper)
    saved = reader.response_for(student.id, "C2")
    assert saved.status == "completa" and saved.answers == paper

    # Another person takes the keyboard, sets the policy to every paper and verifies it.
    type_into(capture.finder.keyer, "")
    capture.finder.keyer.selectAll()
    real_typing(capture.finder.keyer, "Otra Persona")
    real_click(capture.tabs.tabBar(), capture.tabs.tabBar().tabRect(1).center())
    queue = capture.queue
    real_click(queue.policy_button)
    dialog = queue.policy_dialog
    real_click(dialog.every, QPoint(10, dialog.every.height() // 2))
    dialog.every_value.setValue(1)
    real_click(next(b for b in dialog.buttons.buttons() if b.text() == "Guardar"))
    qtbot.waitUntil(lambda: queue.policy_dialog is None, timeout=10_000)
    folios = [queue.table.item(r, 0).text() for r in range(queue.table.rowCount())]
    row = folios.index(folio_of(student, "C2"))
    queue.table.scrollTo(queue.table.model().index(row, 1))
    real_click(queue.table.viewport(),
               queue.table.visualRect(queue.table.model().index(row, 1)).center())
    real_click(queue.verify_button)
    assert capture.session.verify and capture.session.student.id == student.id

    field = "UTIL_CONOCIMIENTOS"
    on_paper = dict(paper, **{field: 1 + paper[field] % 5})  # the keyer had typed it wrong
    asked = key_the_paper(qtbot, person, capture, on_paper, mismatch_answer=Qt.Key.Key_2)
    assert len(asked) == 1
    verified = reader.response_for(student.id, "C2")
    assert verified.status == "verificada" and verified.answers == on_paper
    person.free(demo_app)


def test_about_names_where_the_data_live(qtbot, demo_app, person):
    said = person.do(lambda: choose_menu(demo_app, "Ayuda", "Acerca de Seguimiento de Egresados"),
                     Click("Aceptar", expect="Carpeta de datos"))
    assert str(demo_app.context.db_path) in said[0]
    person.free(demo_app)


def test_a_damaged_database_is_explained_and_the_app_closes(qtbot, person,
                                                            isolated_app):
    isolated_app.write_bytes(b"esto no es una base de datos" * 100)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, isolated_app)
    said = person.do(startup.open_database,
                     Click("Aceptar", expect="No se pudo abrir la base de datos",
                           kind=QMessageBox))
    assert "Restaure un respaldo" in said[0] and "Traceback" not in said[0]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert startup.exit_code == 1
    assert QApplication.activeModalWidget() is None


def test_an_upgraded_database_says_where_its_backup_is(qtbot, start_app, person,
                                                       isolated_app):
    from sqlite_utils import Database
    from seguimiento_desktop.storage.migrations import migrations
    old = Database(raw_connection(isolated_app, isolation_level=None))
    migrations.apply(old, stop_before="0002_followup")  # as version 1 of the app left it
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO schools(cct, name, is_own) VALUES ('14DCT0099Z', 'CBTIS 299', 1)")
    old.conn.close()
    started = [start_app(upgraded=True)]  # no accounts yet: the administrator first
    wizard = started[0].findChild(QWizard)
    qtbot.waitUntil(wizard.isVisible, timeout=5000)
    assert "cree la cuenta del administrador" in wizard.admin_page.subTitle()
    assert started[0].context is None and not started[0].navigation.isEnabled()
    create_the_administrator(wizard)
    said = person.do(lambda: real_click(wizard.button(QWizard.WizardButton.FinishButton)),
                     Click("Aceptar", expect="se actualizó", kind=QMessageBox))
    assert "respaldos" in said[0]
    backups = list((isolated_app.parent / "respaldos").glob("*antes-de-actualizar*.sqlite"))
    assert len(backups) == 1 and str(backups[0]) in said[0]
    assert started[0].student_count.text() == "0 alumnos en el directorio"
    person.free(started[0])


def test_someone_who_refused_is_not_captured_again_unless_decided(qtbot, demo_app, person,
                                                                   caplog):
    from capture_helpers import folio_of
    reader = demo_app.context.reader
    refused = next(s for s in reader.find_students(StudentQuery(limit=300))
                   if s.contact_status == "rechazo")
    capture = open_page(demo_app, "capture")
    said = person.do(lambda: open_folio(capture, folio_of(refused, "C2"), "Rosa"),
                     Click("Cancelar", expect="no aceptó participar", kind=QMessageBox))
    assert refused.full_name in said[0]
    assert capture.session is None and "No se abrió" in capture.finder.message.text()
    person.do(lambda: real_key(capture.finder.search, Qt.Key.Key_Return),
              Click("Capturar de todos modos", kind=QMessageBox))
    assert capture.session is not None and capture.session.student.id == refused.id
    assert any("pese a que rechazó participar" in r.getMessage() for r in caplog.records)
    person.free(demo_app)


def test_confirmed_inconsistencies_tab_lists_whom_to_call_back(qtbot, demo_app, person,
                                                                isolated_app):
    from capture_helpers import folio_of
    from tests.inconsistency_support import key_contradicting_c3
    reader = demo_app.context.reader
    student = next(s for s in reader.find_students(StudentQuery(limit=300))
                   if reader.response_for(s.id, "C3") is None)
    capture = open_page(demo_app, "capture")
    tab_bar = capture.tabs.tabBar()
    tab = capture.tabs.indexOf(capture.inconsistencies)
    assert capture.tabs.tabText(tab) == "&Inconsistencias"
    with signed_in(isolated_app) as workspace:  # keyed meanwhile (another PC's paper)
        key_contradicting_c3(workspace, student, confirm=True)
    real_click(tab_bar, tab_bar.tabRect(tab).center())
    assert capture.tabs.currentWidget() is capture.inconsistencies
    table = capture.inconsistencies.table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    mine = [row for row in rows if row[1] == student.curp]
    assert len(mine) == 1
    assert mine[0][:4] == [folio_of(student, "C3"), student.curp, student.full_name, "C3"]
    assert "trabaj" in mine[0][5] and mine[0][6] == "ANA PÉREZ"
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert "confirmada" in capture.inconsistencies.summary.text()
    person.free(demo_app)


def test_a_c2_for_a_cohort_not_yet_graduated_asks_first(qtbot, demo_app, person):
    from capture_helpers import folio_of
    from seguimiento_desktop.domain.calendar import premature_questionnaire
    reader = demo_app.context.reader
    student = next(s for s in reader.find_students(StudentQuery(limit=300))
                   if s.contact_status != "rechazo" and reader.response_for(s.id, "C2") is None
                   and premature_questionnaire(s.cohort, "C2", date.today()) is not None)
    window = premature_questionnaire(student.cohort, "C2", date.today())
    capture = open_page(demo_app, "capture")
    said = person.do(lambda: open_folio(capture, folio_of(student, "C2"), "Rosa"),
                     Click("Cancelar", expect="aún no egresa", kind=QMessageBox))
    assert student.full_name in said[0]
    assert f"el C2 se aplica en octubre–noviembre de {window.opens.year}" in said[0]
    assert "¿Capturarlo de todos modos?" in said[0]
    assert capture.session is None and "No se abrió" in capture.finder.message.text()
    person.do(lambda: real_key(capture.finder.search, Qt.Key.Key_Return),
              Click("Capturar de todos modos", kind=QMessageBox))
    assert capture.session is not None and capture.session.student.id == student.id
    assert capture.session.definition.id == "C2" and capture.form is not None
    person.free(demo_app)
