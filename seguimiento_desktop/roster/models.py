"""What the roster importer shows and reports: the preview and the import report.

These shapes are the contract between the importer, the GUI wizard and the CLI's --json.
"""

from dataclasses import dataclass, field

# Target fields a roster column can be mapped to, with the label the wizard shows.
TARGET_FIELDS = {
    "curp": "CURP",
    "given_names": "Nombre(s)",
    "first_surname": "Primer apellido",
    "second_surname": "Segundo apellido",
    "surnames": "Apellidos (paterno y materno juntos)",
    "full_name": "Nombre completo (apellidos y nombre)",
    "career": "Carrera / especialidad",
    "group": "Grupo",
    "shift": "Turno",
    "email": "Correo electrónico",
    "phone": "Teléfono celular",
    "home_phone": "Teléfono de casa",
    "birth_date": "Fecha de nacimiento (se compara con la CURP)",
}


@dataclass(frozen=True)
class RowProblem:
    """A rejected row: its number as Excel shows it, the Spanish reasons, and what the row
    said (its mapped values, so the list of rejections can be fixed without the file)."""

    row: int
    reasons: list[str]
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowWarning:
    """Something odd in a row that did not stop it from being imported."""

    row: int
    message: str


@dataclass(frozen=True)
class RosterPreview:
    """What the wizard shows before the user confirms.

    ``columns`` are the header texts as found; ``mapping`` maps a column index to a
    target field (see TARGET_FIELDS) or is absent for ignored columns; ``rows`` are the
    first data rows as text; ``header_row`` is the Excel row number of the header;
    ``sheets`` lists the workbook's sheets (the wizard may offer another one).
    """

    path: str
    sheet: str
    header_row: int
    columns: list[str]
    mapping: dict[int, str]
    rows: list[list[str]]
    row_numbers: list[int]
    total_rows: int
    sheets: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """Outcome of an import (or of a dry run: nothing written).

    ``refused`` is set when ``strict`` stopped the import because rows were rejected:
    nothing was written and the counts are zero; ``rejected`` says why. ``source`` is
    the file the rows came from.
    """

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    refused: bool = False
    source: str = ""

    def as_json(self) -> dict:
        """The documented `roster import --json` shape (Spanish keys)."""
        return {
            "insertados": self.inserted,
            "actualizados": self.updated,
            "sin_cambios": self.unchanged,
            "rechazados": [{"fila": p.row, "motivos": p.reasons} for p in self.rejected],
            "avisos": [{"fila": w.row, "mensaje": w.message} for w in self.warnings],
        }
