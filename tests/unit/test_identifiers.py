"""CCT, phones, e-mails and the sync identity (UUIDv7, hybrid logical clock)."""

import uuid

import pytest
from hypothesis import given, strategies as st

from seguimiento_desktop.domain.cct import cct_problem, cct_state
from seguimiento_desktop.domain.contact import format_phone, normalize_email, normalize_phone
from seguimiento_desktop.domain.ids import HybridClock, hlc_unpack, uuid7


@pytest.mark.parametrize("cct, fragment", [
    ("", "Falta"), ("14DCT01A", "10 caracteres"), ("14DC10001A", "formato"),
    ("40DCT0001A", "no es una entidad")])
def test_cct_problems_are_explained(cct, fragment):
    assert fragment in cct_problem(cct)


def test_cct_is_normalised_and_gives_the_state():
    assert cct_problem(" 14dct0001a ") is None
    assert cct_state("09DCT0001A") == "Ciudad de México"


@pytest.mark.parametrize("raw", ["5512345678", "55 1234 5678", "55-1234-5678", "+52 55 1234 5678",
                                 "+52 1 55 1234 5678", 5512345678, 5512345678.0, "(55) 1234-5678"])
def test_phones_as_people_and_excel_write_them(raw):
    assert normalize_phone(raw) == ("5512345678", None)


@pytest.mark.parametrize("raw", ["12345", "55 1234 567", "no tiene"])
def test_short_phones_are_a_warning(raw):
    digits, warning = normalize_phone(raw)
    assert digits == "" and "10 dígitos" in warning


@given(st.from_regex(r"[1-9]\d{9}", fullmatch=True))
def test_ten_digits_survive_formatting_round_trip(digits):
    assert normalize_phone(format_phone(digits)) == (digits, None)


def test_emails_are_lower_cased_and_checked():
    assert normalize_email(" Ana.Lopez@Gmail.com ") == ("ana.lopez@gmail.com", None)
    assert "no parece válido" in normalize_email("ana@gmail")[1]
    assert normalize_email(None) == ("", None)


def test_uuid7_is_version_7_and_time_ordered():
    ids = [uuid7(now_ms=ms) for ms in (1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert ids == sorted(ids)


def test_clock_never_goes_backwards_even_if_the_pc_clock_does():
    times = iter([1000, 1000, 900, 2000])
    clock = HybridClock(wall_ms=lambda: next(times))
    values = [clock.now() for _ in range(4)]
    assert values == sorted(values) and len(set(values)) == 4
    assert hlc_unpack(values[2]) == (1000, 2)


def test_clock_moves_past_values_observed_from_other_installations():
    clock = HybridClock(wall_ms=lambda: 1000)
    clock.observe(clock.now() + 10_000_000)
    assert clock.now() > 10_000_000
