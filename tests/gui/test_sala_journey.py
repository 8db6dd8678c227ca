"""Archivo → «Aplicación en sala de cómputo…» as an orientador uses it: open a session,
watch a student start, close it while they answer (asked first), nothing lost."""

import socket

from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.sala.simulated import SimulatedStudent
from tests.conftest import signed_in
from tests.gui.person import Click, choose_menu, real_click, type_over
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (fixtures)
from tests.sala.conftest import GRADUATING, answers_for


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("", 0))
        return probe.getsockname()[1]


def test_open_watch_and_close_a_sala_while_a_student_answers(qtbot, demo_app, person,  # noqa: F811
                                                             isolated_app):
    from seguimiento_desktop.gui.sala.dialog import SalaDialog
    choose_menu(demo_app, "Archivo", "Aplicación en sala de cómputo…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in demo_app.findChildren(SalaDialog)),
                    timeout=5000)
    dialog = next(d for d in demo_app.findChildren(SalaDialog) if d.isVisible())
    assert dialog.cohort.currentText() == GRADUATING  # the newest generación first
    type_over(dialog.port, str(free_port()))
    real_click(dialog.open_button)
    qtbot.waitUntil(lambda: dialog.server is not None, timeout=15_000)
    assert dialog.address.text().startswith("http://") and not dialog.qr.pixmap().isNull()
    assert "Terminaron: 0 de 100" in dialog.counts.text()
    with signed_in(isolated_app) as workspace:
        student = next(s for s in workspace.find_students() if s.cohort == GRADUATING)
    browser = SimulatedStudent(dialog.address.text())
    browser.sign_in(student.curp, dialog.code.text())
    browser.send_page(answers_for(isolated_app, student, seed=3,
                                  profile={"CONSENTIMIENTO": {1: 1}}))
    qtbot.waitUntil(lambda: "Empezaron: 1" in dialog.counts.text(), timeout=5000)
    said = person.do(lambda: real_click(dialog.close_button),
                     Click("Cerrar la sesión", expect="1 alumno está contestando",
                           kind=QMessageBox),
                     Click("Aceptar", expect="Sesión cerrada", kind=QMessageBox))
    assert "0 alumnos terminaron y 1 quedó a medias" in said[-1]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    with signed_in(isolated_app) as workspace:
        assert workspace.response_for(student.id, "C1").mode == "sala"
    person.free(demo_app)


def test_closing_the_main_window_closes_the_sala_first(qtbot, demo_app, person):  # noqa: F811
    from seguimiento_desktop.gui.sala.dialog import show_sala
    dialog = show_sala(demo_app.context, demo_app)
    type_over(dialog.port, str(free_port()))
    real_click(dialog.open_button)
    qtbot.waitUntil(lambda: dialog.server is not None, timeout=15_000)
    server = dialog.server
    person.do(demo_app.close, Click("Aceptar", expect="Sesión cerrada", kind=QMessageBox))
    qtbot.waitUntil(lambda: not demo_app.isVisible(), timeout=10_000)
    assert server.sala.closed and not server.desk._thread.is_alive()


def test_the_session_lock_hides_the_sala_until_the_password(qtbot, demo_app, person):  # noqa: F811
    """The sala window is not modal: locking the session must not leave its code and its
    «Cerrar la sesión» button to whoever sits at the PC."""
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from tests.gui.test_account_journeys import unlock
    from tests.conftest import TEST_PASSWORD
    dialog = show_sala(demo_app.context, demo_app)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    demo_app.lock()
    qtbot.waitUntil(lambda: demo_app.idle_lock.locked, timeout=3000)
    assert not dialog.isVisible()
    unlock(qtbot, demo_app, TEST_PASSWORD)
    assert dialog.isVisible()
    dialog.close()
    person.free(demo_app)


def test_the_orientador_chooses_the_network_the_lab_is_on(qtbot, demo_app, person):  # noqa: F811
    """A PC with cable and Wi-Fi: the address shown (and listened on) is the one chosen."""
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from tests.gui.person import choose_in_combo
    dialog = show_sala(demo_app.context, demo_app)
    choose_in_combo(dialog.network, "127.0.0.1 (solo esta computadora)")
    type_over(dialog.port, str(free_port()))
    real_click(dialog.open_button)
    qtbot.waitUntil(lambda: dialog.server is not None, timeout=15_000)
    assert dialog.address.text().startswith("http://127.0.0.1:")
    assert not dialog.network.isEnabled()
    person.do(dialog.close, Click("Aceptar", expect="Sesión cerrada", kind=QMessageBox))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    person.free(demo_app)


def test_the_orientador_turns_https_on_and_projects_the_served_certificates_fingerprint(
        qtbot, demo_app, person):  # noqa: F811
    import ssl
    from PySide6.QtCore import QPoint
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from seguimiento_desktop.sala.simulated import pinned_context
    from tests.gui.person import choose_in_combo
    from tests.sala.test_sala_tls import fingerprint_of, served_certificate
    dialog = show_sala(demo_app.context, demo_app)
    assert not dialog.https.isChecked() and not dialog.fingerprint.isVisible()
    choose_in_combo(dialog.network, "127.0.0.1 (solo esta computadora)")
    type_over(dialog.port, str(free_port()))
    real_click(dialog.https, QPoint(6, dialog.https.height() // 2))  # on its box
    assert dialog.https.isChecked()
    real_click(dialog.open_button)
    qtbot.waitUntil(lambda: dialog.server is not None, timeout=15_000)
    assert dialog.address.text().startswith("https://127.0.0.1:")
    assert dialog.fingerprint.isVisible() and "Acceder a" in dialog.hint.text()
    # What is projected is whole: the counts' three lines and every line of the notes (the
    # window once took two thirds of the screen and squeezed them over each other).
    assert dialog.counts.height() >= dialog.counts.sizeHint().height()
    assert dialog.hint.height() >= dialog.hint.heightForWidth(dialog.hint.width())
    served = served_certificate(dialog.server)
    shown = dialog.fingerprint.text()
    assert len(shown.splitlines()) == 4 and ":".join(shown.split()) == fingerprint_of(served)
    page = SimulatedStudent(dialog.address.text(),
                            pinned_context(ssl.DER_cert_to_PEM_cert(served))).get("/")
    assert "Tu CURP" in page.text
    person.do(dialog.close, Click("Aceptar", expect="Sesión cerrada", kind=QMessageBox))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    person.free(demo_app)


def test_the_orientador_prints_the_slips_with_personal_codes(qtbot, demo_app, person,  # noqa: F811
                                                             tmp_path):
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from tests.gui.person import SaveAs
    from tests.pdf_text import pdf_text
    from tests.sala.test_sala_slips import CODE
    dialog = show_sala(demo_app.context, demo_app)
    out = tmp_path / "hojas"
    said = person.do(lambda: real_click(dialog.slips_button), SaveAs(out),
                     Click("Aceptar", expect="100 hojas con código personal", kind=QMessageBox))
    assert "dejan de servir" in said[-1]
    assert len(set(CODE.findall(pdf_text(tmp_path / "hojas.pdf")))) == 100  # .pdf added
    dialog.close()
    person.free(demo_app)


def test_esc_while_the_sala_opens_closes_it_once_open(qtbot, demo_app, person):  # noqa: F811
    """Esc (or the window's X) right after «Abrir la sesión»: the window used to go while the
    sala went on opening, left serving the students with no window to close it."""
    from PySide6.QtCore import Qt
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from tests.gui.person import choose_in_combo, real_key
    dialog = show_sala(demo_app.context, demo_app)
    choose_in_combo(dialog.network, "127.0.0.1 (solo esta computadora)")
    port = free_port()
    type_over(dialog.port, str(port))

    def open_and_leave():
        real_click(dialog.open_button)
        real_key(dialog, Qt.Key.Key_Escape)

    said = person.do(open_and_leave, Click("Aceptar", expect="Sesión cerrada", kind=QMessageBox))
    assert "0 alumnos terminaron" in said[-1]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with socket.socket() as probe:  # nobody serves the port any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    person.free(demo_app)


def test_a_graduates_questionnaire_preselects_the_graduated_generacion(qtbot, demo_app,  # noqa: F811
                                                                      person):
    """Cuestionario 2 goes to last summer's graduates: choosing it moves the generación to
    them, and a sala of C2 for the generación still in school is refused in Spanish."""
    from seguimiento_desktop.gui.sala.dialog import show_sala
    from tests.gui.person import choose_in_combo
    dialog = show_sala(demo_app.context, demo_app)
    choose_in_combo(dialog.questionnaire, "Cuestionario 2 (egresados, 6 meses)")
    assert dialog.cohort.currentText() == "2023-2026"  # the demo's graduates of this year
    choose_in_combo(dialog.cohort, GRADUATING)
    type_over(dialog.port, str(free_port()))
    said = person.do(lambda: real_click(dialog.open_button),
                     Click("Aceptar", expect=f"generación {GRADUATING} aún no egresa",
                           kind=QMessageBox))
    assert "Cuestionario 1" in said[-1] and dialog.server is None
    assert dialog.open_button.isEnabled()  # choose again and open
    dialog.close()
    person.free(demo_app)
