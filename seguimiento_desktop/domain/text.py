"""Text normalisation shared by search, header mapping and name handling."""

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)  # names and carreras repeat a lot across a roster
def strip_accents(text: str) -> str:
    """'Núñez' -> 'Nunez'. Ñ becomes N: users type 'nunez' for 'Núñez'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Accent- and case-insensitive form used for searching and matching."""
    return strip_accents(text).casefold()


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def simplify(text: str) -> str:
    """Fold and drop punctuation and spaces: 'Ap. Materno' -> 'apmaterno'."""
    return _NON_ALNUM.sub("", fold(text))


def clean_spaces(text: str) -> str:
    """Trim and collapse inner runs of white space."""
    return " ".join(text.split())
