"""Seguimiento: due questionnaires with rates, the call list, contact log and status."""

from datetime import date

import pytest
from PySide6.QtCore import QDate

from seguimiento_desktop.gui.followup.page import FollowupPage
from seguimiento_desktop.gui.main_window import MainWindow


@pytest.fixture
def page(qtbot, demo_context):
    page = FollowupPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    return page


def cells(table, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_due_questionnaires_show_counts_and_rates(page, demo_context):
    lines = demo_context.reader.followup_status(date.today())
    assert page.due.rowCount() == len(lines) > 0
    line = lines[0]
    assert page.due.item(0, 0).text() == line.window.cohort
    assert page.due.item(0, 4).text() == f"{line.students:,}"
    assert page.due.item(0, 7).text() == f"{line.rate:.0%}"


def test_another_date_shows_what_was_due_then(page, demo_context):
    page.day.setDate(QDate(2026, 5, 15))
    lines = demo_context.reader.followup_status(date(2026, 5, 15))
    assert cells(page.due, 1) == [line.title for line in lines]


def test_call_list_is_the_pending_graduates_most_reachable_first(page, demo_context):
    line = page.due.selected_line()
    expected = demo_context.reader.pending_contacts(line.window.cohort, line.window.questionnaire)
    assert cells(page.calls, 0) == [c.student.full_name for c in expected]
    assert f"{len(expected):,}" in page.call_title.text()
    assert "Intentos con" in page.history.text()


def test_logging_an_attempt_updates_the_log_and_status(qtbot, page, demo_context):
    contact = page.calls.selected_contact()
    before = len(demo_context.reader.contact_attempts(contact.student.id))
    page.log_attempt()
    dialog = page.attempt_dialog
    assert [b.text() for b in dialog.buttons.buttons()] == ["Guardar", "Cancelar"]
    dialog.medium.setCurrentIndex(dialog.medium.findData("whatsapp"))
    dialog.result.setCurrentIndex(dialog.result.findData("rechazo"))
    qtbot.keyClicks(dialog.note, "Ya no quiere que le llamen")
    dialog.buttons.buttons()[0].click()
    qtbot.waitUntil(lambda: page.attempt_dialog is None, timeout=5000)
    attempts = demo_context.reader.contact_attempts(contact.student.id)
    assert len(attempts) == before + 1
    assert (attempts[0].medium, attempts[0].result, attempts[0].note) == (
        "whatsapp", "rechazo", "Ya no quiere que le llamen")
    assert demo_context.reader.student(contact.student.id).contact_status == "rechazo"
    # who refused leaves the call list
    assert contact.student.full_name not in cells(page.calls, 0)


def test_setting_a_status(qtbot, page, demo_context):
    contact = page.calls.selected_contact()
    page.status.setCurrentIndex(page.status.findData("no_localizado"))
    page.status_button.click()
    qtbot.waitUntil(lambda: demo_context.reader.student(contact.student.id).contact_status
                    == "no_localizado", timeout=5000)
    qtbot.waitUntil(lambda: "No localizado" in cells(page.calls, 7), timeout=5000)


def test_capture_opens_for_the_chosen_graduate(qtbot, demo_context):
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    followup = window.page("followup")
    contact = followup.calls.selected_contact()
    questionnaire = followup.due.selected_line().window.questionnaire
    followup.capture_button.click()
    capture = window.pages["capture"]
    assert window.stack.currentWidget() is capture
    if not capture.finder.keyer.text():
        assert capture.session is None and "Capturista" in capture.finder.message.text()
        capture.finder.keyer.setText("Rosa Prueba")
        followup.open_capture()
    assert capture.session.student.id == contact.student.id
    assert capture.case.questionnaire == questionnaire
    qtbot.waitUntil(lambda: not demo_context.jobs.busy, timeout=5000)  # before the window goes


def test_a_wave_not_yet_open_reads_pendiente_not_zero(page, demo_context):
    from datetime import timedelta
    for day in (date.today() + timedelta(days=shift) for shift in (0, 90, 180)):
        lines = demo_context.reader.followup_status(day)
        waiting = [i for i, line in enumerate(lines) if line.state == "pendiente"
                   and not line.complete and not line.partial]
        if waiting:
            break
    assert waiting, "some wave of the demo is always still to come within half a year"
    page.day.setDate(QDate(day.year, day.month, day.day))
    assert all(page.due.item(i, 7).text() == "pendiente" for i in waiting)
    assert all(page.due.item(i, 7).text().endswith("%") for i in range(len(lines))
               if i not in waiting)
