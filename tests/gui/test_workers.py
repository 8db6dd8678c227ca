"""The writer: progress reaches the GUI thread, cancel leaves the database unchanged."""

import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.gui.workers import JobRunner
from tests.gui.person import Click, Press


def test_a_job_reports_progress_and_delivers_its_result(qtbot, school_context):
    seen, results, labels = [], [], []

    def count_to_five(workspace, progress, cancel):
        for step in range(1, 6):
            time.sleep(0.15)
            progress(step, 5, f"Paso {step} de 5")
        return workspace.school().cct

    job = school_context.jobs.run(None, "Probando…", count_to_five, results.append)
    job.progressed.connect(lambda done, total, message: seen.append((done, total, message)))
    job.progressed.connect(lambda *_: job.dialog and labels.append(job.dialog.labelText()))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == ["14DCT0099Z"]
    assert seen[-1] == (5, 5, "Paso 5 de 5")
    assert len(seen) >= 3
    assert labels and labels[-1] == "Paso 5 de 5"  # the dialog showed the job's own words
    assert job.dialog is None


def test_cancel_leaves_the_database_unchanged(qtbot, school_context, person):
    """The person clicks «Cancelar» on the real progress dialog, then reads the outcome."""
    window = QWidget()
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()
    runner = school_context.jobs
    job = runner.run(window, "Creando alumnos…",
                     lambda ws, progress, cancel: ws.fill_demo(100_000, progress, cancel))
    said = person.do(lambda: None,
                     Click("Cancelar", expect="Creando", kind=QProgressDialog),
                     Click("Aceptar", expect="Operación cancelada", kind=QMessageBox),
                     timeout_ms=30_000)
    assert job.outcome == "cancelled"
    assert "No se guardó ningún cambio" in said[-1]
    assert school_context.reader.count_students() == 0
    person.free(window)


def test_escape_on_the_progress_dialog_cancels_too(qtbot, school_context, person):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    job = school_context.jobs.run(window, "Creando alumnos…",
                                  lambda ws, progress, cancel: ws.fill_demo(100_000, progress,
                                                                            cancel))
    person.do(lambda: None, Press(Qt.Key.Key_Escape, kind=QProgressDialog),
              Click("Aceptar", expect="cancelada", kind=QMessageBox), timeout_ms=30_000)
    assert job.outcome == "cancelled"
    person.free(window)


def test_a_quick_jobs_result_stays_answerable(qtbot, school_context, person):
    """The freeze users met: a job ends before its progress dialog is due, its result
    message opens, and the person reads it for longer than that delay. The progress
    dialog must never appear on top of the message, and the message must take the click."""
    window = QWidget()
    window.resize(600, 400)
    qtbot.addWidget(window)
    window.show()

    def quick(workspace, progress, cancel):
        return workspace.school().cct

    def tell(cct):
        from seguimiento_desktop.gui.widgets import messages
        messages.show_info(window, f"Listo: {cct}")

    said = person.do(lambda: school_context.jobs.run(window, "Guardando…", quick, tell),
                     Click("Aceptar", expect="Listo", kind=QMessageBox))
    assert said == ["Seguimiento de Egresados\nListo: 14DCT0099Z\n"]
    person.free(window)


def test_a_user_error_is_shown_in_spanish(qtbot, school_context, person):
    def fail(workspace, progress, cancel):
        raise InvalidData("La generación «2023» no es válida.")

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    said = person.do(lambda: school_context.jobs.run(window, "Probando…", fail),
                     Press(Qt.Key.Key_Return, expect="no es válida", kind=QMessageBox))
    assert "La generación «2023» no es válida." in said[0]
    person.free(window)


def test_a_programming_error_is_not_swallowed(qtbot, school_context, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, tb: reported.append(error))

    def bug(workspace, progress, cancel):
        return 1 / 0

    job = school_context.jobs.run(None, "Probando…", bug)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert job.outcome == "crashed"
    assert isinstance(reported[0], ZeroDivisionError)


def test_jobs_run_one_at_a_time_in_order(qtbot, school_context, tmp_path):
    runner = JobRunner(school_context.db_path)
    order = []

    def step(name):
        def run(workspace, progress, cancel):
            order.append(f"{name}-start")
            time.sleep(0.05)
            order.append(f"{name}-end")
        return run

    jobs = [runner.run(None, "Probando…", step(name)) for name in "abc"]
    qtbot.waitUntil(lambda: all(job.outcome == "done" for job in jobs), timeout=5000)
    assert order == ["a-start", "a-end", "b-start", "b-end", "c-start", "c-end"]


def test_a_quiet_job_never_shows_a_progress_dialog(qtbot, school_context):
    """Autosave while keying: a dialog popping up would take the keyboard from the keyer."""
    results = []

    def slow(workspace, progress, cancel):
        time.sleep(0.6)  # longer than the 0.4 s after which a dialog appears
        progress(1, 1, "Guardando…")
        return "ok"

    job = school_context.jobs.run(None, "Guardando…", slow, results.append, quiet=True)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert job.dialog is None and results == ["ok"]


def test_closing_the_page_of_a_running_job_is_safe(qtbot, school_context):
    """Qt deletes the job's dialog with its parent page; the job still finishes cleanly."""
    from PySide6.QtWidgets import QWidget
    page = QWidget()
    results = []
    job = school_context.jobs.run(page, "Guardando…",
                                  lambda ws, progress, cancel: (time.sleep(0.2), "ok")[1],
                                  results.append)
    page.deleteLater()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert job.outcome == "done" and results == ["ok"]
