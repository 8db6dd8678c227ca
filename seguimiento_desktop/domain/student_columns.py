"""The student rules of ``student_rules.check_fields`` over whole columns, for imports.

An import checks thousands of new students, and nearly all of them pass every rule
without a word. This answers, a column at a time, which rows are that plain and what
their normalised values are; a row it does not clear goes through ``check_fields`` one by
one, which alone writes the messages. So the rules and messages live in one place, and a
property test holds the two paths to the same verdicts and stored values.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.contact import _EMAIL, normalize_phone
from seguimiento_desktop.domain.curp import curp_rows, names_give_curps, plain_curps
from seguimiento_desktop.domain.student_rules import TOO_LONG, _clean, _clean_name, _entry_year

if TYPE_CHECKING:
    import numpy as np

@dataclass
class PlainRows:
    """``plain[i]``: row ``i`` passes every rule with no warning; ``fields`` holds every
    row's normalised values by Student attribute (birth dates as ISO text), which only
    the plain rows' are sure to match ``check_fields``."""

    plain: list[bool]
    fields: dict[str, list]


def plain_rows(texts: dict[str, list[str]], count: int, curps: list[str],
               cohort: str) -> PlainRows:
    """Check ``count`` new students of ``cohort`` given as column ``texts`` (Student
    attribute -> each row's trimmed text, '' when empty) and their normalised ``curps``."""
    empty = [""] * count
    fields: dict[str, list] = {"curp": curps}
    for key in ("given_names", "first_surname", "second_surname"):
        fields[key] = list(map(_clean_name, texts.get(key, empty)))
    for key in ("career", "group", "shift"):
        fields[key] = list(map(_clean, texts.get(key, empty)))
    entry = _entry_year(_clean(cohort))
    chars = curp_rows(curps)  # the CURPs' characters, shared by the three column checks
    valid, usual_age = plain_curps(curps, date(entry, 8, 1) if entry else date.today(), chars)
    named = names_give_curps(curps, fields["given_names"], fields["first_surname"],
                             fields["second_surname"], chars)
    emails, email_ok = _emails(texts.get("email", empty))
    phones, phone_ok = _phones(texts.get("phone", empty))
    homes, home_ok = _phones(texts.get("home_phone", empty))
    fields.update(email=emails, phone=phones, home_phone=homes)
    plain = [True] * count  # then every row a rule stops or warns about made False
    for key, limit, _what in TOO_LONG:
        column = fields.get(key)
        if column and max(map(len, column)) > limit:  # one C pass: nearly always short
            for i, text in enumerate(column):
                if len(text) > limit:
                    plain[i] = False  # the per-row way says which field and why
    for verdicts, wrong in ((valid, False), (usual_age, False), (named, False),
                            (fields["given_names"], ""), (fields["first_surname"], ""),
                            (email_ok, False), (phone_ok, False), (home_ok, False)):
        for i in _positions(verdicts, wrong):
            plain[i] = False
    fields["sex"], fields["birth_date"] = _sexes_and_births(curps, chars, plain)
    return PlainRows(plain, fields)


def _positions(values: list, value: object) -> Iterator[int]:
    """Where ``value`` stands in ``values``, found by ``list.index`` (a rule's few
    refusals among thousands of rows, without a Python step per row)."""
    i = -1
    while True:
        try:
            i = values.index(value, i + 1)
        except ValueError:
            return
        yield i


def _sexes_and_births(curps: list[str], chars: "np.ndarray | None",
                      plain: list[bool]) -> tuple[list[str], list]:
    """The sex and birth date (ISO text) each plain row's CURP gives (``decode_curp``: its
    homoclave's first character tells the century), '' and None for the other rows; the
    whole column at once when there are its ``chars`` (``curp_rows``)."""
    if chars is None:
        return ([curp[10] if ok else "" for curp, ok in zip(curps, plain)],
                [_birth_text(curp) if ok else None for curp, ok in zip(curps, plain)])
    import numpy as np
    count = len(curps)
    text = np.empty((count, 11), np.uint8)  # "2007-03-15" and a line break
    last_century = chars[:, 16] <= ord("9")  # a digit: born before 2000
    text[:, 0] = np.where(last_century, ord("1"), ord("2"))
    text[:, 1] = np.where(last_century, ord("9"), ord("0"))
    text[:, 2:4], text[:, 5:7], text[:, 8:10] = chars[:, 4:6], chars[:, 6:8], chars[:, 8:10]
    text[:, 4] = text[:, 7] = ord("-")
    text[:, 10] = ord("\n")
    sexes = list(chars[:, 10].tobytes().decode("ascii"))
    births: list = text.tobytes().decode("ascii").split("\n")[:count]
    for i in _positions(plain, False):
        sexes[i], births[i] = "", None
    return sexes, births


def _birth_text(curp: str) -> str:
    return f"{'19' if curp[16] <= '9' else '20'}{curp[4:6]}-{curp[6:8]}-{curp[8:10]}"


def _emails(texts: list[str]) -> tuple[list[str], list[bool]]:
    """``normalize_email`` of trimmed texts: lower-cased when valid; ok False for a warning."""
    ok = [not text or _EMAIL.fullmatch(text) is not None for text in texts]
    if False not in ok:  # valid addresses are ASCII without line breaks: lowered as one text
        return "\n".join(texts).lower().split("\n") if texts else [], ok
    return [text.lower() if good else "" for text, good in zip(texts, ok)], ok


def _phones(texts: list[str]) -> tuple[list[str], list[bool]]:
    """``normalize_phone`` of trimmed texts; ten plain digits, the usual cell, pass as
    they are (a column of them is seen to be so at once)."""
    joined = "".join(texts)
    if not joined or (joined.isdigit() and joined.isascii() and set(map(len, texts)) <= {0, 10}):
        return list(texts), [True] * len(texts)
    plain = [not text or (len(text) == 10 and text.isascii() and text.isdigit())
             for text in texts]
    phones, ok = list(texts), plain
    for i in [i for i, good in enumerate(plain) if not good]:
        phones[i], warning = normalize_phone(texts[i])
        ok[i] = warning is None
    return phones, ok


