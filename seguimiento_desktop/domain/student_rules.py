"""The rules a student record must pass, shared by the student dialog and the importer."""

import re
from dataclasses import dataclass, field, replace

from seguimiento_desktop.domain.contact import normalize_email, normalize_phone
from seguimiento_desktop.domain.curp import (
    age_warning, curp_problem, decode_curp, name_mismatch, normalize_curp)
from seguimiento_desktop.domain.models import STUDENT_STATUSES, Student
from seguimiento_desktop.domain.text import clean_spaces


@dataclass(frozen=True)
class StudentCheck:
    """A normalised student plus what blocks saving it (errors) and what merely looks odd."""

    student: Student
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_student(student: Student) -> StudentCheck:
    """Normalise a student as typed or imported and say what is wrong with it.

    Errors (a missing or invalid CURP, a missing name) block saving. A bad e-mail or phone
    is only a warning: the field is emptied and the student is kept; so are a name that does
    not give the CURP's letters and an implausible age for a student.
    """
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    curp = normalize_curp(student.curp)
    names = {key: clean_spaces(getattr(student, key)).upper()
             for key in ("given_names", "first_surname", "second_surname")}
    problem = curp_problem(curp)
    if problem:
        errors["curp"] = problem
    if not names["given_names"]:
        errors["given_names"] = "Falta el nombre."
    if not names["first_surname"]:
        errors["first_surname"] = "Falta el primer apellido."
    contact = {}
    for key, normalize in (("email", normalize_email), ("phone", normalize_phone),
                           ("home_phone", normalize_phone)):
        contact[key], warning = normalize(getattr(student, key))
        if warning:
            warnings[key] = warning
    info = decode_curp(curp)
    derived = {"sex": info.sex, "birth_date": info.birth_date} if info else {}
    if info and not errors:
        mismatch = name_mismatch(curp, names["given_names"], names["first_surname"],
                                 names["second_surname"])
        notes = [note for note in (mismatch, age_warning(curp, _entry_year(student.cohort)))
                 if note]
        if notes:
            warnings["curp"] = " ".join(notes)
    status = student.status if student.status in STUDENT_STATUSES else "activo"
    normalized = replace(student, curp=curp, status=status, **names, **contact, **derived,
                         career=clean_spaces(student.career), group=clean_spaces(student.group),
                         shift=clean_spaces(student.shift), cohort=clean_spaces(student.cohort))
    return StudentCheck(normalized, errors, warnings)


def _entry_year(cohort: str) -> int | None:
    """The entry year of a cohort such as «2023-2026», or None if it does not say."""
    match = re.match(r"\s*(\d{4})", cohort or "")
    return int(match.group(1)) if match else None
