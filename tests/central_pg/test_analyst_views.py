"""Analysts read pseudonymised views with a read-only login, and nothing else."""

import psycopg
import pytest
from sync_support import answer, export, office, plantel
from throwaway_pg import PASSWORD

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage.pg.analysis import VIEWS
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def test_a_read_only_analyst_sees_pseudonyms_and_codes_only(tmp_path, pg_cluster, pg_url):
    school = plantel(tmp_path, count=3)
    central = office(tmp_path, school, address=pg_url)
    student = school.find_students()[0]
    answer(school, student.curp, "C1")
    central.merge([export(school, tmp_path / "usb")])
    central.close()
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                   f"'analista') THEN CREATE ROLE analista LOGIN PASSWORD '{PASSWORD}'; "
                   "END IF; END $$")
    pg_cluster.sql(f"GRANT SELECT ON {', '.join(VIEWS)} TO analista", database)
    analyst = pg_url.replace("postgres@", "analista@")
    with psycopg.connect(analyst) as conn:
        people = conn.execute("SELECT persona, cct, generacion, sexo FROM analisis_alumnos "
                              "ORDER BY persona").fetchall()
        answered = conn.execute("SELECT persona, cuestionario, respuestas FROM "
                                "analisis_respuestas").fetchall()
        places = conn.execute("SELECT cct, nombre FROM analisis_planteles").fetchall()
        codes = conn.execute("SELECT count(*) FROM analisis_codigos WHERE cuestionario = 'C2' "
                             "AND codigo IS NOT NULL").fetchone()[0]
        text = " ".join(map(str, people + answered))
        assert len(people) == 3 and all(p[0].startswith("P-") for p in people)
        assert student.curp not in text and student.given_names not in text
        assert answered[0][0] in {p[0] for p in people} and answered[0][1] == "C1"
        assert places == [("14DCT0099Z", "CBTIS de prueba")] and codes > 20
        assert conn.execute("SELECT count(*) FROM analisis_indicadores_entidad"
                            ).fetchone()[0] == 0  # no C2 or C3 answered yet
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT value FROM settings")
    with psycopg.connect(analyst) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM analisis_indicadores_conteos")  # counts not suppressed
    with pytest.raises(DatabaseError, match="no tiene permiso"):
        CentralWorkspace.open(analyst)
