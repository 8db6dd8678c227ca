"""The data folder: per user by default, shared for an all-users install, portable by marker."""

import sys
from pathlib import Path

import pytest

from seguimiento_desktop import paths


@pytest.fixture
def frozen_app(tmp_path, monkeypatch) -> Path:
    """A frozen app folder: sys.frozen set and sys.executable inside ``tmp_path/app``."""
    folder = tmp_path / "app"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "seguimiento.exe"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "programdata"))
    monkeypatch.delenv(paths.DB_ENV, raising=False)
    return folder


def test_per_user_by_default(frozen_app):
    location = paths.data_location()
    assert location.mode == paths.PER_USER and location.folder == paths.per_user_dir()
    assert paths.default_database_path() == location.folder / "seguimiento.sqlite"


def test_a_marker_beside_the_executable_makes_it_portable(frozen_app):
    (frozen_app / paths.PORTABLE_MARKER).write_text("")
    (frozen_app / paths.SHARED_MARKER).write_text("")  # portable wins
    location = paths.data_location()
    assert location == paths.DataLocation(frozen_app / "datos", paths.PORTABLE)
    assert paths.default_database_path() == frozen_app / "datos" / "seguimiento.sqlite"
    assert "portátil" in location.label


def test_an_all_users_install_shares_one_folder(frozen_app):
    (frozen_app / paths.SHARED_MARKER).write_text("")
    location = paths.data_location()
    assert location.mode == paths.SHARED and location.folder == paths.shared_dir()
    if sys.platform == "win32":
        assert location.folder.parent == frozen_app.parent / "programdata"


def test_markers_mean_nothing_when_running_from_python(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / paths.PORTABLE_MARKER).write_text("")
    assert paths.data_location().mode == paths.PER_USER


def test_the_environment_names_the_database_itself(frozen_app, tmp_path, monkeypatch):
    (frozen_app / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setenv(paths.DB_ENV, str(tmp_path / "otra.sqlite"))
    assert paths.default_database_path() == tmp_path / "otra.sqlite"
