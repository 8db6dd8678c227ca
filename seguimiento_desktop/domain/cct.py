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
