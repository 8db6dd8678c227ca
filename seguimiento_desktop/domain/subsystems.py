"""Subsistemas of upper-secondary education (catalog in resources) and their aliases.

Planteles typed the subsystem as free text before the catalog was enforced («DGETI»,
«UEMSTIS (antes DGETI)…», «cbtis»): ``subsystem_name`` maps every spelling the catalog
knows to the one name users see, so reports never split a subsystem in two rows.
"""

import re
from functools import cache

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.text import clean_spaces, fold


@cache
def _catalog() -> list[dict]:
    return load_json("catalogs", "subsystems.json")["subsystems"]


def subsystem_names() -> list[str]:
    """Catalog names in catalog order, as offered to users."""
    return [s["name"] for s in _catalog()]


@cache
def _spellings() -> dict[str, str]:
    """{folded spelling: catalog name} for codes, names and aliases."""
    found: dict[str, str] = {}
    for entry in _catalog():
        for spelling in (entry["code"], entry["name"], *entry.get("aliases", ())):
            found.setdefault(fold(spelling), entry["name"])
    return found


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]


def catalog_subsystem(raw: object) -> str | None:
    """The catalog name for ``raw`` (a code, a name or an alias, any case or accents), or
    None when the text names no catalog subsystem. A longer text that contains exactly one
    catalog code or alias as a word («UEMSTIS (antes DGETI): CBTIS…») is that subsystem."""
    text = clean_spaces(str(raw or ""))
    if not text:
        return None
    spellings = _spellings()
    if fold(text) in spellings:
        return spellings[fold(text)]
    words = " ".join(_words(text))
    named = {name for spelling, name in spellings.items()
             if " ".join(_words(spelling)) and
             re.search(rf"(^| ){re.escape(' '.join(_words(spelling)))}( |$)", words)}
    return named.pop() if len(named) == 1 else None


def subsystem_name(raw: object) -> str:
    """The name reports show for ``raw``: the catalog's name when it is known, otherwise
    the text itself with its spaces cleaned ('' stays '')."""
    return catalog_subsystem(raw) or clean_spaces(str(raw or ""))


def checked_subsystem(raw: object) -> str:
    """The catalog name for ``raw`` ('' stays ''), or InvalidData listing what the catalog
    accepts: the plantel's subsystem is chosen from the catalog, not typed freely."""
    from seguimiento_desktop.errors import InvalidData
    text = clean_spaces(str(raw or ""))
    if not text:
        return ""
    named = catalog_subsystem(text)
    if named is None:
        codes = ", ".join(entry["code"] for entry in _catalog())
        raise InvalidData(f"El subsistema «{text}» no está en el catálogo. Use uno de: {codes} "
                          "(o su nombre completo).")
    return named
