"""ARCO rights: acceso (one person's data in PDF and JSON) and cancelación.

The PDF is the Ficha del egresado (reports/student_record.py: directory data, contact log
and every answer with its question's text); the JSON carries the same, machine-readable,
for a person who asks for their data «en un formato estructurado». Rectificación is the
directory's student dialog.
"""

import json
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.errors import FileUnreadable, NotFound
from seguimiento_desktop.storage import audit, responses, schools, students
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.files import atomic_output

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace

_BOOKKEEPING = ("updated_at", "origin", "seq")


def person_data(workspace: "Workspace", curp: str) -> dict:
    """Everything the plantel holds about the person with ``curp`` (JSON-ready)."""
    student = workspace.student_by_curp(curp)
    if student is None:
        raise NotFound(f"No hay ningún alumno con la CURP {curp.strip().upper()} en el "
                       "directorio. Revise la CURP o búsquelo por nombre.")
    school = workspace.school()
    ficha = {k: v for k, v in asdict(student).items() if k not in _BOOKKEEPING}
    answers = {}
    for questionnaire in ("C1", "C2", "C3"):
        response = workspace.response_for(student.id, questionnaire)
        if response is not None:
            answers[questionnaire] = {"estado": response.status, "capturado": response.started_at,
                                      "respuestas": response.answers}
    attempts = [{"fecha": a.attempted_on, "medio": a.medium, "resultado": a.result,
                 "nota": a.note} for a in workspace.contact_attempts(student.id)]
    return {"responsable": {"cct": school.cct, "plantel": school.name} if school else {},
            "generado": datetime.now().isoformat(timespec="seconds"),
            "ficha": ficha, "cuestionarios": answers, "bitacora_de_contacto": attempts}


def export_person(workspace: "Workspace", curp: str, out_dir: Path) -> tuple[Path, Path]:
    """Write ``<CURP>-datos.json`` and ``<CURP>-ficha.pdf`` into ``out_dir``; their paths."""
    data = person_data(workspace, curp)
    if not out_dir.is_dir():
        raise FileUnreadable(f"No existe la carpeta {out_dir}. Elija una carpeta que exista.")
    key = data["ficha"]["curp"]
    json_path, pdf_path = out_dir / f"{key}-datos.json", out_dir / f"{key}-ficha.pdf"
    with atomic_output(json_path) as partial:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), "utf-8")
    workspace.render_student_record(key, pdf_path)
    return json_path, pdf_path


ARCO_CANCELLATION = "arco_cancelacion"  # the bitácora's action of a cancellation


def cancel_person(store: Store, student_id: str, user: str = "") -> tuple[int, int]:
    """Cancelación: the person leaves the directory and the follow-up, and what the plantel
    gathered about them goes: phones and e-mail, every answer, the contact log. All as
    tombstones in one transaction, so the deletion reaches the office too. Name, CURP and
    cohort stay in the tombstone (enrolment data the school keeps by law, and what lets
    the office match the deletion). The details the bitácora kept about the person (the
    before/after of their phones, e-mail…) are blanked in the same transaction, in a row
    by ``user`` (storage/audit.py). Returns (questionnaires, contact notes) erased."""
    person = students.student_by_id(store.db, student_id)
    if person is None or person.deleted:
        raise NotFound("La persona ya no está en el directorio.")
    own = schools.own_school(store.db)
    mark = {"origin": store.installation_id, "deleted": True}
    answered = [r for r in responses.find_responses(store.db) if r.student_id == student_id]
    log = responses.attempts_for(store.db, student_id)
    with store.transaction() as db:
        students.write_students(db, [replace(person, email="", phone="", home_phone="",
                                             updated_at=store.clock.now(), **mark)],
                                own.cct if own else "")
        responses.write_responses(db, [replace(r, answers={}, confirmed=(),
                                               updated_at=store.clock.now(), **mark)
                                       for r in answered])
        responses.write_attempts(db, [replace(a, note="", updated_at=store.clock.now(), **mark)
                                      for a in log])
        at, who = datetime.now().isoformat(timespec="seconds"), user or audit.NO_USER
        audit.redact(db, [person.curp], at, who, ARCO_CANCELLATION)
        # In the same transaction: the next list's import reads this line to keep the
        # person out (roster/importer.py), so a crash must not leave the erasure without it.
        audit.append(db, at, who, ARCO_CANCELLATION, person.curp,
                     {"cuestionarios": len(answered), "notas": len(log)})
    return len(answered), len(log)
