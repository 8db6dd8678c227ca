"""The orjson line parser gives exactly what the exact (json module) parser gives: the same
record, the same refusal, the same verdict of the record check, for any line."""

import json

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.records import (
    ANSWERS_TEXT, UNPARSED, check_record, exact_parse_line, full_answers, parse_line,
    parse_lines, response_line, student_line)

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


def _batch_outcome(parse, lines: list[bytes]) -> tuple:
    """What a batch parser makes of ``lines``: each record (answers parsed) with the record
    check's verdict, or the refusal of the batch."""
    try:
        parsed = parse(lines)
    except (ValueError, RecursionError) as error:
        return ("refused", type(error).__name__)
    return tuple(_outcome(lambda _, record=record: record, b"") for record in parsed)


_lines = st.one_of(
    st.builds(lambda a, c, e, at, cut: (lambda line: line[:at % (len(line) + 1)] + e
                                        + line[at % (len(line) + 1) + cut:])(_response(a, c)),
              _answers, st.lists(st.text(max_size=6), max_size=2), _EDITS,
              st.integers(0, 10 ** 6), st.integers(0, 3)),
    st.builds(lambda names, stamp, e, at: (lambda line: line[:at % (len(line) + 1)] + e
                                           + line[at % (len(line) + 1):])(
        _student(given_names=names, updated_at=stamp)), st.text(max_size=8),
              st.integers(-10, 2 ** 70), _EDITS, st.integers(0, 10 ** 6)),
    st.binary(max_size=40).map(lambda raw: b'{"t":"response","id":"r"' + raw
                               + b',"answers":{},"confirmed":[]}'))


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(_lines, max_size=6))
def test_a_batch_parses_as_its_lines_do(lines):
    """The merge parses a batch at once; record for record (or refusal for refusal) it is
    what ``parse_line`` makes of each line, whichever line of the batch is odd."""
    assert _batch_outcome(parse_lines, lines) == _batch_outcome(
        lambda batch: list(map(parse_line, batch)), lines), lines



@settings(max_examples=200, deadline=None)
@given(answers=st.lists(_answers, min_size=1, max_size=4), students=st.integers(0, 3),
       names=st.text(max_size=8))
def test_plain_batches_parse_as_their_lines_do(answers, students, names):
    """Batches of lines as a plantel writes them (the quick path's own case)."""
    lines = [_student(given_names=names)] * students + [_response(a, []) for a in answers]
    for batch in (lines, lines[::-1]):
        assert _batch_outcome(parse_lines, batch) == _batch_outcome(
            lambda batch: list(map(parse_line, batch)), batch), batch


_PLAIN = _response({"p1": 2}, [])
_EDGES = [  # where the batch's quick path for a response line must step aside
    _PLAIN.replace(b'{"p1": 2}', b'{"p1": 2} '), _PLAIN.replace(b'{"p1": 2}', b' {"p1": 2}'),
    _PLAIN.replace(b'{"p1": 2}', b'{"p1": 2}\t'), _PLAIN.replace(b'{"p1": 2}', b""),
    _PLAIN.replace(b'{"p1": 2}', b"[1]"), _PLAIN.replace(b'{"p1": 2}', b"{"),
    _PLAIN.replace(b'"version":1', b'"version":12345678901234567890'),
    _PLAIN.replace(b'{"p1": 2}', b'{"p1": 1234567890123456789012}'),
    _PLAIN.replace(b'"mode"', b'"_answers_text":"{}","mode"'),
    _PLAIN.replace(b'"mode"', b'"_confirmed_text":"[1]","mode"'),
    _PLAIN.replace(b'"mode"', b'"delivered_by":"X","mode"'),
    _PLAIN.replace(b'"mode"', b'"answers":[1],"confirmed":{},"mode"'),
    _PLAIN.replace(b',"answers"', b'\n,"answers"'), _PLAIN.replace(b',"answers"', b' ,"answers"'),
    _PLAIN.replace(b'{"t":"response"', b'[{"t":"response"'), _PLAIN[:-1] + b" }",
    _PLAIN.replace(b',"confirmed":[]', b',"confirmed": []'),
    _PLAIN.replace(b',"answers":', b',"a":{"answers":').replace(b"[]}", b"[]}}"),
]


@pytest.mark.parametrize("edge", _EDGES)
def test_odd_response_lines_in_a_batch_parse_as_alone(edge):
    for lines in ([edge], [_PLAIN, edge, _student()], [_student(), _PLAIN, edge]):
        assert _batch_outcome(parse_lines, lines) == _batch_outcome(
            lambda batch: list(map(parse_line, batch)), lines), lines


def _nested(depth: int, student_depth: int = 0) -> list[bytes]:
    """A plain response line whose answers are lists nested ``depth`` deep, and a student
    line carrying an extra field nested ``student_depth`` deep."""
    lines = [_response({"p1": 2}, []).replace(
        b'{"p1": 2}', b'{"p1": ' + b"[" * depth + b"]" * depth + b"}")]
    if student_depth:
        lines.append(_student()[:-1] + b',"x":' + b"[" * student_depth + b"]" * student_depth
                     + b"}")
    return lines


@pytest.mark.parametrize("depth", [400, 600, 1010])
def test_nesting_the_json_module_cannot_read_back_is_refused_as_it_refuses_it(depth):
    """orjson reads 1,023 levels, the json module (which the merge writes parked records and
    reads stored answers with) stops near 1,000: a line it refuses is refused, one it reads
    parses the same either way, and answers left as text read back as sent."""
    lines = _nested(depth, depth)
    for line in lines:
        _same(line)
    assert _batch_outcome(parse_lines, lines) == _batch_outcome(
        lambda batch: list(map(parse_line, batch)), lines)
    if depth > 1000:
        with pytest.raises(RecursionError):
            parse_lines(lines)
        return
    response, _ = parse_lines(lines)
    assert full_answers(response)["answers"] == json.loads(response[ANSWERS_TEXT])


def test_a_plain_batch_leaves_the_answers_as_text():
    lines = [_student(), _response({"p1": 2, "p2": "Guadalajara, Jal."}, [])]
    student, response = parse_lines(lines)
    assert student["given_names"] == "ANA" and response["answers"] is UNPARSED
    assert response[ANSWERS_TEXT] == '{"p1": 2, "p2": "Guadalajara, Jal."}'
    with pytest.raises(ValueError):  # one cut line refuses the batch, as line by line
        parse_lines(lines + [_response({"p1": 2}, [])[:-1]])
