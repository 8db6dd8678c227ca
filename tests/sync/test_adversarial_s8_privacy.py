"""The «seudonimizado» profile promises the office no CURP, names or contact data: the
questionnaires' contact answers (phones, e-mail, address, alternate contact) included.

Found by an outside tester: every C1 reached a pseudonymised office with the graduate's
mobile, e-mail, home address and alternate contact beside the pseudonym.
"""

import json
from datetime import date

import pytest
from sync_support import export, office, rewrite_bundle

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.privacy.retention import CONTACT_ANSWERS
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.config_package import pseudonym_key
from seguimiento_desktop.sync.lines import attempt_line, response_line, student_line
from tests.central_pg.store_content import everything
from tests.conftest import raw_connection

DEMO_DAY = date(2026, 11, 30)  # the demo's three cohorts have C1, C2 and C3 by then


@pytest.fixture
def school(tmp_path):
    workspace = Workspace.open(tmp_path / "plantel.sqlite")
    workspace.fill_demo(40, today=DEMO_DAY)
    yield workspace
    workspace.close()


def sent_answers(workspace) -> dict[str, dict]:
    found = {r.id: r.answers for r in workspace.find_responses()}
    assert sum(bool(CONTACT_ANSWERS & set(a)) for a in found.values()) > 5  # the demo has them
    return found


def office_answers(central) -> dict[str, dict]:
    with raw_connection(central.store.path) as conn:
        return {i: json.loads(a) for i, a in conn.execute("SELECT id, answers FROM responses")}


def without_contact(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if k not in CONTACT_ANSWERS}


def test_a_pseudonymised_bundle_carries_no_contact_answers(school, tmp_path):
    sent = sent_answers(school)
    central = office(tmp_path, school, profile="seudonimizado")
    assert central.merge([export(school, tmp_path / "usb")]).outcomes[0].accepted
    received = office_answers(central)
    assert received == {i: without_contact(a) for i, a in sent.items()}
    central.close()


def test_the_office_drops_contact_answers_an_older_plantel_still_sends(school, tmp_path):
    """A plantel on a version before the fix sends them in its pseudonymised bundles: the
    office keeps its own promise whatever the sender's version."""
    sent = sent_answers(school)
    central = office(tmp_path, school, profile="seudonimizado")
    bundle = export(school, tmp_path / "usb")
    key, db = pseudonym_key(school.store), school.store.db
    lines = [student_line(r, "seudonimizado", key)
             for r in sync_state.changed_rows(db, "students", 0, 1 << 62)]
    lines += [response_line(r) for r in sync_state.changed_rows(db, "responses", 0, 1 << 62)]
    lines += [attempt_line(r, "seudonimizado")
              for r in sync_state.changed_rows(db, "contact_attempts", 0, 1 << 62)]
    plain = "".join(line + "\n" for line in lines).encode()
    assert b'"CELULAR"' in plain
    old = rewrite_bundle(bundle, tmp_path / "antiguo.seg", school, plain=plain,
                         change_manifest=lambda m: m.update(plain_size=len(plain)))
    assert central.merge([old]).outcomes[0].accepted
    assert office_answers(central) == {i: without_contact(a) for i, a in sent.items()}
    central.close()


def test_a_bundle_made_for_the_other_profile_is_refused_until_the_new_package(school, tmp_path):
    """The office chose «seudonimizado» after the plantel imported a «completo» package:
    the plantel's next bundle (CURPs, names, phones) is refused, not stored, until it
    imports the package in force; then the same changes arrive pseudonymised."""
    central = office(tmp_path, school, profile="completo")
    central.set_profile("seudonimizado")
    before = everything(central)
    outcome = central.merge([export(school, tmp_path / "usb")]).outcomes[0]
    assert not outcome.accepted and outcome.reason == "destinatario"
    assert "paquete de configuración" in outcome.message and "seudonimizado" in outcome.message
    assert everything(central) == before
    package = central.write_config_package(tmp_path / "nueva.json")
    school.import_config(package.path)
    assert central.merge([export(school, tmp_path / "usb2")]).outcomes[0].accepted
    with raw_connection(central.store.path) as conn:
        curps = [c for (c,) in conn.execute("SELECT curp FROM students")]
    assert curps and all(c.startswith("S-") for c in curps)
    central.close()


def test_real_curps_in_a_bundle_that_claims_to_be_pseudonymised_are_refused(school, tmp_path):
    central = office(tmp_path, school, profile="seudonimizado")
    bundle = export(school, tmp_path / "usb")
    rows = list(sync_state.changed_rows(school.store.db, "students", 0, 1 << 62))
    plain = "".join(student_line(r, "completo", None) + "\n" for r in rows).encode()
    forged = rewrite_bundle(bundle, tmp_path / "curps.seg", school, plain=plain,
                            change_manifest=lambda m: m.update(
                                plain_size=len(plain), counts={
                                    "students": len(rows), "responses": 0,
                                    "contact_attempts": 0}))
    before = everything(central)
    outcome = central.merge([forged]).outcomes[0]
    assert not outcome.accepted and outcome.reason == "contenido", outcome.message
    assert "CURP" in outcome.message
    assert everything(central) == before
    central.close()


def test_a_profile_change_whose_package_was_not_written_changes_nothing(school, tmp_path):
    """`central config-package --perfil seudonimizado --out` onto a stick that is not there:
    the office keeps its profile (and keeps accepting the planteles' bundles), since no
    plantel could receive the change; written, the package changes it."""
    central = office(tmp_path, school, profile="completo")
    with pytest.raises(UserError):
        central.write_config_package(tmp_path / "no-hay-memoria" / "config.json",
                                     "seudonimizado")
    assert central.identity().profile == "completo"
    assert central.merge([export(school, tmp_path / "usb")]).outcomes[0].accepted
    package = central.write_config_package(tmp_path / "config.json", "seudonimizado")
    assert package.profile == central.identity().profile == "seudonimizado"
    central.close()
