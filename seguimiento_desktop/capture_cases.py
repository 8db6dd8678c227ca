"""Opening a case for capture, and keyer statistics (Qt-free; the capture screen uses them)."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.curp import normalize_curp
from seguimiento_desktop.domain.models import Response, Student, StudentQuery, parse_folio
from seguimiento_desktop.storage import responses as response_store

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace


@dataclass(frozen=True)
class Case:
    """A student and, when the keyer's text named one, the questionnaire to capture."""

    student: Student
    questionnaire: str
    response: Response | None


def find_cases(workspace: "Workspace", text: str, questionnaire: str = "",
               limit: int = 20) -> list[Case]:
    """Folio first (exact, what a barcode scanner types), then CURP, then a name search."""
    text = text.strip()
    if not text:
        return []
    parsed = parse_folio(text)
    if parsed:
        student_id = response_store.student_id_by_seq(workspace.store.db, parsed[1])
        if student_id:
            return [_case(workspace, workspace.student(student_id), parsed[0])]
        return []
    by_curp = workspace.student_by_curp(normalize_curp(text)) if len(text) >= 18 else None
    if by_curp:
        return [_case(workspace, by_curp, questionnaire)]
    found = workspace.find_students(StudentQuery(text=text, limit=limit))
    return [_case(workspace, s, questionnaire) for s in found]


def _case(workspace: "Workspace", student: Student, questionnaire: str) -> Case:
    response = workspace.response_for(student.id, questionnaire) if questionnaire else None
    return Case(student, questionnaire, response)


@dataclass(frozen=True)
class KeyerStats:
    """What a keyer (capturista) or verifier did, from the keying-session log."""

    keyer: str
    role: str  # "captura" or "verificacion"
    questionnaires: int
    seconds: float
    keystrokes: int
    errors: int

    @property
    def questionnaires_per_hour(self) -> float:
        return self.questionnaires * 3600 / self.seconds if self.seconds else 0.0

    @property
    def keystrokes_per_hour(self) -> float:
        return self.keystrokes * 3600 / self.seconds if self.seconds else 0.0

    @property
    def errors_per_thousand(self) -> float:
        return self.errors * 1000 / self.keystrokes if self.keystrokes else 0.0


@dataclass(frozen=True)
class ListedInconsistency:
    """A contradiction the keyer confirmed (F2) as written on the paper: whom to call back
    (folio, CURP, name), which question and why, and who keyed it."""

    folio: str
    curp: str
    name: str
    questionnaire: str
    question: str  # the printed number
    question_id: str
    message: str
    keyer: str
    status: str  # the response's: "parcial", "completa" or "verificada"

    def as_json(self) -> dict[str, str]:
        """The CLI's ``--json`` row (keys documented in the README)."""
        return {"folio": self.folio, "curp": self.curp, "nombre": self.name,
                "cuestionario": self.questionnaire, "pregunta": self.question,
                "variable": self.question_id, "inconsistencia": self.message,
                "capturista": self.keyer, "estado": self.status}
