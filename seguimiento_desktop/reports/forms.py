"""Printable questionnaires: one form per student, pre-filled, with a Code 128 folio.

The form mirrors the capture screen: same numbering, same order, the option codes printed
beside each box in their fixed width («01» … «12») so a keyer types exactly what she sees
and every code ends itself; numbers, dates, phones and postal codes get one box per digit
(``questionnaires.widths``), so they end themselves too. Every page carries the folio and
its barcode, so a loose page still finds its student (a USB scanner types folio + Enter).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                PageBreak, PageTemplate, Paragraph, Spacer, Table, TableStyle)
from xml.sax.saxutils import escape

from seguimiento_desktop.domain.models import School, Student, folio
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, MULTIPLE, SCALE, TEXT, Condition, Definition, Question)
from seguimiento_desktop.questionnaires.prefill import directory_value, printed_value
from seguimiento_desktop.questionnaires.widths import fixed_width, printed_code, shown_label
from seguimiento_desktop.reports.pdf_style import (
    INK, MARGIN, MUTED, PAGE_SIZE, RULE, STYLES)

HEADER_HEIGHT = 22 * mm
SCALE_LABELS = ("Muy malo", "Malo", "Regular", "Bueno", "Excelente")


@dataclass(frozen=True)
class FormCopy:
    """One printed copy: a student's (pre-filled) or a blank one (student None)."""

    student: Student | None
    folio: str


def privacy_parts(privacy: str) -> tuple[str, str]:
    """(heading, text) of a privacy notice, the heading printed once: a text that already
    opens with «Aviso de privacidad…» keeps its own first sentence as the heading."""
    if privacy.lower().startswith("aviso de privacidad"):
        heading, _dot, body = privacy.partition(". ")
        return heading + ".", body
    return "Aviso de privacidad.", privacy


class _FormStart(Flowable):
    """Zero-size marker: the pages after it belong to this copy (for headers and footers)."""

    def __init__(self, copy: FormCopy):
        super().__init__()
        self.copy = copy
        self.width = self.height = 0

    def draw(self) -> None:
        doc = self.canv._doctemplate
        doc.current_copy = self.copy
        doc.copy_page = 1


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(text, STYLES[style])


class _CheckBox(Flowable):
    """The square a respondent marks with an X (same size whatever the row height)."""

    SIZE = 3.4 * mm

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.SIZE, self.SIZE

    def draw(self) -> None:
        self.canv.setLineWidth(0.8)
        self.canv.setStrokeColor(INK)
        self.canv.rect(0, 0, self.SIZE, self.SIZE)


class _DigitBoxes(Flowable):
    """One box per digit, in groups («__ __ / __ __ / __ __ __ __» for a date): the
    respondent writes one digit per box and the keyer's last digit ends the field."""

    BOX = 5 * mm
    GAP = 2.5 * mm

    def __init__(self, groups: Sequence[int], after: str = ""):
        super().__init__()
        self.groups, self.after = tuple(groups), after

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        boxes = sum(self.groups) * self.BOX + (len(self.groups) - 1) * self.GAP
        self.width = boxes + (3 * mm + len(self.after) * 1.6 * mm if self.after else 0)
        return self.width, self.BOX + 1 * mm

    def draw(self) -> None:
        canvas, x = self.canv, 0.0
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(INK)
        for group in self.groups:
            for _ in range(group):
                canvas.rect(x, 0.5 * mm, self.BOX, self.BOX)
                x += self.BOX
            x += self.GAP
        if self.after:
            canvas.setFont("Helvetica", 7.5)
            canvas.setFillColor(MUTED)
            canvas.drawString(x + 0.5 * mm, 2 * mm, self.after)


def _box_table(rows: list[list], widths: Sequence[float]) -> Table:
    """Rows of (box, code, label) triples; a None box pads a short last column."""
    rows = [[_CheckBox() if i % 3 == 0 and cell is not None else (cell or "")
             for i, cell in enumerate(row)] for row in rows]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2), ("FONTSIZE", (0, 0), (-1, -1), 9)]))
    return table


class FormBuilder:
    """Turns a Definition into flowables once; each copy reuses the question blocks' text."""

    def __init__(self, definition: Definition, school: School | None, notice: str | None = None):
        self.definition = definition
        self.school = school
        # privacy/notice.py's text for the plantel and the profile in force (else the
        # definition's own); printed on questionnaires that carry a notice
        self.notice = definition.privacy if notice is None else notice
        self.numbers = {q.id: q.number for q in definition.questions}
        self.width = PAGE_SIZE[0] - 2 * MARGIN

    def copy_flowables(self, copy: FormCopy, cohort: str) -> list[Flowable]:
        """Everything printed for one copy, starting on a fresh page."""
        story: list[Flowable] = [_FormStart(copy), *self._cover(copy, cohort)]
        for section in self.definition.sections:
            story.append(CondPageBreak(40 * mm))
            story.append(_p(escape(section.title), "section"))
            if section.show_if:
                story.append(_p(f"<i>{self._condition_text(section.show_if)}</i>", "small"))
            if section.intro:
                story.append(_p(escape(section.intro), "small"))
            for question_id in section.question_ids:
                story.append(self._question_block(self.definition.question(question_id),
                                                  copy.student))
        story.append(Spacer(1, 6 * mm))
        story.append(_p("Gracias por tu tiempo. Tus respuestas ayudan a mejorar tu plantel.",
                        "center_small"))
        story.append(PageBreak())
        return story

    def _cover(self, copy: FormCopy, cohort: str) -> list[Flowable]:
        d = self.definition
        student = copy.student
        who = (f"<b>{escape(student.full_name)}</b> · CURP {student.curp} · Grupo "
               f"{escape(student.group or '—')} · Generación {escape(student.cohort or cohort)}"
               if student else
               "Nombre: ____________________________________________  CURP: __________________"
               "  Grupo: ______")
        flow = [_p(escape(d.title), "title"),
                _p(f"Versión {d.version} · Folio <b>{copy.folio}</b>", "subtitle"),
                _p(who, "body"), Spacer(1, 2 * mm)]
        if d.intro:
            flow.append(_p(escape(d.intro), "body"))
        if d.privacy and self.notice:
            heading, body = privacy_parts(self.notice)
            flow.append(_p(f"<b>{escape(heading)}</b> {escape(body)}", "small"))
        key = ("El número o la letra junto a cada cuadro es lo que se captura."
               if any(q.lettered for q in self.definition.questions) else
               "El número junto a cada cuadro es el que se captura.")
        flow.append(_p(f"Marca con una X el cuadro de tu respuesta. {key} Donde hay un cuadro "
                       "por dígito, escribe un dígito en cada uno, con ceros a la izquierda "
                       "(08 horas).", "small"))
        return flow

    def _question_block(self, q: Question, student: Student | None = None) -> Flowable:
        head = f"{escape(q.number)}. {escape(q.text)}"
        if q.type == MULTIPLE:
            most = f"; hasta {q.max_choices}" if q.max_choices else ""
            head += f" <font color='#5f6b7a' size='8'>(puedes marcar varias{most})</font>"
        parts: list[Flowable] = [Spacer(1, 1.5 * mm), _p(head, "question")]
        if q.show_if:
            parts.append(_p(f"<i>{self._condition_text(q.show_if)}</i>", "small"))
        known = directory_value(q, student)
        if known is not None:
            parts.append(_p(f"Según el directorio: <b>{escape(printed_value(q, known))}</b>. "
                            "Si es correcto, déjalo en blanco; si cambió, escribe o marca el "
                            "dato correcto.", "small"))
        parts.append(self._answer_area(q))
        if q.help:
            parts.append(_p(escape(q.help), "small"))
        return KeepTogether(parts)

    def _answer_area(self, q: Question) -> Flowable:
        if q.type == SCALE:
            labels = [o.label for o in q.options] if q.options else list(SCALE_LABELS)
            row = []
            for code, label in zip(range(1, 6), labels):
                row += ["", str(code), _p(escape(label), "small")]
            return _box_table([row], [4 * mm, 4 * mm, self.width / 5 - 8 * mm] * 5)
        if q.options:
            return self._options_table(q)
        width = fixed_width(q)
        if q.type == INTEGER and width:
            return _DigitBoxes([width], f"{q.unit} {self._range_hint(q)}".strip())
        if q.type == DATE:
            return _DigitBoxes([2, 2, 4], "(día / mes / año)")
        if q.type == TEXT and width:
            groups = [2, 4, 4] if width == 10 else [width]
            return _DigitBoxes(groups, "(con lada)" if width == 10 else "")
        if q.type in (INTEGER, DECIMAL):
            hint = self._range_hint(q)
            return _p(f"________________ {escape(q.unit)} <font color='#5f6b7a' size='7.5'>"
                      f"{hint}</font>", "body")
        lines = 2 if (q.max_length or 200) > 150 else 1
        return _p("<br/>".join(["_" * 95] * lines), "body")

    def _options_table(self, q: Question) -> Table:
        longest = max(len(shown_label(o)) + (14 if o.other_text or o.goto else 0) for o in q.options)
        if len(q.options) > 6 and longest <= 38:
            columns = 3
        elif longest <= 60:
            columns = 2
        else:
            columns = 1
        cell_width = self.width / columns
        cells = []
        for option in q.options:
            label = escape(shown_label(option))
            if option.other_text:
                label += " ¿cuál? ____________"
            if option.goto:
                target = "fin" if option.goto == "FIN" else self.numbers.get(option.goto, option.goto)
                label += f" <font color='#6b1d3a' size='7.5'>→ pasa a la {target}</font>" if target != "fin" \
                    else " <font color='#6b1d3a' size='7.5'>→ termina aquí</font>"
            cells.append(["", printed_code(q, option.code), _p(label, "option")])
        rows = []
        per_column = -(-len(cells) // columns)
        for r in range(per_column):
            row: list = []
            for c in range(columns):
                index = c * per_column + r
                row += cells[index] if index < len(cells) else [None, "", ""]
            rows.append(row)
        return _box_table(rows, [4 * mm, 7 * mm, cell_width - 11 * mm] * columns)

    def _range_hint(self, q: Question) -> str:
        if q.min is not None and q.max is not None:
            return f"(de {q.min} a {q.max})"
        return ""

    def _condition_text(self, condition: Condition) -> str:
        return "Contesta solo si " + self._describe(condition) + "."

    def _describe(self, condition: Condition) -> str:
        if condition.kind in ("all", "any"):
            joiner = " y " if condition.kind == "all" else " o "
            return joiner.join(self._describe(part) for part in condition.parts)
        number = self.numbers.get(condition.question, condition.question)
        if condition.kind == "answered":
            return f"respondiste la pregunta {number}" if condition.answered else \
                f"no respondiste la pregunta {number}"
        question = (self.definition.question(condition.question)
                    if self.definition.has_question(condition.question) else None)
        codes = " o ".join(printed_code(question, c) if question and question.is_choice
                           else str(c) for c in sorted(condition.codes))
        verb = "marcaste" if condition.kind == "in" else "no marcaste"
        return f"en la pregunta {number} {verb} {codes}"


class _FormsDocument(BaseDocTemplate):
    """A document whose pages know which copy they belong to (for running headers)."""

    def __init__(self, path: str, definition: Definition, school: School | None,
                 progress: Progress, cancel: CancelToken, copies: int):
        super().__init__(path, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + 6 * mm,
                         title=definition.title, author="Seguimiento de Egresados",
                         creator="Seguimiento de Egresados")
        self.definition, self.school = definition, school
        self.current_copy: FormCopy | None = None
        self.copy_page = 1
        self.progress, self.cancel, self.copies, self.done = progress, cancel, copies, 0
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("form", [frame], onPageEnd=self._decorate)])

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _FormStart):
            self.cancel.check()
            self.progress(self.done, self.copies, "Generando cuestionarios…")
            self.done += 1

    def _decorate(self, canvas, doc) -> None:
        copy = self.current_copy
        if copy is None:
            return
        width, height = PAGE_SIZE
        canvas.saveState()
        top = height - MARGIN
        canvas.setFont("Helvetica-Bold", 9)
        canvas.setFillColor(INK)
        school = f"{self.school.cct} · {self.school.name}" if self.school else "Seguimiento de Egresados"
        canvas.drawString(MARGIN, top - 9, school[:90])
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, top - 20, f"{self.definition.title[:70]} · Seguimiento de Egresados")
        if copy.student:
            canvas.drawString(MARGIN, top - 30, f"{copy.student.full_name[:60]} · {copy.student.curp}")
        barcode = Code128(copy.folio, barHeight=9 * mm, barWidth=0.33 * mm, quiet=False)
        barcode.drawOn(canvas, width - MARGIN - barcode.width, top - 11 * mm)
        canvas.setFont("Helvetica-Bold", 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(width - MARGIN, top - 14.5 * mm, copy.folio)
        canvas.setStrokeColor(RULE)
        canvas.line(MARGIN, top - HEADER_HEIGHT + 3 * mm, width - MARGIN, top - HEADER_HEIGHT + 3 * mm)
        canvas.drawString(MARGIN, MARGIN, f"Folio {copy.folio}")
        canvas.drawRightString(width - MARGIN, MARGIN, f"Hoja {self.copy_page}")
        canvas.restoreState()
        self.copy_page += 1


def render_forms(path: str | Path, definition: Definition, school: School | None,
                 students: Iterable[Student], cohort: str = "", blank_copies: int = 0,
                 progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                 notice: str | None = None) -> int:
    """Write a PDF with one pre-filled form per student (plus blank copies); return pages.

    Blank copies carry folio 'C2-EN BLANCO-n' for walk-in graduates keyed by CURP later.
    ``notice`` is the privacy notice in force (privacy/notice.privacy_notice).
    """
    copies = [FormCopy(s, folio(definition.id, s.seq)) for s in students]
    copies += [FormCopy(None, f"{definition.id}-BLANCO-{n:03d}") for n in range(1, blank_copies + 1)]
    builder = FormBuilder(definition, school, notice)
    story: list[Flowable] = []
    progress(0, 0, "Preparando los cuestionarios…")
    for copy in copies:
        cancel.check()  # laying out a copy takes a while: Cancelar must not wait for all
        story.extend(builder.copy_flowables(copy, cohort))
    document = _FormsDocument(str(path), definition, school, progress, cancel, len(copies))
    document.build(story)
    progress(len(copies), len(copies), "Listo.")
    return document.page
