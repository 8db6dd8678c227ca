"""Responses as analysts want them: one row per response, codes and labels side by side,
plus a codebook (libro de códigos) describing every variable.

Column names are the questions' stable ids, so C2 and C3 exports line up for comparison.
Every response is read into the version in force through the crosswalk
(``questionnaires.crosswalk``): a cohort keyed on version 1 and one keyed on version 2 land
in the same columns, a question a version did not ask stays empty, and the «version»
column and the codebook's «Desde versión» say which is which.
"""

from collections.abc import Iterable, Mapping

import pandas as pd

from seguimiento_desktop.domain.models import (
    CONTACT_STATUSES, RESPONSE_MODES, RESPONSE_STATUSES, SEX_LABELS, folio)
from seguimiento_desktop.questionnaires.crosswalk import first_version, notes, upgrade_answers
from seguimiento_desktop.questionnaires.inconsistencies import confirmed_inconsistencies
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import MULTIPLE, TYPE_LABELS, Definition, Question
from seguimiento_desktop.questionnaires.widths import printed_code
from seguimiento_desktop.reports.labels import answer_label, codes_text

LABEL_SUFFIX = "_etiqueta"
# Identity columns: (column, title). The pseudonymised export keeps only the non-personal ones.
IDENTITY = (("folio", "Folio"), ("curp", "CURP"), ("nombre", "Nombre(s)"),
            ("primer_apellido", "Primer apellido"), ("segundo_apellido", "Segundo apellido"),
            ("correo", "Correo del directorio"), ("celular", "Celular del directorio"),
            ("telefono_casa", "Teléfono de casa del directorio"), ("generacion", "Generación"),
            ("carrera", "Carrera"), ("grupo", "Grupo"), ("sexo", "Sexo"),
            ("localizacion", "Estado de localización"), ("estado", "Estado del cuestionario"),
            ("modalidad", "Modalidad de aplicación"), ("fecha", "Fecha de término"),
            ("version", "Versión del cuestionario con que se capturó"),
            ("inconsistencias_confirmadas",
             "Preguntas cuya respuesta contradice otra y el capturista confirmó en el papel"))
# C1's family block, asked once, travels to the C2 and C3 exports as C1_<id> columns: the
# variables every analysis of trajectories controls for, next to each wave's answers.
CONTEXT_SECTION, CONTEXT_PREFIX = "HOGAR", "C1_"
PERSONAL = frozenset({"curp", "nombre", "primer_apellido", "segundo_apellido", "correo", "celular",
                      "telefono_casa"})


def contact_questions(definition: Definition) -> frozenset[str]:
    """Text questions in sections that ask for e-mail or phones (names, addresses, numbers):
    left out of pseudonymised exports. Derived from the definition, not listed by hand."""
    sections = {q.section for q in definition.questions if q.format in ("email", "phone")}
    return frozenset(q.id for q in definition.questions
                     if q.section in sections and not q.options)


def exported_questions(definition: Definition, pseudonymised: bool) -> list[Question]:
    hidden = contact_questions(definition) if pseudonymised else frozenset()
    return [q for q in definition.questions if q.id not in hidden]


def context_questions(definition: Definition) -> list[Question]:
    """The C1 family questions a C2 or C3 export carries (none for C1 itself)."""
    if definition.id == "C1":
        return []
    c1 = load_definition("C1")
    section = next((s for s in c1.sections if s.id == CONTEXT_SECTION), None)
    return [c1.question(q) for q in section.question_ids] if section else []


def family_context(c1_rows: Iterable[tuple], versions: Mapping[str, int] | None = None
                   ) -> dict[str, dict]:
    """Student id -> C1 answers (in the version in force) from C1 response rows."""
    import json
    context = {}
    for row in c1_rows:
        answers = row[4] if isinstance(row[4], dict) else json.loads(row[4])
        context[row[0]] = upgrade_answers("C1", (versions or {}).get(row[0]), answers)
    return context


def _context_cells(questions: list[Question], answers: Mapping) -> dict:
    row = {}
    for q in questions:
        value = answers.get(q.id)
        name = CONTEXT_PREFIX + q.id
        row[name] = codes_text(q, value) if q.type == MULTIPLE else value
        if q.options:
            row[name + LABEL_SUFFIX] = answer_label(q, value)
    return row


def _identity(student: tuple, response: tuple, questionnaire: str, version: int) -> dict:
    (_id, curp, given, first, second, sex, cohort, career, group, email, phone, home,
     contact_status, seq) = student
    status, mode, completed = response[1], response[2], response[3]
    return {"folio": folio(questionnaire, seq), "curp": curp, "nombre": given,
            "primer_apellido": first, "segundo_apellido": second, "correo": email,
            "celular": phone, "telefono_casa": home, "generacion": cohort, "carrera": career,
            "grupo": group, "sexo": SEX_LABELS.get(sex, ""),
            "localizacion": CONTACT_STATUSES.get(contact_status, ""),
            "estado": RESPONSE_STATUSES.get(status, status),
            "modalidad": RESPONSE_MODES.get(mode, mode), "fecha": completed[:10],
            "version": version}


def response_table(definition: Definition, students: dict[str, tuple],
                   responses: Iterable[tuple], pseudonymised: bool = False,
                   versions: Mapping[str, int] | None = None,
                   context: Mapping[str, Mapping] | None = None) -> pd.DataFrame:
    """One row per response: identity columns, then per question its codes and labels.

    ``responses`` are (student id, status, mode, completed_at, answers dict) tuples;
    ``versions`` the version each student's response was captured with (the version in
    force when not given). Older versions are read through the crosswalk. C2 and C3 rows
    also carry the student's C1 family block from ``context`` (see ``family_context``).
    """
    import json
    questions = exported_questions(definition, pseudonymised)
    family = context_questions(definition)
    records = []
    for response in responses:
        answers = response[4] if isinstance(response[4], dict) else json.loads(response[4])
        version = (versions or {}).get(response[0], definition.version)
        flagged = _flagged(definition, version, answers)
        if version != definition.version:
            answers = upgrade_answers(definition.id, version, answers, definition.version)
        row = _identity(students[response[0]], response, definition.id, version)
        row["inconsistencias_confirmadas"] = ", ".join(f.number for f in flagged)
        for q in questions:
            value = answers.get(q.id)
            if q.options:
                row[q.id] = codes_text(q, value) if q.type == MULTIPLE else value
                row[q.id + LABEL_SUFFIX] = answer_label(q, value)
                for code in q.other_codes:
                    row[f"{q.id}_otro_{code}"] = answers.get(f"{q.id}.otro_{code}", "")
            else:
                row[q.id] = value
        row.update(_context_cells(family, (context or {}).get(response[0], {})))
        records.append(row)
    columns = [c for c, _ in IDENTITY if not (pseudonymised and c in PERSONAL)]
    columns += [c for q in questions for c in _question_columns(q)]
    columns += [CONTEXT_PREFIX + c for q in family for c in _question_columns(q)]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for q in questions:
        if q.options and q.type != MULTIPLE:
            frame[q.id] = frame[q.id].astype("Int64")
    for q in family:  # codes as written, blanks empty (not float NaN) in every format
        frame[CONTEXT_PREFIX + q.id] = frame[CONTEXT_PREFIX + q.id].astype(object)
    return frame


def _flagged(definition: Definition, version: int, answers: dict) -> list:
    """Confirmed contradictions of a response, judged by the version it was keyed with."""
    keyed_with = (definition if version == definition.version
                  else load_definition(definition.id, version))
    return confirmed_inconsistencies(keyed_with, answers)


def inconsistency_table(definitions: Iterable[Definition], students: dict[str, tuple],
                        responses: Mapping[str, Iterable[tuple]],
                        versions: Mapping[str, Mapping[str, int]], pseudonymised: bool = False
                        ) -> pd.DataFrame:
    """Every confirmed contradiction, one row each: whom to call back, which question, why.

    ``responses`` and ``versions`` are per questionnaire id, as ``response_table`` takes them.
    """
    import json
    rows = []
    for definition in definitions:
        for response in responses.get(definition.id, ()):
            answers = response[4] if isinstance(response[4], dict) else json.loads(response[4])
            version = versions.get(definition.id, {}).get(response[0], definition.version)
            student = students[response[0]]
            for found in _flagged(definition, version, answers):
                rows.append({"folio": folio(definition.id, student[-1]), "curp": student[1],
                             "cuestionario": definition.id, "pregunta": found.number,
                             "variable": found.question_id, "inconsistencia": found.message})
    columns = ["folio", "curp", "cuestionario", "pregunta", "variable", "inconsistencia"]
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.drop(columns=["curp"]) if pseudonymised else frame


def _question_columns(q: Question) -> list[str]:
    if not q.options:
        return [q.id]
    return [q.id, q.id + LABEL_SUFFIX] + [f"{q.id}_otro_{c}" for c in q.other_codes]


def codebook(definitions: Iterable[Definition], pseudonymised: bool = False) -> pd.DataFrame:
    """Libro de códigos: one row per question (and one per option of choice questions)."""
    rows = []
    for definition in definitions:
        for q in exported_questions(definition, pseudonymised):
            base = {"Cuestionario": definition.id, "Versión": definition.version,
                    "Desde versión": first_version(definition.id, q.id),
                    "Variable": q.id, "Número": q.number, "Pregunta": q.text,
                    "Tipo": TYPE_LABELS[q.type], "Código": None, "Impreso": "", "Etiqueta": "",
                    "Entre versiones": "; ".join(notes(definition.id, q.id))}
            rows += _codebook_rows(q, base)
        for q in context_questions(definition):
            rows += _codebook_rows(q, {
                "Cuestionario": definition.id, "Versión": definition.version,
                "Desde versión": first_version("C1", q.id), "Variable": CONTEXT_PREFIX + q.id,
                "Número": f"C1 {q.number}", "Pregunta": f"(Del cuestionario 1) {q.text}",
                "Tipo": TYPE_LABELS[q.type], "Código": None, "Impreso": "", "Etiqueta": "",
                "Entre versiones": ""})
    frame = pd.DataFrame.from_records(rows)
    if len(frame):
        frame["Código"] = frame["Código"].astype("Int64")
    return frame


def _codebook_rows(q: Question, base: dict) -> list[dict]:
    if not q.options:
        return [{**base, "Etiqueta": q.unit}]
    return [{**base, "Código": option.code, "Impreso": printed_code(q, option.code),
             "Etiqueta": option.label} for option in q.options]


def identity_codebook(pseudonymised: bool) -> pd.DataFrame:
    """The identity columns described in the codebook too."""
    return pd.DataFrame.from_records([
        {"Cuestionario": "Todos", "Variable": c, "Pregunta": title, "Tipo": "texto"}
        for c, title in IDENTITY if not (pseudonymised and c in PERSONAL)])
