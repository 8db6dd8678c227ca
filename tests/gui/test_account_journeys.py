"""Accounts in the window: what each role sees and may do, the login screen's growing
wait, the idle lock, and the bitácora with its chain check — real dialogs only."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from seguimiento_desktop.gui.navigation import PAGES
from tests.conftest import add_administrator, raw_connection, signed_in
from tests.gui.person import (Answer, Click, SaveAs, choose_menu, real_click, real_key,
                              real_typing)
from tests.gui.test_journeys import start_app, type_into  # noqa: F401 (the app, as started)


@pytest.fixture
def plantel(demo_template, isolated_app):
    """The demo plantel with its administrator, a capturista and an orientador."""
    shutil.copy(demo_template, isolated_app)
    add_administrator(isolated_app)
    with signed_in(isolated_app) as admin:
        admin.create_user("cap", "Carla Capturista", "capturista", "clave-de-cap")
        admin.create_user("ori", "Omar Orientador", "orientador", "clave-de-ori")
    return isolated_app


def started_as(qtbot, start_app, monkeypatch, user: str, password: str):  # noqa: F811
    """The app started and signed in as ``user`` by typing in the login screen."""
    from seguimiento_desktop.gui import startup
    monkeypatch.setattr(startup.Startup, "_environment_session", lambda self: None)
    import tests.gui.test_journeys as journeys
    monkeypatch.setattr(journeys, "TEST_USER", user)
    monkeypatch.setattr(journeys, "TEST_PASSWORD", password)
    window = start_app()
    qtbot.waitUntil(lambda: window.context is not None and window.navigation.isEnabled(),
                    timeout=10_000)
    return window


def unlock(qtbot, window, password: str) -> None:
    """Type the password in the lock's login screen and press Enter."""
    type_into(window.idle_lock.dialog.password, password)
    real_key(window.idle_lock.dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.idle_lock.locked, timeout=5000)


def visible_pages(window) -> list[str]:
    return [e.key for row, e in enumerate(PAGES) if not window.navigation.isRowHidden(row)]


def visible_menu(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)
    return [a.text().replace("&", "") for a in menu.actions() if a.isVisible() and a.text()]


def test_a_capturista_sees_capture_only_and_the_core_refuses_the_rest(
        qtbot, start_app, plantel, person, monkeypatch, tmp_path):
    window = started_as(qtbot, start_app, monkeypatch, "cap", "clave-de-cap")
    assert visible_pages(window) == ["capture"]
    assert window.stack.currentWidget() is window.pages["capture"]
    assert visible_menu(window, "Archivo") == ["Salir"]
    assert visible_menu(window, "Cuenta") == ["Cambiar mi contraseña…", "Bloquear la sesión"]
    assert window.signed_in_as.text() == "Carla Capturista (capturista)"
    from seguimiento_desktop.gui.capture.verification_tab import VerificationQueueWidget
    tab = window.pages["capture"].findChild(VerificationQueueWidget)
    tab.reload()
    assert not tab.policy_button.isVisibleTo(tab)  # the verification policy is not hers
    said = person.do(lambda: window.run_backup(str(tmp_path / "r.sqlite")),
                     Click("Aceptar", expect="Su cuenta (capturista) no permite",
                           kind=QMessageBox))
    assert "respaldos" in said[0] and not (tmp_path / "r.sqlite").exists()
    person.free(window)


def test_an_orientador_works_the_directory_but_not_backups_users_or_the_log(
        qtbot, start_app, plantel, person, monkeypatch, tmp_path):
    window = started_as(qtbot, start_app, monkeypatch, "ori", "clave-de-ori")
    assert visible_pages(window) == [e.key for e in PAGES if e.key in
                                     ("directory", "capture", "followup", "sync", "reports")]
    assert visible_menu(window, "Archivo") == ["Importar lista de alumnos…",
                                               "Imprimir cuestionarios…",
                                               "Aplicación en sala de cómputo…", "Salir"]
    assert visible_menu(window, "Cuenta") == ["Cambiar mi contraseña…", "Bloquear la sesión"]
    assert window.pages["directory"].model.total == 300
    sync = window.page("sync")
    assert not sync.buttons["enrollment"].isEnabled() and not sync.buttons["config"].isEnabled()
    assert "Solo el administrador" in sync.buttons["config"].toolTip()
    said = person.do(lambda: window.run_backup(str(tmp_path / "r.sqlite")),
                     Click("Aceptar", expect="Su cuenta (orientador) no permite",
                           kind=QMessageBox))
    assert not (tmp_path / "r.sqlite").exists() and said
    person.free(window)


def test_failed_logins_make_the_next_attempt_wait(qtbot, start_app, plantel, person,
                                                 monkeypatch):
    from seguimiento_desktop.gui import startup
    from seguimiento_desktop.gui.accounts.login_dialog import LoginDialog
    from seguimiento_desktop.gui.main_window import MainWindow
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    boot = startup.Startup(window, plantel)
    boot.open_database()
    dialog = next(d for d in window.findChildren(LoginDialog) if d.isVisible())
    for attempt in range(3):
        type_into(dialog.user, "cap" if attempt == 0 else "")
        type_into(dialog.password, "equivocada")
        real_key(dialog.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=5000)
    assert "Podrá intentarlo de nuevo en 2 s" in dialog.message.text()
    assert not dialog.enter.isEnabled()
    qtbot.waitUntil(dialog.enter.isEnabled, timeout=4000)  # the wait is over
    type_into(dialog.password, "clave-de-cap")
    real_key(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.navigation.isEnabled(), timeout=5000)
    assert window.signed_in_as.text() == "Carla Capturista (capturista)"
    with signed_in(plantel) as admin:
        failures = [e.target for e in admin.audit_log() if e.action == "inicio_fallido"]
    assert failures == ["cap"] * 3
    person.free(window)
    boot.close()


def test_the_idle_lock_hides_the_window_and_keeps_what_was_typed(
        qtbot, start_app, plantel, person, monkeypatch):
    window = started_as(qtbot, start_app, monkeypatch, "ori", "clave-de-ori")
    directory = window.pages["directory"]
    type_into(directory.filters.search, "GARC")  # typed, not saved anywhere: must survive
    window.idle_lock.timer.setInterval(300)
    window.idle_lock.timer.start()
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=3000)
    assert not window.centralWidget().isVisible()
    dialog = window.idle_lock.dialog
    assert dialog.user.text() == "ori" and dialog.user.isReadOnly() and not dialog.forgot.isVisible()
    unlock(qtbot, window, "clave-de-ori")
    assert window.centralWidget().isVisible() and directory.filters.search.text() == "GARC"
    window.idle_lock.timer.setInterval(60_000)
    person.free(window)


def test_a_capture_in_progress_goes_on_after_the_lock(qtbot, start_app, plantel, person,
                                                      monkeypatch):
    from capture_helpers import folio_of, student_without
    from tests.gui.test_journeys import open_folio
    with signed_in(plantel) as admin:  # the paper on the desk (a capturista sees no list)
        student = student_without(admin, "C2")
    window = started_as(qtbot, start_app, monkeypatch, "cap", "clave-de-cap")
    capture = window.pages["capture"]
    open_folio(capture, folio_of(student, "C2"), "Carla")
    session, question = capture.session, capture.form.current
    assert session is not None and session.student.id == student.id
    window.idle_lock.timer.setInterval(300)  # the keyer leaves the desk
    window.idle_lock.timer.start()
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=3000)
    assert not capture.isVisible()
    unlock(qtbot, window, "clave-de-cap")
    assert capture.isVisible() and capture.session is session
    assert capture.form.current == question  # the same paper, at the same question
    window.idle_lock.timer.setInterval(60_000)
    person.free(window)


def test_the_administrator_reads_checks_and_exports_the_log(
        qtbot, start_app, plantel, person, tmp_path):
    from datetime import date

    from seguimiento_desktop.gui.accounts.audit_dialog import AuditDialog
    from seguimiento_desktop.privacy.arco import cancel_person
    with signed_in(plantel) as admin:  # an edit, then the person's cancellation
        student = admin.find_students()[0]
        admin.save_student(student.with_changes(phone="3391827364"))
        cancel_person(admin.store, student.id, "admin")
    window = start_app()
    choose_menu(window, "Cuenta", "Bitácora…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(AuditDialog)),
                    timeout=5000)
    dialog = next(d for d in window.findChildren(AuditDialog) if d.isVisible())
    actions = {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())}
    assert {"Administrador creado", "Cuenta creada", "Inicio de sesión"} <= actions
    dialog.action.setCurrentIndex(dialog.action.findText("Inicio de sesión"))
    assert {dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())} == {
        "Inicio de sesión"}  # the filter by its label keeps only that action
    dialog.action.setCurrentIndex(0)
    details = [dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())]
    assert f"(depurado el {date.today()})" in details
    assert not any("3391827364" in text for text in details)
    said = person.do(dialog.verify.click, Click("Aceptar", expect="íntegra", kind=QMessageBox))
    assert "encadenados" in said[0] and "depurado" in said[0]
    out = tmp_path / "bitacora.csv"
    person.do(dialog.export.click, SaveAs(out),
              Click("Aceptar", expect="Bitácora guardada", kind=QMessageBox))
    assert out.read_text(encoding="utf-8-sig").startswith("registro,fecha,usuario")
    with raw_connection(plantel) as raw:  # someone edits the log with a SQLite tool
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET target = 'otro' WHERE seq = 2")
    said = person.do(dialog.verify.click, Click("Aceptar", expect="alterada", kind=QMessageBox))
    assert "se rompe en el registro 2" in said[0]
    dialog.reject()
    person.free(window)


class FillNewAccount(Answer):
    """In «Nueva cuenta», type the account's data as a person would and press «Crear»."""

    def __init__(self, user: str, full_name: str, password: str):
        super().__init__("Nueva cuenta", QDialog)
        self.data = (user, full_name, password)

    def act(self, window) -> None:
        user, full_name, password = self.data
        for field, text in ((window.user, user), (window.full_name, full_name),
                            (window.password, password), (window.repeat, password)):
            type_into(field, text)
        real_click(next(b for b in window.findChildren(QPushButton) if b.text() == "C&rear"))


def test_the_administrator_creates_and_deactivates_an_account(qtbot, start_app, plantel,
                                                              person):
    from seguimiento_desktop.gui.accounts.users_dialog import UsersDialog
    from seguimiento_desktop.services import Workspace
    window = start_app()
    choose_menu(window, "Cuenta", "Usuarios…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(UsersDialog)),
                    timeout=5000)
    dialog = next(d for d in window.findChildren(UsersDialog) if d.isVisible())
    assert dialog.table.rowCount() == 3 and dialog.minutes.value() == 10
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Nueva cuenta…")
    person.do(lambda: real_click(button), FillNewAccount("lupita", "Lupita Ruiz", "clave-de-lupe"),
              Click("Aceptar", expect="Cuenta creada", kind=QMessageBox))
    assert [dialog.table.item(r, 0).text() for r in range(4)] == ["admin", "cap", "lupita", "ori"]
    with Workspace.sign_in(plantel, "lupita", "clave-de-lupe") as lupita:
        assert lupita.account.role == "capturista"  # the role offered first
    dialog.table.selectRow(2)
    off = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Desactivar")
    person.do(lambda: real_click(off), Click("Desactivar", expect="¿Desactivar", kind=QMessageBox),
              Click("Aceptar", expect="desactivada", kind=QMessageBox))
    assert dialog.table.item(2, 3).text() == "desactivada"
    dialog.reject()
    person.free(window)


def test_a_capturista_changes_her_own_password(qtbot, start_app, plantel, person, monkeypatch):
    from seguimiento_desktop.gui.accounts.password_dialog import ChangePasswordDialog
    from seguimiento_desktop.services import Workspace
    window = started_as(qtbot, start_app, monkeypatch, "cap", "clave-de-cap")
    choose_menu(window, "Cuenta", "Cambiar mi contraseña…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ChangePasswordDialog)),
                    timeout=5000)
    dialog = next(d for d in window.findChildren(ChangePasswordDialog) if d.isVisible())
    for field, text in ((dialog.current, "clave-de-cap"), (dialog.password, "nueva-de-carla"),
                        (dialog.repeat, "nueva-de-carla")):
        type_into(field, text)
    change = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cam&biar")
    person.do(lambda: real_click(change),
              Click("Aceptar", expect="Contraseña cambiada", kind=QMessageBox))
    Workspace.sign_in(plantel, "cap", "nueva-de-carla").close()
    person.free(window)


def test_ctrl_l_locks_at_once_while_a_questionnaire_is_being_keyed(
        qtbot, start_app, plantel, person, monkeypatch):
    from capture_helpers import folio_of, known_paper, student_without
    from seguimiento_desktop.gui.capture.keying import paper_keystrokes
    from tests.gui.test_journeys import open_folio
    with signed_in(plantel) as admin:
        student = student_without(admin, "C2")
        keys = paper_keystrokes(admin.definition("C2"), known_paper(admin.definition("C2")))
    window = started_as(qtbot, start_app, monkeypatch, "cap", "clave-de-cap")
    capture = window.pages["capture"]
    open_folio(capture, folio_of(student, "C2"), "Carla")
    editor = capture.form.editor(capture.form.current)
    real_typing(editor, next(k for k in keys if k.isascii() and len(k) == 1))
    assert QApplication.focusWidget() is capture.form.editor(capture.form.current)
    question = capture.form.current
    real_key(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # «Bloquear ahora»
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=3000)
    assert not capture.isVisible()
    unlock(qtbot, window, "clave-de-cap")
    assert capture.form.current == question  # the keyer goes on where she was
    qtbot.waitUntil(lambda: QApplication.focusWidget() is capture.form.editor(question),
                    timeout=3000)
    real_key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Buscar folio stays
    assert QApplication.focusWidget() is capture.finder.search
    person.free(window)


def test_the_recovery_code_is_spent_and_a_new_one_is_shown_once(
        qtbot, demo_template, isolated_app, person):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QGuiApplication

    from seguimiento_desktop.accounts.usecases import SignInFailed
    from seguimiento_desktop.gui import startup
    from seguimiento_desktop.gui.accounts.recovery_dialog import (NewRecoveryCodeDialog,
                                                                  RecoveryDialog)
    from seguimiento_desktop.gui.main_window import MainWindow
    from seguimiento_desktop.services import Workspace
    shutil.copy(demo_template, isolated_app)
    printed = add_administrator(isolated_app)  # the code printed at set-up
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    boot = startup.Startup(window, isolated_app)
    boot.open_database()
    qtbot.waitUntil(lambda: boot.login is not None and boot.login.isVisible(), timeout=5000)
    type_into(boot.login.user, "admin")
    real_click(boot.login.forgot)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(RecoveryDialog)),
                    timeout=5000)
    recovery = next(d for d in window.findChildren(RecoveryDialog) if d.isVisible())
    type_into(recovery.code, printed.lower())
    type_into(recovery.password, "clave-recuperada")
    type_into(recovery.repeat, "clave-recuperada")
    real_click(next(b for b in recovery.findChildren(QPushButton)
                    if b.text() == "Cambiar &contraseña"))
    qtbot.waitUntil(lambda: any(d.isVisible() for d in
                                window.findChildren(NewRecoveryCodeDialog)), timeout=10_000)
    shown = next(d for d in window.findChildren(NewRecoveryCodeDialog) if d.isVisible())
    issued = shown.shown.code
    assert issued != printed and shown.shown.shown.text() == issued
    real_key(shown, Qt.Key.Key_Escape)  # not kept yet: it stays, it is never shown again
    qtbot.wait(200)
    assert shown.isVisible() and not shown.done_button.isEnabled()
    real_click(shown.shown.copy)
    assert QGuiApplication.clipboard().text() == issued
    real_click(shown.shown.kept, QPoint(8, shown.shown.kept.height() // 2))
    real_click(shown.done_button)
    qtbot.waitUntil(lambda: window.navigation.isEnabled(), timeout=5000)
    assert window.context.session.account.name == "admin"
    person.free(window)
    boot.close()
    with pytest.raises(SignInFailed, match="no corresponde"):  # the used code is spent
        Workspace.recover(isolated_app, printed, "admin", "otra-clave-x")
    Workspace.recover(isolated_app, issued, "admin", "otra-clave-x").close()
