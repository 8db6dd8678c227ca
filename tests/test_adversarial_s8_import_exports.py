"""Exports under pressure: a full USB stick must leave the folder as it was, never a set of
files of which some are new and some missing."""

import pytest
from disk_faults import small_disk

from seguimiento_desktop.errors import FileUnreadable
from tests.report_plantel import build_small_plantel


def test_a_csv_export_that_runs_out_of_space_leaves_the_earlier_one_whole(workspace, tmp_path):
    build_small_plantel(workspace)
    with small_disk(tmp_path / "usb", 160) as disk:
        if not disk.mounted:
            pytest.skip("a full disk needs a small tmpfs (mount, as root on Linux)")
        earlier = workspace.export_responses("csv", disk.folder / "r.csv").files
        before = {path.name: path.read_bytes() for path in earlier}
        assert len(before) == 4  # C1, C2, C3 and the codebook
        workspace.fill_demo(30, with_followup=True)  # more to write than the room left
        with pytest.raises(FileUnreadable, match="No hay espacio suficiente"):
            workspace.export_responses("csv", disk.folder / "r.csv")
        assert {path.name: path.read_bytes() for path in disk.folder.iterdir()} == before
