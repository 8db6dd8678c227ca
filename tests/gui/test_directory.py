"""The directory page: type-ahead search, filters, sorting, lazy loading, empty state."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.gui.directory.page import DirectoryPage
from seguimiento_desktop.gui.directory.table_model import COLUMNS, PAGE_SIZE
from tests.gui.person import Click, real_click


def shown_column(page, header: str) -> list[str]:
    column = [c[0] for c in COLUMNS].index(header)
    model = page.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_typing_nunez_finds_only_nunez(qtbot, directory):
    assert directory.model.rowCount() == PAGE_SIZE  # first page only
    qtbot.keyClicks(directory.filters.search, "nunez")
    qtbot.waitUntil(lambda: directory.model.rowCount() < PAGE_SIZE, timeout=3000)
    names = shown_column(directory, "Nombre")
    assert names and all("NÚÑEZ" in name for name in names)
    assert directory.count_label.text() == f"{len(names)} alumnos"


def test_search_by_curp_fragment_and_phone(qtbot, directory, demo_context):
    student = demo_context.reader.find_students(StudentQuery(limit=1))[0]
    qtbot.keyClicks(directory.filters.search, student.curp[:10].lower())
    qtbot.waitUntil(lambda: directory.model.query.text == student.curp[:10].lower(), timeout=3000)
    assert student.curp in shown_column(directory, "CURP")


def test_no_match_says_so(qtbot, directory):
    qtbot.keyClicks(directory.filters.search, "zzzqqq")
    qtbot.waitUntil(lambda: directory.model.rowCount() == 0, timeout=3000)
    assert directory.count_label.text() == "Ningún alumno coincide con la búsqueda"


def test_a_key_that_narrows_nothing_keeps_the_chosen_student(qtbot, directory, demo_context):
    """Typing on while the same students match (a CURP to its last letter) leaves the
    table as it was, with the student the user clicked still chosen."""
    curp = demo_context.reader.find_students(StudentQuery(limit=1, offset=37))[0].curp
    qtbot.keyClicks(directory.filters.search, curp[:-1].lower())
    qtbot.waitUntil(lambda: directory.model.rowCount() == 1, timeout=3000)
    table = directory.table
    real_click(table.viewport(), table.visualRect(directory.model.index(0, 0)).center())
    assert directory.selected_student().curp == curp and directory.edit_button.isEnabled()
    qtbot.keyClicks(directory.filters.search, curp[-1].lower())
    qtbot.waitUntil(lambda: directory.model.query.text == curp.lower(), timeout=3000)
    assert directory.selected_student().curp == curp and directory.edit_button.isEnabled()
    assert shown_column(directory, "CURP") == [curp]


def test_filters_by_cohort_and_career(qtbot, directory, demo_context):
    facets = demo_context.reader.facets()
    directory.filters.cohort.setCurrentText(facets.cohorts[0])
    directory.filters.career.setCurrentText("Programación")
    expected = demo_context.reader.count_students(
        StudentQuery(cohort=facets.cohorts[0], career="Programación"))
    assert 0 < directory.model.rowCount() == expected
    assert set(shown_column(directory, "Generación")) == {facets.cohorts[0]}
    assert set(shown_column(directory, "Carrera")) == {"Programación"}
    assert directory.count_label.text() == f"{expected} alumnos"
    assert directory.filters.cohort.itemText(0) == "Todas"
    assert directory.filters.group.itemText(0) == "Todos"


def test_clicking_headers_sorts(qtbot, directory):
    header = directory.table.horizontalHeader()
    curp_column = 0
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_center(header, curp_column))
    curps = shown_column(directory, "CURP")
    assert curps == sorted(curps) and directory.model.query.order_by == "curp"
    directory.table.sortByColumn(curp_column, Qt.SortOrder.DescendingOrder)
    curps = shown_column(directory, "CURP")
    assert curps == sorted(curps, reverse=True)


def _section_center(header, column):
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)


def test_scrolling_loads_the_next_page(qtbot, directory):
    assert directory.model.total == 300 and directory.model.rowCount() == PAGE_SIZE

    def scrolled_to_the_end() -> bool:
        directory.table.scrollToBottom()  # each scroll to the bottom asks for one more page
        return directory.model.rowCount() == 300

    qtbot.waitUntil(scrolled_to_the_end, timeout=3000)
    assert len(set(shown_column(directory, "CURP"))) == 300


def test_phone_is_shown_formatted(directory):
    phones = [p for p in shown_column(directory, "Teléfono") if p]
    assert phones and all(len(p) == 12 and p[2] == " " and p[7] == " " for p in phones)


def test_empty_directory_offers_to_import(qtbot, school_context):
    page = DirectoryPage(school_context)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.title.text() == "Todavía no hay alumnos en el directorio"
    assert not page.filters.isVisible()


def test_delete_can_be_declined(qtbot, directory, demo_context, person):
    directory.table.selectRow(0)
    student = directory.selected_student()
    said = person.do(lambda: real_click(directory.delete_button),
                     Click("Cancelar", expect=student.curp, kind=QMessageBox))
    assert "¿Eliminar a" in said[0] and "Se borrarán sus teléfonos" in said[0]
    assert demo_context.reader.count_students() == 300
    person.free(directory)
