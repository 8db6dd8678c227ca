"""What a central store holds after merging, comparable between SQLite and PostgreSQL."""

import json

from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from sync_support import dump

_JSON = {"answers", "confirmed", "data", "counts", "school", "reviewed"}
_LOCAL = {"rowid", "seq", "sync_rev", "received_at", "file_name", "sort_key"}
_TABLES = {"students": "id", "responses": "id", "contact_attempts": "id",
           "sync_links": "key", "sync_versions": "record_id, updated_at, origin",
           "sync_siblings": "kind, record_id, updated_at, origin",
           "sync_received": "installation_id, seq"}


def content(central: CentralWorkspace) -> dict[str, list[dict]]:
    """What the merge decided, without local numbering; JSON compared as values."""
    result = {}
    for table, order in _TABLES.items():
        cursor = central.store.db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cursor.description]
        result[table] = [{n: json.loads(v) if n in _JSON else v
                          for n, v in zip(names, row) if n not in _LOCAL}
                         for row in cursor.fetchall()]
    return result


def everything(central: CentralWorkspace) -> list:
    """Every row of every table («row for row unchanged» means equal results): the SQL
    dump of a file, every table's rows of a server database."""
    db = central.store.db
    if getattr(db, "dialect", "sqlite") != "postgresql":
        return dump(central.store.path)
    tables = [r[0] for r in db.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    return [(table, sorted(map(repr, db.execute(f"SELECT * FROM {table}").fetchall())))
            for table in tables]
