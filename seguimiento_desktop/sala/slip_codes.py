"""Printed one-time codes: a personal code per student, handed out on a paper slip.

The issue's alternative to CURP + the session's code, for students who do not know their
CURP by heart. A code signs its student in at any sala session of the questionnaire its
slip names until they finish it: from then on the sign-in refuses them like any finished
student, so the code is used up by the answer itself. Printing the slips again gives
those students new codes, and the old slips stop working (a slip lost or seen by a
classmate).

Only a keyed hash of each code is kept, beside the plantel (`<db>.sala-codigos`), with a
key derived from the plantel's database key: a thief of the file cannot try codes offline
without an account's password. Twelve characters of an alphabet without look-alikes
(0/O, 1/I/L, 2/Z, 5/S, 8/B) are 56 bits: with the sign-in limits (30 failures per address
in five minutes) guessing anyone's is hopeless.

The file is not in the backups, like the sala's certificate: it describes the slips in the
students' hands, which a restore cannot take back. A restore leaves it as it is (the
slips handed out keep working, the ones replaced stay dead); putting an old copy back
would bring lost or seen slips back to life. A plantel copied to another PC without it,
or a file written under another database key (another plantel's, or before the
accounts), offers no personal codes until the slips are printed again, which writes a
new file.
"""

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable
from pathlib import Path

from seguimiento_desktop.sala.subkeys import subkey
from seguimiento_desktop.storage.files import atomic_output

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH, GROUP = 12, 4
SUFFIX = ".sala-codigos"
_KDF_INFO = b"seguimiento sala slip codes v1"
_CHECK = "key check"  # its keyed hash says which key wrote the file
ANY = "*"  # a code from a file written before slips named their questionnaire


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
    # A plantel without accounts has nothing to derive from: the file is only private.
    return subkey(session_key, _KDF_INFO) or b""


def _digest(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode("ascii"), hashlib.sha256).hexdigest()


def codes_path(database: str | Path) -> Path:
    database = Path(database)
    return database.with_name(database.name + SUFFIX)


class SlipCodes:
    """The personal codes of a plantel: issue them, and find whose a typed code is.

    A code is for one questionnaire (the one its slip names): slips printed for C2 leave
    the C1 slips working, and a C1 slip, used up by finishing C1, does not open C2.
    """

    def __init__(self, database: str | Path, session_key: bytes | None):
        self.path = codes_path(database)
        self._key = _key(session_key)
        self._check = _digest(self._key, _CHECK)
        self._read_at: int | None = None
        self._owners: dict[str, tuple[str, str]] = {}  # digest -> (questionnaire, student)
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
            self._owners = self._parse(json.loads(self.path.read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._owners = {}  # none printed yet (or unreadable: print the slips again)
        self._read_at = changed

    def _parse(self, data: dict) -> dict[str, tuple[str, str]]:
        if data["version"] == 1:  # before slips named their questionnaire: good for any
            return {digest: (ANY, owner) for digest, owner in data["codigos"].items()}
        if not hmac.compare_digest(data["comprobacion"], self._check):
            # Written under another database key (another plantel's file, or codes printed
            # before the accounts): none of its codes can match, so none is offered.
            return {}
        return {digest: (questionnaire, owner)
                for digest, (questionnaire, owner) in data["codigos"].items()}

    def issue(self, questionnaire: str, student_ids: Iterable[str]) -> dict[str, str]:
        """New codes for these students' ``questionnaire`` (their earlier ones for it stop
        working); student id -> code as printed. Written whole or not at all."""
        self._refresh()
        wanted = list(dict.fromkeys(student_ids))
        printed = {student_id: new_code() for student_id in wanted}
        owners = {digest: (kind, owner) for digest, (kind, owner) in self._owners.items()
                  if owner not in printed or kind not in (questionnaire, ANY)}
        owners.update({_digest(self._key, normalize(code)): (questionnaire, student_id)
                       for student_id, code in printed.items()})
        with atomic_output(self.path) as partial:
            partial.write_text(json.dumps({"version": 2, "comprobacion": self._check,
                                           "codigos": owners}), "utf-8")
        self._owners, self._read_at = owners, self.path.stat().st_mtime_ns
        return printed

    def any(self, questionnaire: str) -> bool:
        """Whether slips that work were printed for ``questionnaire`` (the sign-in page
        offers them)."""
        self._refresh()
        return any(kind in (questionnaire, ANY) for kind, _ in self._owners.values())

    def student_for(self, typed: str, questionnaire: str) -> str | None:
        """The student whose code for ``questionnaire`` this is, or None."""
        code = normalize(typed)
        if not code:
            return None
        self._refresh()
        kind, owner = self._owners.get(_digest(self._key, code), ("", None))
        return owner if kind in (questionnaire, ANY) else None
