"""Tab through each page of the window as a clerk without a mouse: every button is reached,
in the order the page reads, and no table keeps the focus for itself."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from tests.gui.person import real_key, real_typing
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)


def tabbing(window, start, presses: int = 14) -> list:
    """The widgets the focus visits, from ``start``, pressing Tab ``presses`` times."""
    start.setFocus()
    visited = []
    for _ in range(presses):
        visited.append(QApplication.focusWidget())
        real_key(window, Qt.Key.Key_Tab)
    return visited


def buttons(visited: list) -> list[str]:
    return [w.text().replace("&", "") for w in visited if isinstance(w, QAbstractButton)]


def test_search_then_down_and_enter_opens_the_student(qtbot, demo_app, person):
    directory = demo_app.page("directory")
    search = directory.filters.search
    search.setFocus()
    real_typing(search, "nunez")
    qtbot.waitUntil(lambda: directory.model.total < 300, timeout=5000)
    real_key(demo_app, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is directory.table
    chosen = directory.selected_student()
    assert chosen is not None and chosen.id == directory.model.student_at(0).id
    real_key(demo_app, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: directory.student_dialog is not None, timeout=5000)
    assert directory.student_dialog.original.id == chosen.id
    real_key(directory.student_dialog, Qt.Key.Key_Escape)  # untouched: it just closes
    qtbot.waitUntil(lambda: directory.student_dialog is None, timeout=5000)
    person.free(demo_app)


def test_tab_leaves_the_tables_and_reaches_the_buttons(demo_app, person):
    directory = demo_app.page("directory")
    visited = tabbing(demo_app, directory.filters.search, 8)
    filters = directory.filters
    assert visited[:4] == [filters.search, filters.cohort, filters.group, filters.career]
    assert buttons(visited)[:2] == ["Nuevo alumno", "Importar lista…"]  # the row above
    assert visited.count(directory.table) == 1  # then the table, and out of it again

    followup = demo_app.page("followup")
    visited = tabbing(demo_app, followup.due, 8)
    assert visited.count(followup.due) == 1 and visited.count(followup.calls) == 1
    assert "Registrar intento…" in buttons(visited)

    sync = demo_app.page("sync")
    visited = tabbing(demo_app, sync.buttons["enrollment"], 4)
    assert buttons(visited)[:2] == ["1. Guardar solicitud de registro…",
                                    "2. Importar configuración…"]
    assert visited[2] is sync.history  # below the steps, as on the screen
    person.free(demo_app)
