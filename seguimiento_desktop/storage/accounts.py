"""The ``users`` table: who may sign in, with which role (their key slots are beside the
database, accounts/keyslots.py)."""

from seguimiento_desktop.accounts.roles import Account
from seguimiento_desktop.storage.connection import Database

_COLUMNS = "name, full_name, role, active, created_at"


def _account(row) -> Account:
    return Account(row[0], row[1], row[2], bool(row[3]), row[4])


def has_users(db: Database) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0] == 1


def all_users(db: Database) -> list[Account]:
    return [_account(row) for row in
            db.execute(f"SELECT {_COLUMNS} FROM users ORDER BY name").fetchall()]


def user_by_name(db: Database, name: str) -> Account | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM users WHERE name = ?", [name]).fetchone()
    return _account(row) if row else None


def insert_user(db: Database, account: Account) -> None:
    db.execute(f"INSERT INTO users({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
               [account.name, account.full_name, account.role, int(account.active),
                account.created_at])


def set_active(db: Database, name: str, active: bool) -> None:
    db.execute("UPDATE users SET active = ? WHERE name = ?", [int(active), name])


def count_active_admins(db: Database) -> int:
    return db.execute("SELECT count(*) FROM users WHERE role = 'administrador' AND active = 1"
                      ).fetchone()[0]


def accounts_and_log(db: Database) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The users and the bitácora (its details too) as they are, to carry over a restore
    (they never go back in time: a restore must not bring back a removed account, erase
    the trail nor bring back a purged detail)."""
    return (db.execute(f"SELECT {_COLUMNS} FROM users").fetchall(),
            db.execute("SELECT seq, at, user, action, target, detail, prev_hash, hash "
                       "FROM audit_log ORDER BY seq").fetchall(),
            db.execute("SELECT seq, salt, detail, redacted_at FROM audit_detail").fetchall())


def put_back(db: Database, kept: tuple[list[tuple], list[tuple]]) -> None:
    """Replace the users and the bitácora with ``kept`` (call inside a transaction). The
    no-delete trigger is dropped for this one statement and made again as migration 0008
    made it."""
    users, log, details = kept
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'"
                         ).fetchone()
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    db.execute("DELETE FROM audit_log")
    db.execute("DELETE FROM audit_detail")
    db.execute("DELETE FROM users")
    db.conn.executemany(f"INSERT INTO users({_COLUMNS}) VALUES (?, ?, ?, ?, ?)", users)
    db.conn.executemany("INSERT INTO audit_log(seq, at, user, action, target, detail, "
                        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", log)
    db.conn.executemany("INSERT INTO audit_detail(seq, salt, detail, redacted_at) "
                        "VALUES (?, ?, ?, ?)", details)
    if trigger:
        db.execute(trigger[0])


IDLE_MINUTES_KEY = "accounts.idle_minutes"


def idle_minutes(db: Database, default: int) -> int:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [IDLE_MINUTES_KEY]).fetchone()
    return int(row[0]) if row else default


def put_idle_minutes(db: Database, minutes: int) -> None:
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
               [IDLE_MINUTES_KEY, str(minutes)])
