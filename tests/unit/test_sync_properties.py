"""Merging bundles in any order, any number of times, gives the same database.

On the PostgreSQL store too (fewer examples: each one copies a template database on the
throwaway cluster): the same content as the SQLite office's reference merge.
"""

import uuid
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import answer, copy_database, export, office, plantel, snapshot
from test_sync_merge import capture_pc_copy

from seguimiento_desktop.domain.models import ContactAttempt
from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from tests.central_pg.conftest import pg_cluster  # noqa: F401
from tests.central_pg.store_content import content
from tests.central_pg.throwaway_pg import PASSWORD


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """Bundles from three PCs that overlap in every way the merge has to settle."""
    folder = tmp_path_factory.mktemp("propiedades")
    a = plantel(folder, "14DCT0099Z", count=4, seed=11)
    c = capture_pc_copy(a, folder)  # same records as A, its own identity
    b = plantel(folder, "30DCM0011K", count=4, seed=11)  # the same people, other ids
    central = office(folder, a, b, c)
    template = copy_database(central.store.path, folder / "plantilla.sqlite")
    people = [p.curp for p in a.find_students()]
    a1 = export(a, folder / "a1")
    scratch = CentralWorkspace.open(copy_database(template, folder / "borrador.sqlite"))
    a.import_ack(scratch.merge([a1]).outcomes[0].ack_path)  # so a2 carries only the new work
    answer(a, people[0], "C1")
    a.save_student(replace(a.student_by_curp(people[1]), phone="3311111111"))
    a2 = export(a, folder / "a2")
    a.log_contact_attempt(ContactAttempt(student_id=a.student_by_curp(people[2]).id,
                                         attempted_on=date(2026, 5, 4), medium="telefono",
                                         result="no_contesto"))
    a.save_student(replace(a.student_by_curp(people[1]), phone="3322222222"))
    a3 = export(a, folder / "a3")  # repeats a2 (not acknowledged) and goes on
    answer(b, people[0], "C1")
    b.save_student(replace(b.student_by_curp(people[1]), phone="3399999999"))
    b1 = export(b, folder / "b1")
    c.save_student(replace(c.student_by_curp(people[1]), email="otro@example.com"))
    answer(c, people[3], "C2")
    c1 = export(c, folder / "c1")
    bundles = [a1, a2, a3, b1, c1]
    reference = merged(template, folder / "referencia.sqlite", bundles)
    return folder, template, bundles, reference


def merged(template, target, bundles):
    copy_database(template, target)
    with CentralWorkspace.open(target) as central:
        report = central.merge(bundles, target.parent)
    assert all(o.accepted for o in report.outcomes), report
    result = snapshot(target)
    target.unlink()
    return result


def test_reference_merge_links_people_and_keeps_conflicts(scenario):
    _, _, _, reference = scenario
    assert len(reference["students"]) == 4  # same CURPs from two planteles, one row each
    assert reference["sync_siblings"]  # concurrent phone edits kept for review
    assert reference["sync_parked"] == []


def arrivals(data, bundles) -> tuple[list, bool]:
    """The bundles in a drawn order with drawn repetitions, and whether the office is
    closed and opened again between them (arriving on different days, or in one run)."""
    order = data.draw(st.permutations(bundles))
    repeats = data.draw(st.lists(st.sampled_from(bundles), max_size=3))
    positions = [data.draw(st.integers(0, len(order))) for _ in repeats]
    for bundle, where in zip(repeats, positions):
        order.insert(where, bundle)
    return order, data.draw(st.booleans())


def merge_one_by_one(address, folder, order, reopen) -> CentralWorkspace:
    central = CentralWorkspace.open(address)
    for bundle in order:  # one merge call each: a call sorts its files by name
        assert central.merge([bundle], folder).outcomes[0].accepted
        if reopen:
            central.close()
            central = CentralWorkspace.open(address)
    return central


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_database(scenario, data):
    folder, template, bundles, reference = scenario
    order, reopen = arrivals(data, bundles)
    target = folder / "prueba.sqlite"
    copy_database(template, target)
    merge_one_by_one(target, folder, order, reopen).close()
    result = snapshot(target)
    target.unlink()
    assert result == reference


@pytest.fixture(scope="module")
def on_the_server(scenario, pg_cluster):
    """The scenario's office as a template database on the cluster, and what the SQLite
    office holds after merging every bundle once."""
    folder, template, bundles, _ = scenario
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", PASSWORD)
        name = f"propiedades_{uuid.uuid4().hex[:8]}"
        copy_to_server(template, pg_cluster.create_database(name))
        with merge_one_by_one(copy_database(template, folder / "ref.sqlite"), folder,
                              bundles, False) as central:
            yield name, content(central)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_on_the_server(scenario, on_the_server,
                                                                pg_cluster, data):
    folder, _, bundles, _ = scenario
    template, reference = on_the_server
    order, reopen = arrivals(data, bundles)
    name = f"prueba_{uuid.uuid4().hex[:8]}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", PASSWORD)
        with merge_one_by_one(pg_cluster.copy_database(template, name), folder, order,
                              reopen) as central:
            assert content(central) == reference
    pg_cluster.drop_database(name)
