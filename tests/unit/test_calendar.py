"""The cohort calendar follows the seed's chronological table."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from seguimiento_desktop.domain.calendar import (
    cohort_windows, due_window, followed_cohorts, windows_in_force)
from seguimiento_desktop.domain.cohorts import parse_cohort
from seguimiento_desktop.errors import InvalidData


@pytest.mark.parametrize("cohort, q, opens, closes", [
    # Rows of the seed's table: 2013-2016 answers C1 in May-June 2016, C2 in Oct-Nov 2016,
    # C3 in Oct-Nov 2017; 2015-2018 answers C3 in Oct-Nov 2019.
    ("2013-2016", "C1", date(2016, 5, 1), date(2016, 6, 30)),
    ("2013-2016", "C2", date(2016, 10, 1), date(2016, 11, 30)),
    ("2013-2016", "C3", date(2017, 10, 1), date(2017, 11, 30)),
    ("2015-2018", "C3", date(2019, 10, 1), date(2019, 11, 30)),
])
def test_windows_match_the_seed_table(cohort, q, opens, closes):
    window = due_window(cohort, q)
    assert (window.opens, window.closes) == (opens, closes)


def test_state_of_a_window_on_a_date():
    window = due_window("2023-2026", "C2")
    assert [window.state_on(d) for d in (date(2026, 9, 30), date(2026, 10, 1), date(2026, 11, 30),
                                         date(2026, 12, 1))] == [
        "pendiente", "en_curso", "en_curso", "vencido"]


def test_what_is_due_in_late_november_2026():
    cohorts = followed_cohorts(date(2026, 11, 23))
    assert cohorts == ["2022-2025", "2023-2026", "2024-2027"]
    due = [(w.cohort, w.questionnaire, w.state_on(date(2026, 11, 23)))
           for w in windows_in_force(cohorts, date(2026, 11, 23))]
    assert due == [("2022-2025", "C3", "en_curso"), ("2023-2026", "C2", "en_curso"),
                   ("2024-2027", "C1", "pendiente")]


@given(st.integers(1995, 2090))
def test_every_cohort_has_three_ordered_windows_over_two_years(graduation):
    windows = cohort_windows(f"{graduation - 3}-{graduation}")
    assert [w.questionnaire for w in windows] == ["C1", "C2", "C3"]
    assert windows[0].closes < windows[1].opens <= windows[1].closes < windows[2].opens
    assert windows[2].closes.year - windows[0].opens.year == 1


@pytest.mark.parametrize("text", ["2023", "2026-2023", "2023-2040", "dos mil", ""])
def test_bad_cohorts_are_explained(text):
    with pytest.raises(InvalidData, match="generación"):
        parse_cohort(text)


def test_cohort_spellings_people_use():
    assert str(parse_cohort("2023 – 2026")) == str(parse_cohort("2023/2026")) == "2023-2026"


def test_c2_and_c3_are_premature_until_the_cohort_graduates():
    from seguimiento_desktop.domain.calendar import graduation_day, premature_questionnaire
    assert graduation_day("2024-2027") == date(2027, 7, 1)
    early = premature_questionnaire("2024-2027", "C2", date(2027, 6, 30))
    assert early is not None and early.months == "octubre–noviembre de 2027"
    assert premature_questionnaire("2024-2027", "C3", date(2026, 11, 30)).months \
        == "octubre–noviembre de 2028"
    assert premature_questionnaire("2024-2027", "C2", date(2027, 7, 1)) is None
    assert premature_questionnaire("2024-2027", "C1", date(2025, 1, 1)) is None
    assert premature_questionnaire("sin generación", "C2", date(2025, 1, 1)) is None


def test_the_generacion_to_apply_each_questionnaire_to():
    from seguimiento_desktop.domain.calendar import cohort_to_apply
    listed = ["2024-2027", "2023-2026", "2022-2025", "2021-2024", "otra"]
    november = date(2026, 11, 30)
    assert cohort_to_apply(listed, "C1", november) == "2024-2027"  # next to graduate
    assert cohort_to_apply(listed, "C2", november) == "2023-2026"  # window open now
    assert cohort_to_apply(listed, "C3", november) == "2022-2025"
    # In March no window is open: a late round for the latest whose window passed, and C1
    # for those still in school.
    march = date(2027, 3, 1)
    assert cohort_to_apply(listed, "C2", march) == "2023-2026"
    assert cohort_to_apply(listed, "C3", march) == "2022-2025"
    assert cohort_to_apply(listed, "C1", march) == "2024-2027"
    # In August the new graduates' C2 is not open yet, and none passed: they come next.
    assert cohort_to_apply(["2024-2027"], "C2", date(2027, 8, 1)) == "2024-2027"
    assert cohort_to_apply(["2024-2027"], "C2", november) == "2024-2027"  # nothing better
    assert cohort_to_apply([], "C1", november) is None
