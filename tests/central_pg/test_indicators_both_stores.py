"""The consolidated report's figures and the indicators, computed by SQLite and by the
PostgreSQL server from the same merged data, are the same."""

import json
from datetime import date

import pytest
from sync_support import export, office
from throwaway_pg import PASSWORD

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.indicators.tables import indicator_rows
from seguimiento_desktop.reports.central_stats import central_statistics
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import indicator_queries
from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def both(tmp_path_factory, pg_cluster):
    """(SQLite office, the same office on the server) after merging two demo planteles."""
    folder = tmp_path_factory.mktemp("indicadores")
    schools = []
    for cct, name in (("14DCT0099Z", "CBTIS 99"), ("30DCM0011K", "CBTA 11")):
        school = Workspace.open(folder / f"{cct}.sqlite")
        school.set_up_school(School(cct=cct, name=name))
        school.fill_demo(250, today=TODAY)
        schools.append(school)
    lite = office(folder, *schools)
    lite.merge([export(school, folder / school.school().cct) for school in schools])
    address = pg_cluster.create_database("indicadores")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PGPASSWORD", PASSWORD)
        copy_to_server(lite.store.path, address)
        with CentralWorkspace.open(address) as server:
            yield lite, server
    lite.close()


def test_the_report_figures_are_the_same_on_both_stores(both):
    lite, server = both
    expected = central_statistics(lite.store.db, today=TODAY)
    assert expected.waves["C2"].total.n > 0
    found = central_statistics(server.store.db, today=TODAY)
    assert found == expected


@pytest.mark.parametrize("by", ["entidad", "subsistema", "plantel", "carrera", "sexo"])
@pytest.mark.parametrize("questionnaire", ["C2", "C3"])
def test_the_indicators_are_the_same_on_both_stores(both, by, questionnaire):
    lite, server = both
    cohort = indicator_queries.cohorts(lite.store.db)[-1]
    expected = indicator_rows(lite.store.db, questionnaire, cohort, by)
    assert indicator_rows(server.store.db, questionnaire, cohort, by) == expected


def test_the_cli_reads_the_same_indicators_and_writes_the_report_from_a_server(
        both, run_cli, tmp_path):
    lite, server = both
    cohort = indicator_queries.cohorts(lite.store.db)[-1]
    asked = ("indicadores", "--generacion", cohort, "--cuestionario", "C2", "--por", "plantel",
             "--json")
    from_file = run_cli("central", "--db", str(lite.store.path), *asked, check=True).stdout
    assert run_cli("central", "--db", server.store.db.url, *asked, check=True).stdout == from_file
    report = run_cli("central", "--db", server.store.db.url, "report", "--out",
                     str(tmp_path / "informe.pdf"), "--json", check=True)
    assert json.loads(report.stdout)["paginas"] > 1


@pytest.mark.parametrize("by", ["plantel", "entidad", "subsistema"])
def test_the_analysts_indicator_views_hold_the_apps_indicators(both, by):
    """An analyst's tool reading analisis_indicadores_<by> finds what `central indicadores
    --por <by>` shows: respondents, numerator and base of every indicator, and the
    percentage where the app publishes one (null where it suppresses it)."""
    lite, server = both
    cohort = indicator_queries.cohorts(lite.store.db)[-1]
    column = "cct" if by == "plantel" else by
    for questionnaire in ("C2", "C3"):
        expected = {}
        for row in indicator_rows(lite.store.db, questionnaire, cohort, by):
            for key, (numerator, base) in row.counts.items():
                expected[row.group, key] = (row.n, numerator, base, row.share(key))
        found = {(group, key): (n, numerator, base, pct)
                 for group, key, n, numerator, base, pct in server.store.db.execute(
                     f"SELECT {column}, indicador, respondentes, numerador, base, porcentaje "
                     f"FROM analisis_indicadores_{by} WHERE cuestionario = ? AND "
                     "generacion = ?", [questionnaire, cohort]).fetchall()}
        assert {k: v[:3] for k, v in found.items()} == {k: v[:3] for k, v in expected.items()}
        for key, (*_counts, share) in expected.items():  # rounded to one decimal
            percentage = found[key][3]
            assert (percentage is None) == (share is None), key
            assert share is None or abs(float(percentage) - 100 * share) <= 0.05 + 1e-9, key
        assert any(share is not None for *_counts, share in expected.values())
