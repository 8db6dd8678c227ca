"""Importing responses keyed elsewhere: a CSV with one row per student, columns = question ids.

All or nothing: every invalid answer is reported with its row and question, and nothing is
written unless the whole file is clean. A questionnaire already saved is never replaced:
the file may only repeat it as it is (an old export or a file imported twice), and one
person may have one row.
"""

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.curp import normalize_curp
from seguimiento_desktop.domain.models import Response, folio, parse_folio
from seguimiento_desktop.errors import FileUnreadable, InvalidData
from seguimiento_desktop.progress import CancelToken, Progress
from seguimiento_desktop.questionnaires.answers import ERROR, REQUIRED
from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.model import Definition, MULTIPLE, split_other_key
from seguimiento_desktop.roster.csvfiles import csv_rows, decode_text
from seguimiento_desktop.storage import responses as response_store

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace

KEY_COLUMNS = ("curp", "folio")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class AnswerProblem:
    row: int
    question: str
    reason: str


@dataclass
class ResponsesImport:
    """Outcome of a responses import; ``imported`` is 0 whenever ``problems`` is not empty."""

    imported: int = 0
    complete: int = 0
    partial: int = 0
    unchanged: int = 0
    problems: list[AnswerProblem] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"importadas": self.imported, "completas": self.complete,
                "parciales": self.partial, "sin_cambios": self.unchanged,
                "problemas": [{"fila": p.row, "pregunta": p.question, "motivo": p.reason}
                              for p in self.problems]}


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV saved by Excel (UTF-8 with or without BOM, Windows-1252, or
    UTF-16: «Texto Unicode»)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileUnreadable(f"No se pudo leer {path}: {error.strerror}.") from error
    if len(raw) > MAX_BYTES:
        raise FileUnreadable(f"{path.name} es demasiado grande para un archivo de respuestas.")
    try:  # as for a student list: UTF-8, Windows-1252 or UTF-16
        text = decode_text(path, raw)
    except FileUnreadable:  # its message is about student lists
        raise FileUnreadable(f"{path.name} no es un archivo de texto CSV. Guarde las respuestas "
                             "desde Excel como «CSV UTF-8».") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv_rows(text, path.name, dialect=dialect) if any(c.strip() for c in r)]
    if not rows:
        raise FileUnreadable(f"{path.name} está vacío. Guarde las respuestas como CSV con una "
                             "fila de encabezados (curp o folio, y los id de las preguntas).")
    return [h.strip() for h in rows[0]], rows[1:]


def _value(definition: Definition, key: str, text: str) -> object:
    question_id = split_other_key(key)[0] if split_other_key(key) else key
    question = definition.question(question_id)
    if question.type == MULTIPLE and not split_other_key(key):
        return [part for part in re.split(r"[;,|\s]+", text.strip()) if part]
    return text


def import_responses(workspace: "Workspace", path: Path, questionnaire: str,
                     progress: Progress, cancel: CancelToken) -> ResponsesImport:
    """Check every row with the engine, then write all responses in one transaction."""
    definition = workspace.definition(questionnaire)
    header, rows = read_rows(path)
    lowered = [h.lower() for h in header]
    key_index = next((lowered.index(k) for k in KEY_COLUMNS if k in lowered), None)
    if key_index is None:
        raise InvalidData("El archivo debe tener una columna «curp» o «folio» para saber de quién "
                          "es cada respuesta.")
    unknown = [h for i, h in enumerate(header) if i != key_index and h and not
               definition.has_question(split_other_key(h)[0] if split_other_key(h) else h)]
    if unknown:
        raise InvalidData(f"Estas columnas no son preguntas del {definition.title}: "
                          f"{', '.join(unknown[:10])}. Use los id de `seguimiento questionnaires "
                          f"show {questionnaire}`.")
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:  # which of the two is the answer? the last one silently won
        raise InvalidData(f"La columna «{twice[0]}» aparece dos veces en el encabezado. Deje "
                          "una sola columna por pregunta y vuelva a importar.")
    report, ready, rows_of = ResponsesImport(), [], {}
    for number, row in enumerate(rows, start=2):
        cancel.check()
        key = row[key_index] if key_index < len(row) else ""
        other = parse_folio(key)
        if other and other[0] != questionnaire:
            report.problems.append(AnswerProblem(number, lowered[key_index], (
                f"El folio {key.strip()} es de un {other[0]}, y este archivo se importa como "
                f"{questionnaire}: revise el folio o el cuestionario elegido.")))
            continue
        student_id = _student_for(workspace, key)
        if student_id is None:
            report.problems.append(AnswerProblem(number, lowered[key_index],
                                                 f"No hay alumno con {lowered[key_index]} «{key}»."))
            continue
        if student_id in rows_of:
            report.problems.append(AnswerProblem(number, lowered[key_index], (
                f"Es el mismo alumno de la fila {rows_of[student_id]}: deje una sola fila por "
                "alumno.")))
            continue
        rows_of[student_id] = number
        answers = {header[i]: _value(definition, header[i], cell) for i, cell in enumerate(row)
                   if i != key_index and i < len(header) and header[i] and cell.strip()}
        try:
            state = evaluate(definition, answers)
        except InvalidData as error:
            report.problems.append(AnswerProblem(number, "", str(error)))
            continue
        errors = [i for i in state.issues if i.severity == ERROR and i.kind != REQUIRED]
        report.problems += [AnswerProblem(number, i.question_id, i.message) for i in errors]
        stored = response_store.response_for(workspace.store.db, student_id, questionnaire)
        if stored is not None and not stored.deleted:
            if _same(stored.answers, state.answers):
                report.unchanged += 1
            else:
                report.problems.append(AnswerProblem(number, lowered[key_index],
                                                     _already_saved(workspace, stored)))
            continue
        ready.append((student_id, state))
        if number % 200 == 0:
            progress(number, len(rows) + 1, "Revisando respuestas…")
    if report.problems:
        return report
    with workspace.store.transaction():  # the saves below nest as savepoints: all or nothing
        for student_id, state in ready:
            cancel.check()
            workspace.save_response(Response(
                student_id=student_id, questionnaire=questionnaire, version=definition.version,
                answers=dict(state.answers), mode="papel", keyer="importación"))
            report.imported += 1
            report.complete += state.complete
    report.partial = report.imported - report.complete
    return report


def _same(stored: dict, answers: dict) -> bool:
    # JSON, as they are stored: the engine's tuples of codes are the stored lists.
    return json.dumps(stored, sort_keys=True) == json.dumps(dict(answers), sort_keys=True)


def _already_saved(workspace: "Workspace", stored: Response) -> str:
    number = folio(stored.questionnaire, workspace.student(stored.student_id).seq)
    return (f"Este alumno ya tiene el {stored.questionnaire} guardado (folio {number}) con otras "
            "respuestas, y la importación no reemplaza lo capturado. Quite esta fila del "
            "archivo, o corrija las respuestas en la captura con ese folio.")


def _student_for(workspace: "Workspace", key: str) -> str | None:
    parsed = parse_folio(key)
    if parsed:
        return response_store.student_id_by_seq(workspace.store.db, parsed[1])
    student = workspace.student_by_curp(normalize_curp(key))
    return student.id if student else None
