"""The printed slips: one per student still to answer, with their personal code.

Ten slips to a letter page (two columns of five) with dashed lines to cut along; each
has the plantel, the student's name, grupo and generación, the code in large type and
what to do with it. The codes are issued when the slips are made (sala/slip_codes.py).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.reports.pdf_style import ACCENT, INK, MARGIN, MUTED, PAGE_SIZE, RULE

if TYPE_CHECKING:
    from seguimiento_desktop.sala.session import SalaConfig
    from seguimiento_desktop.services import Workspace

COLUMNS, ROWS = 2, 5
HOW_TO = ("En la sala, abre la dirección que se proyecta y escribe este código en «Código "
          "personal». Sirve hasta que termines el cuestionario; no lo compartas.")


@dataclass(frozen=True)
class Slip:
    name: str
    group: str
    cohort: str
    code: str


def print_slips(workspace: "Workspace", config: "SalaConfig", path: str | Path) -> int:
    """Issue new personal codes to the session's students who still have to answer and
    write their slips to ``path`` (PDF); the number of slips. Directory permission."""
    from seguimiento_desktop.accounts.roles import DIRECTORY
    from seguimiento_desktop.sala.answering import nobody_left, still_to_answer
    from seguimiento_desktop.sala.slip_codes import SlipCodes
    workspace.require(DIRECTORY)
    pending = still_to_answer(workspace, config)
    if not pending:
        raise nobody_left(config)
    pending.sort(key=lambda s: (s.group, s.first_surname, s.second_surname, s.given_names))
    session = workspace.session
    codes = SlipCodes(workspace.path, session.key if session else None).issue(
        config.questionnaire, (s.id for s in pending))
    school = workspace.school()
    render_slips(Path(path), school.name if school else "",
                 short_title(workspace.definition(config.questionnaire).title),
                 [Slip(s.full_name, s.group, s.cohort, codes[s.id]) for s in pending])
    workspace.log_action("imprimir_codigos_sala", config.questionnaire, {
        "generacion": config.cohort, "grupo": config.group, "hojas": len(pending)})
    return len(pending)


def short_title(title: str) -> str:
    """«Cuestionario 2» of «Cuestionario 2. Egresados, seis meses después del egreso»: what
    fits the slip's first line."""
    return title.partition(".")[0].strip()


def render_slips(path: Path, school: str, questionnaire: str, slips: list[Slip]) -> None:
    """The slips as a PDF at ``path``; ``questionnaire`` is the name the slips head with
    («Cuestionario 2»)."""
    from reportlab.pdfgen.canvas import Canvas

    from seguimiento_desktop.storage.files import atomic_output
    width, height = PAGE_SIZE
    cell_w, cell_h = (width - 2 * MARGIN) / COLUMNS, (height - 2 * MARGIN) / ROWS
    with atomic_output(path) as partial:
        canvas = Canvas(str(partial), pagesize=PAGE_SIZE)
        canvas.setTitle("Códigos personales · sala de cómputo")
        for index, slip in enumerate(slips):
            if index and index % (COLUMNS * ROWS) == 0:
                canvas.showPage()
            column, row = index % COLUMNS, index // COLUMNS % ROWS
            _slip(canvas, MARGIN + column * cell_w, height - MARGIN - (row + 1) * cell_h,
                  cell_w, cell_h, f"{questionnaire} · sala de cómputo", school, slip)
        canvas.save()


def _slip(canvas, x: float, y: float, w: float, h: float, heading: str, school: str,
          slip: Slip) -> None:
    from reportlab.lib.utils import simpleSplit
    canvas.setStrokeColor(RULE)
    canvas.setDash(3, 3)
    canvas.rect(x, y, w, h)
    canvas.setDash()
    pad, top = 10, y + h - 16
    canvas.setFillColor(ACCENT)
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(x + pad, top, heading)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(x + pad, top - 11, school[:70])
    canvas.setFillColor(INK)
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawString(x + pad, top - 28, slip.name[:48])
    canvas.setFont("Helvetica", 9)
    group = f"Grupo {slip.group} · " if slip.group else ""
    canvas.drawString(x + pad, top - 41, f"{group}Generación {slip.cohort}")
    canvas.setFont("Courier-Bold", 20)
    canvas.drawCentredString(x + w / 2, top - 72, slip.code)
    canvas.setFillColor(MUTED)
    canvas.setFont("Helvetica", 7.5)
    for number, line in enumerate(simpleSplit(HOW_TO, "Helvetica", 7.5, w - 2 * pad)):
        canvas.drawString(x + pad, top - 92 - number * 9.5, line)
