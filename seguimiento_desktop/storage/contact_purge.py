"""The one-time purge of the contact answers a pseudonymised central office received.

Until the office dropped them on arrival (``sync/minimisation.py``), every C1/C2/C3 a
plantel sent to a «seudonimizado» office kept the questionnaires' contact answers (phones,
e-mail, address, alternate contact: ``sync.pseudonyms.PRIVATE_ANSWERS``), which that
profile promises the office never holds. A response's answers live at the office in three
places: the row (``responses.answers``), the other versions kept for review
(``sync_siblings.data`` of kind ``response``) and the records waiting for their student
(``sync_parked.data``); ``sync_versions`` keeps stamps only. Every other answer, the
stamps and the statuses stay, so the indicators and reports read the same.

Run once by a migration of each central store (SQLite's 0013, PostgreSQL's 0005), inside
its transaction; running it again finds nothing to remove. A «completo» office, a plantel
and a plantel's own main PC (whose responses are its own data) are left as they are. A
SQLite file is then written anew, so the removed text is not left in its pages, and so
is the copy kept before the upgrade (``finish_upgrade``).
"""

import json
import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError

log = logging.getLogger(__name__)

# Where the office's settings say what it receives and that the purge ran.
PROFILE_SETTING = "central.profile"
DONE_SETTING = "central.contact_answers_purged"
MIGRATION = "0013_purge_received_contact_answers"  # SQLite's; PostgreSQL's is its 0005
_TABLES = ("responses", "sync_siblings", "sync_parked")


def purge_received_contact_answers(db) -> dict[str, int] | None:
    """Remove the contact answers from everything a pseudonymised office holds (call inside
    a transaction); how many rows of each table changed, or None when the store is not a
    pseudonymised office. The office's settings keep when it ran and those counts."""
    if not _pseudonymised_office(db):
        return None
    from seguimiento_desktop.sync.pseudonyms import PRIVATE_ANSWERS
    keys = sorted(PRIVATE_ANSWERS)
    if getattr(db, "dialect", "sqlite") == "postgresql":
        counts = _purge_on_server(db, keys)
    else:
        counts = _purge_in_file(db, keys)
    record = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), **counts}
    # The first run's record stays: a second run (a store whose bookkeeping lost the
    # migration's row) removes nothing and must not hide what the first one did.
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
               [DONE_SETTING, json.dumps(record, sort_keys=True)])
    log.warning("Oficina seudonimizada: se borraron las respuestas de contacto recibidas "
                "antes de la versión que las descarta (%s).", record)
    return counts


def _pseudonymised_office(db) -> bool:
    profile = db.execute("SELECT value FROM settings WHERE key = ?",
                         [PROFILE_SETTING]).fetchone()
    if not profile or profile[0] != "seudonimizado":
        return False
    own = db.execute("SELECT count(*) FROM schools WHERE is_own = 1").fetchone()[0]
    return own == 0


def _purge_on_server(db, keys: list[str]) -> dict[str, int]:
    """jsonb in place, one statement a table: no answers travel to the client and back.
    ``jsonb_exists_any`` is the ``?|`` operator, whose ``?`` the placeholders would take."""
    counts = {"responses": db.execute(
        "UPDATE responses SET answers = answers - ?::text[] "
        "WHERE jsonb_exists_any(answers, ?::text[])", [keys, keys]).rowcount}
    for table in _TABLES[1:]:
        counts[table] = db.execute(
            f"UPDATE {table} SET data = jsonb_set(data, '{{answers}}', "
            "(data -> 'answers') - ?::text[]) WHERE kind = 'response' "
            "AND jsonb_typeof(data -> 'answers') = 'object' "
            "AND jsonb_exists_any(data -> 'answers', ?::text[])", [keys, keys]).rowcount
    return counts


def _purge_in_file(db, keys: list[str]) -> dict[str, int]:
    """Rewritten in Python as the arrival writes them (``without_private_answers`` for a
    row's text, the merge's own JSON for a kept record), so numbers stay exact; only rows
    whose text names a contact question are read (``instr``, no JSON parsed in SQL)."""
    from seguimiento_desktop.sync.pseudonyms import without_private_answers
    # A key written with a \u escape (the answers are kept as the sender wrote them) does
    # not match its name: any text with a backslash is read too.
    named = " OR ".join("instr({0}, ?) > 0" for _ in range(len(keys) + 1))
    quoted = [json.dumps(key) for key in keys] + ["\\"]
    rows = db.execute(f"SELECT rowid, answers FROM responses WHERE {named.format('answers')}",
                      quoted).fetchall()
    changed = [(kept, rowid) for rowid, text in rows
               if (kept := without_private_answers(text)) is not text]
    db.conn.executemany("UPDATE responses SET answers = ? WHERE rowid = ?", changed)
    counts = {"responses": len(changed)}
    for table in _TABLES[1:]:
        rows = db.execute(f"SELECT rowid, data FROM {table} WHERE kind = 'response' "
                          f"AND ({named.format('data')})", quoted).fetchall()
        changed = [(kept, rowid) for rowid, text in rows
                   if (kept := _record_without(text, keys)) is not None]
        db.conn.executemany(f"UPDATE {table} SET data = ? WHERE rowid = ?", changed)
        counts[table] = len(changed)
    return counts


def _record_without(text: str, keys: list[str]) -> str | None:
    """A kept response record's JSON without the contact answers, written as
    ``sync_merge.add_sibling`` and ``park`` write it; None when it holds none."""
    record = json.loads(text)
    answers = record.get("answers")
    if not isinstance(answers, dict) or answers.keys().isdisjoint(keys):
        return None
    record["answers"] = {k: v for k, v in answers.items() if k not in keys}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def finish_upgrade(db, path: Path, upgraded_from: int, copy: Path | None,
                   key: bytes | None) -> None:
    """After an upgrade of the SQLite store at ``path`` whose purge removed something:
    write its file anew, and purge the copy kept before the upgrade (``copy``) the same way.

    ``secure_delete`` zeroes a deleted cell, but a page SQLite rebuilds while rows are
    rewritten keeps the old cells' bytes in its unused middle: the answers would still be
    in the file for any tool that reads its bytes; VACUUM writes every page anew. The copy
    before the upgrade exists to bring the office's data back should the upgrade fail,
    not answers the office promised not to hold: it keeps its schema and everything else.
    Should either fail (another program holds the file, a full disk), the store's rows are
    purged all the same and the log says which file to see to (docs/privacy.md)."""
    from seguimiento_desktop.storage.migrations import migrations
    number = [name for name, _ in migrations._migrations].index(MIGRATION) + 1
    if upgraded_from >= number or not _purged_something(db):
        return
    _write_anew(db, path)
    if copy is not None:
        _purge_copy(copy, key)


def _purged_something(db) -> bool:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [DONE_SETTING]).fetchone()
    counts = json.loads(row[0]) if row else {}
    return any(counts.get(table) for table in _TABLES)


def _write_anew(db, name: object) -> None:
    """VACUUM through a temporary file (an office's store is never encrypted; a national
    office's file would not fit in memory), then the log emptied of the purge's frames."""
    db.execute("PRAGMA temp_store = FILE")
    try:
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as error:  # busy or full: the purged rows stay purged
        log.warning("No se pudo reescribir %s tras borrar las respuestas de contacto (%s): "
                    "ejecute VACUUM sobre ella con el programa cerrado.", name, error)
    finally:
        db.execute("PRAGMA temp_store = MEMORY")


def _purge_copy(path: Path, key: bytes | None) -> None:
    from seguimiento_desktop.storage import encryption
    from seguimiento_desktop.storage.connection import Database
    try:
        conn = encryption.connect(path, key, isolation_level=None)
    except sqlite3.Error as error:
        log.warning("No se pudo abrir la copia %s para borrar de ella las respuestas de "
                    "contacto (%s): bórrela cuando haya revisado la base.", path, error)
        return
    try:
        db = Database(conn)
        with db.atomic():
            purge_received_contact_answers(db)
        _write_anew(db, path)
    except (sqlite3.Error, DatabaseError) as error:  # a full disk (Database.atomic says so)
        log.warning("No se pudieron borrar las respuestas de contacto de la copia %s (%s): "
                    "bórrela cuando haya revisado la base.", path, error)
    finally:
        conn.close()
