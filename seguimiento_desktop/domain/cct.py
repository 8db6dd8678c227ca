"""CCT (Clave de Centro de Trabajo): the plantel's official key.

The final letter's algorithm is not public, so only the shape and the state prefix are
checked.
"""

import re

from seguimiento_desktop.domain.states import state_by_inegi_code

_CCT_SHAPE = re.compile(r"\d{2}[A-Z]{3}\d{4}[A-Z]")


def normalize_cct(raw: object) -> str:
    return re.sub(r"[\s\-]", "", str(raw or "")).upper()


def cct_problem(raw: object) -> str | None:
    """Spanish explanation of what is wrong with a CCT, or None if it is well formed."""
    cct = normalize_cct(raw)
    if not cct:
        return "Falta la clave del centro de trabajo (CCT)."
    if len(cct) != 10:
        return f"La CCT debe tener 10 caracteres (por ejemplo 14DCT0001A) y tiene {len(cct)}."
    if not _CCT_SHAPE.fullmatch(cct):
        return ("La CCT no tiene el formato correcto: dos dígitos de entidad, tres letras, "
                "cuatro dígitos y una letra (por ejemplo 14DCT0001A).")
    if state_by_inegi_code(cct[:2]) is None:
        return f"La CCT empieza con «{cct[:2]}», que no es una entidad (01 a 32)."
    return None


def cct_state(raw: object) -> str | None:
    """Name of the state a well-formed CCT belongs to."""
    cct = normalize_cct(raw)
    return state_by_inegi_code(cct[:2]) if cct_problem(cct) is None else None


def checked_state(cct: object, typed: object) -> str:
    """The plantel's entidad: the one its CCT's first two digits stand for.

    A typed entidad may only confirm it (any case or accents); one that names no state, or
    another state, is refused in Spanish so that no report counts a plantel twice.
    """
    from seguimiento_desktop.domain.states import state_name
    from seguimiento_desktop.errors import InvalidData
    from_cct = cct_state(cct) or ""
    text = str(typed or "").strip()
    if not text:
        return from_cct
    named = state_name(text)
    if named is None:
        raise InvalidData(f"«{text}» no es una entidad federativa de México. Deje la entidad "
                          "vacía: se toma de la CCT.")
    if from_cct and named != from_cct:
        raise InvalidData(f"La CCT {normalize_cct(cct)} es de {from_cct} (empieza con "
                          f"«{normalize_cct(cct)[:2]}»), pero la entidad indicada es {named}. "
                          "La entidad se toma de la CCT: corrija la CCT o deje la entidad vacía.")
    return named
