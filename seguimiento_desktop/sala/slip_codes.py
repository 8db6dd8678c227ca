"""Printed one-time codes: a personal code per student, handed out on a paper slip.

The issue's alternative to CURP + the session's code, for students who do not know their
CURP by heart. A code signs its student in at any sala session until they finish the
questionnaire: from then on the sign-in refuses them like any finished student, so the
code is used up by the answer itself. Printing the slips again gives those students new
codes, and the old slips stop working (a slip lost or seen by a classmate).

Only a keyed hash of each code is kept, beside the plantel (`<db>.sala-codigos`), with a
key derived from the plantel's database key: a thief of the file cannot try codes offline
without an account's password. Twelve characters of an alphabet without look-alikes
(0/O, 1/I/L, 2/Z, 5/S, 8/B) are 56 bits: with the sign-in limits (30 failures per address
in five minutes) guessing anyone's is hopeless.
"""

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from seguimiento_desktop.storage.files import atomic_output

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH, GROUP = 12, 4
SUFFIX = ".sala-codigos"
_KDF_INFO = b"seguimiento sala slip codes v1"


def new_code() -> str:
    """A random personal code, as printed: «KX4M-…» in three groups of four."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + GROUP] for i in range(0, LENGTH, GROUP))


def normalize(typed: str) -> str:
    """What a student typed, as the code it means: any case, with or without dashes or
    spaces; "" when it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").upper()
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else ""


def _key(session_key: bytes | None) -> bytes:
    if not session_key:
        return b""  # a plantel without accounts: nothing to derive from; the file is private
    return HKDF(hashes.SHA256(), 32, salt=None, info=_KDF_INFO).derive(session_key)


def _digest(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def codes_path(database: str | Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + SUFFIX)


class SlipCodes:
    """The personal codes of a plantel: issue them, and find whose a typed code is."""

    def __init__(self, database: str | Path, session_key: bytes | None):
        self.path = codes_path(database)
        self._key = _key(session_key)
        self._read_at: int | None = None
        self._owners: dict[str, str] = {}
        self._refresh()

    def _refresh(self) -> None:
        """Read the file again if it changed: slips printed (`sala codigos`) while a sala
        is open work, and the ones they replace stop working, at once."""
        try:
            changed = self.path.stat().st_mtime_ns
        except OSError:
            changed = None
        if changed == self._read_at:
            return
        try:
            self._owners = json.loads(self.path.read_text("utf-8"))["codigos"]
        except (OSError, ValueError, KeyError, TypeError):
            self._owners = {}  # none printed yet (or unreadable: print the slips again)
        self._read_at = changed

    def issue(self, student_ids: Iterable[str]) -> dict[str, str]:
        """New codes for these students (their earlier ones stop working); student id ->
        code as printed. Written whole or not at all."""
        self._refresh()
        wanted = list(dict.fromkeys(student_ids))
        printed = {student_id: new_code() for student_id in wanted}
        owners = {digest: owner for digest, owner in self._owners.items()
                  if owner not in printed}
        owners.update({_digest(self._key, normalize(code)): student_id
                       for student_id, code in printed.items()})
        with atomic_output(self.path) as partial:
            partial.write_text(json.dumps({"version": 1, "codigos": owners}), "utf-8")
        self._owners, self._read_at = owners, self.path.stat().st_mtime_ns
        return printed

    def any(self) -> bool:
        """Whether slips were ever printed for this plantel (the sign-in page offers them)."""
        self._refresh()
        return bool(self._owners)

    def student_for(self, typed: str) -> str | None:
        """The student whose code this is, or None."""
        code = normalize(typed)
        if not code:
            return None
        self._refresh()
        return self._owners.get(_digest(self._key, code))
