"""Splitting a whole name written the school-control way: surnames first, then given names.

"DE LA CRUZ PÉREZ MARÍA JOSÉ" -> given "MARÍA JOSÉ", first "DE LA CRUZ", second "PÉREZ".
Particles (DE, LA, DEL, …) stick to the word after them. When the row has a CURP, its
letters (initials and inner consonants) pick the split that gives them, which also settles
"MONTES DE OCA" style surnames and lists written given names first.
"""

from itertools import combinations

from seguimiento_desktop.domain.curp import PARTICLES, name_letters, normalize_curp
from seguimiento_desktop.domain.text import clean_spaces, strip_accents

Split = tuple[str, str, str]  # (given_names, first_surname, second_surname)


def split_full_name(text: str, curp: str = "") -> Split:
    """(given_names, first_surname, second_surname) from "APELLIDO1 APELLIDO2 NOMBRES".

    "PÉREZ GARCÍA, JUAN" (a comma after the surnames) is understood too. ``curp``, when
    given, chooses among the possible splits the one whose letters it carries.
    """
    text = clean_spaces(text)
    if "," in text:
        surnames, _, given = text.partition(",")
        return _split_with_comma(surnames.split(), clean_spaces(given))
    words = text.split()
    default = _default_split(words)
    wanted = _curp_letters(curp)
    if not wanted or len(words) < 2 or _score(default, wanted) == len(wanted):
        return default
    candidates = [default, *_surnames_first(words), *_given_first(words)]
    best = max(candidates, key=lambda split: _score(split, wanted))  # first best wins ties
    return best


def split_surnames(text: str, given: str = "", curp: str = "") -> tuple[str, str]:
    """(first_surname, second_surname) from one «Apellidos» cell: "DE LA CRUZ PÉREZ" ->
    ("DE LA CRUZ", "PÉREZ"). With the given names and the CURP, its letters choose the cut
    ("MONTES DE OCA LÓPEZ")."""
    words = clean_spaces(text).split()
    default = _split_with_comma(words, given)
    wanted = _curp_letters(curp)
    if not wanted or not given or len(words) < 3 or _score(default, wanted) == len(wanted):
        return default[1], default[2]
    cuts = [(given, " ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = max([default, *cuts], key=lambda split: _score(split, wanted))  # ties: default
    return best[1], best[2]


def _surname_units(words: list[str]) -> list[str]:
    """Group particles with the word after them: DE LA CRUZ PÉREZ -> [DE LA CRUZ, PÉREZ]."""
    units: list[str] = []
    pending: list[str] = []
    for word in words:
        pending.append(word)
        if _plain(word) not in PARTICLES:
            units.append(" ".join(pending))
            pending = []
    if pending:
        units.append(" ".join(pending))
    return units


def _default_split(words: list[str]) -> Split:
    units = _surname_units(words)
    if len(units) >= 3:
        first, second = units[0], units[1]
        given_start = len(first.split()) + len(second.split())
        return " ".join(words[given_start:]), first, second
    if len(units) == 2:  # one surname and the given name(s) as one word
        return units[1], units[0], ""
    return "", " ".join(words), ""


def _split_with_comma(surnames: list[str], given: str) -> Split:
    units = _surname_units(surnames)
    if len(units) <= 1:
        return given, " ".join(surnames), ""
    return given, units[0], " ".join(surnames[len(units[0].split()):])


def _surnames_first(words: list[str]) -> list[Split]:
    """Every (first, second, given) cut keeping a first surname and a given name."""
    n = len(words)
    splits = [(" ".join(words[j:]), " ".join(words[:i]), " ".join(words[i:j]))
              for i, j in combinations(range(1, n), 2)]
    return splits + [(" ".join(words[i:]), " ".join(words[:i]), "") for i in range(1, n)]


def _given_first(words: list[str]) -> list[Split]:
    """Lists written "NOMBRES APELLIDO1 APELLIDO2" (only chosen when the CURP says so)."""
    n = len(words)
    splits = [(" ".join(words[:k]), " ".join(words[k:i]), " ".join(words[i:]))
              for k, i in combinations(range(1, n), 2)]
    return splits + [(" ".join(words[:k]), " ".join(words[k:]), "") for k in range(1, n)]


def _curp_letters(curp: str) -> str:
    curp = normalize_curp(curp)
    return curp[:4] + curp[13:16] if len(curp) == 18 and curp[:4].isalpha() else ""


def _score(split: Split, wanted: str) -> int:
    """How many of the CURP's seven name letters this split would produce."""
    given, first, second = split
    if not given or not first:
        return -1
    initials, consonants = name_letters(given, first, second)
    return sum(a == b for a, b in zip(initials + consonants, wanted))


def _plain(word: str) -> str:
    return strip_accents(word).upper()
