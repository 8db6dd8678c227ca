"""A throwaway PostgreSQL cluster from Debian's server binaries (initdb + pg_ctl).

Used by the PostgreSQL central-store tests and by bench/bench_central_pg.py. The cluster
lives in a temporary folder, listens on a free port of 127.0.0.1 (password login, as an
office's server would ask) and on a Unix socket in its folder (trusted, for set-up), and
is removed by ``stop``. initdb refuses to run as root, so under root every server command
runs as the ``postgres`` user (``runuser``), in a folder that user owns.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN = Path(os.environ.get("SEGUIMIENTO_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
PASSWORD = "clave-de-prueba"  # a throwaway cluster's; never a real one


def missing_reason() -> str | None:
    """Why a cluster cannot be started here, or None when it can."""
    if not (BIN / "initdb").exists() or not (BIN / "pg_ctl").exists():
        return (f"PostgreSQL server binaries not found in {BIN} (Debian package "
                "`postgresql`; .ci/run installs it)")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is missing (initdb refuses root)"
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return "running as root and there is no `postgres` user to run initdb as"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """One running cluster; ``url(database)`` for the app, ``sql(...)`` for set-up."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="seguimiento-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._owner = pwd.getpwnam(SUPERUSER) if os.geteuid() == 0 else None
        if self._owner:
            os.chown(self.folder, self._owner.pw_uid, self._owner.pw_gid)
        self.folder.chmod(0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [*(["runuser", "-u", SUPERUSER, "--"] if self._owner else []), *args]
        return subprocess.run(command, capture_output=True, text=True, check=check,
                              cwd=self.folder, timeout=120)

    def start(self) -> "Cluster":
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD)
        if self._owner:
            os.chown(pwfile, self._owner.pw_uid, self._owner.pw_gid)
        self._run(str(BIN / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256",
                  f"--pwfile={pwfile}")
        pwfile.unlink()
        self.resume()
        return self

    def resume(self) -> None:
        """Start the server (again, after ``halt``)."""
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")  # a killed server keeps commits
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"),
                  "-o", options, "-w", "start")

    def halt(self, mode: str = "fast") -> None:
        """Stop the server, ``immediate`` as a crash would (sessions cut off)."""
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop",
                  check=False)

    def stop(self) -> None:
        """Stop the server and remove the cluster's folder."""
        self.halt("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> list[tuple]:
        """Run SQL as the superuser over the trusted socket (autocommit); its rows."""
        import psycopg
        with psycopg.connect(host=str(self.folder), port=self.port, user=SUPERUSER,
                             dbname=database, autocommit=True) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchall() if cursor.description else []

    def create_database(self, name: str) -> str:
        """A new empty database; its URL (password: ``PASSWORD``)."""
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)
