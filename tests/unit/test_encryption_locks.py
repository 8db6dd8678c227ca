"""Opening the store never drops this process's locks on the database.

On POSIX, closing any file handle on a file releases every lock the process holds on it,
SQLite's included: a header read with open()/close() while the GUI's reader is inside a
read transaction would let another program write (or checkpoint) under that reader.
"""

import subprocess
import sys

from seguimiento_desktop.storage import encryption
from seguimiento_desktop.storage.database import open_store

# Leaving WAL needs the database file to itself: refused while a connection of ours holds
# its shared lock on the file, granted (under our feet) once that lock is gone.
OTHER_PROGRAM_LEAVES_WAL = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0)
try:
    print(conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0])
except sqlite3.OperationalError:
    print("locked")
"""


def other_program_tries_to_write(path) -> str:
    return subprocess.run([sys.executable, "-c", OTHER_PROGRAM_LEAVES_WAL, str(path)],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_a_job_opening_the_store_keeps_the_readers_lock(tmp_path):
    path = tmp_path / "plantel.sqlite"
    open_store(path).close()
    (tmp_path / "plantel.sqlite.llaves").write_text("{}")  # a plantel with accounts
    reader = encryption.connect(path, None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM sqlite_master").fetchall()  # a shared lock
    assert other_program_tries_to_write(path) == "locked"
    open_store(path, create=False).close()  # what each GUI job does
    assert other_program_tries_to_write(path) == "locked"  # the reader is still covered
    reader.rollback()
    reader.close()
