"""Mexican states: CURP two-letter codes and INEGI numeric codes (catalog in resources)."""

from functools import cache

from seguimiento_desktop.datafiles import load_json


@cache
def _catalog() -> list[dict]:
    return load_json("catalogs", "states.json")["states"]


def state_names() -> list[str]:
    """State names in INEGI order, as shown to users."""
    return [state["name"] for state in _catalog()]


def state_by_curp_code(code: str) -> str | None:
    """Name of the state for a CURP code (``NE`` = born abroad), or None."""
    if code == "NE":
        return "Nacido en el extranjero"
    return next((s["name"] for s in _catalog() if s["curp"] == code), None)


def state_by_inegi_code(code: str) -> str | None:
    """Name of the state for a two-digit INEGI code, or None."""
    return next((s["name"] for s in _catalog() if s["inegi"] == code), None)


def curp_codes() -> frozenset[str]:
    """Every valid CURP state code, ``NE`` included."""
    return frozenset(s["curp"] for s in _catalog()) | {"NE"}


def curp_code_for_state(name: str) -> str:
    """CURP code of a state given its name (as in the catalog)."""
    return next(s["curp"] for s in _catalog() if s["name"] == name)


def state_name(raw: object) -> str | None:
    """The catalog name of a state typed in any case or accents («JALISCO», «michoacan»),
    or None when it names no state."""
    from seguimiento_desktop.domain.text import clean_spaces, fold
    wanted = fold(clean_spaces(str(raw or "")))
    return next((s["name"] for s in _catalog() if fold(s["name"]) == wanted), None)
