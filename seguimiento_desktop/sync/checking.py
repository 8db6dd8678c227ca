"""Checking a batch of arriving records column by column (the merge's hot path).

``records.check_record`` is the definition of a well-formed record and names the first bad
line. Checked one by one, each field of each record costs a few Python steps, which on a
bundle of thousands of lines was a fifth of the merge's own (non-SQLite) time. Here each
field is checked for the whole batch in a few C-level passes: a join, which raises
TypeError unless every value is a str; one regular expression over the joined ids or dates;
min and max over lengths and stamps. Anything unusual (a missing field, a None, a failed
pass) sends the batch to ``check_record`` record by record, so the verdict and the message
are the same either way (tests/unit/test_sync_records.py holds them equal). Either way,
text that is not all printable has its hidden characters taken out (text_hygiene).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from itertools import chain
from operator import itemgetter

from seguimiento_desktop.sync.records import (
    _CURP, _MAX_STAMP, TEXTS, UNPARSED, _getter, _is_confirmed, _text_groups, check_record,
    future_stamp)
from seguimiento_desktop.sync.text_hygiene import clean_texts

# Values joined, each followed by "\n"; ``_joined`` makes sure no value brought its own.
_IDS = re.compile(r"(?:[0-9A-Za-z][0-9A-Za-z\-_]{0,63}\n)*")
_DATES = re.compile(r"(?:\d{4}-\d{2}-\d{2}\n)*")
_CURPS = re.compile(rf"(?:(?:{_CURP.pattern})\n)*")
_ANSWER_TYPES = {dict, type(UNPARSED)}
_STAMP = itemgetter("updated_at")


def _column(group: list[dict], name: str) -> list:
    return list(map(itemgetter(name), group))  # KeyError if missing: the slow path says which


def _joined(values: list) -> str:
    """The values (str, else TypeError) one a line; "" if a value holds a line break."""
    text = "\n".join(values) + "\n"
    return text if text.count("\n") == len(values) else ""


def _ids(values: list) -> bool:
    text = _joined(values)
    return bool(text) and _IDS.fullmatch(text) is not None


def _ints(values: list, low: int, high: int) -> bool:
    return set(map(type, values)) == {int} and low <= min(values) and max(values) <= high


def _dates(values: list) -> bool:
    text = _joined(values)
    if not text or _DATES.fullmatch(text) is None:
        return False
    for value in set(values):  # few distinct dates in a batch
        date.fromisoformat(value)  # ValueError: not a calendar date
    return True


def _optional(values: list, check: Callable[[list], bool]) -> bool:
    present = [v for v in values if v is not None]
    return not present or check(present)


def _texts(group: list[dict], kind: str, unclean: list[list[dict]]) -> bool:
    """Every text field a str within its limit: all of them in one pass when none is longer
    than the kind's tightest limit (the usual batch), else limit by limit. A group whose
    text is not all printable goes into ``unclean`` (text_hygiene cleans it), judged on the
    same join: a note's line break is ordinary, never a reason for the slow way."""
    texts = list(chain.from_iterable(map(_ALL_TEXTS[kind], group)))
    if not "".join(texts).isprintable():  # TypeError unless all are str
        unclean.append(group)
    if max(map(len, texts)) <= _TIGHTEST[kind]:
        return True
    return all(max(map(len, chain.from_iterable(map(get, group)))) <= limit
               for get, limit in _GROUPS[kind])


def _common(group: list[dict], kind: str, unclean: list[list[dict]]) -> bool:
    return (_texts(group, kind, unclean) and _ids(_column(group, "id"))
            and _ids(_column(group, "origin"))
            and _ints(_column(group, "updated_at"), 0, _MAX_STAMP)
            and set(map(type, _column(group, "deleted"))) == {bool})


def _students(group: list[dict]) -> bool:
    curps = _joined(_column(group, "curp"))
    return (bool(curps) and _CURPS.fullmatch(curps) is not None
            and _optional([r.get("birth_date") for r in group], _dates)
            and _optional([r.get("base_updated_at") for r in group],
                          lambda v: _ints(v, 0, _MAX_STAMP))
            and _optional([r.get("base_origin") for r in group], _ids))


def _responses(group: list[dict]) -> bool:
    confirmed = _column(group, "confirmed")
    return (_ids(_column(group, "student_id")) and _ints(_column(group, "version"), 0, 999_999)
            and set(map(type, _column(group, "answers"))) <= _ANSWER_TYPES
            and (set(map(type, confirmed)) == {list} and not any(confirmed)  # usually all []
                 or all(map(_is_confirmed, confirmed))))


def _attempts(group: list[dict]) -> bool:
    return _ids(_column(group, "student_id")) and _dates(_column(group, "attempted_on"))


_GROUPS = {kind: _text_groups(kind) for kind in TEXTS}
_ALL_TEXTS = {kind: _getter(tuple(name for name, _ in TEXTS[kind])) for kind in TEXTS}
_TIGHTEST = {kind: min(limit for _, limit in TEXTS[kind]) for kind in TEXTS}
_KIND_CHECKS = {"student": _students, "response": _responses, "attempt": _attempts}


def check_batch(batch: list, first_line: int) -> Counter[str]:
    """How many records of each kind; BundleRejected (from ``check_record``) if one is bad.
    The records' text fields come out without hidden characters (text_hygiene)."""
    by_kind: defaultdict[str, list[dict]] = defaultdict(list)
    unclean: list[list[dict]] = []
    try:
        for record in batch:
            by_kind[record["t"]].append(record)
        if all(_common(group, kind, unclean) and _KIND_CHECKS[kind](group)
               for kind, group in by_kind.items()):
            for group in unclean:
                clean_texts(group)
            return Counter({kind: len(group) for kind, group in by_kind.items()})
    except (KeyError, TypeError, ValueError, AttributeError):
        pass
    kinds = Counter(check_record(record, number) for number, record in enumerate(batch, first_line))
    clean_texts(batch)
    return kinds


def check_stamps(batch: list[dict], first_line: int, ceiling: int) -> int:
    """The batch's greatest stamp; BundleRejected if a stamp is past ``ceiling``.

    ``ceiling`` is a tolerance ahead of the bundle's signed creation time: a version
    stamped far in the future would win over every later edit until that time came.
    """
    # ``_newest``'s rule (only a student's base counts) for the whole batch, without a call
    # a record (less than half the time of max(map(_newest, batch))): keep the two alike.
    greatest = max(map(_STAMP, batch))
    bases = [r.get("base_updated_at") for r in batch if r["t"] == "student"]
    greatest = max(greatest, max(filter(None, bases), default=0))
    if greatest <= ceiling:
        return greatest
    for number, record in enumerate(batch, first_line):
        if _newest(record) > ceiling:
            raise future_stamp(number)
    raise AssertionError("the greatest stamp is in no record")


def _newest(record: dict) -> int:
    """The record's stamp, or the stamp of the version it was made on if later (students
    only: other kinds have no checked base, and an unchecked field is never read)."""
    base = record.get("base_updated_at") if record["t"] == "student" else None
    return max(record["updated_at"], base or 0)
