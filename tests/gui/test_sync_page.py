"""Envíos USB page: the four steps clicked through, with the central office on the side."""

import pytest

from seguimiento_desktop.gui.sync import page as sync_page
from seguimiento_desktop.gui.widgets import files as sync_files
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


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
        central.init("Oficina estatal de prueba")
        yield central


def click_and_wait(qtbot, page, key, messages, answers_before):
    page.buttons[key].click()
    qtbot.waitUntil(lambda: len(messages.infos) + len(messages.errors) > answers_before,
                    timeout=20_000)


def enroll_and_configure(qtbot, page, office, messages, monkeypatch, tmp_path):
    request = tmp_path / "solicitud.json"
    monkeypatch.setattr(sync_files, "ask_save_path", lambda *a: str(request))
    click_and_wait(qtbot, page, "enrollment", messages, 0)
    info = office.preview_enrollment(request)
    assert info.fingerprint.words in messages.infos[-1]
    office.enroll(request, info.fingerprint.hex)
    package = office.write_config_package(tmp_path / "config.json")
    monkeypatch.setattr(sync_files, "ask_open_path", lambda *a: str(package.path))
    click_and_wait(qtbot, page, "config", messages, 1)
    return package


def test_whole_exchange_from_the_page(qtbot, page, office, messages, monkeypatch, tmp_path):
    assert not page.buttons["export"].isEnabled()
    package = enroll_and_configure(qtbot, page, office, messages, monkeypatch, tmp_path)
    assert package.fingerprint.words in messages.questions[-1]
    assert "Oficina estatal de prueba" in page.status.text()
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(sync_files, "ask_folder", lambda *a: str(usb))
    click_and_wait(qtbot, page, "export", messages, 2)
    assert "Paquete 1 guardado" in messages.infos[-1]
    assert page.history.rowCount() == 1 and page.history.item(0, 3).text() == "Pendiente"
    ack = office.merge(list(usb.glob("*.seg"))).outcomes[0].ack_path
    monkeypatch.setattr(sync_files, "ask_open_path", lambda *a: str(ack))
    click_and_wait(qtbot, page, "ack", messages, 3)
    assert "quedó registrado" in messages.infos[-1]
    assert page.history.item(0, 3).text() != "Pendiente"
    assert "Pendientes de enviar: 0 alumnos" in page.status.text()
    assert messages.errors == []


def test_refusing_the_fingerprint_imports_nothing(qtbot, page, office, messages, monkeypatch,
                                                  tmp_path):
    messages.answer = False
    package_path = tmp_path / "config.json"
    office.write_config_package(package_path)
    monkeypatch.setattr(sync_files, "ask_open_path",
                        lambda *a: str(package_path))
    page.buttons["config"].click()
    qtbot.waitUntil(lambda: bool(messages.questions), timeout=20_000)
    page.context.jobs.wait_until_idle()
    assert "aún no tiene la configuración" in page.status.text()
    assert not page.buttons["export"].isEnabled()
