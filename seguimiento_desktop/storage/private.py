"""Files and folders the app creates are readable by the user only.

Databases, backups, bundles, acknowledgements, exports and the numbering file hold
personal data or keys (docs/bundle-format.md, «Permisos de archivos»). On POSIX they are
created 0600 in 0700 folders, whatever the umask; on Windows they inherit the ACL of the
user's profile folder (%LOCALAPPDATA%), which other users cannot read, so nothing is done.
"""

import os
from pathlib import Path

FILE_MODE, FOLDER_MODE = 0o600, 0o700
POSIX = os.name == "posix"


def create_private(path: Path) -> None:
    """Create ``path`` empty and private if it does not exist (writers then keep the mode)."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(handle)
    make_private(path)  # O_CREAT's mode is filtered by the umask; say it exactly


def make_private(path: Path) -> None:
    """Readable and writable by the owner only (POSIX; a no-op elsewhere)."""
    if POSIX:
        os.chmod(path, FILE_MODE)


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) private; an existing folder is left as it is,
    since the user chose it (a USB stick, a shared drive)."""
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        if POSIX:
            os.chmod(folder, FOLDER_MODE)


def tighten(path: Path) -> None:
    """Make an existing database (and its WAL files) private, if it is this user's."""
    if not POSIX:
        return
    for item in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            info = item.stat()
            if info.st_mode & 0o077 and info.st_uid == os.getuid():
                os.chmod(item, FILE_MODE)
        except OSError:
            continue  # missing (no WAL yet) or not ours: nothing to tighten
