"""The server's schema keeps up with SQLite's: a column a SQLite migration adds to a table
the central office holds must be added by a PostgreSQL migration too (storage/pg), or the
shared SQL would fail on the server only."""

from seguimiento_desktop.storage.database import open_store
from seguimiento_desktop.storage.pg.copy_from_sqlite import TABLES
from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def test_every_central_table_has_the_same_columns_on_the_server(tmp_path, pg_url):
    lite = open_store(tmp_path / "central.sqlite")
    with CentralWorkspace.open(pg_url) as server:
        for table in TABLES:
            sqlite_columns = {r[1] for r in lite.db.execute(f"PRAGMA table_info({table})")}
            server_columns = {r[0] for r in server.store.db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                [table])} - {"rowid"}
            assert server_columns == sqlite_columns, table
    lite.close()
