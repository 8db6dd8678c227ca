"""The office's disk fills up in the middle of a run of bundles.

Found by an outside tester: `central merge a.seg b.seg` on a disk that filled after the
first bundle printed only «No se guardó ningún cambio de esta operación: sus datos están
como antes», although the first bundle was merged and its acuse written; the outcome of
the bundle that did merge was never shown.
"""

import errno

import pytest
from sync_support import export, office, plantel

from tests.disk_faults import small_disk

P1, P2 = "14DCT0099Z", "30DCM0011K"


def fill(folder) -> None:
    """Another program takes every byte left on ``folder``'s file system."""
    with open(folder / "relleno", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC


def test_a_disk_that_fills_after_the_first_bundle_reports_each_bundle(tmp_path):
    small, large = plantel(tmp_path, P1, 3, seed=1), plantel(tmp_path, P2, 400, seed=2)
    with small_disk(tmp_path / "oficina", 8 * 1024) as disk:
        if not disk.mounted:
            pytest.skip("needs a small file system for the office's database (mount)")
        central = office(disk.folder, small, large)
        first, second = export(small, tmp_path / "usb1"), export(large, tmp_path / "usb2")
        acks = tmp_path / "acuses"
        acks.mkdir()

        def progress(done: int, total: int, message: str) -> None:
            if message == "Paquetes fusionados." and done == 1:
                fill(disk.folder)

        report = central.merge([first, second], acks, progress=progress)
        merged, stopped = report.outcomes
        assert merged.accepted and merged.counts.new == 3 and merged.ack_path.exists()
        assert not stopped.accepted and stopped.reason == "disco"
        assert second.name in stopped.message and "No hay espacio" in stopped.message
        assert report.rejected == 1
        (disk.folder / "relleno").unlink()  # the person freed space and merges both again
        again = central.merge([first, second], acks).outcomes
        assert again[0].duplicate and again[1].accepted and again[1].counts.new == 400
        central.close()
    for workspace in (small, large):
        workspace.close()


def test_a_stick_that_turns_read_only_after_writing_the_bundle_is_said_in_spanish(
        tmp_path, monkeypatch):
    """The bundle cannot be read back, and the stick refuses even removing it (it went
    read-only, as failing sticks do): the clerk is told to try another stick, no traceback."""
    from pathlib import Path

    from seguimiento_desktop.errors import FileUnreadable
    from seguimiento_desktop.sync import bundles
    workspace = plantel(tmp_path, P1, 3, seed=1)
    office(tmp_path, workspace).close()  # registered, its configuration imported
    (tmp_path / "usb").mkdir()

    def unreadable(path):
        raise OSError(errno.EIO, "Input/output error", str(path))
    unlink = Path.unlink

    def read_only(path, missing_ok=False):
        if path.suffix == ".seg":
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return unlink(path, missing_ok=missing_ok)
    monkeypatch.setattr(bundles, "read_container", unreadable)
    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(FileUnreadable, match="Pruebe otra memoria USB"):
        workspace.export_bundle(tmp_path / "usb")
