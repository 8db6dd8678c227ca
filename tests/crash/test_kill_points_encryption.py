"""Encrypting a clear plantel (storage/encryption.py), killed at ≥ 30 random moments.

After every kill the plantel is the clear database or the encrypted one, whole (integrity
check, the same students), never neither; run again, the conversion finishes and leaves
nothing beside it (no partial copy, no second name of the clear file)."""

from pathlib import Path

import pytest

from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import encryption
from tests.crash import operations as ops
from tests.crash.harness import FIGURES, KILLS, check_integrity, kill_points

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="POSIX only")

STUDENTS = 1500


def _encrypted_students(path: Path) -> int:
    conn = encryption.connect(path, ops.ENCRYPTION_KEY)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        return conn.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        conn.close()


def _clear_students(path: Path) -> int:
    check_integrity(path)
    conn = encryption.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM students").fetchone()[0]
    finally:
        conn.close()


def test_a_killed_conversion_leaves_the_clear_or_the_encrypted_plantel(zygote, tmp_path):
    template = tmp_path / "template"
    template.mkdir()
    with Workspace.open(template / ops.PLANTEL) as workspace:
        workspace.fill_demo(STUDENTS, with_followup=False)

    def check(folder: Path) -> str:
        path = folder / ops.PLANTEL
        encrypted = encryption.is_encrypted(path)
        found = _encrypted_students(path) if encrypted else _clear_students(path)
        assert found == STUDENTS, f"{found} students of {STUDENTS}"
        return "encrypted" if encrypted else "clear"

    def check_rerun(folder: Path) -> None:
        assert check(folder) == "encrypted"
        assert sorted(p.name for p in folder.iterdir()) == [ops.PLANTEL], \
            "something left beside the plantel"

    tally = kill_points(zygote, "encrypt", template, tmp_path, check, check_rerun)
    FIGURES.append(tally.line())
    assert not tally.inconsistent, "\n".join(tally.inconsistent[:5])
    assert tally.killed >= KILLS, tally.line()
