"""Trust set-up: pinned central key, signed rotation, tampered files, a full stick."""

import errno
import json

import pytest
from sync_support import answer, export, office, plantel

from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.sync import bundles
from seguimiento_desktop.sync.errors import SyncError, TrustError


def test_first_package_needs_the_compared_fingerprint(tmp_path):
    school = plantel(tmp_path)
    central = office(tmp_path, school, configure=False)
    package = central.write_config_package(tmp_path / "config.json")
    with pytest.raises(TrustError, match="compare por teléfono"):
        school.import_config(package.path, "ABCD 0000")
    preview = school.preview_config(package.path)
    assert preview.first_import and len(preview.fingerprint.words.split()) == 12
    assert school.import_config(package.path, preview.fingerprint.words.upper()).first_import
    assert school.sync_status().central_fingerprint == central.identity().fingerprint


def test_package_from_another_office_is_refused_once_pinned(tmp_path):
    school = plantel(tmp_path)
    office(tmp_path, school)
    impostor = office(tmp_path, school, name="impostora.sqlite", configure=False)
    package = impostor.write_config_package(tmp_path / "falso.json")
    with pytest.raises(TrustError, match="NO lo firmó"):
        school.import_config(package.path, package.fingerprint.hex)


def test_signed_key_rotation_is_followed_and_acks_still_count(tmp_path):
    school = plantel(tmp_path, count=2)
    central = office(tmp_path, school)
    old = central.identity().fingerprint
    central.rotate_signing_key()
    package = central.write_config_package(tmp_path / "nuevo.json")
    info = school.import_config(package.path)
    assert info.rotated and info.fingerprint != old
    ack = central.merge([export(school, tmp_path / "usb")]).outcomes[0].ack_path
    assert school.import_ack(ack).seq == 1


def test_older_package_is_refused(tmp_path):
    school = plantel(tmp_path)
    central = office(tmp_path, school)
    old = central.write_config_package(tmp_path / "viejo.json")
    school.import_config(central.write_config_package(tmp_path / "nuevo.json").path)
    with pytest.raises(SyncError, match="más antiguo"):
        school.import_config(old.path)


def test_edited_enrollment_request_is_refused(tmp_path):
    school = plantel(tmp_path)
    central = office(tmp_path)
    request = school.sync_enrollment(tmp_path / "solicitud.json")
    data = json.loads(request.path.read_text())
    data["body"]["cct"] = "30DCM0011K"
    request.path.write_text(json.dumps(data))
    with pytest.raises(TrustError, match="alterado"):
        central.enroll(request.path, request.fingerprint.hex)
    assert central.installations() == []


def test_export_before_configuration_says_what_to_do(tmp_path):
    school = plantel(tmp_path)
    with pytest.raises(SyncError, match="paquete de configuración"):
        school.export_bundle(tmp_path)


def test_full_stick_leaves_no_file_and_no_logged_export(tmp_path, monkeypatch):
    school = plantel(tmp_path, count=3)
    answer(school, school.find_students()[0].curp)
    office(tmp_path, school)
    usb = tmp_path / "usb"
    usb.mkdir()

    def full(out, size):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(bundles, "_pad", full)
    with pytest.raises(FileUnreadable, match="No hay espacio suficiente"):
        school.export_bundle(usb)
    assert list(usb.iterdir()) == []
    assert school.sync_status().last_seq == 0
    monkeypatch.undo()
    assert school.export_bundle(usb).seq == 1


def test_escrow_key_also_opens_every_bundle(tmp_path):
    import tarfile

    import pyrage

    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    from seguimiento_desktop.sync.keys import age_recipient_of, new_age_identity, parse_identities
    escrow = new_age_identity()  # kept offline, e.g. printed and locked in a safe
    school = plantel(tmp_path, count=2)
    central = CentralWorkspace.open(tmp_path / "central.sqlite")
    central.init("Oficina", escrow=(age_recipient_of(escrow),))
    request = school.sync_enrollment(tmp_path / "solicitud.json")
    central.enroll(request.path, request.fingerprint.hex)
    package = central.write_config_package(tmp_path / "config.json")
    school.import_config(package.path, package.fingerprint.hex)
    bundle = export(school, tmp_path / "usb")
    with tarfile.open(bundle) as tar:
        payload = tar.extractfile("payload.jsonl.gz.age").read()
    assert pyrage.decrypt(payload, parse_identities([escrow]))
