"""What a person reads when the server is down, goes away mid-merge, is somebody else's or
was upgraded by a newer app; and that nothing half-written is left behind."""

import time

import pytest
from sync_support import export, office, plantel
from throwaway_pg import free_port

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def test_a_server_that_is_not_there_is_said_in_spanish():
    with pytest.raises(DatabaseError, match="Se perdió la conexión con el servidor PostgreSQL"):
        CentralWorkspace.open(f"postgresql://oficina@127.0.0.1:{free_port()}/egresados")


def test_a_database_of_something_else_is_left_alone(pg_cluster, pg_url):
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql("CREATE TABLE clientes (id int)", database)
    with pytest.raises(DatabaseError, match="ya tiene tablas de otro sistema"):
        CentralWorkspace.open(pg_url)
    tables = pg_cluster.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
                            database)
    assert tables == [("clientes",)]


def test_a_schema_from_a_newer_app_is_refused(pg_cluster, pg_url):
    CentralWorkspace.open(pg_url).close()
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql("INSERT INTO seguimiento_schema(app, number, name) VALUES "
                   "('seguimiento-egresados/central', 99, '0099_futuro')", database)
    with pytest.raises(DatabaseError, match="versión más nueva.*esquema 99"):
        CentralWorkspace.open(pg_url)


def test_an_empty_database_is_not_an_office_until_init(pg_url):
    with pytest.raises(DatabaseError, match="aún no es una oficina central"):
        CentralWorkspace.open(pg_url, create=False)


def test_a_server_gone_mid_merge_leaves_nothing_and_the_bundle_merges_again(
        tmp_path, pg_cluster, pg_url):
    school = plantel(tmp_path, count=1200)  # merged in several batches
    office(tmp_path, school, address=pg_url).close()
    bundle = export(school, tmp_path / "usb")
    central = CentralWorkspace.open(pg_url)
    halted = []

    def halt_the_server(done: int, total: int, message: str) -> None:
        if not halted:
            halted.append(done)
            pg_cluster.halt("immediate")  # as a crash or a cut cable would

    try:
        with pytest.raises(DatabaseError, match="Se perdió la conexión.*no se guardó"):
            central.merge([bundle], progress=halt_the_server)
    finally:
        pg_cluster.resume()
    assert halted and halted[0] < 1200  # stopped part-way, with rows already sent
    with CentralWorkspace.open(pg_url) as again:
        db = again.store.db
        assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sync_received").fetchone()[0] == 0
        outcome = again.merge([bundle]).outcomes[0]
        assert outcome.accepted and outcome.counts.new == 1200
        assert db.execute("SELECT count(*) FROM students").fetchone()[0] == 1200


def test_a_merge_in_progress_does_not_block_readers(tmp_path, pg_url):
    school = plantel(tmp_path, count=1200)
    office(tmp_path, school, address=pg_url).close()
    bundle = export(school, tmp_path / "usb")
    seen = []

    def read_meanwhile(done: int, total: int, message: str) -> None:
        if not seen:  # the bundle's transaction is open and has written rows
            started = time.monotonic()
            with CentralWorkspace.open(pg_url) as reader:
                students = sum(s.students for s in reader.status().schools)
            seen.append((students, time.monotonic() - started))

    with CentralWorkspace.open(pg_url) as central:
        assert central.merge([bundle], progress=read_meanwhile).outcomes[0].counts.new == 1200
    students, seconds = seen[0]
    assert students == 0 and seconds < 5  # the committed state, at once


def test_a_store_of_an_older_schema_is_brought_up_to_date(pg_cluster, pg_url):
    from seguimiento_desktop.storage.pg.migrations import MIGRATIONS, SCHEMA_TABLE
    database = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql(SCHEMA_TABLE + "; " + MIGRATIONS[0][1] + "; INSERT INTO seguimiento_schema"
                   "(app, number, name) VALUES ('seguimiento-egresados/central', 1, "
                   "'0001_baseline')", database)
    CentralWorkspace.open(pg_url, create=False).close()
    assert pg_cluster.sql("SELECT max(number) FROM seguimiento_schema", database) == [
        (len(MIGRATIONS),)]
    assert pg_cluster.sql("SELECT count(*) FROM analisis_codigos", database)[0][0] > 100
