"""Records as bundle lines, written by the plantel's export (one JSON object per line).

A line is ``{"t": "student" | "response" | "attempt", <column>: <value>, …}`` with the
database's column names (docs/bundle-format.md lists them); ``records`` reads them back.
"""

import json

from seguimiento_desktop.storage.sync_state import (
    ATTEMPT_COLUMNS, RESPONSE_COLUMNS, STUDENT_COLUMNS)
from seguimiento_desktop.sync.pseudonyms import (
    FULL, PSEUDONYMISED, pseudonymise_attempt, pseudonymise_student, without_private_answers)

_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def student_line(row: tuple, profile: str, key: bytes | None) -> str:
    """A student row as a line (pseudonymised with ``key`` in that profile)."""
    record = dict(zip(STUDENT_COLUMNS, row))
    record["deleted"] = bool(record["deleted"])
    if profile == PSEUDONYMISED:
        record = pseudonymise_student(record, key or b"")
    return _compact({"t": "student", **record})


def response_line(row: tuple, profile: str = FULL) -> str:
    """The stored answers are JSON already: they are spliced in, not parsed and re-encoded
    (in the pseudonymised profile, without the contact answers)."""
    record = dict(zip(RESPONSE_COLUMNS, row))
    answers, confirmed = record.pop("answers"), record.pop("confirmed")
    if profile == PSEUDONYMISED:
        answers = without_private_answers(answers)
    record["deleted"] = bool(record["deleted"])
    head = _compact({"t": "response", **record})
    return f'{head[:-1]},"answers":{answers},"confirmed":{confirmed}}}'


def attempt_line(row: tuple, profile: str) -> str:
    """A contact attempt row as a line (its note left out in the pseudonymised profile)."""
    record = dict(zip(ATTEMPT_COLUMNS, row))
    record["deleted"] = bool(record["deleted"])
    if profile == PSEUDONYMISED:
        record = pseudonymise_attempt(record)
    return _compact({"t": "attempt", **record})
