"""Checks for values that cross a trust boundary: manifests, acknowledgements, records.

A signed file from an enrolled PC is authentic, not harmless: its author may be broken or
malicious. Every field is checked for type *and* range before it is used for anything (a
file name, a number handed to SQLite, a comparison), so a bad value is a Spanish refusal,
never an OverflowError or a path outside the chosen folder.
"""

import re
from datetime import datetime, timezone

MAX_SEQ = (1 << 63) - 1  # bundle numbers are stored in SQLite's signed 64-bit INTEGER
ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_]{0,63}")
CCT = re.compile(r"\d{2}[A-Z]{3}\d{4}[A-Z]")
SHA256 = re.compile(r"[0-9a-f]{64}")
AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
VERSION = re.compile(r"[0-9A-Za-z.+\-]{1,40}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:\+00:00|Z)")
# Creation times before the first version of the app, or after year 2999, are not dates a
# real PC writes; refusing them keeps date arithmetic (and file names) on safe ground.
FIRST_YEAR, LAST_YEAR = 2020, 2999


def is_int(value: object, low: int = 0, high: int = MAX_SEQ) -> bool:
    """An int (not a bool) within [low, high]."""
    return type(value) is int and low <= value <= high


def matches(pattern: re.Pattern, value: object) -> bool:
    """A str that ``pattern`` matches whole."""
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def utc_timestamp(value: object) -> datetime | None:
    """An ISO 8601 UTC time as the app writes it («2026-06-12T10:30:00+00:00»), else None."""
    if not matches(_TIMESTAMP, value):
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        return None
    return moment.astimezone(timezone.utc)


def epoch_ms(moment: datetime) -> int:
    """Milliseconds since the epoch, the unit of the hybrid clock."""
    return int(moment.timestamp() * 1000)
