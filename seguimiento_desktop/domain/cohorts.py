"""Cohorts (generaciones) such as '2023-2026': entry year and graduation year."""

import re
from dataclasses import dataclass

from seguimiento_desktop.errors import InvalidData

_COHORT = re.compile(r"^\s*(\d{4})\s*[-–/ ]\s*(\d{4})\s*$")


@dataclass(frozen=True, order=True)
class Cohort:
    entry_year: int
    graduation_year: int

    def __str__(self) -> str:
        return f"{self.entry_year}-{self.graduation_year}"


def parse_cohort(text: str) -> Cohort:
    """Parse '2023-2026' (also '2023–2026', '2023/2026'); raise InvalidData otherwise."""
    match = _COHORT.match(text or "")
    if not match:
        raise InvalidData(f"La generación «{text}» no es válida. Escríbala como 2023-2026.")
    entry, graduation = int(match.group(1)), int(match.group(2))
    if not 2 <= graduation - entry <= 5 or not 1990 <= entry <= 2100:
        raise InvalidData(
            f"La generación «{text}» no es válida: el año de egreso debe ser de 2 a 5 años "
            "después del de ingreso (por ejemplo 2023-2026)."
        )
    return Cohort(entry, graduation)
