"""Lista de contacto (PDF): graduates still missing C2/C3, by group, for follow-up calls.

Printed landscape with a blank column for the counselor's notes, so the sheet is used at
the phone and keyed back later into the contact log.
"""

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from seguimiento_desktop.domain.contact import format_phone
from seguimiento_desktop.domain.models import CONTACT_STATUSES, School, Student
from seguimiento_desktop.domain.text import plural
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.reports import layout
from seguimiento_desktop.reports.layout import data_table, p, step, t
from seguimiento_desktop.reports.pdf_style import MARGIN, PAGE_SIZE, number_es_mx

LANDSCAPE = landscape(PAGE_SIZE)
WIDTH = LANDSCAPE[0] - 2 * MARGIN


@dataclass(frozen=True)
class ContactLine:
    """A graduate to call: missing questionnaires, phones, e-mail, alternate contact."""

    student: Student
    missing: tuple[str, ...]
    attempts: int
    last_attempt: str
    alternate_contact: str


def _group_table(lines: list[ContactLine]) -> Flowable:
    rows = [["#", "Nombre", "Celular", "Tel. casa", "Correo", "Contacto alterno (C1)",
             "Falta", "Intentos", "Notas de la llamada"]]
    for i, line in enumerate(lines, 1):
        s = line.student
        status = CONTACT_STATUSES.get(s.contact_status, "")
        name = f"<b>{t(s.full_name).text}</b><br/><font size=6.5 color='#5f6b7a'>{s.curp}"
        name += f" · {status}</font>" if s.contact_status else "</font>"
        rows.append([str(i), p(name, "cell"), format_phone(s.phone) or "—",
                     format_phone(s.home_phone) or "—", t(s.email or "—", "cell"),
                     t(line.alternate_contact or "—", "cell"), ", ".join(line.missing),
                     str(line.attempts), ""])
    # Widths chosen after looking at the print: e-mails on one line, room to write notes.
    widths = [7 * mm, 48 * mm, 21 * mm, 21 * mm, 48 * mm, 46 * mm, 11 * mm, 14 * mm]
    widths.append(WIDTH - sum(widths))
    table = data_table(rows, widths, numeric_from=7)
    table.setStyle([("ALIGN", (0, 0), (0, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTSIZE", (0, 1), (-1, -1), 7.5)])
    return table


def contact_story(lines: list[ContactLine], cohort: str, questionnaires: tuple[str, ...],
                  today: date) -> list[Flowable]:
    """Title, summary and one table per group (groups in order, names by surname)."""
    which = " y ".join(questionnaires)
    flow: list[Flowable] = [
        t(f"Lista de contacto · Generación {cohort}", "report_title"),
        t(f"Egresados a quienes falta {which} · {number_es_mx(len(lines))} "
          f"{plural(len(lines), 'persona')}", "report_subtitle"),
        p("Ordenados por grupo y, dentro de cada grupo, primero quienes tienen teléfono y han "
          "respondido antes. No se listan quienes rechazaron participar o causaron baja. "
          "Anote el resultado de cada llamada y regístrelo en la bitácora de contacto.", "lead")]
    if not lines:
        return flow + [p("<b>No falta nadie.</b> Todos los egresados de la generación tienen "
                         f"{which} completo.", "lead")]
    for group, members in groupby(lines, key=lambda l: l.student.group or "Sin grupo"):
        members = list(members)
        # Groups flow on from the previous one (a whole group per page left pages empty).
        flow += [CondPageBreak(45 * mm), t(f"Grupo {group} · {len(members)} por contactar", "h3"),
                 _group_table(members)]
        flow.append(step(Spacer(1, 3 * mm), f"Grupo {group}"))
    return flow


def render_contact_list(path: str | Path, lines: list[ContactLine], cohort: str,
                        questionnaires: tuple[str, ...], school: School | None, today: date,
                        progress: Progress = no_progress,
                        cancel: CancelToken = NEVER_CANCELLED) -> int:
    """Write the Lista de contacto; return its number of pages."""
    groups = len({l.student.group for l in lines}) or 1
    document = layout.ReportDocument(path, f"Lista de contacto · {cohort}", school, today,
                                     progress, cancel, groups, pagesize=LANDSCAPE)
    return document.render(contact_story(lines, cohort, questionnaires, today))
