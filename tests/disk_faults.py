"""Small and read-only file systems for the disk-fault tests.

Where mounting is allowed (root on Linux, as in the development container) a tmpfs of a
few KiB stands for a full USB stick or data disk, and remounting it read-only for a
write-protected one. Elsewhere ``mounted`` is False and the tests use RLIMIT_FSIZE (a size
limit on every file the command writes) or chmod, or say why they cannot run.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class Disk:
    """A folder on a small file system (``mounted``) or a plain folder (not)."""

    def __init__(self, folder: Path, mounted: bool):
        self.folder = folder
        self.mounted = mounted

    def resize(self, kib: int) -> None:
        """Make room (a person freed space): the file system grows to ``kib`` KiB."""
        _mount("-o", f"remount,size={kib}k", str(self.folder))

    def read_only(self) -> None:
        if self.mounted:
            _mount("-o", "remount,ro", str(self.folder))
        elif os.name == "posix" and os.geteuid() != 0:
            os.chmod(self.folder, 0o500)
        else:
            pytest.skip("no way to make a folder read-only here (neither mount nor chmod)")


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@contextmanager
def small_disk(folder: Path, kib: int) -> Iterator[Disk]:
    """``folder`` on a tmpfs of ``kib`` KiB, unmounted afterwards (its files go with it)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if not sys.platform.startswith("linux"):
            raise OSError("tmpfs is Linux only")
        _mount("-t", "tmpfs", "-o", f"size={kib}k,mode=0700", "tmpfs", str(folder))
    except (OSError, subprocess.SubprocessError):
        yield Disk(folder, mounted=False)
        if os.name == "posix":
            os.chmod(folder, 0o700)
        return
    try:
        yield Disk(folder, mounted=True)
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def file_size_limit(kib: int):
    """A preexec_fn limiting every file the child writes to ``kib`` KiB (the fallback of a
    small file system: writes past it fail with EFBIG, which Python's SIGXFSZ ignore allows)."""
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (kib * 1024, kib * 1024))
    return limit


def run_limited(args: list[str], kib: int, env_home: Path) -> subprocess.CompletedProcess:
    """The real `seguimiento` entry point with every file it writes limited to ``kib`` KiB."""
    env = {**os.environ, "XDG_DATA_HOME": str(env_home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "seguimiento_desktop", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, preexec_fn=file_size_limit(kib))
