"""CURP (Clave Única de Registro de Población): validation, decoding and construction.

The rules are RENAPO's, summarised in shared/reference/identifiers.md. Validation explains
the first problem found in Spanish, so a keyer knows which character to look at.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from seguimiento_desktop.domain.states import curp_codes, state_by_curp_code
from seguimiento_desktop.domain.text import strip_accents

CHECK_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
CURP_LENGTH = 18
VOWELS = "AEIOU"
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

_SHAPE = [
    (0, 1, re.compile(r"[A-Z]"), "la primera letra del primer apellido"),
    (1, 2, re.compile(r"[A-Z]"), "la primera vocal interna del primer apellido"),
    (2, 4, re.compile(r"[A-Z]{2}"), "las iniciales del segundo apellido y del nombre"),
    (4, 10, re.compile(r"\d{6}"), "la fecha de nacimiento AAMMDD"),
    (10, 11, re.compile(r"[HMX]"), "el sexo (H, M o X)"),
    (11, 13, re.compile(r"[A-Z]{2}"), "la entidad de nacimiento"),
    (13, 16, re.compile(r"[A-Z]{3}"), "las consonantes internas"),
    (16, 17, re.compile(r"[0-9A-Z]"), "la homoclave (dígito o letra)"),
    (17, 18, re.compile(r"\d"), "el dígito verificador"),
]


@dataclass(frozen=True)
class CurpInfo:
    """What a valid CURP says about its holder."""

    curp: str
    birth_date: date
    sex: str  # H, M or X
    birth_state: str


def normalize_curp(raw: object) -> str:
    """Trim, upper-case and drop inner spaces and dashes keyed by mistake."""
    if raw is None:
        return ""
    return re.sub(r"[\s\-]", "", str(raw)).upper()


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 (RENAPO's weighted sum modulo 10)."""
    total = sum(CHECK_ALPHABET.index(ch) * (18 - i) for i, ch in enumerate(first17))
    return str((10 - total % 10) % 10)


def _positions(start: int, end: int) -> str:
    """«en la posición 1», «en las posiciones 3 y 4», «en las posiciones 5 a 10»."""
    if end - start == 1:
        return f"en la posición {end}"
    joiner = "y" if end - start == 2 else "a"
    return f"en las posiciones {start + 1} {joiner} {end}"


def curp_problem(raw: object) -> str | None:
    """Return the Spanish explanation of what is wrong with a CURP, or None if valid."""
    return _problem_of_normalized(normalize_curp(raw))


@lru_cache(maxsize=4096)  # check_student and decode_curp ask about the same CURP in a row
def _problem_of_normalized(curp: str) -> str | None:
    if not curp:
        return "Falta la CURP."
    if len(curp) != CURP_LENGTH:
        return f"La CURP debe tener 18 caracteres y tiene {len(curp)}."
    for start, end, pattern, meaning in _SHAPE:
        if not pattern.fullmatch(curp[start:end]):
            return (f"La CURP no es válida: {_positions(start, end)} "
                    f"{'deben' if meaning.startswith('las ') else 'debe'} ir {meaning} "
                    f"(«{curp[start:end]}»).")
    if _birth_date(curp) is None:
        return (f"La CURP no es válida: la fecha de nacimiento {curp[8:10]}/{curp[6:8]}/"
                f"{curp[4:6]} (posiciones 5 a 10) no existe.")
    if curp[11:13] not in curp_codes():
        return f"La CURP no es válida: «{curp[11:13]}» (posiciones 12 y 13) no es una entidad de nacimiento."
    expected = check_digit(curp[:17])
    if curp[17] != expected:
        return (f"La CURP no es válida: el dígito verificador (último carácter) debería ser "
                f"{expected} y es {curp[17]}. Revise que esté bien escrita.")
    return None


def is_valid_curp(raw: object) -> bool:
    return curp_problem(raw) is None


def decode_curp(raw: object) -> CurpInfo | None:
    """Birth date, sex and state of a valid CURP; None if it is not valid."""
    curp = normalize_curp(raw)
    if curp_problem(curp) is not None:
        return None
    birth = _birth_date(curp)
    assert birth is not None  # guaranteed by curp_problem
    return CurpInfo(curp, birth, curp[10], state_by_curp_code(curp[11:13]) or "")


def _birth_date(curp: str) -> date | None:
    century = 1900 if curp[16].isdigit() else 2000
    try:
        return date(century + int(curp[4:6]), int(curp[6:8]), int(curp[8:10]))
    except ValueError:
        return None


# --- Building a CURP from a person's data (demo data and name/CURP consistency) ---

@lru_cache(maxsize=65536)
def _clean_name(name: str) -> tuple[str, ...]:
    words = strip_accents(name.upper().replace("Ñ", "X")).replace("-", " ").split()
    words = [re.sub(r"[^A-Z.]", "", w) for w in words]
    kept = [w for w in words if w and w not in PARTICLES]
    return tuple(kept) or ("X",)


def _first_internal(word: str, wanted: str) -> str:
    return next((ch for ch in word[1:] if ch in wanted), "X")


_CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"


def _usable_given_name(given_names: str) -> str:
    words = _clean_name(given_names)
    if len(words) > 1 and words[0] in COMPOSITE_FIRST_NAMES:
        return words[1]
    return words[0]


def name_letters(given_names: str, first_surname: str, second_surname: str) -> tuple[str, str]:
    """The four initial letters and three internal consonants a name gives a CURP."""
    first = _clean_name(first_surname)[0].replace(".", "")
    second = _clean_name(second_surname)[0].replace(".", "") if second_surname.strip() else "X"
    given = _usable_given_name(given_names).replace(".", "")
    initials = first[0] + _first_internal(first, VOWELS) + second[0] + given[0]
    if initials in INCONVENIENT_WORDS:
        initials = initials[0] + "X" + initials[2:]
    consonants = "".join(_first_internal(w, _CONSONANTS) for w in (first, second, given))
    return initials, consonants


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
    initials, consonants = name_letters(given_names, first_surname, second_surname)
    curp = normalize_curp(curp)
    if curp[:4] == initials and curp[13:16] == consonants:
        return None
    return (f"El nombre no coincide con las letras de la CURP ({curp[:4]}…{curp[13:16]}; "
            f"el nombre da {initials}…{consonants}). Revise ambos.")
