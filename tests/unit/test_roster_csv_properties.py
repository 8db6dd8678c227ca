"""Property: whatever text a plantel's list holds, a CSV saved as Excel saves it reads back
cell for cell, in every encoding and separator Excel uses."""

import codecs
import csv
import io

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from seguimiento_desktop.roster.csvfiles import decode_text, read_text_grid, sniff_delimiter

# Letters Mexican lists contain, plus the separators and quotes that must survive quoting.
ALPHABET = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ abcdeñáéíóúüÁÉÍÓÚÜ0123456789.,;-'\"@()/"
cells = st.text(alphabet=ALPHABET, min_size=1, max_size=20).map(str.strip).filter(bool)


@st.composite
def tables(draw):
    width = draw(st.integers(min_value=3, max_value=8))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), min_size=2,
                         max_size=12))
    return rows


@given(rows=tables(), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
@settings(max_examples=150, deadline=None)
def test_any_excel_csv_reads_back_cell_for_cell(tmp_path_factory, rows, delimiter, encoding):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    assume(not another_reading(buffer.getvalue(), delimiter, rows))
    path = tmp_path_factory.mktemp("csv") / "lista.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    grid = read_text_grid(path)
    assert grid.rows == rows


def another_reading(text: str, delimiter: str, rows: list[list[str]]) -> bool:
    """Whether another separator reads ``text`` as a table as regular, as wide and with
    no more empty cells (``a;b,c;d`` is two cells on ',' and three on ';'): no program can
    tell which one Excel wrote, so the preview shows the columns before importing."""
    def shape(table):
        return (len({len(row) for row in table}) == 1, len(table[0]),
                -sum(cell == "" for row in table for cell in row))
    for other in {",", ";", "\t"} - {delimiter}:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=other))
        if table != rows and shape(table) >= shape(rows):
            return True
    return False


@given(text=st.text(alphabet="áéíóúñÑ ABC", min_size=1, max_size=40))
def test_windows_1252_text_is_never_mistaken_for_utf8(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    assert decode_text(path, text.encode("cp1252")) == text
    assert decode_text(path, codecs.BOM_UTF8 + text.encode("utf-8")) == text


@given(rows=tables(), delimiter=st.sampled_from([",", ";", "\t"]))
def test_the_separator_is_found(rows, delimiter):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    assume(not another_reading(buffer.getvalue(), delimiter, rows))  # «0,;,;0» reads on both
    found = sniff_delimiter(buffer.getvalue())
    assert list(csv.reader(io.StringIO(buffer.getvalue()), delimiter=found)) == rows
