"""The first-run assistant offers the municipios of the CCT's entidad (INEGI's list): typing
«Leon» without the accent finds «León», which the person picks from the list."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests.gui.person import choose_in_completer, real_click, real_key, type_over
from tests.gui.test_journeys import (create_the_administrator, start_app,  # noqa: F401
                                     type_into, wizard_of)



def test_typing_leon_offers_leon_of_guanajuato(qtbot, start_app, person):  # noqa: F811
    window = start_app()
    wizard = wizard_of(window)
    real_click(wizard.button(QWizard.WizardButton.NextButton))
    page = wizard.school_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    type_into(page.cct, "11DCT0001A")
    type_into(page.name, "CBTIS 65")
    type_into(page.municipality, "Leon")
    suggested = page.municipalities.popup().model()
    assert [suggested.index(r, 0).data() for r in range(suggested.rowCount())] == [
        "León", "Moroleón"]  # Guanajuato's, accents aside
    choose_in_completer(page.municipality, "León")
    assert page.municipality.text() == "León" and next_button.isEnabled()

    type_over(page.municipality, "Zapopan")  # a municipio of Jalisco
    assert not next_button.isEnabled()
    assert "no es un municipio de Guanajuato" in page.municipality_note.text()
    type_over(page.municipality, "leon")  # typed without choosing: still León
    assert next_button.isEnabled()
    real_key(page.municipality, Qt.Key.Key_Escape)  # the list closes, the text stays
    assert page.municipality.text() == "leon"
    real_click(next_button)
    create_the_administrator(wizard)
    real_click(wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: window.header.text() == "11DCT0001A — CBTIS 65", timeout=10_000)
    assert window.context.reader.school().municipality == "León"
    assert "León · Guanajuato" in window.header_detail.text()
    person.free(window)
