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
