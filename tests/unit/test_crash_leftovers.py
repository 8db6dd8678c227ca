"""What an operation cut off by a power cut or a crash leaves is cleaned by the next run."""

import json
from datetime import datetime

from seguimiento_desktop.sync import numbering
from seguimiento_desktop.sync.export import bundle_file_name
from tests.sync_support import export, office, plantel
from tests.conftest import raw_connection


def test_an_export_removes_the_half_written_bundle_of_an_earlier_number(tmp_path):
    workspace = plantel(tmp_path)
    office(tmp_path, workspace)
    usb = tmp_path / "usb"
    usb.mkdir()
    own = bundle_file_name("14DCT0099Z", workspace.store.installation_id, 1, datetime(2026, 6, 1))
    cut_off = usb / f".{own}.parcial"
    cut_off.write_bytes(b"medio paquete")
    other_pc = usb / f".{bundle_file_name('14DCT0099Z', 'x' * 32, 1, datetime(2026, 6, 1))}.parcial"
    other_pc.write_bytes(b"otra PC")
    # The cut-off export had reserved number 1 (sync/numbering.py) before writing.
    numbering.counter_path(workspace.store).write_text(
        json.dumps({workspace.store.installation_id: 1}), "utf-8")
    written = export(workspace, usb)
    assert "paquete-0002" in written.name
    assert not cut_off.exists()
    assert other_pc.exists()  # another PC's export may still be writing it


def test_a_backup_starts_over_from_a_half_written_copy(workspace, tmp_path):
    partial = tmp_path / "respaldo.sqlite.parcial"
    partial.write_bytes(b"no es una base de datos" * 100)
    partial.with_name(partial.name + "-journal").write_bytes(b"basura")
    path = workspace.backup(tmp_path / "respaldo.sqlite")
    assert sorted(p.name for p in tmp_path.iterdir() if "respaldo" in p.name) == ["respaldo.sqlite"]
    with raw_connection(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
