"""Copies written before a plantel was encrypted: encrypted in place with its key.

Until the first sign-in after upgrading, the automatic copies, the copy kept before an
upgrade or a restore, and the copies on the chosen second folder were written clear.
Rotation would remove most of them within weeks; until then each showed every name and
CURP to ``strings``. The automatic backup (run in the writer thread, at the first opening
of the day and at closing) converts them one by one, with the same safe conversion as the
database (storage/encryption.py: new file, verified, swapped, the clear one overwritten).
"""

import logging
from pathlib import Path

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.storage import encryption
from seguimiento_desktop.storage.integrity import DAMAGED_SUFFIX

log = logging.getLogger(__name__)


def clear_copies(folder: Path, db_path: Path) -> list[Path]:
    """The clear copies of ``db_path`` in ``folder`` (named after it: another database in
    a shared folder is not ours to encrypt); a damaged database kept aside is left as it
    is (it is evidence, never rewritten)."""
    if not folder.is_dir():
        return []
    return [path for path in sorted(folder.glob(f"{db_path.stem}-*.sqlite"))
            if f"-{DAMAGED_SUFFIX}-" not in path.name and path.stat().st_size
            and not encryption.is_encrypted(path)]  # no connection is open on a copy


def encrypt_clear_copies(db_path: Path, folders: list[Path], key: bytes) -> list[Path]:
    """Encrypt with ``key`` every clear copy of ``db_path`` in ``folders``; the ones
    converted. A copy
    that cannot be converted (damaged, a full stick) stays as it was and is logged: the
    backup itself already succeeded."""
    converted = []
    for path in (p for folder in folders for p in clear_copies(folder, db_path)):
        try:
            encryption.encrypt_in_place(path, key)
        except (UserError, OSError) as error:
            log.warning("No se pudo cifrar la copia anterior %s: %s", path, error)
            continue
        converted.append(path)
    return converted
