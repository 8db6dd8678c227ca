"""What the sala does with the database, always on the desk's thread (sala/desk.py).

Every function takes the desk's Workspace and goes through its use cases, so roles,
consent consequences, the engine's checks and the stored form of a response are the
same as for a keyed paper: a page saved here is ``Workspace.save_response`` with mode
«sala» (Autoaplicado en sala).
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from seguimiento_desktop.domain.models import Response, StudentQuery
from seguimiento_desktop.errors import UserError
from seguimiento_desktop.questionnaires.engine import ResponseState, evaluate

if TYPE_CHECKING:
    from seguimiento_desktop.sala.session import SalaConfig
    from seguimiento_desktop.services import Workspace

SALA_MODE = "sala"  # RESPONSE_MODES: «Autoaplicado en sala»
FINISHED = ("completa", "verificada")


class NotAdmitted(UserError):
    """A student the session cannot let answer; the message tells them what to do."""


@dataclass(frozen=True)
class Progress:
    """A student's response as it stands, and what the directory offers to pre-fill."""

    student_id: str
    full_name: str
    state: ResponseState
    known: Mapping[str, Any]
    version: int


@dataclass(frozen=True)
class SalaSite:
    """What the pages show besides the questions: the plantel, the title, the notice."""

    school: str
    title: str
    notice: str


def site(workspace: "Workspace", config: "SalaConfig") -> SalaSite:
    """The plantel's name, the questionnaire's title and the privacy notice in force (the
    one the printed paper carries: privacy/notice.py)."""
    from seguimiento_desktop.privacy.notice import privacy_notice
    school = workspace.school()
    definition = workspace.definition(config.questionnaire)
    return SalaSite(f"{school.cct} · {school.name}" if school else "", definition.title,
                    privacy_notice(workspace.store))


def session_students(workspace: "Workspace", config: "SalaConfig") -> list:
    """Everyone the session lets in (generación, grupo); the directory's query leaves the
    deleted out."""
    return workspace.find_students(StudentQuery(cohort=config.cohort, group=config.group))


def still_to_answer(workspace: "Workspace", config: "SalaConfig",
                    students: list | None = None) -> list:
    """The session's students (``students``, or looked up) who have yet to finish the
    questionnaire and did not refuse to take part: whom the slips are for and the counts'
    «de N»."""
    from seguimiento_desktop.domain.consent import REFUSED_STATUS
    finished = {r.student_id for r in workspace.find_responses(config.questionnaire,
                                                               config.cohort)
                if r.status in FINISHED}  # one query, not one per student
    if students is None:
        students = session_students(workspace, config)
    return [s for s in students
            if s.contact_status != REFUSED_STATUS and s.id not in finished]


def nobody_left(config: "SalaConfig") -> UserError:
    """Everyone of the session already answered or refused: nothing to open or print."""
    group = f"grupo {config.group} " if config.group else ""
    return UserError(f"Nadie de la generación {config.cohort} {group}tiene el cuestionario "
                     "pendiente: ya lo contestaron todos (o no quisieron participar).")


def admit(workspace: "Workspace", config: "SalaConfig", student_id: str) -> Progress:
    """The student's progress, or NotAdmitted when they already answered or refused."""
    if workspace.has_refused(student_id):
        raise NotAdmitted("Ya habías dicho que no quieres participar en el seguimiento, así que "
                          "no necesitas contestar. Si cambiaste de opinión, avisa a tu "
                          "orientadora u orientador.")
    existing = workspace.response_for(student_id, config.questionnaire)
    if existing is not None and existing.status in FINISHED:
        day = "/".join(existing.completed_at[:10].split("-")[::-1])
        raise NotAdmitted(f"Ya contestaste el cuestionario{f' (el {day})' if day else ''}. Se "
                          "contesta una sola vez: no necesitas hacer nada más. ¡Gracias!")
    return progress(workspace, config, student_id)


def progress(workspace: "Workspace", config: "SalaConfig", student_id: str) -> Progress:
    """The student's saved answers read through the engine (the version they began with)."""
    from seguimiento_desktop.questionnaires.prefill import directory_answers
    student = workspace.student(student_id)
    existing = workspace.response_for(student_id, config.questionnaire)
    version = existing.version if existing else workspace.definition(config.questionnaire).version
    definition = workspace.definition(config.questionnaire, version)
    state = evaluate(definition, existing.answers if existing else {},
                     existing.confirmed if existing else ())
    return Progress(student_id, student.full_name, state,
                    directory_answers(definition, student), version)


def save_page(workspace: "Workspace", config: "SalaConfig", student_id: str,
              state: ResponseState, version: int) -> Response:
    """Save the answers so far (one transaction, through the use case every capture uses)."""
    existing = workspace.response_for(student_id, config.questionnaire)
    base = existing or Response(student_id, config.questionnaire, version)
    return workspace.save_response(replace(
        base, answers=state.stored_answers(), confirmed=tuple(sorted(state.confirmed)),
        mode=SALA_MODE, status="parcial"))
