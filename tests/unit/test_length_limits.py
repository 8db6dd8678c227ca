"""A field longer than the office accepts is refused where it is typed or imported, one
person at a time: before, the plantel stored it and the office refused the plantel's whole
next bundle, and every later one, for that one field (domain/limits.py)."""

from dataclasses import replace
from datetime import date

import pytest

from seguimiento_desktop.domain.limits import NAME_MAX, NOTE_MAX
from seguimiento_desktop.domain.models import ContactAttempt
from seguimiento_desktop.domain.student_rules import check_student
from seguimiento_desktop.errors import InvalidData
from tests.roster_files import people, roster_rows, write_xlsx
from tests.sync_support import export, office, plantel


def test_a_name_longer_than_the_office_accepts_is_refused_and_says_so():
    student = people(1)[0]
    assert check_student(replace(student, given_names="A" * NAME_MAX)).ok
    check = check_student(replace(student, given_names="ANA " * 70, group="G" * 41))
    assert check.errors["given_names"] == ("El nombre es demasiado largo: tiene 279 caracteres "
                                           "y caben 200. Revíselo.")
    assert "El grupo es demasiado largo" in check.errors["group"]
    long_email = replace(student, email="a" * 190 + "@example.com")
    assert check_student(long_email).student.email == ""  # a warning, as a bad address
    assert "no parece válido" in check_student(long_email).warnings["email"]


def test_the_plantel_keeps_syncing_after_a_too_long_name_is_typed_or_imported(tmp_path):
    school = plantel(tmp_path, "14DCT0099Z", 3, seed=1)
    central = office(tmp_path, school)
    typed = school.find_students()[0]
    with pytest.raises(InvalidData, match="demasiado largo"):
        school.save_student(replace(typed, given_names="ANA " * 70))
    listed = people(4, seed=9)
    listed[1] = replace(listed[1], first_surname="LÓPEZ" * 50)
    report = school.import_roster(write_xlsx(tmp_path / "lista.xlsx", roster_rows(listed)),
                                  typed.cohort)
    assert report.inserted == 3
    assert len(report.rejected) == 1
    assert any("primer apellido es demasiado largo" in r for r in report.rejected[0].reasons)
    with pytest.raises(InvalidData, match="La nota es demasiado larga"):
        school.log_contact_attempt(ContactAttempt(
            student_id=typed.id, attempted_on=date(2026, 11, 2), medium="telefono",
            result="no_contesto", note="x" * (NOTE_MAX + 1)))
    outcome = central.merge([export(school, tmp_path / "usb")]).outcomes[0]
    assert outcome.accepted, outcome.message
