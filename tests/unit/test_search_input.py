"""Directory search (issue 10.13): any text a user can paste is searched, never a crash."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seguimiento_desktop.domain.models import StudentQuery
from sync_support import plantel


def test_a_nul_in_the_search_text_is_ignored(tmp_path):
    school = plantel(tmp_path, count=5)
    person = school.find_students()[0]
    assert school.find_students(StudentQuery(text="\x00")) == school.find_students()
    found = school.find_students(StudentQuery(text=person.first_surname + "\x00"))
    assert person.curp in {s.curp for s in found}
    assert school.count_students(StudentQuery(text='"\x00\x1f"')) == 0


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    workspace = plantel(tmp_path_factory.mktemp("busqueda"), count=3)
    yield workspace
    workspace.close()


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_searches_without_error(school, text):
    found = school.find_students(StudentQuery(text=text))
    assert len(found) == school.count_students(StudentQuery(text=text))
