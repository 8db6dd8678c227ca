"""A throwaway PostgreSQL cluster from Debian's server binaries (initdb + pg_ctl).

Used by the PostgreSQL central-store tests and by bench/bench_central_pg.py. The cluster
lives in a temporary folder, listens on a free port of 127.0.0.1 (password login, as an
office's server would ask) and on a Unix socket in its folder (trusted, for set-up), and
is removed by ``stop``. initdb refuses to run as root, so under root every server command
runs as the ``postgres`` user (``runuser``), in a folder that user owns.
"""

import atexit
import os
import pwd
import shutil
import signal
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


_PREFIX = "seguimiento-pg-"
OWNER_FILE = "owner.pid"  # the pid of the process that started the cluster


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale() -> list[Path]:
    """Stop and remove clusters left by runs that were killed (their owner is gone)."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            owner = int((folder / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours, or still being set up by a live run
        if owner == os.getpid() or _alive(owner):
            continue
        stale = Cluster.__new__(Cluster)
        stale.folder, stale.data = folder, folder / "data"
        stale._owner = pwd.getpwnam(SUPERUSER) if os.geteuid() == 0 else None
        stale.stop()
        removed.append(folder)
    return removed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """One running cluster; ``url(database)`` for the app, ``sql(...)`` for set-up."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
        (self.folder / OWNER_FILE).write_text(str(os.getpid()))
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
        _stop_on_exit(self)
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
        """Stop the server and remove the cluster's folder (once; later calls do nothing)."""
        if self.data.exists():
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

    def copy_database(self, template: str, name: str) -> str:
        """A new database copied from ``template`` (no session may be connected to it),
        file by file: much faster than building it again; its URL."""
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_running: list[Cluster] = []


def _stop_on_exit(cluster: Cluster) -> None:
    """Stop ``cluster`` when the process ends, normally or by SIGTERM/SIGHUP (a SIGKILL
    leaves it for ``remove_stale`` in the next run)."""
    _running.append(cluster)
    atexit.register(cluster.stop)
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) in (signal.SIG_DFL, None):
            try:
                signal.signal(number, _stop_and_die)
            except ValueError:  # not the main thread: atexit still covers a normal end
                pass


def _stop_and_die(number: int, frame) -> None:
    """Stop the clusters, then die of the signal as the process would have."""
    for cluster in _running:
        cluster.stop()
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)


_shared: list[Cluster] = []


def shared_cluster() -> Cluster:
    """The one cluster of this test process, started on first use and stopped at its end
    (``_stop_on_exit``): every test folder that asks for it gets the same server."""
    if not _shared:
        remove_stale()  # a run killed before its clean-up left its cluster running
        _shared.append(Cluster().start())
    return _shared[0]
