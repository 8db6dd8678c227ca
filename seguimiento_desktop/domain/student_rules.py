"""The rules a student record must pass, shared by the student dialog and the importer."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from seguimiento_desktop.domain.contact import normalize_email, normalize_phone
from seguimiento_desktop.domain.curp import (
    age_warning, curp_problem, decode_curp, name_mismatch, normalize_curp)
from seguimiento_desktop.domain.limits import CODE_MAX, NAME_MAX
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
    fields, errors, warnings = check_fields(dict(student.__dict__))
    return StudentCheck(Student(**fields), errors, warnings)


# Cohort, career, group, shift and most names repeat down a list: each distinct value is
# normalised once (the importer checks thousands of rows).
_clean = lru_cache(maxsize=16384)(clean_spaces)


@lru_cache(maxsize=65536)
def _clean_name(text: str) -> str:
    return clean_spaces(text).upper()


# The office refuses a bundle with a longer field (domain/limits.py): refused here instead.
TOO_LONG = (("given_names", NAME_MAX, "El nombre"),
            ("first_surname", NAME_MAX, "El primer apellido"),
            ("second_surname", NAME_MAX, "El segundo apellido"),
            ("career", NAME_MAX, "El nombre de la carrera"), ("cohort", CODE_MAX, "La generación"),
            ("group", CODE_MAX, "El grupo"), ("shift", CODE_MAX, "El turno"))
_CONTACT = (("email", normalize_email), ("phone", normalize_phone),
            ("home_phone", normalize_phone))


def check_fields(fields: dict) -> tuple[dict, dict[str, str], dict[str, str]]:
    """``check_student`` on a student's fields (attribute names), without building a
    Student: the normalised fields (changed in place), the errors and the warnings."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    curp = fields["curp"] = normalize_curp(fields["curp"])
    given = fields["given_names"] = _clean_name(fields["given_names"])
    first = fields["first_surname"] = _clean_name(fields["first_surname"])
    second = fields["second_surname"] = _clean_name(fields.get("second_surname", ""))
    problem = curp_problem(curp)
    if problem:
        errors["curp"] = problem
    if not given:
        errors["given_names"] = "Falta el nombre."
    if not first:
        errors["first_surname"] = "Falta el primer apellido."
    for key, normalize in _CONTACT:
        fields[key], warning = normalize(fields.get(key, ""))
        if warning:
            warnings[key] = warning
    info = decode_curp(curp) if problem is None else None
    if info:
        fields["sex"], fields["birth_date"] = info.sex, info.birth_date
    cohort = fields["cohort"] = _clean(fields.get("cohort", ""))
    if info and not errors:
        notes = [note for note in (name_mismatch(curp, given, first, second),
                                   age_warning(curp, _entry_year(cohort))) if note]
        if notes:
            warnings["curp"] = " ".join(notes)
    if fields.get("status") not in STUDENT_STATUSES:
        fields["status"] = "activo"
    for key in ("career", "group", "shift"):
        fields[key] = _clean(fields.get(key, ""))
    for key, limit, what in TOO_LONG:
        if len(fields.get(key) or "") > limit:
            errors[key] = (f"{what} es demasiado largo: tiene {len(fields[key]):,} caracteres y "
                           f"caben {limit}. Revíselo.")
    return fields, errors, warnings


def _entry_year(cohort: str) -> int | None:
    """The entry year of a cohort such as «2023-2026», or None if it does not say."""
    match = re.match(r"\s*(\d{4})", cohort or "")
    return int(match.group(1)) if match else None
