"""The schema, as named, ordered, transactional migrations (sqlite-utils Migrations).

Never edit a migration that has shipped: add a new one and bump nothing else, since
``SCHEMA_VERSION`` is derived from the list. Tests keep databases made by older versions.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


class _Steps:
    """The migrations in order, registered like sqlite-utils' ``Migrations`` (same
    decorator, same ``apply``) but without importing sqlite_utils until they must run:
    an up-to-date database, the usual case at start-up, never needs it."""

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[tuple[str, Callable[[Any], None]]] = []

    def __call__(self, *, name: str) -> Callable:
        def register(function: Callable[[Any], None]) -> Callable[[Any], None]:
            self._migrations.append((name, function))
            return function
        return register

    def apply(self, db: Any, stop_before: str | None = None) -> None:
        """Run the pending migrations, each in its own transaction (sqlite-utils ≥ 4)."""
        Database, Migrations = _sqlite_utils()
        if not isinstance(db, Database):
            db = Database(db.conn, execute_plugins=False)
        steps = Migrations(self.name)
        for name, function in self._migrations:
            steps(name=name)(function)
        steps.apply(db, stop_before=stop_before)


def _sqlite_utils() -> tuple[type, type]:
    """sqlite_utils' Database and Migrations, imported with pandas and numpy hidden.

    sqlite_utils imports pandas and numpy eagerly when they are installed (~0.6 s on a fast
    PC, seconds on a plantel's) only to map their scalar types when it creates tables from
    Python values, which this app never does (migrations are SQL). Code that needs pandas
    imports it normally later.
    """
    import sys
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import` fail fast
    try:
        from sqlite_utils import Database, Migrations
    finally:
        for name in hidden:
            del sys.modules[name]
    return Database, Migrations


migrations = _Steps("seguimiento")


@migrations(name="0001_baseline")
def baseline(db: "Database") -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE schools (
            cct TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            subsystem TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL DEFAULT '',
            shift TEXT NOT NULL DEFAULT '',
            is_own INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE students (
            id TEXT PRIMARY KEY,
            curp TEXT NOT NULL,
            given_names TEXT NOT NULL,
            first_surname TEXT NOT NULL,
            second_surname TEXT NOT NULL DEFAULT '',
            sex TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            cohort TEXT NOT NULL DEFAULT '',
            career TEXT NOT NULL DEFAULT '',
            group_name TEXT NOT NULL DEFAULT '',
            shift TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            home_phone TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'activo',
            school_cct TEXT NOT NULL DEFAULT '',
            sort_key TEXT NOT NULL DEFAULT '',
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX students_curp ON students(curp);
        CREATE INDEX students_sort ON students(deleted, sort_key);
        CREATE INDEX students_cohort ON students(cohort, group_name, sort_key);
        CREATE INDEX students_updated ON students(updated_at);
        CREATE VIRTUAL TABLE students_fts USING fts5(haystack, tokenize = 'trigram');
        """
    )


@migrations(name="0002_followup")
def followup(db: "Database") -> None:
    """Questionnaire responses, folio numbers, contact attempts and keying sessions."""
    db.executescript(
        """
        ALTER TABLE students ADD COLUMN seq INTEGER;
        ALTER TABLE students ADD COLUMN contact_status TEXT NOT NULL DEFAULT '';
        UPDATE students SET seq = rowid;
        CREATE UNIQUE INDEX students_seq ON students(seq);
        CREATE TABLE responses (
            id TEXT PRIMARY KEY,
            student_id TEXT NOT NULL REFERENCES students(id),
            questionnaire TEXT NOT NULL,
            version INTEGER NOT NULL,
            mode TEXT NOT NULL DEFAULT 'papel',
            status TEXT NOT NULL DEFAULT 'parcial',
            keyer TEXT NOT NULL DEFAULT '',
            verifier TEXT NOT NULL DEFAULT '',
            answers TEXT NOT NULL DEFAULT '{}',
            confirmed TEXT NOT NULL DEFAULT '[]',
            started_at TEXT NOT NULL DEFAULT '',
            completed_at TEXT NOT NULL DEFAULT '',
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX responses_one_per_student ON responses(student_id, questionnaire);
        CREATE INDEX responses_questionnaire ON responses(questionnaire, status);
        CREATE INDEX responses_updated ON responses(updated_at);
        CREATE TABLE contact_attempts (
            id TEXT PRIMARY KEY,
            student_id TEXT NOT NULL REFERENCES students(id),
            questionnaire TEXT NOT NULL DEFAULT '',
            attempted_on TEXT NOT NULL,
            medium TEXT NOT NULL,
            result TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX contact_attempts_student ON contact_attempts(student_id, attempted_on);
        CREATE INDEX contact_attempts_updated ON contact_attempts(updated_at);
        CREATE TABLE keying_sessions (
            id INTEGER PRIMARY KEY,
            response_id TEXT NOT NULL,
            keyer TEXT NOT NULL,
            role TEXT NOT NULL,
            started_at TEXT NOT NULL,
            seconds REAL NOT NULL,
            keystrokes INTEGER NOT NULL,
            errors INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX keying_sessions_keyer ON keying_sessions(keyer, role);
        """
    )



_SYNCED_TABLES = ("students", "responses", "contact_attempts")


@migrations(name="0003_sync")
def sync(db: "Database") -> None:
    """Sync bookkeeping: local change numbers, export log, received bundles, merge state.

    ``sync_rev`` is a local change counter kept by triggers (every insert or update takes
    the table's next number), so an export picks exactly the rows written since the last
    acknowledged one, whatever their ``updated_at``, even rows merged from capture PCs.
    ``base_updated_at``/``base_origin`` name the version a student edit was made on, so a
    merge can tell a later edit from a concurrent one. Neither travels as such; see
    docs/bundle-format.md.
    """
    script = ["ALTER TABLE students ADD COLUMN base_updated_at INTEGER;",
              "ALTER TABLE students ADD COLUMN base_origin TEXT;"]
    for table in _SYNCED_TABLES:
        script.append(f"""
        ALTER TABLE {table} ADD COLUMN sync_rev INTEGER;
        UPDATE {table} SET sync_rev = rowid;
        CREATE INDEX {table}_sync_rev ON {table}(sync_rev);
        CREATE TRIGGER {table}_sync_insert AFTER INSERT ON {table} BEGIN
            UPDATE {table} SET sync_rev = (SELECT ifnull(max(sync_rev), 0) + 1 FROM {table})
            WHERE rowid = NEW.rowid;
        END;""")
    script.append("""
        CREATE TRIGGER responses_sync_update AFTER UPDATE ON responses
        WHEN NEW.sync_rev IS OLD.sync_rev BEGIN
            UPDATE responses SET sync_rev = (SELECT ifnull(max(sync_rev), 0) + 1 FROM responses)
            WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER contact_attempts_sync_update AFTER UPDATE ON contact_attempts
        WHEN NEW.sync_rev IS OLD.sync_rev BEGIN
            UPDATE contact_attempts
            SET sync_rev = (SELECT ifnull(max(sync_rev), 0) + 1 FROM contact_attempts)
            WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER students_sync_update AFTER UPDATE ON students
        WHEN NEW.sync_rev IS OLD.sync_rev BEGIN
            UPDATE students SET sync_rev = (SELECT ifnull(max(sync_rev), 0) + 1 FROM students),
                base_updated_at = CASE WHEN NEW.updated_at IS NOT OLD.updated_at
                    OR NEW.origin IS NOT OLD.origin THEN OLD.updated_at ELSE NEW.base_updated_at END,
                base_origin = CASE WHEN NEW.updated_at IS NOT OLD.updated_at
                    OR NEW.origin IS NOT OLD.origin THEN OLD.origin ELSE NEW.base_origin END
            WHERE rowid = NEW.rowid;
        END;
        CREATE TABLE sync_exports (
            seq INTEGER PRIMARY KEY,
            destination TEXT NOT NULL,
            created_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            payload_sha256 TEXT NOT NULL,
            rev_students INTEGER NOT NULL,
            rev_responses INTEGER NOT NULL,
            rev_attempts INTEGER NOT NULL,
            counts TEXT NOT NULL,
            acked_at TEXT
        );
        CREATE TABLE sync_installations (
            installation_id TEXT PRIMARY KEY,
            cct TEXT NOT NULL,
            school TEXT NOT NULL,
            signing_key TEXT NOT NULL,
            age_recipient TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE INDEX sync_installations_cct ON sync_installations(cct);
        CREATE TABLE sync_received (
            installation_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            payload_sha256 TEXT NOT NULL,
            base_seq INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            received_at TEXT NOT NULL,
            file_name TEXT NOT NULL,
            counts TEXT NOT NULL,
            PRIMARY KEY (installation_id, seq, payload_sha256)
        );
        CREATE TABLE sync_links (
            key TEXT PRIMARY KEY,
            target TEXT NOT NULL
        );
        CREATE INDEX sync_links_target ON sync_links(target);
        CREATE TABLE sync_versions (
            record_id TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            base_updated_at INTEGER,
            base_origin TEXT,
            student_id TEXT NOT NULL,
            PRIMARY KEY (record_id, updated_at, origin)
        ) WITHOUT ROWID;
        CREATE INDEX sync_versions_student ON sync_versions(student_id);
        CREATE TABLE sync_siblings (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            row_id TEXT NOT NULL,
            data TEXT NOT NULL,
            reviewed TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (kind, record_id, updated_at, origin)
        );
        CREATE INDEX sync_siblings_row ON sync_siblings(kind, row_id);
        CREATE TABLE sync_parked (
            kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL,
            student_ref TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (kind, record_id, updated_at, origin)
        );
        CREATE INDEX sync_parked_student ON sync_parked(student_ref);
        """)
    db.executescript("\n".join(script))


@migrations(name="0004_spanish_sort_key")
def spanish_sort_key(db: "Database") -> None:
    """Directory order becomes Spanish alphabetical order (Ñ a letter after N, not an N):
    every student's sort_key is computed again with domain.text.person_key."""
    from seguimiento_desktop.domain.text import person_key
    rows = db.execute("SELECT rowid, first_surname, second_surname, given_names "
                      "FROM students").fetchall()
    db.conn.executemany("UPDATE students SET sort_key = ? WHERE rowid = ?",
                        [(person_key(first, second, given), rowid)
                         for rowid, first, second, given in rows])



@migrations(name="0005_bulk_sync_rev_and_facets")
def bulk_sync_rev_and_facets(db: "Database") -> None:
    """Bulk writers number ``sync_rev`` themselves; the directory's filter lists come from
    an index.

    The insert triggers of 0003 ran an extra UPDATE for every inserted row (half the CPU
    of a bulk insert). They now fire only for a row inserted without a number (the
    single-row paths); the merge and the roster import give each new row the table's next
    numbers in one go (``storage.sync_numbers``). ``students_facets`` lets
    ``directory_facets`` jump from one distinct (cohort, group, career) to the next
    instead of scanning the table three times.
    """
    script = []
    for table in _SYNCED_TABLES:
        script.append(f"""
        DROP TRIGGER {table}_sync_insert;
        CREATE TRIGGER {table}_sync_insert AFTER INSERT ON {table}
        WHEN NEW.sync_rev IS NULL BEGIN
            UPDATE {table} SET sync_rev = (SELECT ifnull(max(sync_rev), 0) + 1 FROM {table})
            WHERE rowid = NEW.rowid;
        END;""")
    script.append("CREATE INDEX students_facets ON students(deleted, cohort, group_name, career);")
    db.executescript("\n".join(script))


@migrations(name="0006_catalog_school_places")
def catalog_school_places(db: "Database") -> None:
    """Subsystem and entidad of the schools on record come from the catalogs.

    They were free text: «DGETI» and «UEMSTIS (antes DGETI)…», «JALISCO» and «Jalisco»
    were different rows in reports. The subsystem becomes the catalog name when the text
    names one (aliases included; unknown text is kept), and the entidad the one the CCT's
    first two digits stand for (the typed one when the CCT has no valid prefix, in its
    catalog spelling when it names a state).
    """
    from seguimiento_desktop.domain.cct import cct_state
    from seguimiento_desktop.domain.states import state_name
    from seguimiento_desktop.domain.subsystems import subsystem_name
    rows = db.execute("SELECT rowid, cct, subsystem, state FROM schools").fetchall()
    db.conn.executemany("UPDATE schools SET subsystem = ?, state = ? WHERE rowid = ?",
                        [(subsystem_name(subsystem), cct_state(cct) or state_name(state) or state,
                          rowid) for rowid, cct, subsystem, state in rows])


@migrations(name="0007_sync_resolutions")
def sync_resolutions(db: "Database") -> None:
    """Conflicts resolved at the central office: which field, the value chosen, who and when.

    ``conflict_id`` is the id the «Conflictos» view shows (row, the other version's stamp and
    origin, field); a resolved id leaves the view. ``updated_at``/``origin`` are the stamp
    the office gave the row's new version.
    """
    db.executescript("""
        CREATE TABLE sync_resolutions (
            conflict_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            row_id TEXT NOT NULL,
            field TEXT NOT NULL,
            choice TEXT NOT NULL,
            value TEXT NOT NULL,
            resolved_by TEXT NOT NULL,
            resolved_at TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            origin TEXT NOT NULL
        );
        CREATE INDEX sync_resolutions_row ON sync_resolutions(row_id);
        """)


@migrations(name="0008_catalog_enrolled_schools")
def catalog_enrolled_schools(db: "Database") -> None:
    """Entidad and subsistema of the planteles enrolled at a central office from the catalogs.

    0006 normalised the ``schools`` table; the office's own copy of each plantel's data (the
    ``school`` JSON of ``sync_installations``, as typed at the plantel) still said «DGETI»
    or «JALISCO» in «central status» and in the «Planteles» page.
    """
    import json

    from seguimiento_desktop.storage.sync_central import catalog_school
    rows = db.execute("SELECT installation_id, cct, school FROM sync_installations").fetchall()
    db.conn.executemany(
        "UPDATE sync_installations SET school = ? WHERE installation_id = ?",
        [(json.dumps(catalog_school(cct, json.loads(school)), ensure_ascii=False), installation)
         for installation, cct, school in rows])


@migrations(name="0008_accounts_audit")
def accounts_audit(db: "Database") -> None:
    """Accounts (their key slots live beside the database) and the hash-chained audit log.

    The log is append-only in use: triggers refuse UPDATE and DELETE; each row's hash covers
    the previous row's hash and its own content (storage/audit.py).
    """
    db.executescript("""
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('administrador', 'orientador', 'capturista')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'la bitácora no se modifica'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'la bitácora no se borra'); END;
        """)



@migrations(name="0009_catalog_municipalities")
def catalog_municipalities(db: "Database") -> None:
    """The municipio of the schools on record and of the enrolled planteles from INEGI's list.

    It was free text («leon», «LEÓN», «Leon Gto.»). A text that names a municipio of the
    entidad of the school's CCT (any case, accents optional, spaces cleaned) becomes the
    catalog's name; any other text is kept as it was (central status points it out). The
    PostgreSQL central store runs the same step (storage/pg/migrations.py).
    """
    from seguimiento_desktop.storage.sync_central import catalog_municipalities as normalise
    normalise(db)


@migrations(name="0010_audit_details_apart")
def audit_details_apart(db: "Database") -> None:
    """The bitácora's details (before/after values of a person's data) move out of the
    chained rows into ``audit_detail``, which a purge or an ARCO cancellation can blank:
    the chain covers a salted digest of each detail (storage/audit.py). The old rows'
    hashes covered their details, so the chain is checked, then chained again over the
    digests, and a row «re-encadenada en la migración 10» keeps the old head.
    """
    from datetime import datetime

    from seguimiento_desktop.storage.audit import move_details_apart
    db.executescript("""
        CREATE TABLE audit_detail (
            seq INTEGER PRIMARY KEY,
            salt TEXT NOT NULL,
            detail TEXT NOT NULL,
            redacted_at TEXT NOT NULL DEFAULT ''
        );
        """)
    move_details_apart(db, 10, datetime.now().isoformat(timespec="seconds"))


@migrations(name="0011_search_text_leading_space")
def search_text_leading_space(db: "Database") -> None:
    """The search index's text begins with a space (``students.search_text``): the first
    given name then starts after one like every other word, and a two-letter word of a
    name («de», «la») is looked up in the index as the trigram « de» before any student's
    row is read (``de la cruz``: the 13,102 students of «cruz» were read one by one to
    check «de» and «la»; the index leaves 6,632).

    Every indexed text is written again once, in this migration's transaction; a database
    that keeps no index (a central office's) keeps none. The old index goes first, so the
    new one takes its pages instead of growing the file by a second index (the texts wait
    in a temporary table, in memory: every connection to a SQLite store, clear or
    encrypted, is opened by ``encryption.connect``, which sets ``temp_store = MEMORY``).
    The new index keeps no column sizes
    (``columnsize=0``: only ranking reads them, and the search does not rank; 2 ms less
    to write 5,000 students) and does not fold case itself (``case_sensitive 1``: the text
    and the searched words come folded by ``fold``, whose output the tokenizer's folding
    leaves as it is, every character checked on SQLite 3.40; 1.5 ms less), and is written
    in one piece (a large ``hashsize`` for the copy, FTS5's default set back after it).
    """
    for sql in (
            "CREATE TEMP TABLE search_text_0011 (id INTEGER PRIMARY KEY, haystack TEXT)",
            "INSERT INTO temp.search_text_0011 SELECT rowid, haystack FROM students_fts",
            "DROP TABLE students_fts",
            "CREATE VIRTUAL TABLE students_fts USING fts5(haystack, "
            "tokenize = 'trigram case_sensitive 1', columnsize = 0)",
            "INSERT INTO students_fts(students_fts, rank) VALUES ('hashsize', 268435456)",
            "INSERT INTO students_fts(rowid, haystack) "
            "SELECT id, ' ' || haystack FROM temp.search_text_0011",
            "INSERT INTO students_fts(students_fts, rank) VALUES ('hashsize', 1048576)",
            "DROP TABLE temp.search_text_0011"):
        db.execute(sql)


@migrations(name="0012_drop_students_updated")
def drop_students_updated(db: "Database") -> None:
    """The students' index on ``updated_at`` goes: no query of the program reads students
    by it (EXPLAIN QUERY PLAN of every statement on ``students`` the unit, command-line
    and sala tests run, on a plantel's and a central office's store: only a test's
    ``max(updated_at)`` chose it; merges compare stamps of rows found by id), yet every
    write of a student kept it up to date: 1.2 ms of an import of 5,000 students (6 ms
    at 20,000) and its pages in every commit. The PostgreSQL central store keeps its own
    schema (storage/pg/migrations.py).
    """
    db.execute("DROP INDEX IF EXISTS students_updated")


@migrations(name="0013_purge_received_contact_answers")
def purge_received_contact_answers(db: "Database") -> None:
    """A pseudonymised central office forgets the questionnaires' contact answers (phones,
    e-mail, address, alternate contact) that planteles sent it before the office dropped
    them on arrival: from the responses, the versions kept for review and the records
    waiting for their student (storage/contact_purge.py, which says when it ran in the
    office's settings). Planteles, main PCs and «completo» offices are left as they are.
    The PostgreSQL central store runs the same purge (storage/pg/migrations.py).
    """
    from seguimiento_desktop.storage.contact_purge import purge_received_contact_answers
    purge_received_contact_answers(db)


SCHEMA_VERSION = len(migrations._migrations)
