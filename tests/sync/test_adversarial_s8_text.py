"""Text inside a correctly signed bundle: a CURP in another form, control characters.

Found by an outside tester:
- another plantel's student sent with the CURP in lower case, with a space or a zero-width
  character was merged as a second person: the office's one row a person (and the link of
  a student who moved) rests on the CURP's one form, which every plantel stores;
- a name carrying terminal escape sequences (``ESC ] 52`` writes the clipboard of the
  terminal that prints it) reached `central conflicts`, and right-to-left overrides or
  zero-width characters made a name read as another.
"""

import json

import pytest
from sync_support import export, office, plantel

from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.lines import student_line
from tests.central_pg.store_content import everything
from tests.conftest import raw_connection
from tests.sync_support import rewrite_bundle

P1, P2 = "14DCT0099Z", "30DCM0011K"


@pytest.fixture
def two(tmp_path):
    first, second = plantel(tmp_path, P1, 2, seed=1), plantel(tmp_path, P2, 2, seed=2)
    central = office(tmp_path, first, second)
    assert central.merge([export(second, tmp_path / "p2")]).outcomes[0].accepted
    yield first, second, central, export(first, tmp_path / "p1")
    for workspace in (first, second, central):
        workspace.close()


def students_of(workspace) -> list[dict]:
    rows = sync_state.changed_rows(workspace.store.db, "students", 0, 1 << 62)
    return [json.loads(student_line(row, "completo", None)) for row in rows]


def forge(bundle, target, workspace, records):
    plain = "".join(json.dumps(r) + "\n" for r in records).encode()
    return rewrite_bundle(bundle, target, workspace, plain=plain, change_manifest=lambda m: m.update(
        plain_size=len(plain), counts={"students": len(records), "responses": 0,
                                       "contact_attempts": 0}))


@pytest.mark.parametrize("disguise", [str.lower, lambda c: c[:4] + " " + c[4:],
                                      lambda c: c[:4] + "\u200b" + c[4:]],
                         ids=["minusculas", "espacio", "ancho-cero"])
def test_a_curp_in_another_form_is_refused_not_a_second_person(two, tmp_path, disguise):
    first, second, central, bundle = two
    victim = students_of(second)[0]
    twin = dict(victim, id=uuid7(), curp=disguise(victim["curp"]),
                origin=first.store.installation_id, base_updated_at=None, base_origin=None)
    before = everything(central)
    outcome = central.merge([forge(bundle, tmp_path / "curp.seg", first, [twin])]).outcomes[0]
    assert not outcome.accepted and outcome.reason == "contenido"
    assert "curp" in outcome.message and "línea 1" in outcome.message
    assert everything(central) == before


HOSTILE_NAME = "ANA\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J \u202eAIRAM\u202c LU\u200bISA\x00"


def test_control_and_direction_characters_never_reach_the_office(two, tmp_path):
    first, _, central, bundle = two
    own = students_of(first)
    own[0].update(given_names=HOSTILE_NAME, first_surname="PÉREZ\tLÓPEZ\r\n")
    assert central.merge([forge(bundle, tmp_path / "nombre.seg", first, own)]).outcomes[0].accepted
    with raw_connection(central.store.path) as conn:
        name, surname = conn.execute("SELECT given_names, first_surname FROM students "
                                     "WHERE id = ?", [own[0]["id"]]).fetchone()
    assert name == "ANA]52;c;cm0gLXJmIH4=[2J AIRAM LUISA"
    assert surname == "PÉREZ LÓPEZ"


def test_an_enrollment_request_shows_and_keeps_no_escape_sequences(run_cli, tmp_path):
    """The request is read (and its plantel printed) before anyone compared its fingerprint:
    whoever hands the office a file reaches its terminal unless the text is cleaned."""
    from seguimiento_desktop.sync.keys import (
        age_recipient_of, new_age_identity, new_signing_key, public_key_of)
    from seguimiento_desktop.sync.signed import make_document
    key = new_signing_key()
    body = {"installation_id": uuid7(), "cct": P1, "signing_key": public_key_of(key),
            "age_recipient": age_recipient_of(new_age_identity()),
            "school": {"name": "CBTIS\x1b]52;c;cm0gLXJmIH4=\x07 \u202e99\u202c\n1", "state": "\x1b[2J"},
            "created_at": "2026-11-30T10:00:00+00:00", "app_version": "1.0", "pc_name": "PC"}
    request = tmp_path / "solicitud.json"
    request.write_bytes(make_document("enrollment", body, key))
    central = tmp_path / "central.sqlite"
    run_cli("central", "--db", str(central), "init", "--nombre", "Oficina", check=True)
    shown = run_cli("central", "--db", str(central), "enroll", str(request), "--si", check=True)
    listed = run_cli("central", "--db", str(central), "status", check=True)
    for output in (shown.stdout + shown.stderr, listed.stdout + listed.stderr):
        assert "CBTIS]52;c;cm0gLXJmIH4= 99 1" in output
        assert not any(c in output for c in "\x1b\x07\u202e\u202c")


def test_a_configuration_package_names_its_office_without_escape_sequences(tmp_path):
    """The plantel reads the office's name before it compared the fingerprint."""
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    school = plantel(tmp_path, P1, 1)
    central = CentralWorkspace.open(tmp_path / "oficina.sqlite")
    central.init("Oficina\x1b]0;TITULO\x07 \u202eESTATAL\u202c\n", profile="completo")
    package = central.write_config_package(tmp_path / "config.json")
    assert school.preview_config(package.path).central_name == "Oficina]0;TITULO ESTATAL"
    for workspace in (school, central):
        workspace.close()
