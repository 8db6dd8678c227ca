"""The roster use cases: preview a file for the wizard, import it for a cohort.

``Workspace.preview_roster`` and ``Workspace.import_roster`` call these. An import reads the
file once, validates every row, looks up all CURPs in one batch and writes the valid
students in ONE transaction: a failure or a cancel leaves the database as it was.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.domain.cohorts import parse_cohort
from seguimiento_desktop.domain.curp import normalize_curps
from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.errors import FileUnreadable, InvalidData
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.roster.files import Grid, read_grids
from seguimiento_desktop.roster.headers import HeaderInfo, find_header, mapping_problem
from seguimiento_desktop.roster.models import ImportReport, RosterPreview
from seguimiento_desktop.roster.plan import ImportPlan, NewStudents, count_of, plan_columns
from seguimiento_desktop.roster.rows import data_columns, preview_cells
from seguimiento_desktop.storage.roster_writes import (
    Numbers, bulk_load, index_new_students, insert_new_students, last_numbers,
    write_students_bulk)
from seguimiento_desktop.storage.students import students_by_curp

if TYPE_CHECKING:
    from seguimiento_desktop.services import Workspace

PREVIEW_ROWS = 20
WRITE_CHUNK = 1000
WRITE_CACHE_KIB = 64 * 1024  # a ceiling, not an allocation: pages are taken as used


@dataclass(frozen=True)
class OpenRoster:
    """A roster file read and understood: its sheet grid and where its header is."""

    path: Path
    grid: Grid
    header: HeaderInfo


def open_roster(path: str | Path, sheet: str | None = None) -> OpenRoster:
    """Read the file and find its header: in ``sheet``, or in the first sheet that has one."""
    path = Path(path)
    grid = None
    for grid in read_grids(path, sheet):
        header = find_header(grid.rows)
        if header is not None:
            return OpenRoster(path, grid, header)
    raise FileUnreadable(
        f"No se encontró la fila de encabezados {_where(path, grid, sheet)}. La lista debe tener una "
        "fila con los títulos de las columnas (por ejemplo CURP, Nombre(s), Primer apellido, "
        "Segundo apellido, Grupo, Correo, Celular) en sus primeras 30 filas.")


def _where(path: Path, grid: Grid | None, sheet: str | None) -> str:
    if sheet:
        return f"en la hoja «{sheet}» de {path.name}"
    if grid is not None and len(grid.sheets) > 1:
        return f"en ninguna hoja de {path.name}"
    return f"en {path.name}"


def preview_roster(path: str | Path, sheet: str | None = None) -> RosterPreview:
    """What the import wizard shows: header row, proposed mapping and first student rows."""
    roster = open_roster(path, sheet)
    header, grid = roster.header, roster.grid
    data = data_columns(grid.rows, header, header.mapping)
    rows = [data.row(i) for i in range(min(len(data), PREVIEW_ROWS))]
    width = max([len(header.columns)] + [len(grid.rows[r.number - 1]) for r in rows])
    columns = header.columns + [""] * (width - len(header.columns))
    return RosterPreview(
        path=str(roster.path), sheet=grid.sheet, header_row=header.index + 1, columns=columns,
        mapping=dict(header.mapping), rows=preview_cells(grid.rows, rows, width, PREVIEW_ROWS),
        row_numbers=[row.number for row in rows], total_rows=len(data),
        sheets=list(grid.sheets))


def import_roster(workspace: "Workspace", path: str | Path, cohort: str, *,
                  mapping: dict[int, str] | None = None, sheet: str | None = None,
                  dry_run: bool = False, strict: bool = False, progress: Progress = no_progress,
                  cancel: CancelToken = NEVER_CANCELLED, today: date | None = None) -> ImportReport:
    """Import a student list for ``cohort`` (generación "2023-2026").

    ``mapping`` (column index -> field of TARGET_FIELDS) overrides the automatic one.
    ``dry_run`` writes nothing; ``strict`` writes nothing if any row is rejected.
    """
    cohort = str(parse_cohort(cohort))
    with _without_cycle_collection():
        return _import(workspace, path, cohort, mapping, sheet, dry_run, strict, progress,
                       cancel, today)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for the import: the rows and students it makes by the
    thousand hold no cycles, yet each collection of the oldest generation walks all of them
    (~8% of a 20,000-row import's CPU). Reference counting frees them as ever; any cycle
    the file's reading leaves is collected once the collector is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(workspace: "Workspace", path: str | Path, cohort: str, mapping: dict[int, str] | None,
            sheet: str | None, dry_run: bool, strict: bool, progress: Progress,
            cancel: CancelToken, today: date | None) -> ImportReport:
    progress(0, 1, "Leyendo el archivo…")
    roster = open_roster(path, sheet)
    columns = _checked_mapping(roster.header.mapping if mapping is None else mapping)
    cancel.check()
    data = data_columns(roster.grid.rows, roster.header, columns)
    existing = _known(workspace, data.columns.get("curp", []))

    def checkpoint(done: int) -> None:
        cancel.check()
        progress(done, len(data), "Revisando las filas…")

    plan = plan_columns(data, cohort, existing, today or date.today(), checkpoint,
                        _cancelled(workspace, existing))
    plan.report.dry_run = dry_run
    plan.report.source = str(roster.path)
    if dry_run or (strict and plan.report.rejected):
        return _not_written(plan, refused=not dry_run)
    _write(workspace, plan, progress, cancel)
    return plan.report


def _known(workspace: "Workspace", curps: list[str]) -> dict[str, Student]:
    """The directory's students with these CURPs (none to look for in an empty one)."""
    db = workspace.store.db
    if db.execute("SELECT 1 FROM students LIMIT 1").fetchone() is None:
        return {}
    return students_by_curp(db, normalize_curps(curps))


def _cancelled(workspace: "Workspace", existing: dict[str, Student]) -> dict[str, str]:
    """CURP -> why its row is refused, for the deleted students who cancelled their data
    (ARCO): the bitácora's line that privacy.arco.cancel_person writes says who did."""
    deleted = {curp for curp, student in existing.items() if student.deleted}
    if not deleted:
        return {}
    from seguimiento_desktop.privacy.arco import ARCO_CANCELLATION
    from seguimiento_desktop.storage.audit import AuditQuery, find
    cancelled = {entry.target for entry in find(workspace.store.db,
                                                AuditQuery(action=ARCO_CANCELLATION))}
    return {curp: (f"La persona con la CURP {curp} pidió la cancelación de sus datos (derecho "
                   "ARCO) y salió del directorio: una lista no la vuelve a agregar. Si pide "
                   "volver, agréguela con «Nuevo alumno».")
            for curp in deleted & cancelled}


def _checked_mapping(mapping: dict[int, str]) -> dict[int, str]:
    columns = {int(index): target for index, target in mapping.items() if target}
    problem = mapping_problem(columns)
    if problem:
        raise InvalidData(problem)
    return columns


def _not_written(plan: ImportPlan, refused: bool) -> ImportReport:
    """A dry run reports what would happen; a strict refusal reports that nothing happened."""
    report = plan.report
    if refused:
        report.refused = True
        report.inserted = report.updated = report.unchanged = 0
    return report


def _write(workspace: "Workspace", plan: ImportPlan, progress: Progress,
           cancel: CancelToken) -> None:
    """All valid students in one transaction; Cancelled inside it rolls everything back.

    Each chunk is one statement: new students are inserted numbered in bulk, known ones
    upserted; every row gets a fresh clock value and this PC's origin as it is written.
    The indexes are back before the updates: each updated row's trigger looks up the
    highest change number, a scan of the table without its index.
    """
    total = count_of(plan.inserts) + len(plan.updates)
    if not total:  # re-importing the same file: nothing to do, nothing re-stamped
        progress(1, 1, "Sin cambios.")
        return
    school = workspace.school()
    store = workspace.store
    chunks = _Chunks(school.cct if school else "", (store.clock.now, store.installation_id),
                     total, progress, cancel)
    # The whole batch's pages stay in memory until COMMIT: a 2 MiB cache (SQLite's default)
    # spills dirty pages to the WAL mid-transaction and reads them back for the indexes.
    with store.db.page_cache(WRITE_CACHE_KIB), store.transaction() as db:
        numbers = last_numbers(db)
        with bulk_load(db, count_of(plan.inserts)):
            chunks.insert(db, plan.inserts, store.clock.now_many, numbers)
        chunks.write(db, plan.updates, write_students_bulk)
        cancel.check()
    plan.report.written = True


@dataclass
class _Chunks:
    """Writes students WRITE_CHUNK at a time, reporting progress and checking cancel."""

    cct: str
    stamp: tuple
    total: int
    progress: Progress
    cancel: CancelToken
    done: int = 0

    def write(self, db, students: list[Student], write) -> None:
        for start in range(0, len(students), WRITE_CHUNK):
            self.cancel.check()
            chunk = students[start:start + WRITE_CHUNK]
            write(db, chunk, self.cct, self.stamp)
            self._done(len(chunk))

    def insert(self, db, new: NewStudents, stamps, numbers: Numbers) -> None:
        """The new students, numbered after ``numbers`` and stamped (``stamps(n)``: n clock
        values) in bulk; then their search index, in one go."""
        first_rowid = numbers.rowid
        for start in range(0, count_of(new), WRITE_CHUNK):
            self.cancel.check()
            chunk = {key: values[start:start + WRITE_CHUNK] for key, values in new.items()}
            count = count_of(chunk)
            insert_new_students(db, chunk, self.cct, stamps(count), self.stamp[1],
                                numbers, indexed=False)
            self._done(count)
        index_new_students(db, first_rowid, new)

    def _done(self, count: int) -> None:
        self.done += count
        self.progress(self.done, self.total, "Guardando los alumnos…")
