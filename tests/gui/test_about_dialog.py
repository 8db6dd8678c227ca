"""Ayuda → Acerca de names the data folder in use and the database; the app has its icon."""


from seguimiento_desktop.gui.about_dialog import about_text, application_icon
from seguimiento_desktop.paths import data_location


def test_about_names_the_data_folder_its_mode_and_the_database(tmp_path):
    text = about_text(tmp_path / "plantel.sqlite", tmp_path / "respaldos" / "antes.sqlite")
    location = data_location()
    assert str(location.folder) in text and location.label in text
    assert str(tmp_path / "plantel.sqlite") in text
    assert "respaldo" in text and str(tmp_path / "respaldos" / "antes.sqlite") in text


def test_the_application_icon_loads(qtbot):
    assert not application_icon().isNull()
