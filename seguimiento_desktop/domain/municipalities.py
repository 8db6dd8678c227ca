"""Municipios and alcaldías of each state (INEGI's list, catalog in resources).

The plantel's municipio is chosen from its entidad's list: a name typed in any case, with
or without accents and with stray spaces («leon», «LEÓN ») is the catalog's «León»;
INEGI's three-digit code («020») or five-digit one («11020») works too. Two names repeat
inside Oaxaca (two «San Juan Mixtepec», two «San Pedro Mixtepec»): there the name alone is
ambiguous, so those four carry their code in the name users see and store
(«San Juan Mixtepec (208)»). Every state is in the catalog; ``has_list`` exists so that
a state missing from a future catalog falls back to free text rather than refusing all.
"""

import difflib
from dataclasses import dataclass
from functools import cache

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.text import clean_spaces, fold

CATALOG = "municipios.json"


@dataclass(frozen=True)
class Municipality:
    """One municipio (or alcaldía): INEGI's codes and the name users see and store."""

    state_code: str   # two digits, as the CCT starts
    code: str         # three digits within the state
    name: str         # INEGI's name; with «(code)» where the state repeats the name

    @property
    def key(self) -> str:
        """INEGI's five-digit key (cve_ent + cve_mun), e.g. «14039» for Guadalajara."""
        return self.state_code + self.code


@cache
def _by_state() -> dict[str, tuple[Municipality, ...]]:
    found = {}
    for state, entries in load_json("catalogs", CATALOG)["states"].items():
        names = [fold(n) for n in entries.values()]
        found[state] = tuple(
            Municipality(state, code, name if names.count(fold(name)) == 1 else f"{name} ({code})")
            for code, name in entries.items())
    return found


@cache
def _folded(state_code: str) -> dict[str, Municipality]:
    """{folded name or code: municipio} of one state."""
    found: dict[str, Municipality] = {}
    for item in municipalities(state_code):
        for spelling in (item.name, item.code, item.key):
            found[fold(spelling)] = item
    return found


def has_list(state_code: str) -> bool:
    """True when the catalog lists the municipios of the state with this INEGI code."""
    return state_code in _by_state()


def municipalities(state_code: str) -> tuple[Municipality, ...]:
    """The municipios of a state in INEGI's order (empty for an unknown state code)."""
    return _by_state().get(state_code, ())


def find_municipality(state_code: str, raw: object) -> Municipality | None:
    """The state's municipio that ``raw`` names (a name in any case or accents, spaces
    cleaned, or INEGI's code), or None."""
    text = fold(clean_spaces(str(raw or "")))
    if text.isdigit() and len(text) < 3:
        text = text.zfill(3)
    return _folded(state_code).get(text)


def close_matches(state_code: str, raw: object, most: int = 5) -> list[str]:
    """Names of the state's municipios that look like ``raw`` (for a «¿quiso decir…?»)."""
    wanted = fold(clean_spaces(str(raw or "")))
    names = {fold(m.name): m.name for m in municipalities(state_code)}
    near = difflib.get_close_matches(wanted, names, n=most, cutoff=0.6)
    starting = [f for f in names if wanted and (f.startswith(wanted) or wanted in f)]
    return [names[f] for f in dict.fromkeys(starting + near)][:most]


def municipality_name(state_code: str, raw: object) -> str:
    """The catalog's name for ``raw`` when the state's list has it, else the text itself
    with its spaces cleaned (what older data and migrations keep)."""
    found = find_municipality(state_code, raw)
    return found.name if found else clean_spaces(str(raw or ""))


def checked_municipality(state_code: str, state: str, raw: object) -> str:
    """The catalog's name of the plantel's municipio ('' stays ''), or InvalidData naming
    the state and the closest names. Free text only for a state the catalog lacks."""
    from seguimiento_desktop.errors import InvalidData
    text = clean_spaces(str(raw or ""))
    if not text or not has_list(state_code):
        return text
    found = find_municipality(state_code, text)
    if found:
        return found.name
    near = close_matches(state_code, text)
    hint = (f" ¿Quiso decir {', '.join(f'«{n}»' for n in near)}?" if near else
            " Escriba el nombre como lo publica el INEGI o su clave de tres dígitos.")
    raise InvalidData(f"«{text}» no es un municipio de {state or state_code}.{hint}")


def municipality_key(state_code: str, name: str) -> str:
    """INEGI's five-digit key of a stored municipio name («14039»), '' when the state's
    list does not have it. The name is unique in its state, so the key is not stored."""
    found = find_municipality(state_code, name) if name else None
    return found.key if found else ""
