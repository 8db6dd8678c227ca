"""The orjson line parser gives exactly what the exact (json module) parser gives: the same
record, the same refusal, the same verdict of the record check, for any line."""

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.records import (
    ANSWERS_TEXT, UNPARSED, check_record, exact_parse_line, parse_line, response_line,
    student_line)

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
                     st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=10))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
_answers = st.dictionaries(st.text(max_size=8), _values, max_size=6)


def _outcome(parse, line: bytes) -> tuple:
    """What a parser makes of ``line``, comparable: the record (answers parsed) or the
    refusal, and the record check's verdict (kind or message)."""
    try:
        record = parse(line)
    except (ValueError, RecursionError) as error:  # what bundles.py turns into a refusal
        return ("refused", type(error).__name__)
    if isinstance(record, dict) and record.get("answers") is UNPARSED:
        record = {**record, "answers": json.loads(record[ANSWERS_TEXT])}
    try:
        verdict = check_record(record, 1)
    except BundleRejected as error:
        verdict = error.message
    return ("parsed", json.dumps(record, sort_keys=True, default=repr), verdict)


def _same(line: bytes) -> None:
    assert _outcome(parse_line, line) == _outcome(exact_parse_line, line), line


def _response(answers: object, confirmed: object, **fields) -> bytes:
    row = dict.fromkeys(RESPONSE_COLUMNS, "")
    row.update(id="r-1", student_id="s-1", questionnaire="C1", version=1, updated_at=7,
               origin="pc-1", deleted=0, answers=json.dumps(answers, ensure_ascii=False,
                                                            sort_keys=True),
               confirmed=json.dumps(confirmed))
    row.update(fields)
    return response_line(tuple(row[c] for c in RESPONSE_COLUMNS)).encode()


def _student(**fields) -> bytes:
    row = dict.fromkeys(STUDENT_COLUMNS, "")
    row.update(id="s-1", curp="GOLA080501HJCRPN09", given_names="ANA", first_surname="GARCÍA",
               updated_at=7, origin="pc-1", deleted=0, birth_date=None,
               base_updated_at=None, base_origin=None)
    row.update(fields)
    return student_line(tuple(row[c] for c in STUDENT_COLUMNS), "completo", None).encode()


# Edits that move a line to the edges of JSON: blanks where the exact parser is strict,
# duplicate keys, bookkeeping keys, big numbers, NaN, a BOM, broken UTF-8, truncation.
_EDITS = st.sampled_from([
    b"", b" ", b"\t", b"\n", b"}", b"{", b"]", b",", b'"', b"\\", b"\xef\xbb\xbf", b"\xff",
    b"\xed\xa0\x80", b'"\\ud800"', b"NaN", b"Infinity", b"1e400", b"18446744073709551616",
    b"-9223372036854775809", b"-0", b"1.0", b'"answers":{}', b',"answers":{"a": 1}',
    b',"confirmed":[]', b',"_answers_text":"{}"', b',"delivered_by":"X"', b',"t":"student"',
    b'"x"', b"null", b"true", b"[1]", b'{"a": {"b": [1, 2]}}'])


@settings(max_examples=600, deadline=None)
@given(answers=_answers, confirmed=st.lists(st.text(max_size=6), max_size=2),
       position=st.integers(0, 10 ** 6), edit=_EDITS, cut=st.integers(0, 3))
@example(answers={"p1": 1}, confirmed=[], position=0, edit=b"", cut=0)
def test_response_lines_parse_the_same(answers, confirmed, position, edit, cut):
    line = _response(answers, confirmed)
    _same(line)
    at = position % (len(line) + 1)
    edited = line[:at] + edit + line[at + cut:]
    _same(edited)


@settings(max_examples=400, deadline=None)
@given(given_names=st.text(max_size=12), stamp=st.integers(-10, 2 ** 70),
       birth=st.one_of(st.none(), st.text(max_size=11)), position=st.integers(0, 10 ** 6),
       edit=_EDITS, cut=st.integers(0, 3))
def test_student_lines_parse_the_same(given_names, stamp, birth, position, edit, cut):
    line = _student(given_names=given_names, updated_at=stamp, birth_date=birth)
    _same(line)
    at = position % (len(line) + 1)
    _same(line[:at] + edit + line[at + cut:])


@settings(max_examples=400, deadline=None)
@given(value=_values, spaces=st.booleans())
def test_any_json_value_parses_the_same(value, spaces):
    separators = (", ", ": ") if spaces else (",", ":")
    _same(json.dumps(value, separators=separators).encode())
    _same(json.dumps({"t": "response", "answers": value, "confirmed": value},
                     separators=separators).encode())


@settings(max_examples=300, deadline=None)
@given(raw=st.binary(max_size=60))
def test_arbitrary_bytes_parse_the_same(raw):
    _same(raw)
    _same(b'{"t":"response"' + raw)
    _same(b'{"t":"response","id":"r"' + raw + b',"answers":{},"confirmed":[]}')


def test_a_plain_response_keeps_its_answers_text_with_orjson():
    line = _response({"p1": 2, "p2": "Guadalajara, Jal."}, [])
    record = parse_line(line)
    assert record[ANSWERS_TEXT] == '{"p1": 2, "p2": "Guadalajara, Jal."}'
    assert record["answers"] == {"p1": 2, "p2": "Guadalajara, Jal."}
