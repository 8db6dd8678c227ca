"""Files the app creates are readable by the user only (issue 10.9; POSIX modes)."""

import os
import stat

import pytest
from sync_support import export, office, plantel

from seguimiento_desktop.services import Workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Windows inherits the profile ACL")


@pytest.fixture(autouse=True)
def open_umask():
    """The usual desktop umask, under which files used to come out 0644."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_folder_are_private(tmp_path):
    with Workspace.open(tmp_path / "datos" / "seguimiento.sqlite") as workspace:
        workspace.set_up_school(_school())
        database = workspace.store.path
        assert mode(database.parent) == 0o700
        for path in (database, database.with_name(database.name + "-wal")):
            assert mode(path) == 0o600, path


def test_an_old_world_readable_database_is_tightened(tmp_path):
    path = tmp_path / "vieja.sqlite"
    Workspace.open(path).close()
    os.chmod(path, 0o644)
    Workspace.open(path).close()
    assert mode(path) == 0o600


def test_bundles_acks_requests_and_the_counter_are_private(tmp_path):
    school = plantel(tmp_path, count=2)
    central = office(tmp_path, school)
    bundle = export(school, tmp_path / "usb")
    ack = central.merge([bundle]).outcomes[0].ack_path
    request = school.sync_enrollment(tmp_path / "solicitud.json").path
    counter = school.store.path.with_name(school.store.path.name + ".numeracion.json")
    for path in (bundle, ack, request, counter, central.store.path):
        assert mode(path) == 0o600, path


def _school():
    from seguimiento_desktop.domain.models import School
    return School(cct="14DCT0099Z", name="CBTIS de prueba")
