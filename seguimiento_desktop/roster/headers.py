"""Recognising a roster's header row and mapping its columns to student fields.

Headers are compared in their simplified form (``domain.text.simplify``: no case, accents,
punctuation or spaces), so "Ap. Paterno", "AP PATERNO" and "ap_paterno" are one header.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from seguimiento_desktop.domain.text import simplify
from seguimiento_desktop.roster.cells import cell_text
from seguimiento_desktop.roster.models import TARGET_FIELDS

HEADER_SEARCH_ROWS = 30

# Target field -> headers schools use, already simplified.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "curp": ("curp", "clavecurp", "claveunicaderegistrodepoblacion"),
    "given_names": ("nombres", "nombre", "nombrepila", "nombredepila"),
    "first_surname": ("apellidopaterno", "primerapellido", "appaterno", "apaterno", "paterno",
                      "appat", "apellidopat", "apellido1", "1erapellido", "apellido"),
    "second_surname": ("apellidomaterno", "segundoapellido", "apmaterno", "amaterno", "materno",
                       "apmat", "apellidomat", "apellido2", "2doapellido"),
    "surnames": ("apellidos",),
    "full_name": ("nombrecompleto", "alumno", "alumnoa", "nombredelalumno", "nombredelalumnoa",
                  "nombredelaalumna", "nombredelestudiante", "estudiante", "apellidosynombres",
                  "apellidosynombre", "nombrealumno", "nombreyapellidos", "alumnos"),
    "career": ("especialidad", "carrera", "carreratecnica", "componenteprofesional",
               "componentedeformacionprofesional", "especialidadtecnica", "formacionprofesional"),
    "group": ("grupo", "gpo", "grupoactual"),
    "shift": ("turno",),
    "email": ("correo", "correoelectronico", "email", "mail", "correoe", "emailpersonal"),
    "phone": ("telefonocelular", "celular", "telcelular", "movil", "telefonomovil", "telefono",
              "tel", "cel", "numerodecelular", "numerocelular", "whatsapp", "telcel"),
    "home_phone": ("telefonodecasa", "telcasa", "telefonofijo", "telfijo", "telefonoparticular",
                   "telefonocasa", "teldecasa", "telparticular"),
    "birth_date": ("fechadenacimiento", "fechanacimiento", "fechanac", "fnacimiento", "fnac",
                   "nacimiento", "fechadenac"),
}
# Qualifiers that do not change a header's meaning: "CURP del alumno", "Correo personal".
_QUALIFIERS = ("delalumnoa", "delalumno", "delaalumna", "delestudiante", "alumnoa", "alumno",
               "alumna", "estudiante", "personal", "principal")
_LOOKUP = {synonym: target for target, synonyms in SYNONYMS.items() for synonym in synonyms}
# Fields that say "this row is about a person": a header row has at least one of them.
IDENTITY_FIELDS = frozenset({"curp", "full_name", "given_names", "first_surname", "surnames"})
NAME_FIELDS = frozenset({"full_name", "given_names", "first_surname", "surnames"})


def map_header(text: object) -> str | None:
    """The target field a header cell names ('Ap. Paterno' -> 'first_surname'), or None."""
    key = simplify(cell_text(text))
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    for qualifier in _QUALIFIERS:
        if key.endswith(qualifier) and key[:-len(qualifier)] in _LOOKUP:
            return _LOOKUP[key[:-len(qualifier)]]
    return None


def map_row(cells: Sequence[object]) -> dict[int, str]:
    """Column index -> target for one candidate header row; the first column wins a target,
    but a second «Apellido» is the mother's surname (lists title both columns the same)."""
    mapping: dict[int, str] = {}
    for index, cell in enumerate(cells):
        target = map_header(cell)
        taken = mapping.values()
        if target == "first_surname" and target in taken and "second_surname" not in taken:
            target = "second_surname"
        if target and target not in taken:
            mapping[index] = target
    return mapping


def looks_like_header(mapping: dict[int, str]) -> bool:
    """Several known headers, one of them about the person (not "Grupo: 6A  Turno: M")."""
    identity = any(target in IDENTITY_FIELDS for target in mapping.values())
    return len(mapping) >= 3 or (len(mapping) >= 2 and identity)


@dataclass(frozen=True)
class HeaderInfo:
    """Where the header is (0-based grid index), how many lines it spans, what it maps."""

    index: int
    lines: int
    columns: list[str]
    mapping: dict[int, str]


_DATA_PEEK = 20  # rows below a header looked at to tell a column of data from an empty one


def find_header(grid: Sequence[Sequence[object]]) -> HeaderInfo | None:
    """The first row within the first rows of the sheet that looks like a header."""
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        mapping = map_row(cells)
        if looks_like_header(mapping):
            return _with_second_line(grid, index, mapping)
    return None


def _with_second_line(grid: Sequence[Sequence[object]], index: int,
                      mapping: dict[int, str]) -> HeaderInfo:
    """Join a two-line header ("Apellidos" merged above "Paterno | Materno").

    The line below counts as header only if it names fields the first line does not.
    """
    columns = [cell_text(cell) for cell in grid[index]]
    below = grid[index + 1] if index + 1 < len(grid) else []
    extra = {i: t for i, t in map_row(below).items()  # «Paterno» under «Apellidos» names it
             if t not in mapping.values() and mapping.get(i, "surnames") == "surnames"}
    if not extra or any(_looks_like_curp(cell) for cell in below):
        mapping = _surnames_under_one_title(grid, index, mapping)
        return HeaderInfo(index, 1, columns, _as_full_name_if_alone(mapping))
    width = max(len(columns), len(below))
    columns += [""] * (width - len(columns))
    for i, target in extra.items():
        columns[i] = " ".join(filter(None, (columns[i], cell_text(below[i]))))
        mapping[i] = target
    return HeaderInfo(index, 2, columns, _as_full_name_if_alone(dict(sorted(mapping.items()))))


def _surnames_under_one_title(grid: Sequence[Sequence[object]], index: int,
                              mapping: dict[int, str]) -> dict[int, str]:
    """«Apellidos» over two columns (merged across both, or the second left untitled), with
    no line below naming them: the father's surname, then the mother's. Only when the
    untitled column holds data below: a CSV whose lines end with a comma (as many systems
    write them) has an empty untitled column after its last, and there «Apellidos» is one
    column holding both surnames."""
    cells = grid[index]
    for i, target in mapping.items():
        if (target == "surnames" and i + 1 < len(cells) and not cell_text(cells[i + 1])
                and any(len(row) > i + 1 and cell_text(row[i + 1])
                        for row in grid[index + 1:index + 1 + _DATA_PEEK])):
            return dict(sorted({**mapping, i: "first_surname", i + 1: "second_surname"}.items()))
    return mapping


def _looks_like_curp(cell: object) -> bool:
    text = cell_text(cell)
    return len(text) == 18 and text.isalnum()


def _as_full_name_if_alone(mapping: dict[int, str]) -> dict[int, str]:
    """A lone "Nombre" column with no surname columns holds the whole name."""
    targets = set(mapping.values())
    if "given_names" in targets and not targets & {"first_surname", "second_surname",
                                                   "surnames", "full_name"}:
        return {i: ("full_name" if t == "given_names" else t) for i, t in mapping.items()}
    return mapping


def mapping_problem(mapping: dict[int, str]) -> str | None:
    """What makes a column mapping unusable, in Spanish; None if it can be imported."""
    unknown = sorted({t for t in mapping.values() if t not in TARGET_FIELDS})
    if unknown:
        return f"Campo desconocido en la asignación de columnas: {', '.join(unknown)}."
    targets = list(mapping.values())
    for target in dict.fromkeys(targets):
        if targets.count(target) > 1:
            return (f"Hay {targets.count(target)} columnas asignadas a «{TARGET_FIELDS[target]}»; "
                    "asigne solo una.")
    if "surnames" in targets and {"first_surname", "second_surname"} & set(targets):
        return ("Asigne «Apellidos (paterno y materno juntos)» o «Primer apellido» y «Segundo "
                "apellido», no los dos.")
    if "curp" not in targets:
        return "Indique qué columna contiene la CURP: sin ella no se pueden importar alumnos."
    if not NAME_FIELDS & set(targets):
        return ("Indique qué columnas contienen el nombre: «Nombre completo», o «Nombre(s)» y "
                "«Primer apellido».")
    return None
