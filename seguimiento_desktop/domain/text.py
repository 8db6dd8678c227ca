"""Text normalisation shared by search, header mapping and name handling."""

import re
import unicodedata
from functools import lru_cache


class _Uncombined(dict):
    """A ``str.translate`` table that drops combining characters, filled as characters
    are met (one C-level pass per text instead of a Python step per character)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


@lru_cache(maxsize=65536)  # names and carreras repeat a lot across a roster
def strip_accents(text: str) -> str:
    """'Núñez' -> 'Nunez'. Ñ becomes N: users type 'nunez' for 'Núñez'."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_UNCOMBINED)


def fold(text: str) -> str:
    """Accent- and case-insensitive form used for searching and matching."""
    return strip_accents(text).casefold()


def fold_many(texts: list[str]) -> list[str]:
    """``fold`` of each text: a column of plain ASCII (CURPs, e-mails, phones) in one pass
    as lines of one string, any other text by text, each distinct one once (names repeat
    down a list)."""
    joined = "\n".join(texts)
    if joined.isascii():
        folded = joined.casefold().split("\n")
        if len(folded) == len(texts):  # no text had a line break of its own
            return folded
    return list(map(_fold_once, texts))


_fold_once = lru_cache(maxsize=65536)(fold)


# Ñ is a letter of its own, between N and O: "n" followed by a character above every
# letter keeps NUNEZ < NUÑEZ < NUO.
_ENE = "n\x7f"


@lru_cache(maxsize=65536)
def collation_key(text: str) -> str:
    """Spanish alphabetical order for names: case and accents ignored, Ñ after N.

    ``sorted(names, key=collation_key)`` puts ÁVILA with the A's and NÚÑEZ after NUNEZ.
    """
    lowered = unicodedata.normalize("NFC", text).casefold()
    return strip_accents(lowered.replace("ñ", _ENE)) if not lowered.isascii() else lowered


def person_key(first_surname: str, second_surname: str, given_names: str) -> str:
    """Sort key of a person in every list: surnames first, Spanish order. Joined by spaces
    (which sort before any letter), it orders as the three parts would one after another;
    the directory stores it (students.sort_key) so SQL sorts the same way."""
    return " ".join((collation_key(first_surname), collation_key(second_surname),
                     collation_key(given_names)))


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def simplify(text: str) -> str:
    """Fold and drop punctuation and spaces: 'Ap. Materno' -> 'apmaterno'."""
    return _NON_ALNUM.sub("", fold(text))


# Characters nobody sees that reach typed or pasted text: C0 and C1 controls (a bell, an
# escape sequence that reaches a terminal), the soft hyphen, bidirectional marks, overrides
# and isolates (an override shows a name backwards in every report), zero-width spaces and
# joiners, a BOM in mid-text. Each is unprintable to ``str.isprintable``. Tab, line feed
# and carriage return are white space, left to whoever splits the text.
HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e"
                    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def without_hidden(text: str) -> str:
    """``text`` without the characters of ``HIDDEN`` (one C-level check when it has none)."""
    return text if text.isprintable() else HIDDEN.sub("", text)


def clean_spaces(text: str) -> str:
    """Trim and collapse inner runs of white space; hidden characters go too (a name
    pasted from a web page with a zero-width space is the same name)."""
    return " ".join(without_hidden(text).split())


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """The noun (or noun phrase) that goes with ``count``: 'plantel' for 1, 'planteles'
    otherwise. Without ``plural_form``, one word takes -s after a vowel and -es after a
    consonant; phrases ('PC registrada') and irregular words need the plural given."""
    if count == 1:
        return singular
    if plural_form:
        return plural_form
    return singular + ("s" if singular[-1].lower() in "aeiouáéíóú" else "es")


def quantity(count: int, singular: str, plural_form: str = "") -> str:
    """'1 plantel', '3 planteles', '1,250 alumnos' (es-MX thousands separator)."""
    return f"{count:,} {plural(count, singular, plural_form)}"
