"""The student rules of ``student_rules.check_fields`` over whole columns, for imports.

An import checks thousands of new students, and nearly all of them pass every rule
without a word. This answers, a column at a time, which rows are that plain and what
their normalised values are; a row it does not clear goes through ``check_fields`` one by
one, which alone writes the messages. So the rules and messages live in one place, and a
property test holds the two paths to the same verdicts and stored values.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from seguimiento_desktop.domain.contact import _EMAIL, normalize_phone
from seguimiento_desktop.domain.curp import names_give_curps, plain_curps
from seguimiento_desktop.domain.student_rules import _clean, _clean_name, _entry_year

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
    valid, usual_age = plain_curps(curps, date(entry, 8, 1) if entry else date.today())
    named = names_give_curps(curps, fields["given_names"], fields["first_surname"],
                             fields["second_surname"])
    emails, email_ok = _emails(texts.get("email", empty))
    phones, phone_ok = _phones(texts.get("phone", empty))
    homes, home_ok = _phones(texts.get("home_phone", empty))
    fields.update(email=emails, phone=phones, home_phone=homes)
    plain = [curp_ok and age_ok and name_ok and bool(given) and bool(first) and mail and cell
             and home for curp_ok, age_ok, name_ok, given, first, mail, cell, home
             in zip(valid, usual_age, named, fields["given_names"], fields["first_surname"],
                    email_ok, phone_ok, home_ok)]
    fields["sex"] = [curp[10] if ok else "" for curp, ok in zip(curps, plain)]
    # A valid CURP's birth date (decode_curp) as ISO text: its homoclave tells the century.
    fields["birth_date"] = [f"{'19' if curp[16] <= '9' else '20'}{curp[4:6]}-{curp[6:8]}-"
                            f"{curp[8:10]}" if ok else None for curp, ok in zip(curps, plain)]
    return PlainRows(plain, fields)


def _emails(texts: Sequence[str]) -> tuple[list[str], list[bool]]:
    """``normalize_email`` of trimmed texts: lower-cased when valid; ok False for a warning."""
    ok = [not text or _EMAIL.fullmatch(text) is not None for text in texts]
    return [text.lower() if good else "" for text, good in zip(texts, ok)], ok


def _phones(texts: Sequence[str]) -> tuple[list[str], list[bool]]:
    """``normalize_phone`` of trimmed texts; ten plain digits, the usual cell, pass as
    they are."""
    plain = [not text or (len(text) == 10 and text.isascii() and text.isdigit())
             for text in texts]
    if all(plain):
        return list(texts), plain
    phones, ok = list(texts), plain
    for i in [i for i, good in enumerate(plain) if not good]:
        phones[i], warning = normalize_phone(texts[i])
        ok[i] = warning is None
    return phones, ok


