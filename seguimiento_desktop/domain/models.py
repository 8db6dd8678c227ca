"""Domain records, as frozen dataclasses that storage takes and returns."""

from dataclasses import dataclass, field, replace
from datetime import date

STUDENT_STATUSES = {
    "activo": "Alumno activo",
    "egresado": "Egresado",
    "baja": "Baja",
}
SHIFTS = ("Matutino", "Vespertino", "Nocturno", "Mixto", "Discontinuo")
SEX_LABELS = {"H": "Hombre", "M": "Mujer", "X": "No binario"}


@dataclass(frozen=True)
class School:
    """The plantel: its CCT and the data printed on reports."""

    cct: str
    name: str
    subsystem: str = ""
    state: str = ""
    municipality: str = ""
    shift: str = ""


@dataclass(frozen=True)
class Student:
    """A student or graduate (alumno / egresado) in the directory.

    ``id`` identifies the row; ``curp`` identifies the person across planteles and years.
    """

    curp: str
    given_names: str
    first_surname: str
    second_surname: str = ""
    sex: str = ""
    birth_date: date | None = None
    cohort: str = ""
    career: str = ""
    group: str = ""
    shift: str = ""
    email: str = ""
    phone: str = ""
    home_phone: str = ""
    status: str = "activo"
    id: str = ""
    updated_at: int = 0
    origin: str = ""
    deleted: bool = False

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.first_surname, self.second_surname) if p)

    def with_changes(self, **changes: object) -> "Student":
        return replace(self, **changes)


# Fields a user edits (the directory's business data); sync metadata is excluded.
STUDENT_DATA_FIELDS = (
    "curp", "given_names", "first_surname", "second_surname", "sex", "birth_date", "cohort",
    "career", "group", "shift", "email", "phone", "home_phone", "status",
)


@dataclass(frozen=True)
class StudentQuery:
    """What the directory screen and `students list` ask for."""

    text: str = ""
    cohort: str = ""
    group: str = ""
    career: str = ""
    order_by: str = "name"
    descending: bool = False
    limit: int | None = None
    offset: int = 0
    include_deleted: bool = False


@dataclass(frozen=True)
class DirectoryFacets:
    """Values present in the directory, for the filter combos."""

    cohorts: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    careers: list[str] = field(default_factory=list)
