"""Bundle lines on arrival: parsing them and checking every record (writing: ``lines``).

A line is ``{"t": "student" | "response" | "attempt", <column>: <value>, …}`` with the
database's column names (docs/bundle-format.md lists them). On arrival every field is
checked for presence, type and size before anything is written: a signed bundle from an
enrolled installation is still not trusted to be well formed.
"""

import json
import re
from collections.abc import Callable
from operator import itemgetter
from datetime import date

from orjson import loads as _loads

from seguimiento_desktop.domain.ids import MAX_STAMP
from seguimiento_desktop.domain.limits import CODE_MAX, NAME_MAX, NOTE_MAX
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.lines import (  # noqa: F401  (bench/ imports them from here)
    attempt_line, response_line, student_line)

KINDS = {"student": "students", "response": "responses", "attempt": "contact_attempts"}
MAX_ANSWERS_CHARS = 256 * 1024
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_]{0,63}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A CURP in the one form every plantel stores (upper case, nothing but letters and digits:
# domain/curp.normalize_curp) or a pseudonym: the office's one row a person rests on it, so
# «abcd…», «ABCD 0…» or a zero-width character inside would be a second person.
_CURP = re.compile(r"[0-9A-ZÑ]{1,40}|S-[A-Z2-7]{22}")
_MAX_STAMP = MAX_STAMP


# --- Checking (the receiving side) ---------------------------------------------------


def _is_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def _is_stamp(value: object) -> bool:
    return type(value) is int and 0 <= value <= _MAX_STAMP


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _optional(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda v: v is None or check(v)


def _is_bool(value: object) -> bool:
    return type(value) is bool


def _is_curp(value: object) -> bool:
    return isinstance(value, str) and _CURP.fullmatch(value) is not None


class _Unparsed:
    """Stands for answers whose text matched ``_FLAT_ANSWERS`` and was not parsed yet."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNPARSED"


UNPARSED = _Unparsed()


def _are_answers(value: object) -> bool:
    return isinstance(value, dict) or value is UNPARSED  # set only with the matched text


def _is_confirmed(value: object) -> bool:
    return isinstance(value, list) and len(value) <= 2000 and all(
        isinstance(v, str) and len(v) <= 64 for v in value)


_NAME, _CODE, _NOTE = NAME_MAX, CODE_MAX, NOTE_MAX  # what the plantel also enforces
_COMMON = (("id", _is_id), ("updated_at", _is_stamp), ("origin", _is_id), ("deleted", _is_bool))
# Per kind: text fields with their length limit, then fields with their own check.
# (Two plain loops instead of a function call per field: the merge checks every line.)
TEXTS: dict[str, tuple[tuple[str, int], ...]] = {
    "student": (("given_names", _NAME), ("first_surname", _NAME), ("second_surname", _NAME),
                ("sex", _CODE), ("cohort", _CODE), ("career", _NAME), ("group_name", _CODE),
                ("shift", _CODE), ("email", _NAME), ("phone", _CODE), ("home_phone", _CODE),
                ("status", _CODE), ("contact_status", _CODE), ("school_cct", _CODE)),
    "response": (("questionnaire", _CODE), ("mode", _CODE), ("status", _CODE),
                 ("keyer", _NAME), ("verifier", _NAME), ("started_at", _CODE),
                 ("completed_at", _CODE)),
    "attempt": (("questionnaire", _CODE), ("medium", _CODE), ("result", _CODE),
                ("note", _NOTE)),
}
CHECKS: dict[str, tuple] = {
    "student": _COMMON + (
        ("curp", _is_curp), ("birth_date", _optional(_is_date)),
        ("base_updated_at", _optional(_is_stamp)), ("base_origin", _optional(_is_id))),
    "response": _COMMON + (
        ("student_id", _is_id), ("version", lambda v: type(v) is int and 0 <= v < 1_000_000),
        ("answers", _are_answers), ("confirmed", _is_confirmed)),
    "attempt": _COMMON + (("student_id", _is_id), ("attempted_on", _is_date)),
}


def _student_extra(record: dict) -> bool:
    get = record.get
    curp, birth, base_at, base_origin = (get("curp"), get("birth_date"),
                                         get("base_updated_at"), get("base_origin"))
    return (type(curp) is str and _CURP.fullmatch(curp) is not None
            and (birth is None or _is_date(birth))
            and (base_at is None or (type(base_at) is int and 0 <= base_at <= _MAX_STAMP))
            and (base_origin is None or _is_id(base_origin)))


def _response_extra(record: dict) -> bool:
    get = record.get
    student_id, version, confirmed = get("student_id"), get("version"), get("confirmed")
    return (type(student_id) is str and _ID.fullmatch(student_id) is not None
            and type(version) is int and 0 <= version < 1_000_000
            and _are_answers(get("answers"))
            and type(confirmed) is list and (not confirmed or _is_confirmed(confirmed)))


def _attempt_extra(record: dict) -> bool:
    return _is_id(record.get("student_id")) and _is_date(record.get("attempted_on"))


# The kind's own fields (CHECKS minus the common ones) as one straight-line function each:
# the merge checks every line, and a generator step plus a lambda call per field was two
# fifths of the checking time (profiled). ``check_record``'s detailed pass over CHECKS stays the
# definition: a record this quick path refuses is re-checked field by field there (and a
# record it accepts must pass there too; tests/unit/test_sync_records.py).
_EXTRA: dict[str, Callable[[dict], bool]] = {
    "student": _student_extra, "response": _response_extra, "attempt": _attempt_extra}


def _getter(names: tuple[str, ...]) -> Callable[[dict], tuple]:
    if len(names) == 1:
        return lambda record, name=names[0]: (record[name],)
    return itemgetter(*names)


def _text_groups(kind: str) -> tuple:
    """The kind's text fields grouped by length limit, each group read by one getter."""
    limits = sorted({limit for _, limit in TEXTS[kind]})
    return tuple((_getter(tuple(n for n, l in TEXTS[kind] if l == limit)), limit)
                 for limit in limits)


_GROUPS = {kind: _text_groups(kind) for kind in TEXTS}
_COMMON_GET = itemgetter("id", "origin", "updated_at", "deleted")


def _well_formed(record: dict, kind: str) -> bool:
    """The common case in a few C-level passes; False sends it to the detailed check."""
    try:
        for get, limit in _GROUPS[kind]:
            values = get(record)
            "".join(values)  # TypeError unless every value is a str: one C-level pass
            if max(map(len, values)) > limit:
                return False
        record_id, origin, stamp, deleted = _COMMON_GET(record)
        if not (_ID.fullmatch(record_id) and _ID.fullmatch(origin) and type(stamp) is int
                and 0 <= stamp <= _MAX_STAMP and type(deleted) is bool):
            return False
    except (KeyError, TypeError):
        return False
    return _EXTRA[kind](record)


def check_record(record: object, line_number: int) -> str:
    """The record's kind if every field is present and well formed; else BundleRejected."""
    kind = record.get("t") if isinstance(record, dict) else None
    checks = CHECKS.get(kind) if isinstance(kind, str) else None  # "t": [] is unhashable
    if checks is None:
        raise _bad(line_number, "tipo de registro desconocido")
    if _well_formed(record, kind):  # type: ignore[arg-type]
        return kind  # type: ignore[return-value]
    get = record.get  # type: ignore[union-attr]
    for name, limit in TEXTS[kind]:  # type: ignore[index]
        value = get(name)
        if type(value) is not str or len(value) > limit:
            raise _bad(line_number, f"el campo «{name}» falta o no es válido")
    for name, check in checks:
        if not check(get(name)):
            raise _bad(line_number, f"el campo «{name}» falta o no es válido")
    raise AssertionError("a record failed the quick check but passed every field")


_ANSWERS, _CONFIRMED = ',"answers":', ',"confirmed":'
ANSWERS_TEXT = "_answers_text"  # the answers exactly as they arrived (not a bundle field)
CONFIRMED_TEXT = "_confirmed_text"
# Kept with a record that waits in sync_parked for its student: the plantel that sent it,
# since the bundle that finally brings the student may come from another.
DELIVERED_BY = "delivered_by"
INTERNAL_KEYS = frozenset({ANSWERS_TEXT, CONFIRMED_TEXT, DELIVERED_BY})
_scan = json.JSONDecoder().scan_once


# Answers as the plantel stores them (``json.dumps`` with its default separators): an object
# of strings without escapes, short numbers, booleans, null, or lists of those. Text that
# matches is a valid JSON object (the pattern is a strict subset of JSON), so the common
# line skips building a dict of every answer only to store the same text; anything else
# (escapes, exponents, nesting, other spacing) is parsed the ordinary way.
_STRING = r'"[^"\\\x00-\x1f]*"'
_SCALAR = rf'(?:{_STRING}|-?(?:0|[1-9][0-9]{{0,15}})(?:\.[0-9]{{1,15}})?|true|false|null)'
_VALUE = rf'(?:{_SCALAR}|\[(?:{_SCALAR}(?:, {_SCALAR})*)?\])'
_PAIR = rf'{_STRING}: {_VALUE}'
_FLAT_ANSWERS = re.compile(rf'\{{(?:{_PAIR}(?:, {_PAIR})*)?\}}')


_RESPONSE_HEAD = b'{"t":"response"'
_ANSWERS_B, _CONFIRMED_B = _ANSWERS.encode(), _CONFIRMED.encode()
_SPACE = frozenset(b" \t\n\r")
# Any run of 19 digits (one C-level translate and a substring search, half a microsecond).
_ZERO_DIGITS, _LONG_NUMBER = bytes.maketrans(b"123456789", b"0" * 9), b"0" * 19
# orjson reads JSON nested up to 1,023 deep; the json module, which the merge writes and
# reads parked records, siblings and stored answers with, stops near its recursion limit
# (1,000 less the caller's stack): a bundle nested between the two was accepted, then
# crashed the merge. A line nested more than _DEEP deep has more than _DEEP opening brackets,
# so more than twice _DEEP bytes; such a line goes to ``exact_parse_line``, whose json module
# refuses (RecursionError) what it could not handle later. A batch of short lines pays one
# max() of their lengths.
_DEEP = 500


def _may_be_deep(line: bytes) -> bool:
    return len(line) > 2 * _DEEP and line.count(b"[") + line.count(b"{") > _DEEP


def parse_line(line: bytes) -> object:
    """One payload line as JSON: ``exact_parse_line``'s result, faster (orjson).

    orjson parses the same pieces ``exact_parse_line`` does, in C. Where the two could
    differ (an integer of 19 digits or more, which orjson reads as a float; anything orjson
    refuses: NaN, lone surrogates, text that is not UTF-8; a piece with surrounding blanks,
    which the exact parser sends to its slow path; nesting deeper than the json module
    reaches: ``_DEEP``), the line goes to ``exact_parse_line``, which stays the definition
    (property-tested equal: tests/unit/test_sync_lines_fast.py).
    """
    if _LONG_NUMBER in line.translate(_ZERO_DIGITS) or _may_be_deep(line):
        return exact_parse_line(line)  # a long integer orjson reads as a float; deep nesting
    try:
        if not line.startswith(_RESPONSE_HEAD):
            return _external(_loads(line))
        record = _fast_response(line)
        if record is not None:
            return record
    except (ValueError, TypeError):  # orjson.JSONDecodeError is a ValueError
        pass
    return exact_parse_line(line)


_PLAIN_END = _CONFIRMED_B + b"[]}"  # nearly every response line: nothing confirmed yet
_PLAIN_CUT = len(_PLAIN_END)


def parse_lines(lines: list[bytes]) -> list:
    """``parse_line`` of each line (the same records, the same ValueError), a batch at once.

    The merge's hot path: the Python around each orjson call was half the parsing. Here a
    batch's lines are searched once for long numbers, and a response line in the form the
    sender writes (``,"confirmed":[]`` at the end) has its answers only validated by
    orjson, not kept as a dict: ``answers`` is ``UNPARSED``, as ``exact_parse_line`` leaves
    plain answers (built, kept and freed, 4,000 dicts of answers a bundle cost a fifth of
    the parsing). Any other line goes to ``parse_line`` (tests/unit/test_sync_lines_fast.py
    holds the two equal).
    """
    if _LONG_NUMBER in b"\n".join(lines).translate(_ZERO_DIGITS) or (
            lines and max(map(len, lines)) > 2 * _DEEP and any(map(_may_be_deep, lines))):
        return list(map(parse_line, lines))
    records: list = []
    keep, loads = records.append, _loads
    for line in lines:
        if not line.startswith(_RESPONSE_HEAD):
            try:
                record = loads(line)
            except ValueError:
                record = exact_parse_line(line)  # raises for a line that is not JSON
            keep(_external(record))
            continue
        cut = line.rfind(_ANSWERS_B)
        record = None
        if line.endswith(_PLAIN_END) and 0 < cut < len(line) - _PLAIN_CUT:
            answers = line[cut + len(_ANSWERS_B):-_PLAIN_CUT]
            if answers and answers[0] not in _SPACE and answers[-1] not in _SPACE:
                try:
                    if type(loads(answers)) is dict:
                        record = loads(line[:cut] + b"}")
                except ValueError:
                    record = None
        if type(record) is not dict:
            keep(parse_line(line))
            continue
        record = _external(record)
        record["answers"], record[ANSWERS_TEXT] = UNPARSED, answers.decode()
        record["confirmed"], record[CONFIRMED_TEXT] = [], "[]"
        keep(record)
    return records


def _fast_response(line: bytes) -> dict | None:
    """A response line cut where the sender spliced the answers; None: the exact path."""
    cut, tail = line.rfind(_ANSWERS_B), line.rfind(_CONFIRMED_B)
    start, rest = cut + len(_ANSWERS_B), tail + len(_CONFIRMED_B)
    answers_text, confirmed_text = line[start:tail], line[rest:-1]
    if not (0 < cut < tail and line.endswith(b"}") and answers_text and confirmed_text
            and answers_text[0] not in _SPACE and answers_text[-1] not in _SPACE
            and confirmed_text[0] not in _SPACE and confirmed_text[-1] not in _SPACE):
        return None
    record = _loads(line[:cut] + b"}")
    answers = _loads(answers_text)
    if not isinstance(record, dict):
        return None
    record = _external(record)
    record["answers"], record[ANSWERS_TEXT] = answers, answers_text.decode()
    if confirmed_text == b"[]":  # nearly every line: nothing confirmed yet
        record["confirmed"], record[CONFIRMED_TEXT] = [], "[]"
    else:
        record["confirmed"], record[CONFIRMED_TEXT] = _loads(confirmed_text), \
            confirmed_text.decode()
    return record


def exact_parse_line(line: bytes) -> object:
    """One payload line as JSON; for a response, also keep the original answers text.

    The sender splices the stored answers text at the end of a response line (see
    ``response_line``); keeping those exact characters saves re-encoding every answer on
    arrival, the merge's largest cost after SQLite itself. Each part must parse and end
    exactly where the next begins, else the line is parsed whole the ordinary way. Answers
    in the plain stored form are only matched, not parsed: ``answers`` is then
    ``UNPARSED`` until ``full_answers`` is called (the merge's slow paths do).
    """
    try:
        text = line.decode("utf-8")
        if not text.startswith('{"t":"response"'):
            record, end = _scan(text, 0)
            if end == len(text):
                return _external(record)
            return _external(json.loads(text))
        cut, tail = text.rfind(_ANSWERS), text.rfind(_CONFIRMED)
        if not 0 < cut < tail:
            return _external(json.loads(text))
        record, end = _scan(text[:cut] + "}", 0)
        start = cut + len(_ANSWERS)
        if _FLAT_ANSWERS.fullmatch(text, start, tail):
            answers, answers_end = UNPARSED, tail
        else:
            answers, answers_end = _scan(text, start)
        confirmed, confirmed_end = _scan(text, tail + len(_CONFIRMED))
        if not (end == cut + 1 and answers_end == tail and confirmed_end == len(text) - 1
                and text[-1] == "}" and isinstance(record, dict)):
            return _external(json.loads(text))
    except (StopIteration, ValueError, IndexError):
        return _external(json.loads(line))  # raises ValueError for a line that is not JSON
    record = _external(record)
    record["answers"], record["confirmed"] = answers, confirmed
    record[ANSWERS_TEXT], record[CONFIRMED_TEXT] = text[start:tail], text[
        tail + len(_CONFIRMED):-1]
    return record


def _external(value: object) -> object:
    """``value`` without the merge's own bookkeeping keys, should a line carry them.

    The merge keeps notes in a record under INTERNAL_KEYS (the answers' original text,
    who delivered a parked record) and trusts them; a line that brings its own would
    smuggle unchecked answers text, or claim to come from another plantel.
    """
    if isinstance(value, dict) and (ANSWERS_TEXT in value or CONFIRMED_TEXT in value
                                    or DELIVERED_BY in value):  # INTERNAL_KEYS, unrolled
        return {k: v for k, v in value.items() if k not in INTERNAL_KEYS}
    return value


assert INTERNAL_KEYS == {ANSWERS_TEXT, CONFIRMED_TEXT, DELIVERED_BY}  # unrolled in _external


def full_answers(record: dict) -> dict:
    """``record`` with its answers parsed (for paths that compare or re-encode them).

    Read by orjson, the parser that accepted them in ``parse_lines`` (the flat text
    ``exact_parse_line`` matched has numbers of at most 16 digits, read the same by both)."""
    if record.get("answers") is UNPARSED:
        record["answers"] = _loads(record[ANSWERS_TEXT])
    return record


def answers_text(record: dict, line_number: int) -> str:
    """The answers as stored (same form as storage.responses writes), with a size bound."""
    text = record.get(ANSWERS_TEXT) or json.dumps(record["answers"], ensure_ascii=False,
                                                  sort_keys=True)
    if len(text) > MAX_ANSWERS_CHARS:
        raise _bad(line_number, "las respuestas son demasiado grandes")
    return text


def future_stamp(line_number: int) -> BundleRejected:
    """A record dated after its bundle was made (beyond the clock tolerance)."""
    return BundleRejected("contenido", f"El paquete tiene un registro con fecha de cambio "
                          f"posterior a la fecha en que se creó el paquete (línea {line_number})"
                          ": el reloj de la PC que lo exportó está (o estuvo) adelantado, o el "
                          "archivo fue alterado. No se fusionó nada; revise la fecha y hora de esa PC y "
                          "pida que exporte de nuevo.")


def _bad(line_number: int, what: str) -> BundleRejected:
    return BundleRejected("contenido", f"El paquete tiene un registro no válido (línea "
                                       f"{line_number}: {what}). No se fusionó nada; avise a "
                                       "soporte técnico y conserve el archivo.")
