"""«Datos del plantel»: the plantel's data corrected with the assistant's checks; the
municipio is picked from the entidad's list (INEGI), a municipio of another state refused."""

from PySide6.QtWidgets import QWidget

from seguimiento_desktop.gui.school_dialog import SchoolDialog
from tests.gui.person import choose_in_completer, choose_menu, real_click, type_over
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)


def test_the_municipio_is_corrected_from_the_list(qtbot, school_context, person):
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.resize(800, 600)
    owner.show()
    qtbot.waitExposed(owner)
    dialog = SchoolDialog(school_context, owner)
    dialog.open()
    qtbot.waitExposed(dialog)
    page = dialog.page
    assert page.cct.isReadOnly() and page.state.currentText() == "Jalisco"
    assert page.municipality.text() == "Zapopan" and dialog.save.isEnabled()

    type_over(page.municipality, "Leon")  # León is in Guanajuato
    assert page.municipalities.popup().isHidden() or not any(
        "León" == page.municipalities.popup().model().index(r, 0).data()
        for r in range(page.municipalities.popup().model().rowCount()))
    assert not dialog.save.isEnabled()
    assert page.municipality_note.kind == "error"
    assert "«Leon» no es un municipio de Jalisco" in page.municipality_note.text()

    type_over(page.municipality, "tlaque")
    choose_in_completer(page.municipality, "San Pedro Tlaquepaque")
    assert dialog.save.isEnabled()
    real_click(dialog.save)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert school_context.reader.school().municipality == "San Pedro Tlaquepaque"
    person.free(owner)


def test_archivo_datos_del_plantel_opens_it(qtbot, demo_app, person):  # noqa: F811
    choose_menu(demo_app, "Archivo", "Datos del plantel…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in demo_app.findChildren(SchoolDialog)),
                    timeout=5_000)
    dialog = next(d for d in demo_app.findChildren(SchoolDialog) if d.isVisible())
    type_over(dialog.page.municipality, "guadala")
    choose_in_completer(dialog.page.municipality, "Guadalajara")
    real_click(dialog.save)
    qtbot.waitUntil(lambda: "Guadalajara · Jalisco" in demo_app.header_detail.text(),
                    timeout=10_000)
    person.free(demo_app)
