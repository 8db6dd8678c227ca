"""Writing export files: Excel (a sheet per questionnaire + codebook), CSV with BOM, SPSS.

Text that a spreadsheet would take for a formula (formula injection) is written as text:
typed as text in Excel books, with a leading apostrophe in CSV.

Each file is written aside and renamed into place (storage/files.atomic_output), so a full
disk or a pulled USB stick never leaves half a file that looks whole.
"""

import io
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.exports.tables import LABEL_SUFFIX, codebook, identity_codebook
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.questionnaires.model import MULTIPLE, Definition
from seguimiento_desktop.storage.files import atomic_output

CODEBOOK_SHEET = "Libro de códigos"
CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel for Windows read accents right
# Only a pip install without the «spss» extra lacks pyreadstat (the Windows installer has it):
# the message is for whoever maintains that installation, never a command for a clerk.
SPSS_MISSING = ("Esta instalación no incluye la exportación a SPSS. Exporte a Excel o CSV, o pida "
                "a quien instaló el programa que agregue el complemento «spss» (pyreadstat).")


ROWS_PER_STEP = 500  # rows written between two progress reports and cancel checks


def write_excel(path: Path, tables: dict[str, pd.DataFrame], definitions: list[Definition],
                pseudonymised: bool, progress: Progress = no_progress,
                cancel: CancelToken = NEVER_CANCELLED) -> None:
    """One sheet per questionnaire (one row per response) and a codebook sheet."""
    book = pd.concat([identity_codebook(pseudonymised), codebook(definitions, pseudonymised)],
                     ignore_index=True)
    _write_book(path, [*tables.items(), (CODEBOOK_SHEET, book)], progress, cancel,
                frozen_columns={CODEBOOK_SHEET: 0})


def write_sheet(path: Path, frame: pd.DataFrame, sheet_name: str) -> None:
    """One plain sheet (a list to work from, not an analysis book): fitted, text not formulas."""
    _write_book(path, [(sheet_name, frame)])


def _write_book(path: Path, sheets: Sequence[tuple[str, pd.DataFrame]],
                progress: Progress = no_progress, cancel: CancelToken = NEVER_CANCELLED,
                frozen_columns: Mapping[str, int] = MappingProxyType({})) -> None:
    """Stream ``sheets`` into a workbook row by row (openpyxl's write-only mode), reporting
    progress and honouring a cancel every few hundred rows. Built by pandas in memory, a
    book of 5,000 responses took 9 s in which «Cancelar» could not answer. The book is
    saved to memory and written to disk in one go, so a full disk fails in that one write
    (written straight to disk, a half-written ZIP stayed open and printed a traceback)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    total, written = sum(len(frame) for _name, frame in sheets) or 1, 0
    workbook = Workbook(write_only=True)
    try:
        for name, frame in sheets:
            sheet = workbook.create_sheet(name)
            _fit_columns(sheet, frame)
            sheet.freeze_panes = f"{get_column_letter(1 + frozen_columns.get(name, 1))}2"
            sheet.append([_cell(sheet, str(column), bold=True) for column in frame.columns])
            values = _storable(frame).astype(object)
            values = values.where(values.notna(), None)
            for start in range(0, len(values), ROWS_PER_STEP):
                cancel.check()
                progress(written, total, f"Escribiendo la hoja «{name}»…")
                for row in values.iloc[start:start + ROWS_PER_STEP].itertuples(index=False,
                                                                               name=None):
                    sheet.append([_cell(sheet, v) if isinstance(v, str) and v.startswith("=")
                                  else v for v in row])
                written += min(ROWS_PER_STEP, len(values) - start)
        cancel.check()
    except BaseException:
        _discard(workbook)
        raise
    buffer = io.BytesIO()
    workbook.save(buffer)
    with atomic_output(path) as partial:
        partial.write_bytes(buffer.getvalue())


def _discard(workbook) -> None:
    """A write-only sheet spools its rows to a temporary file, which saving the book
    removes; a book abandoned (a cancel) closes and removes them now, so no list of names
    stays in the temporary folder."""
    for sheet in workbook.worksheets:
        writer = sheet._writer  # noqa: SLF001 (openpyxl has no public way to drop a sheet)
        if writer is not None:
            sheet.close()
            writer.cleanup()


def _cell(sheet, text: str, bold: bool = False):
    """A cell holding ``text`` as text. The app writes no formulas: a value such as
    «=HYPERLINK(…)» is what someone typed (a social-network handle, a comment) and must
    show as typed, never run when an analyst opens the book."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def _storable(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without the control characters a workbook cannot hold (a vertical tab or a
    bell pasted into a typed answer or a list made openpyxl refuse the whole book); a text
    column is looked at once, and only one holding any is rewritten."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    bad = [c for c in text if ILLEGAL_CHARACTERS_RE.search(
        "\n".join(v for v in frame[c] if isinstance(v, str)))]
    if not bad:
        return frame
    return frame.assign(**{str(c): frame[c].map(
        lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v) for c in bad})


def _fit_columns(sheet, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter
    for i, column in enumerate(frame.columns, 1):
        sample = max((len(str(v)) for v in frame[column].head(200) if v is not None), default=0)
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, len(str(column)),
                                                                          sample) + 2)


@contextmanager
def all_or_none(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """A partial file beside each of ``paths``, each renamed into place only once every one
    is written: an export of several files that fails halfway (a full USB stick) leaves the
    folder as it was, not new files next to missing ones or to an earlier export's."""
    with ExitStack() as stack:
        yield [stack.enter_context(atomic_output(path)) for path in paths]


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    """A CSV in UTF-8 with BOM (Excel opens accents correctly), comma-separated, CRLF."""
    with atomic_output(path) as partial:
        csv_into(partial, frame)


def csv_into(partial: Path, frame: pd.DataFrame) -> None:
    """``write_csv`` into a file already set aside (``all_or_none``)."""
    # CRLF as RFC 4180 says: then a carriage return inside a value is quoted too, and
    # cannot end the row early and start a cell of its own (another injection route).
    _neutralised(frame).to_csv(partial, index=False, encoding=CSV_ENCODING,
                               lineterminator="\r\n")


# A spreadsheet program reads a CSV cell starting with one of these as a formula (OWASP's
# CSV injection list). A leading apostrophe makes it text and keeps it readable.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` made safe for a CSV cell (text that could start a formula gets a «'»)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    # Any column that is not purely numeric may hold text (object or string dtype alike).
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if not text:
        return frame
    return frame.assign(**{str(c): frame[c].map(neutralise) for c in text})


def spss_available() -> bool:
    try:
        import pyreadstat  # noqa: F401
    except ImportError:
        return False
    return True


def _text(column: pd.Series) -> pd.Series:
    """Values as text, a missing one as "" (whatever the column's dtype: an all-empty
    column comes as float, where fillna("") would change its type)."""
    return column.astype(object).where(column.notna(), "").astype(str)


def spss_frame(frame: pd.DataFrame, definition: Definition) -> tuple[pd.DataFrame, dict, dict]:
    """(data, variable labels, value labels) for SPSS: codes numeric, multiple choice as
    one 0/1 variable per option, labels moved from columns into value labels."""
    data, variable_labels, value_labels = pd.DataFrame(index=frame.index), {}, {}
    questions = {q.id: q for q in definition.questions}
    for column in frame.columns:
        question = questions.get(column)
        if column.endswith(LABEL_SUFFIX):
            continue
        if question is None:
            data[column] = _text(frame[column])
            variable_labels[column] = column.replace("_", " ")
        elif question.type == MULTIPLE:
            chosen = _text(frame[column]).str.split(";")
            for option in question.options:
                name = f"{column}_{option.code}"
                data[name] = [float(str(option.code) in c) if c != [""] else None for c in chosen]
                variable_labels[name] = f"{question.number}. {option.label}"[:250]
                value_labels[name] = {0: "No", 1: "Sí"}
        elif question.options:
            data[column] = pd.to_numeric(frame[column], errors="coerce")
            variable_labels[column] = f"{question.number}. {question.text}"[:250]
            value_labels[column] = {o.code: o.label[:120] for o in question.options}
        else:
            numeric = question.type in ("integer", "decimal")
            data[column] = (pd.to_numeric(frame[column], errors="coerce") if numeric
                            else frame[column].fillna("").astype(str))
            variable_labels[column] = f"{question.number}. {question.text}"[:250]
    return data, variable_labels, value_labels


def spss_into(partial: Path, frame: pd.DataFrame, definition: Definition) -> None:
    """An SPSS .sav with variable and value labels (needs the optional pyreadstat), into a
    file already set aside (``all_or_none``)."""
    if not spss_available():
        raise InvalidData(SPSS_MISSING)
    import pyreadstat
    data, variable_labels, value_labels = spss_frame(frame, definition)
    try:
        pyreadstat.write_sav(data, str(partial), column_labels=variable_labels,
                             variable_value_labels=value_labels)
    except pyreadstat.ReadstatError as error:  # «Unable to write data»: no errno of its own
        raise _write_fault(partial) from error


def _write_fault(partial: Path) -> OSError:
    """The OSError a failed write most likely met, for atomic_output's Spanish message: a
    full disk if the folder has (almost) no room left, else a stick pulled or failing."""
    import errno
    import shutil
    try:
        full = shutil.disk_usage(partial.parent).free < 1024 * 1024
    except OSError:
        full = False
    code = errno.ENOSPC if full else errno.EIO
    return OSError(code, os.strerror(code), str(partial))
