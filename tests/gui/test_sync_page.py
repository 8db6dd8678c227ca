"""Envíos USB, as a person uses it: the four steps with Qt's real dialogs, the office aside.

Nothing is replaced: message boxes, Qt's own file and folder dialogs, progress dialogs and
the job runner are the app's; the ``person`` fixture answers them with real clicks and
keys. Each journey ends with ``person.free(page)``.
"""

import re

import pytest
from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.gui.sync import page as sync_page
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from tests.gui.person import Choose, Click, SaveAs, real_click

ES_MX = r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"


@pytest.fixture
def page(qtbot, demo_context):
    widget = sync_page.SyncPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


@pytest.fixture
def office(tmp_path):
    with CentralWorkspace.open(tmp_path / "central.sqlite") as central:
        central.init("Oficina estatal de prueba", profile="completo")
        yield central


def flat(text: str) -> str:
    """A message's words on one line (fingerprints are shown over two lines)."""
    return " ".join(text.split())


def enroll(office, page, tmp_path):
    """What happens at the office with this PC's request (done there, not on this page)."""
    with Workspace.open(page.context.db_path) as plantel:
        request = plantel.sync_enrollment(tmp_path / "solicitud-previa.json")
    office.enroll(request.path, request.fingerprint.hex)


def configure(office, page, tmp_path):
    """This PC enrolled and holding the office's configuration (steps 1 and 2 done)."""
    enroll(office, page, tmp_path)
    package = office.write_config_package(tmp_path / "config.json")
    with Workspace.open(page.context.db_path) as plantel:
        plantel.import_config(package.path, package.fingerprint.hex)
    page.refresh()


def test_saving_the_registration_request(qtbot, page, office, tmp_path, person):
    """Step 1, a freezing action of issue 9 (the message under «Guardando la solicitud…»)."""
    request = tmp_path / "solicitud.json"
    said = person.do(lambda: real_click(page.buttons["enrollment"]),
                     SaveAs(request, expect="solicitud de registro"),
                     Click("Aceptar", expect="Solicitud de registro guardada", kind=QMessageBox))
    info = office.preview_enrollment(request)
    assert str(request) in said[1]
    assert info.fingerprint.words in flat(said[1]) and info.fingerprint.hex in said[1]
    assert info.fingerprint.hex in page.status.text()
    person.free(page)


@pytest.mark.slow
def test_importing_the_configuration_after_comparing_its_fingerprint(qtbot, page, office,
                                                                     tmp_path, person):
    """Step 2: the first package is trusted only after the person compares the fingerprint;
    saying it does not match imports nothing."""
    assert not page.buttons["export"].isEnabled()
    assert "paso 2" in page.buttons["export"].toolTip()
    package = office.write_config_package(tmp_path / "config.json")
    person.do(lambda: real_click(page.buttons["config"]), Choose(package.path),
              Click("Cancelar", expect=package.fingerprint.hex, kind=QMessageBox))
    assert "aún no tiene la configuración" in page.status.text()
    assert not page.buttons["export"].isEnabled()
    said = person.do(lambda: real_click(page.buttons["config"]),
                     Choose(package.path, expect="configuración"),
                     Click("Sí, coincide", expect=package.fingerprint.hex, kind=QMessageBox),
                     Click("Aceptar", expect="importada", kind=QMessageBox))
    assert package.fingerprint.words in flat(said[1])
    assert "Oficina estatal de prueba" in said[2]
    assert "Oficina estatal de prueba" in page.status.text()
    assert page.buttons["export"].isEnabled()
    person.free(page)


def test_a_wrong_file_as_configuration_is_explained(qtbot, page, tmp_path, person):
    wrong = tmp_path / "lista.json"
    wrong.write_text('{"alumnos": []}', encoding="utf-8")
    said = person.do(lambda: real_click(page.buttons["config"]), Choose(wrong),
                     Click("Aceptar", kind=QMessageBox))
    assert "configuración" in said[1] and "Traceback" not in said[1]
    assert "aún no tiene la configuración" in page.status.text()
    person.free(page)


def test_exporting_a_bundle_to_the_usb_stick(qtbot, page, office, tmp_path, person):
    """Step 3, a freezing action of issue 9; the stick is chosen in the folder dialog."""
    configure(office, page, tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    said = person.do(lambda: real_click(page.buttons["export"]),
                     Choose(usb, expect="memoria USB"),
                     Click("Aceptar", expect="Paquete 1 guardado", kind=QMessageBox))
    bundles = list(usb.glob("*.seg"))
    assert len(bundles) == 1 and str(bundles[0]) in said[1]
    assert "Lleva 300 alumnos" in said[1]
    assert page.buttons["ack"].isEnabled() and not page.buttons["ack"].toolTip()
    history = [page.history.item(0, c).text() for c in range(4)]
    assert history[0] == "1" and history[1] == bundles[0].name
    assert re.fullmatch(ES_MX, history[2]) and history[3] == "Pendiente"
    assert office.merge(bundles).outcomes[0].accepted
    person.free(page)


def test_importing_the_acknowledgement(qtbot, page, office, tmp_path, person):
    """Step 4: what the office confirmed is no longer pending."""
    configure(office, page, tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    with Workspace.open(page.context.db_path) as plantel:
        bundle = plantel.export_bundle(usb).path
    ack = office.merge([bundle]).outcomes[0].ack_path
    page.refresh()
    assert page.history.item(0, 3).text() == "Pendiente"
    said = person.do(lambda: real_click(page.buttons["ack"]),
                     Choose(ack, expect="acuse"),
                     Click("Aceptar", expect="quedó registrado", kind=QMessageBox))
    assert "paquete 1" in said[1]
    assert re.fullmatch(ES_MX, page.history.item(0, 3).text())
    assert "Pendiente de enviar: nada" in page.status.text()
    assert "Pendiente de enviar: nada" in said[1]
    person.free(page)


def test_what_the_profile_sends_is_shown_before_exporting(qtbot, page, tmp_path, person):
    """Data minimisation: an office created without choosing gets pseudonymised data, and
    the page says so before «Exportar»; «completo» is said as plainly."""
    with CentralWorkspace.open(tmp_path / "oficina.sqlite") as default_office:
        default_office.init("Oficina estatal")
        configure(default_office, page, tmp_path)
    status = flat(page.status.text())
    assert "Perfil «seudonimizado»" in status and "se quedan en el plantel" in status
    with CentralWorkspace.open(tmp_path / "oficina.sqlite") as same_office:
        same_office.set_profile("completo")
        package = same_office.write_config_package(tmp_path / "config-2.json")
    with Workspace.open(page.context.db_path) as plantel:
        plantel.import_config(package.path)
    page.refresh()
    assert "Perfil «completo»" in flat(page.status.text())
    assert "CURP, los nombres, los teléfonos y el correo" in flat(page.status.text())
    person.free(page)
