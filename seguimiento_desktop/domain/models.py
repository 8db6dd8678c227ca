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
# Follow-up status of a graduate (estado de localización).
CONTACT_STATUSES = {
    "": "Sin contactar",
    "localizado": "Localizado",
    "no_localizado": "No localizado",
    "contactado": "Recado dejado",
    "rechazo": "Rechazó participar",
    "baja": "Baja",
}


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
    contact_status: str = ""
    seq: int = 0
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
    "career", "group", "shift", "email", "phone", "home_phone", "status", "contact_status",
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


RESPONSE_MODES = {
    "papel": "Papel",
    "telefono": "Teléfono",
    "entrevista": "Entrevista",
    "autoaplicado": "Autoaplicado",
    "sala": "Autoaplicado en sala",  # answered in the computer lab's browser (sala/)
}
RESPONSE_STATUSES = {"parcial": "Parcial", "completa": "Completa", "verificada": "Verificada"}


@dataclass(frozen=True)
class Response:
    """One questionnaire answered by one student (one C2 per graduate).

    ``answers`` maps question id to a code, a list of codes, a number or text;
    ``confirmed`` lists question ids whose out-of-range value the keyer confirmed as on paper.
    """

    student_id: str
    questionnaire: str
    version: int
    answers: dict = field(default_factory=dict)
    mode: str = "papel"
    status: str = "parcial"
    keyer: str = ""
    verifier: str = ""
    confirmed: tuple[str, ...] = ()
    started_at: str = ""
    completed_at: str = ""
    id: str = ""
    updated_at: int = 0
    origin: str = ""
    deleted: bool = False

    def with_changes(self, **changes: object) -> "Response":
        return replace(self, **changes)


CONTACT_MEDIA = {
    "telefono": "Teléfono",
    "whatsapp": "WhatsApp",
    "correo": "Correo",
    "redes": "Redes sociales",
    "visita": "Visita",
}
CONTACT_RESULTS = {
    "contesto": "Contestó / respondió",
    "no_contesto": "No contestó",
    "numero_equivocado": "Número o dirección equivocada",
    "dejo_mensaje": "Se dejó recado",
    "agendo": "Agendó otra fecha",
    "rechazo": "Rechazó participar",
}


@dataclass(frozen=True)
class ContactAttempt:
    """One try to reach a graduate (bitácora de contacto)."""

    student_id: str
    attempted_on: date
    medium: str
    result: str
    note: str = ""
    questionnaire: str = ""
    id: str = ""
    updated_at: int = 0
    origin: str = ""
    deleted: bool = False


def folio(questionnaire: str, seq: int) -> str:
    """The folio printed on a questionnaire (and in its barcode): 'C2-000123'."""
    return f"{questionnaire}-{seq:06d}"


def parse_folio(text: str) -> tuple[str, int] | None:
    """('C2', 123) from 'C2-000123' (also 'c2000123', 'C2 123'); None if not a folio."""
    import re
    match = re.fullmatch(r"\s*(C[123])[\s\-]*0*(\d{1,9})\s*", text.upper())
    return (match.group(1), int(match.group(2))) if match else None
