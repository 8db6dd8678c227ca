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


SCHEMA_VERSION = len(migrations._migrations)
