"""The export use case: which questionnaires, which cohort, which format, which files."""

from dataclasses import dataclass, field
from pathlib import Path

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.exports import writers
from seguimiento_desktop.exports.tables import (
    codebook, family_context, identity_codebook, inconsistency_table, response_table)
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.storage import report_queries
from seguimiento_desktop.storage.files import extension_of, named_for

FORMATS = {"excel": ".xlsx", "csv": ".csv", "spss": ".sav"}
_NAMES = {"excel": "de Excel", "csv": "CSV", "spss": "de SPSS"}
QUESTIONNAIRES = ("C1", "C2", "C3")
INCONSISTENCY_SHEET = "Inconsistencias"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: files and rows per questionnaire."""

    files: tuple[Path, ...]
    rows: dict[str, int] = field(default_factory=dict)


def _named_for(out: Path, kind: str) -> Path:
    """``out`` with the format's extension when it has none; another format's is refused
    (a book named .csv is not what Excel or a statistics program expects to open)."""
    extension = extension_of(out)
    return named_for(out, FORMATS[kind], _NAMES[kind],
                     f" o elija el formato que corresponde a «{extension}»" if extension else "")


def _paths(out: Path, kind: str, questionnaires: tuple[str, ...]) -> dict[str, Path]:
    """Excel holds everything in one book; CSV and SPSS write one file per questionnaire
    (named after ``out``) when more than one is exported."""
    if kind == "excel" or len(questionnaires) == 1:
        return {q: out for q in questionnaires}
    return {q: out.with_name(f"{out.stem}_{q}{out.suffix or FORMATS[kind]}") for q in questionnaires}


READING_SHARE = 20  # of the progress bar: reading is quick, writing the book is most of it


def export_responses(db: Database, kind: str, out: Path, questionnaire: str = "", cohort: str = "",
                     pseudonymised: bool = False, progress: Progress = no_progress,
                     cancel: CancelToken = NEVER_CANCELLED) -> ExportResult:
    """Write finished responses (all questionnaires or one) for analysts."""
    if kind not in FORMATS:
        raise InvalidData(f"Formato desconocido «{kind}»: use excel, csv o spss.")
    if kind == "spss" and not writers.spss_available():
        raise InvalidData(writers.SPSS_MISSING)
    chosen = (questionnaire,) if questionnaire else QUESTIONNAIRES
    out = _named_for(Path(out), kind)
    if not out.parent.is_dir():
        raise InvalidData(f"La carpeta {out.parent} no existe. Elija una carpeta existente.")
    students = {row[0]: row for row in report_queries.cohort_students(db, cohort)}
    if cohort and not students:
        raise InvalidData(f"La generación «{cohort}» no tiene alumnos en el directorio.")
    definitions = [load_definition(q) for q in chosen]
    context = family_context(report_queries.response_rows(db, "C1", cohort),
                             report_queries.response_versions(db, "C1"))
    tables, rows, read, versions = {}, {}, {}, {}
    for done, definition in enumerate(definitions):
        cancel.check()
        progress(READING_SHARE * done // len(chosen), 100, f"Leyendo respuestas de {definition.id}…")
        read[definition.id] = list(report_queries.response_rows(db, definition.id, cohort))
        versions[definition.id] = report_queries.response_versions(db, definition.id)
        tables[definition.id] = response_table(
            definition, students, read[definition.id], pseudonymised, versions[definition.id],
            context)
        rows[definition.id] = len(tables[definition.id])
    if kind == "excel":  # the book also lists the contradictions keyers confirmed
        tables[INCONSISTENCY_SHEET] = inconsistency_table(definitions, students, read, versions,
                                                          pseudonymised)
    cancel.check()
    progress(READING_SHARE, 100, "Escribiendo archivos…")

    def writing(done: int, total: int, message: str) -> None:
        progress(READING_SHARE + (100 - READING_SHARE) * done // max(total, 1), 100, message)

    files = _write(kind, out, tables, definitions, pseudonymised, writing, cancel)
    progress(100, 100, "Listo.")
    return ExportResult(tuple(files), rows)


def _write(kind: str, out: Path, tables: dict, definitions: list, pseudonymised: bool,
           progress: Progress, cancel: CancelToken) -> list[Path]:
    if kind == "excel":
        writers.write_excel(out, tables, definitions, pseudonymised, progress, cancel)
        return [out]
    paths = _paths(out, kind, tuple(tables))
    files = [paths[definition.id] for definition in definitions]
    if kind == "csv":  # analysts need the codes explained next to the CSV files
        files.append(out.with_name(f"{out.stem}_libro_de_codigos.csv"))
    with writers.all_or_none(files) as partials:
        for definition, partial in zip(definitions, partials):
            if kind == "csv":
                writers.csv_into(partial, tables[definition.id])
            else:
                writers.spss_into(partial, tables[definition.id], definition)
        if kind == "csv":
            import pandas as pd
            writers.csv_into(partials[-1], pd.concat([identity_codebook(pseudonymised),
                                                      codebook(definitions, pseudonymised)],
                                                     ignore_index=True))
    return files
