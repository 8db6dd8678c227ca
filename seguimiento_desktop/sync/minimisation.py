"""What a pseudonymised bundle may bring to the office, whatever the sender's version.

The «seudonimizado» profile is the office's promise that it never holds a graduate's CURP,
names or contact data (docs/privacy.md). The plantel's export leaves them out, but a
plantel on an older version still sent the questionnaires' contact answers, and a broken
or hostile one could send anything under a signed «seudonimizado» manifest; so the office
enforces the profile on arrival, before anything is written: a CURP that is not a
pseudonym refuses the bundle (a person cannot be blanked into a pseudonym), names,
contact fields, contact answers and the attempts' notes are left out.
"""

import json

from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.pseudonyms import (
    PRIVATE_ANSWERS, PRIVATE_ATTEMPT_FIELDS, PRIVATE_STUDENT_FIELDS, is_pseudonym,
    without_private_answers)
from seguimiento_desktop.sync.records import ANSWERS_TEXT, UNPARSED


def keep_pseudonymised(batch: list[dict], first_line: int) -> None:
    """Leave out of ``batch`` (checked records, changed in place) what the profile keeps
    at the plantel; BundleRejected if a student's CURP is not a pseudonym."""
    for number, record in enumerate(batch, first_line):
        kind = record["t"]
        if kind == "response":
            _drop_private_answers(record)
        elif kind == "student":
            if not is_pseudonym(record["curp"]):
                raise _real_curp(number)
            record.update(dict.fromkeys(PRIVATE_STUDENT_FIELDS, ""))
        else:
            record.update(dict.fromkeys(PRIVATE_ATTEMPT_FIELDS, ""))


def _drop_private_answers(record: dict) -> None:
    text = record.get(ANSWERS_TEXT)
    if text is None:  # parsed whole on arrival: the dict is what will be stored
        answers = record["answers"]
        if not PRIVATE_ANSWERS.isdisjoint(answers):
            record["answers"] = {k: v for k, v in answers.items() if k not in PRIVATE_ANSWERS}
        return
    kept = without_private_answers(text)
    if kept is not text:
        record[ANSWERS_TEXT] = kept
        if record["answers"] is not UNPARSED:
            record["answers"] = json.loads(kept)


def _real_curp(line_number: int) -> BundleRejected:
    return BundleRejected("contenido", "El paquete dice venir seudonimizado pero trae la CURP de "
                          f"un alumno (línea {line_number}): esta oficina no recibe CURP, "
                          "nombres ni datos de contacto. No se fusionó nada; pida al plantel "
                          "que importe de nuevo el paquete de configuración y exporte otra "
                          "vez, y si se repite avise a soporte técnico.")
