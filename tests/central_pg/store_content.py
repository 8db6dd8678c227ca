"""What a central store holds after merging, comparable between SQLite and PostgreSQL."""

import json

from seguimiento_desktop.sync.central_workspace import CentralWorkspace

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
