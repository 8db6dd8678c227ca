"""Catalogs the questionnaires draw options from: SCIAN sectors, income bands, institutions.

Catalogs are data in ``resources/catalogs/<name>.json`` (``{"version", "title",
"options": [{"code", "label", ...}]}``) so a policy change is a data change. Responses
store only codes; everything else here is derived from them for display and reports.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from seguimiento_desktop.datafiles import load_json, resource
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.model import Option

SCIAN_SECTORS = "scian_sectors"
INCOME_BANDS = "income_bands"
INSTITUTION_TYPES = "institution_types"


def catalog_exists(name: str) -> bool:
    """Whether ``resources/catalogs/<name>.json`` is bundled."""
    return resource("catalogs", f"{name}.json").is_file()


@cache
def catalog_entries(name: str) -> tuple[dict[str, Any], ...]:
    """The raw entries of a catalog (each has at least ``code`` and ``label``)."""
    if not catalog_exists(name):
        raise InvalidData(f"El catálogo «{name}» no existe entre los datos del programa.")
    entries = load_json("catalogs", f"{name}.json").get("options")
    if not isinstance(entries, list) or not all(_is_entry(e) for e in entries):
        raise InvalidData(f"El catálogo «{name}.json» no es válido: cada opción necesita "
                          "«code» (número entero) y «label» (texto).")
    return tuple(entries)


def _is_entry(entry: Any) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("code"), int)
            and not isinstance(entry.get("code"), bool)
            and isinstance(entry.get("label"), str) and entry["label"].strip() != "")


@cache
def catalog_options(name: str) -> tuple[Option, ...]:
    """A catalog as questionnaire options (an entry may ask for "otro" text)."""
    return tuple(Option(code=e["code"], label=e["label"], other_text=bool(e.get("other_text")))
                 for e in catalog_entries(name))


def _entry(name: str, code: int) -> dict[str, Any]:
    for entry in catalog_entries(name):
        if entry["code"] == code:
            return entry
    raise InvalidData(f"El código {code} no existe en el catálogo «{name}».")


def sector_group(scian_code: int) -> str:
    """Coarse group of a SCIAN sector code: agropecuario, industrial, comercio or servicios."""
    return _entry(SCIAN_SECTORS, scian_code)["group"]


def sector_economy(scian_code: int) -> str:
    """Primario, secundario or terciario, for reports that use the classic three sectors."""
    return _entry(SCIAN_SECTORS, scian_code)["economy"]


def sector_label(scian_code: int) -> str:
    """Printed label of a SCIAN sector, e.g. '31-33 Industrias manufactureras'."""
    return _entry(SCIAN_SECTORS, scian_code)["label"]


def institution_control(code: int) -> str | None:
    """'publica' or 'particular' for a higher-education institution type (None: unknown)."""
    return _entry(INSTITUTION_TYPES, code).get("control")


@dataclass(frozen=True)
class MinimumWage:
    """The daily minimum wage used for a survey year (``year`` is the table year used)."""

    year: int
    zone: str
    daily: float


def minimum_wage(year: int, zone: str = "general") -> MinimumWage:
    """Daily minimum wage for ``year`` and ``zone`` ('general' or 'frontera').

    A year newer than the table uses the latest known wage (a plantel may survey before
    the app is updated); an older one uses the oldest, so reports still show an amount.
    """
    table = load_json("catalogs", f"{INCOME_BANDS}.json")["minimum_wage"]
    years = sorted(int(y) for y in table)
    usable = [y for y in years if y <= year] or years[:1]
    chosen = usable[-1]
    if zone not in table[str(chosen)]:
        raise InvalidData(f"Zona de salario mínimo «{zone}» desconocida: use general o frontera.")
    return MinimumWage(chosen, zone, float(table[str(chosen)][zone]))


def income_band_pesos(code: int, year: int, zone: str = "general") -> tuple[float | None, float | None]:
    """Monthly pesos ``(low, high)`` of an income band; ``None`` where the band is open.

    'Sin ingreso' and 'Prefiero no decir' have no amounts: ``(None, None)``.
    """
    entry = _entry(INCOME_BANDS, code)
    if entry.get("low") is None and entry.get("high") is None:
        return None, None
    days = load_json("catalogs", f"{INCOME_BANDS}.json")["days_per_month"]
    monthly = minimum_wage(year, zone).daily * days
    low, high = entry.get("low"), entry.get("high")
    return (round(low * monthly, 2) if low is not None else None,
            round(high * monthly, 2) if high is not None else None)


def _pesos(amount: float) -> str:
    return f"${amount:,.0f}"


def income_band_label(code: int, year: int | None = None, zone: str = "general") -> str:
    """The band's label, with its monthly peso equivalent when ``year`` is given.

    >>> income_band_label(2, 2026)
    'De 1 a menos de 2 salarios mínimos ($9,577 a $19,154 al mes)'
    """
    label = _entry(INCOME_BANDS, code)["label"]
    if year is None:
        return label
    low, high = income_band_pesos(code, year, zone)
    if low is None and high is None:
        return label
    if high is None:
        return f"{label} ({_pesos(low)} o más al mes)"
    if not low:
        return f"{label} (menos de {_pesos(high)} al mes)"
    return f"{label} ({_pesos(low)} a {_pesos(high)} al mes)"
