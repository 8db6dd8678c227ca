"""The central office window: create the office, receive bundles, see planteles and conflicts."""

import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sync_support import copy_database, export, office, plantel, snapshot

from seguimiento_desktop.gui.widgets import files as central_files
from seguimiento_desktop.gui.central.window import CentralWindow
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.sync.bundles import read_container


@pytest.fixture
def open_window(qtbot):
    opened = []

    def make(db: Path) -> CentralWindow:
        window = CentralWindow(db)
        qtbot.addWidget(window)
        window.show()
        opened.append(window)
        return window

    yield make
    for window in opened:
        window.shutdown()


def wait(qtbot, job) -> None:
    qtbot.waitUntil(lambda: job.outcome != "running", timeout=15_000)


@pytest.fixture
def two_bundles(tmp_path):
    """A central office with two enrolled planteles, each with one bundle on the stick."""
    first = plantel(tmp_path, cct="14DCT0099Z", count=4, seed=3)
    second = plantel(tmp_path, cct="30DCM0011K", count=3, seed=4, name="CBTA de prueba")
    central = office(tmp_path, first, second)
    bundles = [export(first, tmp_path / "usb"), export(second, tmp_path / "usb")]
    path = central.store.path
    for workspace in (first, second, central):
        workspace.close()
    return path, bundles


def test_merging_two_bundles_lists_both_accepted_and_the_planteles(qtbot, open_window,
                                                                   two_bundles, messages):
    db, bundles = two_bundles
    window = open_window(db)
    page = window.page("receive")
    wait(qtbot, page.merge([str(b) for b in bundles]))
    assert page.table.rowCount() == 2
    rows = {page.table.item(r, 1).text(): [page.table.item(r, c).text() for c in range(9)]
            for r in range(2)}
    assert rows["14DCT0099Z"][3] == rows["30DCM0011K"][3] == "Aceptado"
    assert rows["14DCT0099Z"][4] == "4" and rows["30DCM0011K"][4] == "3"  # nuevos: students
    assert all(len(list(b.parent.glob("*.acuse"))) == 2 for b in bundles)
    assert "2 paquetes aceptados, 0 rechazados" in page.summary.text()
    schools = window.page("schools")
    found = {schools.tree.topLevelItem(i).text(0): schools.tree.topLevelItem(i)
             for i in range(schools.tree.topLevelItemCount())}
    assert set(found) == {"14DCT0099Z", "30DCM0011K"}
    assert found["14DCT0099Z"].text(2) == "4"
    assert found["30DCM0011K"].child(0).text(4) == "1"  # last bundle number
    assert messages.errors == []


def test_a_tampered_bundle_is_rejected_with_its_reason_and_changes_nothing(
        qtbot, open_window, two_bundles, tmp_path, messages):
    db, bundles = two_bundles
    tampered = tmp_path / "alterado" / bundles[0].name
    tampered.parent.mkdir()
    data = bytearray(bundles[0].read_bytes())
    container = read_container(bundles[0])
    data[container.payload_offset + container.payload_size // 2] ^= 0x01  # inside the payload
    tampered.write_bytes(bytes(data))
    window = open_window(db)
    before = snapshot(db)
    page = window.page("receive")
    wait(qtbot, page.merge([str(tampered)]))
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "Rechazado"
    outcome = page.last_batch.outcomes[0]
    assert outcome.reason == "alterado" and page.table.item(0, 9).text() == "archivo alterado"
    assert outcome.message in page.detail.text() and "No se fusionó" in outcome.message
    assert snapshot(db) == before
    assert not list(tampered.parent.glob("*.acuse"))


def _capture_pc_copy(main: Workspace, folder: Path) -> Workspace:
    """A second PC of the same plantel, set up from a copy of the main PC's database."""
    path = copy_database(main.store.path, folder / "captura.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM settings WHERE key IN ('installation_id', 'sync.signing_key', "
                     "'sync.age_identity', 'sync.config', 'sync.pinned_key')")
        conn.execute("DELETE FROM sync_exports")
    return Workspace.open(path)


def test_concurrent_edits_show_in_conflicts(qtbot, open_window, tmp_path, messages):
    main = plantel(tmp_path, count=3)
    capture = _capture_pc_copy(main, tmp_path)
    central = office(tmp_path, main, capture)
    first = main.find_students()[0]
    main.save_student(replace(first, phone="3312345678"))
    capture.save_student(replace(capture.student(first.id), phone="3399999999"))
    paths = [str(export(main, tmp_path / "a")), str(export(capture, tmp_path / "b"))]
    db = central.store.path
    for workspace in (main, capture, central):
        workspace.close()
    window = open_window(db)
    conflicts = window.page("conflicts")
    assert conflicts.table.rowCount() == 0
    wait(qtbot, window.page("receive").merge(paths))
    window.page("conflicts")
    assert conflicts.table.rowCount() == 1
    row = [conflicts.table.item(0, c).text() for c in range(8)]
    assert first.curp in conflicts.table.item(0, 0).toolTip() and row[1] == "Teléfono"
    assert {row[2], row[5]} == {"3312345678", "3399999999"}
    assert row[3] == row[6] == "14DCT0099Z"
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row[i]) for i in (4, 7))  # es-MX
    schools = window.page("schools")
    assert schools.tree.topLevelItem(0).childCount() == 2  # two PCs of one plantel
    assert "Conflictos por revisar: 1" in schools.summary.text()


def test_missing_database_is_created_then_a_pc_enrolled_and_revoked(
        qtbot, open_window, tmp_path, messages, monkeypatch):
    db = tmp_path / "nueva" / "central.sqlite"
    window = open_window(db)
    assert window.setup is not None and not window.navigation.isEnabled()
    window.setup.name.setText("Oficina estatal de prueba")
    wait(qtbot, window.setup.create())
    assert window.navigation.isEnabled() and "Oficina estatal de prueba" in window.header.text()
    school = plantel(tmp_path, count=2)
    request = school.sync_enrollment(tmp_path / "solicitud.json")
    school.close()
    page = window.page("schools")
    monkeypatch.setattr(central_files, "ask_open_path", lambda *a: str(request.path))
    page.enroll_button.click()
    qtbot.waitUntil(lambda: len(messages.infos) == 2, timeout=15_000)
    assert request.fingerprint.words in messages.questions[-1]
    assert request.fingerprint.hex in messages.questions[-1]
    assert page.tree.topLevelItem(0).child(0).text(7) == "Activa"
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    wait(qtbot, page.revoke_selected())
    assert page.tree.topLevelItem(0).child(0).text(7) == "Dada de baja"
    assert messages.errors == []


def test_refused_fingerprint_enrolls_nothing(qtbot, open_window, two_bundles, tmp_path, messages):
    db, _bundles = two_bundles
    school = plantel(tmp_path, cct="09DCT0001A", count=1)
    request = school.sync_enrollment(tmp_path / "otra.json")
    school.close()
    messages.answer = False
    window = open_window(db)
    page = window.page("schools")
    wait(qtbot, page.enroll(str(request.path)))
    window.context.jobs.wait_until_idle()
    assert messages.questions and page.tree.topLevelItemCount() == 2


def test_configuration_package_and_key_rotation(qtbot, open_window, two_bundles, tmp_path,
                                                messages):
    db, _bundles = two_bundles
    window = open_window(db)
    page = window.page("settings")
    old = page.hex.text()
    assert len(page.words.text().split()) == 12
    page.profile.setCurrentIndex(page.profile.findData("seudonimizado"))
    wait(qtbot, page.write_package(str(tmp_path / "config-2.json")))
    assert (tmp_path / "config-2.json").exists() and "seudonimizado" in page.status.text()
    wait(qtbot, page.rotate_key())
    assert page.hex.text() != old and messages.errors == []
    assert page.hex.text() in window.header_detail.text()
    assert "seudonimizado" in window.header_detail.text()


def test_consolidated_report_renders_and_opens(qtbot, open_window, two_bundles, tmp_path,
                                               messages, viewer):
    db, bundles = two_bundles
    opened = viewer.opened
    window = open_window(db)
    wait(qtbot, window.page("receive").merge([str(b) for b in bundles]))
    page = window.page("report")
    out = tmp_path / "informe.pdf"
    wait(qtbot, page.generate(out))
    assert messages.errors == [] and opened == [out] and out.read_bytes()[:4] == b"%PDF"
    assert "páginas" in page.status.text()


def test_cancelling_keeps_the_bundles_already_merged(two_bundles):
    from seguimiento_desktop.gui.central.receive_page import merge_batch
    from seguimiento_desktop.progress import CancelToken
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    db, bundles = two_bundles
    token, seen = CancelToken(), []

    def progress(done, total, message):
        seen.append((done, total))
        if message == "Paquete 1 de 2: Paquetes fusionados.":
            token.cancel()  # the user presses Cancelar as the first bundle ends
    with CentralWorkspace.open(db) as office:
        batch = merge_batch(office, [str(b) for b in bundles], None, progress, token)
        assert len(batch.outcomes) == 1 and batch.cancelled == 1
        assert sum(s.students for s in office.status().schools) == 4  # only the first
    assert all(total == 1000 for _, total in seen) and seen == sorted(seen)
