"""Bundled data files: found inside the package, and a missing one says which and why."""

from pathlib import Path

import pytest

from seguimiento_desktop import datafiles
from seguimiento_desktop.errors import UserError


def test_resources_live_inside_the_package():
    root = Path(str(datafiles.resource_root()))
    assert root.parent == Path(datafiles.__file__).resolve().parent
    assert datafiles.load_json("catalogs", "states.json")["states"]


def test_a_missing_file_names_itself_and_asks_to_reinstall():
    with pytest.raises(datafiles.DataFileMissing) as caught:
        datafiles.load_json("catalogs", "no_existe.json")
    assert isinstance(caught.value, UserError)
    message = str(caught.value)
    assert "«catalogs/no_existe.json»" in message and "vuelva a instalar" in message
