"""Every plantel (and office) database file is opened through storage/encryption.connect:
no other module of the package calls sqlite3.connect (or sqlcipher's) itself."""

import re
from pathlib import Path

import seguimiento_desktop

PACKAGE = Path(seguimiento_desktop.__file__).parent
DOOR = PACKAGE / "storage" / "encryption.py"
CONNECT = re.compile(r"\b(sqlite3|dbapi2|sqlcipher3)\s*\.\s*connect\s*\(")


def test_only_the_encryption_module_connects():
    offenders = [f"{path.relative_to(PACKAGE)}:{number}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path != DOOR
                 for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if CONNECT.search(line)]
    assert offenders == [], "open it with storage.encryption.connect: " + ", ".join(offenders)
