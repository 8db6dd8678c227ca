"""Bundle lines on arrival: the quick parse of responses gives what a plain json.loads gives."""

import json
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS
from seguimiento_desktop.sync import records
from seguimiento_desktop.sync.checking import check_batch
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.records import (
    ANSWERS_TEXT, UNPARSED, check_record, full_answers, parse_line, response_line)

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
_answers = st.dictionaries(st.text(max_size=8), _values, max_size=6)


def _line(answers: dict, confirmed: list[str]) -> bytes:
    """A response line as a plantel writes it (answers as storage.responses stores them)."""
    row = dict.fromkeys(RESPONSE_COLUMNS, "")
    row.update(id="r-1", student_id="s-1", questionnaire="C1", version=1, updated_at=7,
               origin="pc-1", deleted=0,
               answers=json.dumps(answers, ensure_ascii=False, sort_keys=True),
               confirmed=json.dumps(confirmed))
    return response_line(tuple(row[c] for c in RESPONSE_COLUMNS)).encode()


def _public(record: dict) -> dict:
    return {k: v for k, v in record.items() if not k.startswith("_")}


@settings(max_examples=300, deadline=None)
@given(answers=_answers, confirmed=st.lists(st.text(max_size=6), max_size=2))
def test_response_line_parses_as_json_loads_does(answers, confirmed):
    line = _line(answers, confirmed)
    record = parse_line(line)
    assert check_record(record, 1) == "response"
    assert record[ANSWERS_TEXT] == json.dumps(answers, ensure_ascii=False, sort_keys=True)
    assert _public(full_answers(record)) == json.loads(line)


def test_plain_stored_answers_are_matched_not_parsed():
    """The usual answers (codes, numbers, short texts, multiple choice) take the quick path
    of the exact parser (``parse_line`` parses them with orjson, faster still)."""
    record = records.exact_parse_line(_line({"p1": 2, "p2": "Guadalajara, Jal.", "p3": [1, 4], "p4": None,
                               "p5": 12.5, "p6": True}, []))
    assert record["answers"] is UNPARSED
    assert full_answers(record)["answers"]["p3"] == [1, 4]


_json_bits = st.sampled_from(['{', '}', '[', ']', '"', ': ', ', ', ':', ',', ' ', '0', '1', '-',
                              '.', 'e', 'a', 'é', 'true', 'null', '\\', '\\"', '\x01', '{"a": '])


@settings(max_examples=1000, deadline=None)
@given(pieces=st.lists(_json_bits, max_size=16))
def test_matched_answers_text_is_always_a_json_object(pieces):
    """What the quick pattern accepts is stored unparsed, so it must be valid JSON."""
    text = "".join(pieces)
    if records._FLAT_ANSWERS.fullmatch(text):
        assert isinstance(json.loads(text), dict)


_VALID = {
    "student": {"t": "student", "id": "s-1", "curp": "GOLA080501HJCRPN09", "given_names": "ANA",
                "first_surname": "GARCÍA", "second_surname": "", "sex": "M",
                "birth_date": "2008-05-01", "cohort": "2023-2026", "career": "Programación",
                "group_name": "6A", "shift": "Matutino", "email": "", "phone": "",
                "home_phone": "", "status": "egresado", "contact_status": "",
                "school_cct": "14DCT0099Z", "updated_at": 7, "origin": "pc-1", "deleted": False,
                "base_updated_at": None, "base_origin": None},
    "response": {"t": "response", "id": "r-1", "student_id": "s-1", "questionnaire": "C1",
                 "version": 1, "mode": "papel", "status": "completa", "keyer": "", "verifier": "",
                 "answers": {"p1": 1}, "confirmed": [], "started_at": "", "completed_at": "",
                 "updated_at": 7, "origin": "pc-1", "deleted": False},
    "attempt": {"t": "attempt", "id": "a-1", "student_id": "s-1", "questionnaire": "C1",
                "attempted_on": "2026-05-04", "medium": "telefono", "result": "no_contesto",
                "note": "", "updated_at": 7, "origin": "pc-1", "deleted": False},
}
_odd_values = st.one_of(_values, st.just(UNPARSED), st.text(min_size=39, max_size=42),
                        st.sampled_from(["2026-02-30", "x y", "-1", "", 2 ** 63, -1, 10 ** 6,
                                         "s-1\ns-2", "2026-05-04\n2026-05-04", "a\n"]))


def _detailed(record: dict, kind: str) -> bool:
    """The field-by-field definition of a well-formed record."""
    texts = all(type(record.get(n)) is str and len(record[n]) <= limit
                for n, limit in records.TEXTS[kind])
    return texts and all(check(record.get(n)) for n, check in records.CHECKS[kind])


@settings(max_examples=600, deadline=None)
@given(kind=st.sampled_from(sorted(_VALID)), data=st.data())
def test_quick_check_agrees_with_the_field_by_field_definition(kind, data):
    record = dict(_VALID[kind])
    for name in data.draw(st.lists(st.sampled_from(sorted(record)), max_size=2)):
        if name != "t":
            record[name] = data.draw(_odd_values)
    if data.draw(st.booleans()) and len(record) > 1:
        del record[data.draw(st.sampled_from(sorted(set(record) - {"t"})))]
    assert records._well_formed(record, kind) == _detailed(record, kind)


def _verdict(check, *args):
    try:
        return check(*args)
    except BundleRejected as error:
        return error.message


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_batch_check_gives_the_verdict_of_checking_record_by_record(data):
    batch = []
    for kind in data.draw(st.lists(st.sampled_from(sorted(_VALID)), min_size=1, max_size=6)):
        record = dict(_VALID[kind])
        if data.draw(st.integers(0, 3)) == 0:  # most records fine, some spoilt
            record[data.draw(st.sampled_from(sorted(record)))] = data.draw(_odd_values)
        batch.append(record)
    expected = _verdict(lambda: Counter(check_record(r, n) for n, r in enumerate(batch, 5)))
    assert _verdict(check_batch, batch, 5) == expected


def test_a_notes_line_break_keeps_the_batch_pass_and_hidden_characters_still_go(monkeypatch):
    """A contact note of several lines is ordinary: its batch is checked in one pass (the
    record-by-record way is six times slower), and a name's override is still taken out."""
    from seguimiento_desktop.sync import checking
    student = dict(_VALID["student"], given_names="\u202eANA\u200b")
    attempts = [dict(_VALID["attempt"], id=f"a-{n}", note="llamé dos veces\nno contestó")
                for n in range(50)]

    def record_by_record(record, number):
        raise AssertionError(f"line {number} was checked record by record")
    monkeypatch.setattr(checking, "check_record", record_by_record)
    assert check_batch([student, *attempts], 1) == Counter(student=1, attempt=50)
    assert student["given_names"] == "ANA"
    assert attempts[0]["note"] == "llamé dos veces\nno contestó"
