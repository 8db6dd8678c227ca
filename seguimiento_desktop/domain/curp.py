"""CURP (Clave Única de Registro de Población): validation, decoding and construction.

The rules are RENAPO's (written down in docs/identifiers.md). Validation checks them in
order and explains the first problem found in Spanish, one message per rule, so a keyer
knows which character to look at. ``RULES`` lists them; each is a small function that
returns its message or None, so tests can disable any one and see the mutation suite fail.
An implausible age for a student is not a rule: it is a warning (``age_warning``).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import mul
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.states import curp_codes, state_by_curp_code
from seguimiento_desktop.domain.text import HIDDEN, strip_accents

if TYPE_CHECKING:  # numpy is imported where a whole column is checked, not at start-up
    import numpy as np

CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
CURP_LENGTH = 18
VOWELS = "AEIOU"
# Internal consonants as RENAPO writes them: Ñ is written X, so X is one of them.
CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"
PARTICLES = frozenset("DA DAS DE DEL DER DI DIE DD EL LA LOS LAS LE LES MAC MC VAN VON Y".split())
COMPOSITE_FIRST_NAMES = frozenset({"MARIA", "MA.", "MA", "JOSE", "J.", "J"})
INCONVENIENT_WORDS = frozenset(
    """BACA BAKA BUEI BUEY CACA CACO CAGA CAGO CAKA CAKO COGE COGI COJA COJE COJI COJO COLA
    CULO FALO FETO GETA GUEI GUEY JETA JOTO KACA KACO KAGA KAGO KAKA KAKO KOGE KOGI KOJA KOJE
    KOJI KOJO KOLA KULO LILO LOCA LOCO LOKA LOKO MAME MAMO MEAR MEAS MEON MIAR MION MOCO MOKO
    MULA MULO NACA NACO PEDA PEDO PENE PIPI PITO POPO PUTA PUTO QULO RATA ROBA ROBE ROBO RUIN
    SENO TETA VACA VAGA VAGO VAKA VUEI VUEY WUEI WUEY""".split()
)
SEXES = {"H": "H", "M": "M", "X": "X"}
# A student's age at the start of the cohort (1 August of the entry year) outside this
# range is almost surely a mistyped year in the CURP; it is a warning, never a rejection
# (adults do study bachillerato in open and evening programmes, but not before 12 or past 60).
STUDENT_AGE_RANGE = (12, 60)


@dataclass(frozen=True)
class CurpInfo:
    """What a valid CURP says about its holder."""

    curp: str
    birth_date: date
    sex: str  # H, M or X
    birth_state: str


_KEYED_BY_MISTAKE = re.compile(r"[\s\-]|" + HIDDEN.pattern)  # a pasted zero-width space too


def normalize_curp(raw: object) -> str:
    """Trim, upper-case and drop inner spaces and dashes keyed by mistake."""
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else str(raw)
    if text.isalnum() and text.upper() == text:  # already clean, as nearly every CURP is
        return text
    return _KEYED_BY_MISTAKE.sub("", text).upper()


def normalize_curps(texts: list[str]) -> list[str]:
    """``normalize_curp`` of each text of a column: in one look when all are already clean,
    as nearly every list's are."""
    joined = "".join(texts)
    # ASCII as bytes: their isalnum and upper look at a table, str's at Unicode's (2 ms at
    # 20,000 CURPs); each text is all letters and digits iff the whole is.
    clean = joined.encode("ascii") if joined.isascii() else joined
    if clean.isalnum() and clean.upper() == clean:
        return list(texts)
    return list(map(normalize_curp, texts))


_CHECK_VALUES = {ch: value for value, ch in enumerate(CHECK_ALPHABET)}
_CHECK_WEIGHTS = range(18, 1, -1)


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 (RENAPO's weighted sum modulo 10)."""
    total = sum(map(mul, map(_CHECK_VALUES.__getitem__, first17), _CHECK_WEIGHTS))
    return str((10 - total % 10) % 10)


def _positions(start: int, end: int) -> str:
    """«en la posición 1», «en las posiciones 3 y 4», «en las posiciones 5 a 10»."""
    if end - start == 1:
        return f"en la posición {end}"
    joiner = "y" if end - start == 2 else "a"
    return f"en las posiciones {start + 1} {joiner} {end}"


def _shape(start: int, end: int, pattern: str, meaning: str) -> Callable[[str], str | None]:
    """A rule that the characters start..end match ``pattern``; the message names them."""
    compiled = re.compile(pattern, re.ASCII)  # \d: 0-9 only, as RENAPO writes them

    def rule(curp: str) -> str | None:
        part = curp[start:end]
        if compiled.fullmatch(part):
            return None
        verb = "deben" if meaning.startswith("las ") else "debe"
        hint = " (la Ñ se escribe X)" if "Ñ" in part else ""
        return (f"La CURP no es válida: {_positions(start, end)} {verb} ir {meaning} "
                f"(«{part}»){hint}.")
    rule.__name__ = f"positions_{start + 1}_{end}"
    return rule


def _second_letter(curp: str) -> str | None:
    if curp[1] in VOWELS + "X":
        return None
    return ("La CURP no es válida: en la posición 2 debe ir la primera vocal interna del "
            f"primer apellido, o X si no tiene («{curp[1]}» no es vocal).")


def _internal_consonants(curp: str) -> str | None:
    part = curp[13:16]
    if all(ch in CONSONANTS for ch in part):
        return None
    if "Ñ" in part:
        return ("La CURP no es válida: en las posiciones 14 a 16 la Ñ se escribe X "
                f"(«{part}»).")
    return ("La CURP no es válida: en las posiciones 14 a 16 deben ir las consonantes "
            f"internas de los apellidos y el nombre, sin vocales ni números («{part}»).")


def _inconvenient_word(curp: str) -> str | None:
    if curp[:4] not in INCONVENIENT_WORDS:
        return None
    return (f"La CURP no es válida: empieza con «{curp[:4]}», una palabra que RENAPO no "
            f"asigna (usa «{curp[0]}X{curp[2:4]}»). Revise la posición 2.")


def _real_date(curp: str) -> str | None:
    if _birth_date(curp) is not None:
        return None
    return (f"La CURP no es válida: la fecha de nacimiento {curp[8:10]}/{curp[6:8]}/"
            f"{curp[4:6]} (posiciones 5 a 10) no existe.")


@lru_cache(maxsize=1)
def _state_codes() -> frozenset[str]:
    return curp_codes()


def _state(curp: str) -> str | None:
    if curp[11:13] in _state_codes():
        return None
    return (f"La CURP no es válida: «{curp[11:13]}» (posiciones 12 y 13) no es una entidad "
            "de nacimiento.")


def _check_digit_rule(curp: str) -> str | None:
    expected = check_digit(curp[:17])
    if curp[17] == expected:
        return None
    return (f"La CURP no es válida: el dígito verificador (último carácter) debería ser "
            f"{expected} y es {curp[17]}. Revise que esté bien escrita.")


# Checked in this order; the first message found is the one shown.
RULES: list[tuple[str, Callable[[str], str | None]]] = [
    ("inicial", _shape(0, 1, r"[A-Z]", "la inicial del primer apellido")),
    ("vocal", _second_letter),
    ("iniciales", _shape(2, 4, r"[A-Z]{2}", "las iniciales del segundo apellido y del nombre")),
    ("fecha", _shape(4, 10, r"\d{6}", "la fecha de nacimiento AAMMDD")),
    ("sexo", _shape(10, 11, r"[HMX]", "el sexo (H, M o X)")),
    ("entidad_forma", _shape(11, 13, r"[A-Z]{2}", "la entidad de nacimiento")),
    ("consonantes", _internal_consonants),
    ("homoclave", _shape(16, 17, r"[0-9A-Z]", "la homoclave (dígito o letra)")),
    ("verificador_forma", _shape(17, 18, r"\d", "el dígito verificador")),
    ("palabra", _inconvenient_word),
    ("fecha_real", _real_date),
    ("entidad", _state),
    ("verificador", _check_digit_rule),
]


def curp_problem(raw: object) -> str | None:
    """Return the Spanish explanation of what is wrong with a CURP, or None if valid."""
    return _problem_of_normalized(normalize_curp(raw))


def broken_rule(raw: object) -> str | None:
    """The name of the first rule in ``RULES`` a CURP breaks («longitud» for a wrong length)."""
    curp = normalize_curp(raw)
    if len(curp) != CURP_LENGTH:
        return "longitud"
    return next((name for name, rule in RULES if rule(curp)), None)


# Every rule at once, for the verdict alone: a CURP this matches (and whose word, state,
# date and check digit pass) breaks no rule of RULES. Anything else goes through RULES one
# by one for the message (tests/unit/test_curp.py holds the two to the same verdicts).
_SHAPE = (["[A-Z]", "[AEIOUX]", "[A-Z]", "[A-Z]"] + ["[0-9]"] * 6 + ["[HMX]", "[A-Z]", "[A-Z]"]
          + [f"[{CONSONANTS}]"] * 3 + ["[0-9A-Z]", "[0-9]"])  # what each position may hold
_VALID_SHAPE = re.compile("".join(_SHAPE))


def _plainly_valid(curp: str) -> bool:
    return (_VALID_SHAPE.fullmatch(curp) is not None and curp[:4] not in INCONVENIENT_WORDS
            and curp[11:13] in _state_codes() and _birth_date(curp) is not None
            and curp[17] == check_digit(curp[:17]))


@lru_cache(maxsize=4096)  # check_student and decode_curp ask about the same CURP in a row
def _problem_of_normalized(curp: str) -> str | None:
    if _plainly_valid(curp):  # an import checks thousands: one pass instead of 13 rules
        return None
    if not curp:
        return "Falta la CURP."
    if len(curp) != CURP_LENGTH:
        return f"La CURP debe tener 18 caracteres y tiene {len(curp)}."
    return next((message for _, rule in RULES if (message := rule(curp))), None)


def curp_rows(curps: Sequence[str]) -> "np.ndarray | None":
    """A column of CURPs as a numpy array of character codes, a row each, for the checks
    that look at the whole column at once; None when the column is empty or a CURP is not
    18 ASCII characters (those checks then go CURP by CURP)."""
    # Each length, not the joined one: a CURP a character short beside one a character
    # long would shift a row's characters into the next.
    if not curps or set(map(len, curps)) != {CURP_LENGTH}:
        return None
    joined = "".join(curps)
    if not joined.isascii():
        return None
    import numpy as np
    return np.frombuffer(joined.encode("ascii"), np.uint8).reshape(len(curps), CURP_LENGTH)


def plain_curps(curps: Sequence[str], when: date,
                rows: "np.ndarray | None" = None) -> tuple[list[bool], list[bool]]:
    """For a column of normalised CURPs: which break no rule (``curp_problem`` is None), and
    which of those give an age on ``when`` inside ``STUDENT_AGE_RANGE`` (no ``age_warning``).

    The shape, the word, the check digit, the date and the state are checked over the whole
    column at once (an import checks thousands); a column with a CURP that is not 18 ASCII
    characters has its shapes matched one by one. A CURP said invalid here still needs
    ``curp_problem`` for its message. ``rows``: ``curp_rows(curps)``, if the caller has it.
    """
    import numpy as np
    count = len(curps)
    tables = _bulk_tables()
    chars = curp_rows(curps) if rows is None else rows
    if chars is not None:
        shaped = None  # every row: its shape is checked below with the rest
        ok = tables.shape[np.arange(CURP_LENGTH), chars].all(axis=1)
    else:
        shaped = [i for i, found in enumerate(map(_VALID_SHAPE.fullmatch, curps)) if found]
        chars = np.frombuffer("".join([curps[i] for i in shaped]).encode("ascii"),
                              np.uint8).reshape(-1, CURP_LENGTH)
        ok = np.ones(len(shaped), bool)
    digit = chars.astype(np.int64) - ord("0")
    total = tables.values[chars[:, :17]] @ tables.weights
    ok &= (10 - total % 10) % 10 == digit[:, 17]
    ok &= tables.states[chars[:, 11], chars[:, 12]]
    ok &= ~_inconvenient(chars)
    year = np.where(digit[:, 16] <= 9, 1900, 2000) + digit[:, 4] * 10 + digit[:, 5]
    month, day = digit[:, 6] * 10 + digit[:, 7], digit[:, 8] * 10 + digit[:, 9]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days = tables.month_days[np.clip(month, 0, 12)] + (leap & (month == 2))
    ok &= (month >= 1) & (month <= 12) & (day >= 1) & (day <= days)
    age = when.year - year - ((month > when.month) | ((month == when.month) & (day > when.day)))
    low, high = STUDENT_AGE_RANGE
    usual = ok & (age >= low) & (age <= high)
    if shaped is None:
        return ok.tolist(), usual.tolist()
    valid, plausible = [False] * count, [False] * count
    for i, good, usual_age in zip(shaped, ok.tolist(), usual.tolist()):
        valid[i], plausible[i] = good, usual_age
    return valid, plausible


def _inconvenient(chars: "object") -> "object":
    """Which rows of CURP characters (a numpy array, a row each) begin with one of the
    INCONVENIENT_WORDS."""
    import numpy as np
    words = _bulk_tables().words
    first4 = np.ascontiguousarray(chars[:, :4]).view(">u4").ravel()
    at = np.minimum(np.searchsorted(words, first4), len(words) - 1)
    return words[at] == first4


@dataclass(frozen=True)
class _BulkTables:
    values: "object"  # numpy arrays: a character's value in the check digit, by its code
    weights: "object"
    states: "object"  # [first letter code, second letter code] -> a state's CURP code
    month_days: "object"
    shape: "object"  # [position, character code] -> whether _SHAPE lets it stand there
    words: "object"  # the INCONVENIENT_WORDS as big-endian 32-bit numbers, sorted


@lru_cache(maxsize=1)
def _bulk_tables() -> _BulkTables:
    import numpy as np
    values = np.zeros(128, np.int64)
    for ch, value in _CHECK_VALUES.items():
        if ch.isascii():
            values[ord(ch)] = value
    states = np.zeros((128, 128), bool)
    for code in _state_codes():
        if len(code) == 2 and code.isascii():
            states[ord(code[0]), ord(code[1])] = True
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], np.int64)
    shape = np.array([[re.fullmatch(allowed, chr(code)) is not None for code in range(256)]
                      for allowed in _SHAPE])
    words = np.sort(np.frombuffer("".join(INCONVENIENT_WORDS).encode("ascii"), ">u4"))
    return _BulkTables(values, np.arange(18, 1, -1, dtype=np.int64), states, month_days,
                       shape, words)


def is_valid_curp(raw: object) -> bool:
    return curp_problem(raw) is None


def decode_curp(raw: object) -> CurpInfo | None:
    """Birth date, sex and state of a valid CURP; None if it is not valid."""
    return _decoded(normalize_curp(raw))


@lru_cache(maxsize=4096)  # check_student decodes a CURP twice (its data, the age warning)
def _decoded(curp: str) -> CurpInfo | None:
    if _problem_of_normalized(curp) is not None:
        return None
    birth = _birth_date(curp)
    assert birth is not None  # guaranteed by curp_problem
    return CurpInfo(curp, birth, curp[10], _state_name(curp[11:13]))


@lru_cache(maxsize=64)
def _state_name(code: str) -> str:
    return state_by_curp_code(code) or ""


def _birth_date(curp: str) -> date | None:
    century = 1900 if curp[16].isdigit() else 2000
    try:
        return date(century + int(curp[4:6]), int(curp[6:8]), int(curp[8:10]))
    except ValueError:
        return None


def age_on(birth: date, when: date) -> int:
    """Whole years from ``birth`` to ``when``."""
    return when.year - birth.year - ((when.month, when.day) < (birth.month, birth.day))


def age_warning(raw: object, cohort_entry_year: int | None = None,
                today: date | None = None) -> str | None:
    """A warning when a valid CURP gives a student an implausible age.

    The age is taken on 1 August of the cohort's entry year (or ``today`` without a cohort)
    and must fall within ``STUDENT_AGE_RANGE``; outside it the year was most likely mistyped.
    """
    info = decode_curp(raw)
    if info is None:
        return None
    when = date(cohort_entry_year, 8, 1) if cohort_entry_year else (today or date.today())
    age = age_on(info.birth_date, when)
    low, high = STUDENT_AGE_RANGE
    if low <= age <= high:
        return None
    at = f"al iniciar la generación ({when.year})" if cohort_entry_year else "hoy"
    years = f"{age} años" if age >= 0 else "una fecha futura"
    return (f"Según la CURP, nació el {info.birth_date:%d/%m/%Y}: tendría {years} {at}, fuera "
            f"de lo usual para un alumno ({low} a {high}). Revise el año en la CURP.")


# --- Building a CURP from a person's data (demo data and name/CURP consistency) ---

@lru_cache(maxsize=65536)
def _clean_name(name: str) -> tuple[str, ...]:
    words = strip_accents(name.upper().replace("Ñ", "X")).replace("-", " ").split()
    words = [re.sub(r"[^A-Z.]", "", w) for w in words]
    kept = [w for w in words if w and w not in PARTICLES]
    return tuple(kept) or ("X",)


_INTERNAL = {VOWELS: re.compile(f"[{VOWELS}]"), CONSONANTS: re.compile(f"[{CONSONANTS}]")}


def _first_internal(word: str, wanted: str) -> str:
    found = _INTERNAL[wanted].search(word, 1)
    return found[0] if found else "X"



def _usable_given_name(given_names: str) -> str:
    words = _clean_name(given_names)
    if len(words) > 1 and words[0] in COMPOSITE_FIRST_NAMES:
        return words[1]
    return words[0]


def name_letters(given_names: str, first_surname: str, second_surname: str) -> tuple[str, str]:
    """The four initial letters and three internal consonants a name gives a CURP."""
    first, vowel, first_consonant = _first_letters(first_surname)
    second, second_consonant = _other_letters(second_surname, True)
    given, given_consonant = _other_letters(given_names, False)
    initials = first + vowel + second + given
    if initials in INCONVENIENT_WORDS:
        initials = initials[0] + "X" + initials[2:]
    return initials, first_consonant + second_consonant + given_consonant


def names_give_curps(curps: Sequence[str], given_names: Sequence[str],
                     first_surnames: Sequence[str], second_surnames: Sequence[str],
                     rows: "np.ndarray | None" = None) -> list[bool]:
    """For each row, whether ``name_mismatch`` says nothing (the names are not empty): the
    letters of each name part are worked out once per distinct name (names repeat down a
    list) and compared with the CURPs' a column at a time; a row they do not match, or
    whose CURP begins with an inconvenient word, is compared the way ``name_mismatch``
    does (an inconvenient word's second letter becomes X). ``rows``: ``curp_rows(curps)``,
    if the caller has it."""
    chars = curp_rows(curps) if rows is None else rows
    if chars is None:
        return list(map(_name_gives_curp, curps, given_names, first_surnames, second_surnames))
    import numpy as np
    first = _letter_codes(first_surnames, _first_letters, 3)  # initial, vowel, consonant
    second = _letter_codes(second_surnames, _second_surname_letters, 2)  # initial, consonant
    given = _letter_codes(given_names, _given_name_letters, 2)
    same = ((chars[:, 0] == first[:, 0]) & (chars[:, 1] == first[:, 1])
            & (chars[:, 2] == second[:, 0]) & (chars[:, 3] == given[:, 0])
            & (chars[:, 13] == first[:, 2]) & (chars[:, 14] == second[:, 1])
            & (chars[:, 15] == given[:, 1]))
    same &= ~_inconvenient(chars)
    found = same.tolist()
    for i in np.flatnonzero(~same).tolist():
        found[i] = _name_gives_curp(curps[i], given_names[i], first_surnames[i],
                                    second_surnames[i])
    return found


def _name_gives_curp(curp: str, given_names: str, first_surname: str,
                     second_surname: str) -> bool:
    initials, consonants = name_letters(given_names, first_surname, second_surname)
    return curp[:4] == initials and curp[13:16] == consonants


def _letter_codes(names: Sequence[str], letters: Callable[[str], tuple[str, ...]],
                  width: int) -> "object":
    """Each name's ``width`` letters (one ASCII capital each) as a numpy array of codes,
    worked out once per distinct name."""
    import numpy as np
    table = {name: "".join(letters(name)).encode("ascii") for name in set(names)}
    return np.frombuffer(b"".join(map(table.__getitem__, names)), np.uint8).reshape(-1, width)


def _second_surname_letters(name: str) -> tuple[str, str]:
    return _other_letters(name, True)


def _given_name_letters(name: str) -> tuple[str, str]:
    return _other_letters(name, False)


@lru_cache(maxsize=65536)
def _first_letters(first_surname: str) -> tuple[str, str, str]:
    """The first surname's initial, first internal vowel and first internal consonant."""
    word = _letters_word(_clean_name(first_surname)[0])
    return word[0], _first_internal(word, VOWELS), _first_internal(word, CONSONANTS)


@lru_cache(maxsize=65536)
def _other_letters(name: str, surname: bool) -> tuple[str, str]:
    """The initial and first internal consonant of the second surname (X if none) or of
    the given name that counts."""
    if surname:
        word = _letters_word(_clean_name(name)[0]) if name.strip() else "X"
    else:
        word = _letters_word(_usable_given_name(name))
    return word[0], _first_internal(word, CONSONANTS)


def _letters_word(word: str) -> str:
    """A name word without its dots («MA.» -> «MA»); X for a word of dots only, as for a
    missing one (a keyer's «.» once stopped the whole import)."""
    return word.replace(".", "") or "X"


def build_curp(given_names: str, first_surname: str, second_surname: str,
               birth_date: date, sex: str, state_code: str, differentiator: str = "0") -> str:
    """Compose a CURP with a correct check digit (used for demo data and tests).

    ``differentiator`` is the homoclave's first character; it is coerced to a digit for
    births before 2000 and to a letter from 2000 on, as RENAPO assigns them.
    """
    initials, consonants = name_letters(given_names, first_surname, second_surname)
    homoclave = _century_differentiator(differentiator, birth_date.year)
    first17 = (initials + birth_date.strftime("%y%m%d") + sex + state_code + consonants
               + homoclave)
    return first17 + check_digit(first17)


def _century_differentiator(wanted: str, year: int) -> str:
    if year < 2000:
        return wanted if wanted.isdigit() else str(ord(wanted) % 10)
    return wanted if wanted.isalpha() else "ABCDEFGHIJ"[int(wanted)]


def name_mismatch(curp: str, given_names: str, first_surname: str, second_surname: str) -> str | None:
    """A warning when the typed name does not give the CURP's letters (typos happen in both)."""
    if not (given_names.strip() and first_surname.strip()):
        return None
    curp = normalize_curp(curp)
    if _name_gives_curp(curp, given_names, first_surname, second_surname):
        return None
    initials, consonants = name_letters(given_names, first_surname, second_surname)
    return (f"El nombre no coincide con las letras de la CURP ({curp[:4]}…{curp[13:16]}; "
            f"el nombre da {initials}…{consonants}). Revise ambos.")
