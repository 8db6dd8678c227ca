"""The directory's search plans (few matches read first, many filtered along the name
index) give the page and the total the search's definition gives, filters included."""

from dataclasses import replace
from itertools import product

import pytest

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.domain.text import collation_key
from seguimiento_desktop.storage import students as directory
from seguimiento_desktop.storage.students import MIN_TRIGRAM, haystack, search_terms, sort_key

TEXTS = ["gar", "garcia l", "de la cruz", "hotmail.com", "gmail", "ma", "33", "lo pe", "zzz"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from seguimiento_desktop.services import Workspace
    with Workspace.open(tmp_path_factory.mktemp("dir") / "demo.sqlite") as workspace:
        workspace.fill_demo(400, with_followup=False)
        everyone = workspace.find_students(StudentQuery())
        workspace.delete_student(everyone[7].id)
        # Namesakes: students whose names tie, ordered by id among themselves.
        twins = [replace(s, id=f"{s.id[:-1]}{'0' if s.id[-1] != '0' else '1'}", seq=0,
                         curp=f"{s.curp[:16]}Z{n % 10}", updated_at=s.updated_at + 1)
                 for n, s in enumerate(everyone[8:300:3])]
        with workspace.store.transaction() as db:
            directory.write_students(db, twins)
        yield workspace


def matches(student, query: StudentQuery) -> bool:
    """The search as the module describes it, student by student."""
    if student.deleted or any(wanted and value != wanted for value, wanted in (
            (student.cohort, query.cohort), (student.group, query.group),
            (student.career, query.career))):
        return False
    terms, keys = search_terms(query.text), collation_key(query.text).split()
    if any(len(t) >= MIN_TRIGRAM for t in terms):
        words = " " + sort_key(student)
        return all(t in haystack(student) if len(t) >= MIN_TRIGRAM else " " + k in words
                   for t, k in zip(terms, keys))
    if terms and not terms[0].isdigit():
        return sort_key(student).startswith(" ".join(keys))
    return True


@pytest.mark.parametrize("few", [directory.FEW_MATCHES, 1])  # both plans for every text
def test_every_plan_gives_the_page_and_total_of_the_definition(demo, monkeypatch, few):
    monkeypatch.setattr(directory, "FEW_MATCHES", few)
    everyone = demo.find_students(StudentQuery(include_deleted=True))
    cohort = everyone[0].cohort
    for text in TEXTS:
        for filters in ({}, {"cohort": cohort}, {"cohort": cohort, "group": everyone[0].group}):
            query = StudentQuery(text=text, limit=25, **filters)
            wanted = sorted((s for s in everyone if matches(s, query)),
                            key=lambda s: (sort_key(s), s.id))
            page, total = demo.find_students_page(query)
            assert total == len(wanted) == demo.count_students(query), (text, filters)
            assert [s.id for s in page] == [s.id for s in wanted[:25]], (text, filters)


def test_the_filter_lists_hold_every_value_of_the_live_directory(demo):
    live = [s for s in demo.find_students(StudentQuery(include_deleted=True)) if not s.deleted]
    facets = demo.facets()
    assert facets.cohorts == sorted({s.cohort for s in live} - {""})
    assert facets.groups == sorted({s.group for s in live} - {""})
    assert facets.careers == sorted({s.career for s in live} - {""})
    assert len(facets.cohorts) > 1 and len(facets.groups) > 1 and len(facets.careers) > 1


@pytest.mark.parametrize("walked", [5, 60, 1000])  # within, across and past the directory
def test_pages_walked_in_name_order_are_the_definitions(demo, monkeypatch, walked):
    """Typing a text most students match («gmail.com»), each key's page is read walking
    the names when the key before matched many; the pages and totals stay the search's."""
    monkeypatch.setattr(directory, "_WALKED", walked)
    taken, walk = [], directory._walked_page

    def walk_seen(*args):
        page = walk(*args)
        taken.append(page is not None)
        return page
    monkeypatch.setattr(directory, "_walked_page", walk_seen)
    everyone = demo.find_students(StudentQuery(include_deleted=True))
    for typed, limit in product(("gmail.com", "hotmail", "mail.co", "com", "ar"), (25, 8, 3)):
        for end in range(1, len(typed) + 1):
            query = StudentQuery(text=typed[:end], limit=limit)
            wanted = sorted((s for s in everyone if matches(s, query)),
                            key=lambda s: (sort_key(s), s.id))
            page, total = demo.find_students_page(query)
            assert (total, [s.id for s in page]) == \
                (len(wanted), [s.id for s in wanted[:limit]]), (typed[:end], limit)
    assert (any(taken) if walked > 5 else not all(taken))  # walks that fill, and that fail
