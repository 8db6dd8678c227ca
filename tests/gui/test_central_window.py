"""The central office window, as a person uses it: every page, with Qt's real dialogs.

Nothing is replaced: message boxes, Qt's own file dialogs, progress dialogs and the job
runner are the app's. The ``person`` fixture (tests/gui/person.py) answers each modal
window with a real click or key after reading it, and every journey ends with
``person.free(window)``: no modal window left, the window takes a click.
"""

import platform
import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pdf_text import pdf_text
from sync_support import copy_database, export, office, plantel, snapshot, two_pc_conflict

from seguimiento_desktop.gui.central.window import CentralWindow
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.sync.bundles import read_container
from tests.gui.person import Choose, Click, Press, SaveAs, real_click, real_key, real_typing
from tests.conftest import raw_connection


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


def click_at(widget: QWidget, point) -> None:
    """A real click at ``point`` (in ``widget``'s coordinates)."""
    top = widget.window()
    QTest.mouseClick(top.windowHandle(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, widget.mapTo(top, point))


def go(window: CentralWindow, title: str) -> QWidget:
    """Click «title» in the left navigation; return the page it shows."""
    navigation = window.navigation
    item = navigation.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    click_at(navigation.viewport(), navigation.visualItemRect(item).center())
    assert navigation.currentItem() is item
    return window.stack.currentWidget()


def click_tree_item(tree, item) -> None:
    click_at(tree.viewport(), tree.visualItemRect(item).center())


def files_typed(*paths: Path) -> str:
    """What a person types in a file dialog to choose several files at once."""
    return " ".join(f'"{p}"' for p in paths)


def flat(text: str) -> str:
    """A message's words on one line (fingerprints are shown over two lines)."""
    return " ".join(text.split())


def rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else ""
             for c in range(table.columnCount())] for r in range(table.rowCount())]


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


# --- First start --------------------------------------------------------------------------

def test_first_start_creates_the_office(qtbot, open_window, tmp_path, person):
    """A freezing action of issue 9: the «creada» message used to get the progress dialog
    on top of it for good."""
    window = open_window(tmp_path / "nueva" / "central.sqlite")
    setup = window.setup
    assert setup is not None and window.navigation.isHidden()
    person.do(lambda: real_click(setup.create_button),
              Click("Aceptar", expect="Escriba el nombre", kind=QMessageBox))
    real_click(setup.name)
    real_typing(setup.name, "Oficina estatal de prueba")
    said = person.do(lambda: real_click(setup.create_button),
                     Click("Aceptar", expect="creada", kind=QMessageBox))
    assert "Oficina central «Oficina estatal de prueba» creada" in said[0]
    assert window.navigation.isVisible() and window.navigation.isEnabled()
    assert "Oficina estatal de prueba" in window.header.text()
    assert window.context.reader.identity().fingerprint.words in flat(said[0])
    assert go(window, "Planteles") is window.page("schools")
    person.free(window)


# --- Planteles ----------------------------------------------------------------------------

@pytest.mark.slow
def test_enrolling_a_plantel_after_comparing_its_fingerprint_then_revoking_it(
        qtbot, open_window, tmp_path, person):
    """A fingerprint that does not match enrolls nothing; one that matches enrolls the PC,
    which can later be revoked."""
    central = office(tmp_path)
    db = central.store.path
    central.close()
    school = plantel(tmp_path, count=2)
    with school.store.transaction() as plantel_db:  # typed before the catalog was enforced
        plantel_db.execute("UPDATE schools SET subsystem = 'DGETI', state = 'JALISCO'")
    request = school.sync_enrollment(tmp_path / "solicitud.json")
    school.close()
    window = open_window(db)
    page = go(window, "Planteles")
    assert "Aún no hay planteles" in page.summary.text()
    person.do(lambda: real_click(page.enroll_button), Choose(request.path),
              Click("Cancelar", expect=request.fingerprint.hex, kind=QMessageBox))
    assert page.tree.topLevelItemCount() == 0 and "Aún no hay planteles" in page.summary.text()
    said = person.do(lambda: real_click(page.enroll_button),
                     Choose(request.path, expect="solicitud de registro"),
                     Click("Sí, coincide: registrar", expect=request.fingerprint.hex,
                           kind=QMessageBox),
                     Click("Aceptar", expect="registrada", kind=QMessageBox))
    assert request.fingerprint.words in flat(said[1])
    assert "Solicitud de registro de 14DCT0099Z «CBTIS de prueba»" in said[1]
    pc = page.tree.topLevelItem(0).child(0)
    assert page.tree.topLevelItem(0).text(0) == "14DCT0099Z" and pc.text(7) == "Activa"
    assert page.tree.topLevelItem(0).text(1) == \
        "CBTIS de prueba (Jalisco · UEMSTIS (antes DGETI): CBTIS y CETIS)"
    assert "1 plantel, 1 PC registrada" in page.summary.text()
    pc_name = pc.text(0)  # «PC …4808»
    assert f"La {pc_name} de 14DCT0099Z quedó registrada" in said[2]
    person.do(lambda: real_click(page.revoke_button),  # nothing selected yet
              Press(Qt.Key.Key_Escape, expect="Seleccione en la tabla", kind=QMessageBox))
    click_tree_item(page.tree, pc)
    said = person.do(lambda: real_click(page.revoke_button),
                     Click("Dar de baja", expect="¿Dar de baja", kind=QMessageBox),
                     Click("Aceptar", expect="dada de baja", kind=QMessageBox))
    assert f"¿Dar de baja la {pc_name} de 14DCT0099Z?" in said[0]
    assert page.tree.topLevelItem(0).child(0).text(7) == "Dada de baja"
    person.free(window)


def test_a_wrong_file_as_registration_request_is_explained(qtbot, open_window, two_bundles,
                                                           tmp_path, person):
    db, bundles = two_bundles
    window = open_window(db)
    page = go(window, "Planteles")
    said = person.do(lambda: real_click(page.enroll_button), Choose(bundles[0]),
                     Press(Qt.Key.Key_Return, kind=QMessageBox))
    assert "solicitud" in said[1].lower() and "Traceback" not in said[1]
    assert page.tree.topLevelItemCount() == 2
    person.free(window)


def test_missing_bundles_are_named_on_planteles(qtbot, open_window, tmp_path, person):
    """Bundles 1 and 3 arrive, 2 stays on a forgotten stick: Planteles says which is missing."""
    school = plantel(tmp_path, count=3)
    central = office(tmp_path, school)
    first = export(school, tmp_path / "usb")
    student = school.find_students()[0]
    school.save_student(replace(student, phone="3312345678"))
    export(school, tmp_path / "olvidada")
    school.save_student(replace(school.student(student.id), phone="3399999999"))
    third = export(school, tmp_path / "usb")
    db = central.store.path
    for workspace in (school, central):
        workspace.close()
    window = open_window(db)
    receive = go(window, "Recibir paquetes")
    person.do(lambda: real_click(receive.choose_button), Choose(files_typed(first, third)))
    qtbot.waitUntil(lambda: receive.table.rowCount() == 2, timeout=10_000)
    assert "Falta el paquete 2 de 14DCT0099Z" in receive.gaps.text()
    page = go(window, "Planteles")
    pc = page.tree.topLevelItem(0).child(0)
    assert pc.text(4) == "3" and pc.text(6) == "núm. 2"  # last bundle, missing ones
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", pc.text(5))  # es-MX, local
    assert page.gaps.isVisible() and "Falta el paquete 2 de 14DCT0099Z" in page.gaps.text()
    person.free(window)


# --- Recibir paquetes ---------------------------------------------------------------------

def test_merging_two_bundles_lists_both_accepted_and_the_planteles(qtbot, open_window,
                                                                   two_bundles, person):
    db, bundles = two_bundles
    window = open_window(db)
    page = go(window, "Recibir paquetes")
    person.do(lambda: real_click(page.choose_button),
              Choose(files_typed(*bundles), expect="Elegir paquetes"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    found = {row[1]: row for row in rows(page.table)}
    assert found["14DCT0099Z"][3] == found["30DCM0011K"][3] == "Aceptado"
    assert found["14DCT0099Z"][4] == "4" and found["30DCM0011K"][4] == "3"  # nuevos: students
    assert all(len(list(b.parent.glob("*.acuse"))) == 2 for b in bundles)
    assert "2 paquetes aceptados, 0 rechazados" in page.summary.text()
    assert "Acuse:" in page.detail.text()
    schools = go(window, "Planteles")
    found = {schools.tree.topLevelItem(i).text(0): schools.tree.topLevelItem(i)
             for i in range(schools.tree.topLevelItemCount())}
    assert set(found) == {"14DCT0099Z", "30DCM0011K"}
    assert found["14DCT0099Z"].text(2) == "4"
    assert found["30DCM0011K"].child(0).text(4) == "1"  # last bundle number
    person.free(window)


def test_acknowledgements_go_to_the_folder_chosen(qtbot, open_window, two_bundles, tmp_path,
                                                  person):
    db, bundles = two_bundles
    acks = tmp_path / "acuses"
    acks.mkdir()
    window = open_window(db)
    page = go(window, "Recibir paquetes")
    person.do(lambda: real_click(page.folder_button), Choose(acks, expect="acuses"))
    assert page.elsewhere.isChecked() and page.folder_label.text() == str(acks)
    person.do(lambda: real_click(page.choose_button), Choose(files_typed(*bundles)))
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    assert len(list(acks.glob("*.acuse"))) == 2
    assert not list(bundles[0].parent.glob("*.acuse"))
    person.free(window)


def test_a_tampered_bundle_is_rejected_with_its_reason_and_changes_nothing(
        qtbot, open_window, two_bundles, tmp_path, person):
    db, bundles = two_bundles
    tampered = tmp_path / "alterado" / bundles[0].name
    tampered.parent.mkdir()
    data = bytearray(bundles[0].read_bytes())
    container = read_container(bundles[0])
    data[container.payload_offset + container.payload_size // 2] ^= 0x01  # inside the payload
    tampered.write_bytes(bytes(data))
    window = open_window(db)
    before = snapshot(db)
    page = go(window, "Recibir paquetes")
    said = person.do(lambda: real_click(page.choose_button), Choose(tampered),
                     Click("Aceptar", expect="No se fusionó", kind=QMessageBox))
    assert "alterado" in said[1] and tampered.name in said[1]
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "Rechazado"
    outcome = page.last_batch.outcomes[0]
    assert outcome.reason == "alterado" and page.table.item(0, 9).text() == "archivo alterado"
    assert outcome.message in page.detail.text() and "No se fusionó" in outcome.message
    assert "0 paquetes aceptados, 1 rechazado" in page.summary.text()
    assert snapshot(db) == before
    assert not list(tampered.parent.glob("*.acuse"))
    person.free(window)


# --- Conflictos ---------------------------------------------------------------------------

def _capture_pc_copy(main: Workspace, folder: Path) -> Workspace:
    """A second PC of the same plantel, set up from a copy of the main PC's database."""
    path = copy_database(main.store.path, folder / "captura.sqlite")
    with raw_connection(path) as conn:
        conn.execute("DELETE FROM settings WHERE key IN ('installation_id', 'sync.signing_key', "
                     "'sync.age_identity', 'sync.config', 'sync.pinned_key')")
        conn.execute("DELETE FROM sync_exports")
    return Workspace.open(path)


def test_concurrent_edits_show_in_conflicts(qtbot, open_window, tmp_path, person):
    main = plantel(tmp_path, count=3)
    capture = _capture_pc_copy(main, tmp_path)
    central = office(tmp_path, main, capture)
    first = main.find_students()[0]
    main.save_student(replace(first, phone="3312345678"))
    capture.save_student(replace(capture.student(first.id), phone="3399999999"))
    paths = [export(main, tmp_path / "a"), export(capture, tmp_path / "b")]
    db = central.store.path
    for workspace in (main, capture, central):
        workspace.close()
    window = open_window(db)
    conflicts = go(window, "Conflictos")
    assert conflicts.table.rowCount() == 0
    assert conflicts.summary.text() == "No hay conflictos por revisar."
    receive = go(window, "Recibir paquetes")
    person.do(lambda: real_click(receive.choose_button), Choose(files_typed(*paths)))
    qtbot.waitUntil(lambda: receive.table.rowCount() == 2, timeout=10_000)
    go(window, "Conflictos")
    assert conflicts.table.rowCount() == 1 and conflicts.summary.text() == (
        "1 conflicto por revisar.")
    row = rows(conflicts.table)[0]
    assert first.curp in conflicts.table.item(0, 0).toolTip() and row[1] == "Teléfono"
    assert {row[2], row[5]} == {"3312345678", "3399999999"}
    # One plantel, two PCs: told apart by the PC, not only by the CCT they share.
    named = f"14DCT0099Z (PC {platform.node()} (…"  # the computer's name, and its id's end
    assert row[3].startswith(named) and row[6].startswith(named)
    assert row[3] != row[6]
    assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", row[i]) for i in (4, 7))  # es-MX
    schools = go(window, "Planteles")
    assert schools.tree.topLevelItem(0).childCount() == 2  # two PCs of one plantel
    assert "Conflictos por revisar: 1" in schools.summary.text()
    person.free(window)


class Resolve(Click):
    """In «Resolver conflicto»: click a choice (or type a value), who resolves, «Guardar»."""

    def __init__(self, pick: str, value: str = "", resolver: str | None = None,
                 seen_resolver: str | None = None):
        super().__init__("Guardar", "Resolver conflicto")
        self.pick, self.value, self.resolver = pick, value, resolver
        self.seen_resolver = seen_resolver

    def act(self, window: QWidget) -> None:
        if self.seen_resolver is not None:  # remembered from the last resolution
            assert window.resolver.text() == self.seen_resolver
        if self.value:
            real_click(window.value)
            real_typing(window.value, self.value)
        else:
            radio = getattr(window, self.pick)
            real_click(radio, QPoint(8, radio.height() // 2))
        if self.resolver is not None:
            real_click(window.resolver)
            window.resolver.selectAll()
            real_typing(window.resolver, self.resolver)
        super().act(window)


def test_resolving_conflicts_from_the_conflicts_page(qtbot, open_window, tmp_path, person):
    central, main, capture, first = two_pc_conflict(tmp_path)
    db = central.store.path
    for workspace in (main, capture, central):
        workspace.close()
    window = open_window(db)
    page = go(window, "Conflictos")
    assert [r[1] for r in rows(page.table)] == ["Correo", "Teléfono"]
    other_phone = rows(page.table)[1][5]

    def pick(row: int) -> None:
        click_at(page.table.viewport(), page.table.visualItemRect(page.table.item(row, 0)).center())
        assert page.table.currentRow() == row

    pick(1)
    person.do(lambda: real_click(page.resolve_button),
              Resolve("other", resolver="Ana López", seen_resolver=""))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert rows(page.table)[0][1] == "Correo" and page.summary.text() == (
        "1 conflicto por revisar.")
    pick(0)  # a value the directory's rules refuse: said in Spanish, nothing changes
    person.do(lambda: real_click(page.resolve_button),
              Resolve("typed", value="no-es-correo", seen_resolver="Ana López"),
              Click("Aceptar", "no es válido para «Correo»", QMessageBox))
    assert page.table.rowCount() == 1
    pick(0)
    person.do(lambda: real_click(page.resolve_button),
              Resolve("typed", value="bien@example.com", seen_resolver="Ana López"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=10_000)
    assert page.summary.text() == "No hay conflictos por revisar."
    assert not page.resolve_button.isEnabled()
    with raw_connection(db) as conn:
        assert conn.execute("SELECT phone, email FROM students WHERE id = ?",
                            [first.id]).fetchone() == (other_phone, "bien@example.com")
        assert conn.execute("SELECT field, choice, resolved_by FROM sync_resolutions ORDER BY "
                            "field").fetchall() == [("email", "valor", "Ana López"),
                                                    ("phone", "otro", "Ana López")]
    person.free(window)


# --- Configuración ------------------------------------------------------------------------

def test_exporting_the_configuration_package(qtbot, open_window, two_bundles, tmp_path, person):
    """A freezing action of issue 9 (the «guardado» message under a progress dialog)."""
    db, _bundles = two_bundles
    window = open_window(db)
    page = go(window, "Configuración")
    assert len(page.words.text().split()) == 12
    page.profile.setFocus()
    real_key(page.profile, Qt.Key.Key_Down)  # a keyboard user picks «Seudonimizado»
    assert page.profile.currentData() == "seudonimizado"
    out = tmp_path / "config-2.json"
    said = person.do(lambda: real_click(page.package_button),
                     SaveAs(out, expect="paquete de configuración"),
                     Click("Aceptar", expect="guardado", kind=QMessageBox))
    assert str(out) in said[1] and "seudonimizado" in said[1]
    assert out.exists() and "seudonimizado" in page.status.text()
    assert "seudonimizado" in window.header_detail.text()
    person.free(window)


def test_rotating_the_signing_key(qtbot, open_window, two_bundles, person):
    db, _bundles = two_bundles
    window = open_window(db)
    page = go(window, "Configuración")
    old = page.hex.text()
    person.do(lambda: real_click(page.rotate_button),
              Click("Cancelar", expect="¿Cambiar la clave", kind=QMessageBox))
    assert page.hex.text() == old
    said = person.do(lambda: real_click(page.rotate_button),
                     Click("Cambiar la clave", expect="¿Cambiar la clave", kind=QMessageBox),
                     Click("Aceptar", expect="Nueva huella", kind=QMessageBox))
    assert page.hex.text() != old and page.hex.text() in said[1]
    assert page.hex.text() in window.header_detail.text()
    assert "Exporte un paquete de configuración nuevo" in page.status.text()
    person.free(window)


# --- Informe consolidado ------------------------------------------------------------------

def test_consolidated_report_renders_and_opens(qtbot, open_window, tmp_path, person, viewer):
    """Every generación merged is offered, a two-year one too, and the report is of it."""
    first = plantel(tmp_path, cct="14DCT0099Z", count=4, seed=3)
    with first.store.transaction() as plantel_db:  # the importer accepts 2 to 5 years
        plantel_db.execute("UPDATE students SET cohort = '2024-2026' WHERE rowid IN (1, 2)")
        plantel_db.execute("UPDATE students SET cohort = '2021-2025' WHERE rowid = 3")
    central = office(tmp_path, first)
    central.merge([export(first, tmp_path / "usb")])
    db = central.store.path
    for workspace in (first, central):
        workspace.close()
    window = open_window(db)
    page = go(window, "Informe consolidado")
    offered = [page.cohort.itemText(i) for i in range(page.cohort.count())]
    assert offered == ["La más reciente con respuestas de C2", "2024-2026", "2023-2026",
                       "2021-2025"]
    real_click(page.cohort.lineEdit())
    real_key(page.cohort.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    real_typing(page.cohort.lineEdit(), "2024-2026")
    out = tmp_path / "informe.pdf"
    person.do(lambda: real_click(page.generate_button),
              SaveAs(out, expect="informe consolidado"))
    qtbot.waitUntil(lambda: bool(viewer.opened), timeout=15_000)
    assert viewer.opened == [out] and out.read_bytes()[:4] == b"%PDF"
    assert "páginas" in page.status.text() and str(out) in page.status.text()
    assert "Generación 2024-2026" in " ".join(pdf_text(out).split())
    person.free(window)


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
