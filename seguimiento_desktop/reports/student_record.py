"""Ficha del egresado (PDF): one graduate's data, contact log and answers to C1-C3, with
each question's text and the chosen options in words (codes alongside, for keyers)."""

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from seguimiento_desktop.domain.calendar import QUESTIONNAIRE_TITLES
from seguimiento_desktop.domain.contact import format_phone
from seguimiento_desktop.domain.models import (
    CONTACT_MEDIA, CONTACT_RESULTS, CONTACT_STATUSES, RESPONSE_MODES, RESPONSE_STATUSES,
    SEX_LABELS, STUDENT_STATUSES, ContactAttempt, Response, School, Student, folio)
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.questionnaires.model import Definition
from seguimiento_desktop.reports.labels import answer_with_other, codes_text
from seguimiento_desktop.reports.layout import (
    CONTENT_WIDTH, ReportDocument, data_table, p, step, t)
from seguimiento_desktop.reports.pdf_style import short_date


def _data_rows(student: Student) -> list[list]:
    birth = short_date(student.birth_date) if student.birth_date else "—"
    pairs = [("CURP", student.curp), ("Sexo", SEX_LABELS.get(student.sex, "—")),
             ("Fecha de nacimiento", birth), ("Generación", student.cohort or "—"),
             ("Carrera", student.career or "—"), ("Grupo y turno", f"{student.group or '—'} · "
                                                    f"{student.shift or '—'}"),
             ("Situación", STUDENT_STATUSES.get(student.status, student.status)),
             ("Localización", CONTACT_STATUSES.get(student.contact_status, "—")),
             ("Celular", format_phone(student.phone) or "—"),
             ("Teléfono de casa", format_phone(student.home_phone) or "—"),
             ("Correo", student.email or "—")]
    half = (len(pairs) + 1) // 2
    rows = [["Datos del directorio", "", "", ""]]
    for left, right in zip(pairs[:half], pairs[half:] + [("", "")]):
        rows.append([left[0], t(left[1]), right[0], t(right[1])])
    return rows


def _attempts(attempts: list[ContactAttempt]) -> list[Flowable]:
    if not attempts:
        return [t("Bitácora de contacto", "h3"), p("Sin intentos de contacto registrados.", "note")]
    rows = [["Fecha", "Cuestionario", "Medio", "Resultado", "Nota"]]
    rows += [[short_date(a.attempted_on), a.questionnaire or "—", CONTACT_MEDIA.get(a.medium, a.medium),
              t(CONTACT_RESULTS.get(a.result, a.result)), t(a.note)] for a in attempts]
    return [t("Bitácora de contacto", "h3"),
            data_table(rows, [22 * mm, 22 * mm, 26 * mm, 45 * mm, CONTENT_WIDTH - 115 * mm],
                       numeric_from=9)]


def _response(definition: Definition, response: Response | None, seq: int) -> list[Flowable]:
    title = f"{QUESTIONNAIRE_TITLES[definition.id]} · Folio {folio(definition.id, seq)}"
    if response is None:
        return [t(title, "h1"), p("No ha contestado este cuestionario.", "lead")]
    when = response.completed_at[:10] or response.started_at[:10]
    made = short_date(date.fromisoformat(when)) if when else "—"
    meta = (f"Estado: <b>{RESPONSE_STATUSES.get(response.status, response.status)}</b> · "
            f"Modalidad: {RESPONSE_MODES.get(response.mode, response.mode)} · Fecha: {made} · "
            f"Capturó: {t(response.keyer or '—').text}"
            + (f" · Verificó: {t(response.verifier).text}" if response.verifier else ""))
    rows = [["Núm.", "Pregunta", "Respuesta", "Código"]]
    for question in definition.questions:
        if question.id not in response.answers:
            continue
        rows.append([question.number, t(question.text),
                     t(answer_with_other(question, response.answers)),
                     codes_text(question, response.answers[question.id]) if question.options else ""])
    table = data_table(rows, [12 * mm, 82 * mm, CONTENT_WIDTH - 112 * mm, 18 * mm], numeric_from=3)
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
    return [KeepTogether([t(title, "h1"), p(meta, "lead")]), table,
            p("Solo se muestran las preguntas que le correspondía contestar y contestó.", "note")]


def record_story(student: Student, responses: dict[str, Response | None],
                 definitions: list[Definition], attempts: list[ContactAttempt]) -> list[Flowable]:
    """The ficha's flowables: data, contact log, then each questionnaire's answers."""
    flow: list[Flowable] = [t("Ficha del egresado", "report_title"),
                            t(student.full_name, "report_subtitle"),
                            data_table(_data_rows(student), [34 * mm, 60 * mm, 34 * mm,
                                                             CONTENT_WIDTH - 128 * mm],
                                       numeric_from=4),
                            Spacer(1, 3 * mm), *_attempts(attempts)]
    for definition in definitions:
        flow += _response(definition, responses.get(definition.id), student.seq)
        flow.append(step(Spacer(1, 2 * mm), definition.id))
    return flow


def render_student_record(path: str | Path, student: Student, responses: dict[str, Response | None],
                          definitions: list[Definition], attempts: list[ContactAttempt],
                          school: School | None, today: date, progress: Progress = no_progress,
                          cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Write the Ficha del egresado; return its number of pages."""
    document = ReportDocument(path, f"Ficha del egresado · {student.curp}", school, today,
                              progress, cancel, len(definitions))
    return document.render(record_story(student, responses, definitions, attempts))
