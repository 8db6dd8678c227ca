"""Bundles: round trip, and every kind of bad file refused before the database changes.

The office is a SQLite file, then a database on the throwaway PostgreSQL cluster
(``central_address``): a refused bundle leaves either store row for row as it was.
"""

import gzip
import shutil
import subprocess
import tarfile

import pytest
from sync_support import answer, export, office, plantel, rewrite_bundle

from seguimiento_desktop.storage.students import sort_key
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401
from tests.central_pg.store_content import everything


@pytest.fixture
def setup(tmp_path, central_address):
    school = plantel(tmp_path, count=8)
    for person in school.find_students()[:3]:
        answer(school, person.curp, "C1")
    central = office(tmp_path, school, address=central_address)
    bundle = export(school, tmp_path / "usb")
    yield school, central, bundle
    school.close()
    central.close()


def rejected(central, path, reason):
    """Merge ``path``; it must be refused for ``reason`` and leave the database as it was."""
    before = everything(central)
    outcome = central.merge([path]).outcomes[0]
    assert not outcome.accepted
    assert outcome.reason == reason, outcome.message
    assert outcome.ack_path is None
    assert everything(central) == before
    return outcome.message


def test_round_trip_brings_every_student_and_response(setup):
    school, central, bundle = setup
    outcome = central.merge([bundle]).outcomes[0]
    assert outcome.accepted and outcome.counts.new == 8 + 3
    assert outcome.ack_path.exists()
    sent = {(s.curp, s.full_name, s.phone) for s in school.find_students()}
    db = central.store.db
    got = set(db.execute("SELECT curp, given_names || ' ' || first_surname || CASE WHEN "
                         "second_surname = '' THEN '' ELSE ' ' || second_surname END, phone "
                         "FROM students").fetchall())
    ccts = {r[0] for r in db.execute("SELECT school_cct FROM students").fetchall()}
    responses = db.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert got == sent and ccts == {"14DCT0099Z"} and responses == 3
    order = set(db.execute("SELECT sort_key FROM students").fetchall())
    assert order == {(sort_key(s),) for s in school.find_students()}
    assert "14DCT0099Z" in bundle.name and "paquete-0001" in bundle.name


def test_bundle_is_a_plain_tar_with_a_readable_manifest(setup):
    _, _, bundle = setup
    with tarfile.open(bundle) as tar:
        assert tar.getnames() == ["manifest.json", "manifest.sig", "payload.jsonl.gz.age"]
        manifest = tar.extractfile("manifest.json").read().decode()
    assert '"cct": "14DCT0099Z"' in manifest and '"seq": 1' in manifest


def test_flipped_byte_in_manifest_is_refused(setup, tmp_path):
    _, central, bundle = setup
    data = bytearray(bundle.read_bytes())
    data[data.index(b'"seq": 1') + 7] = ord("2")  # still valid JSON, no longer what was signed
    altered = tmp_path / "alterado.seg"
    altered.write_bytes(bytes(data))
    assert "firma" in rejected(central, altered, "firma")


def test_flipped_byte_in_payload_is_refused(setup, tmp_path):
    _, central, bundle = setup
    data = bytearray(bundle.read_bytes())
    data[-2048] ^= 0x01  # inside the encrypted payload
    altered = tmp_path / "alterado.seg"
    altered.write_bytes(bytes(data))
    assert "alterado" in rejected(central, altered, "alterado")


def test_truncated_file_is_refused(setup, tmp_path):
    _, central, bundle = setup
    cut = tmp_path / "cortado.seg"
    cut.write_bytes(bundle.read_bytes()[:len(bundle.read_bytes()) // 2])
    assert "incompleto" in rejected(central, cut, "incompleto")


def test_bundle_for_another_office_is_refused(setup, tmp_path):
    school, _, bundle = setup
    # The plantel is enrolled at another office too; this bundle was encrypted to the first.
    other = office(tmp_path, school, name="otra.sqlite", configure=False)
    assert "otra oficina" in rejected(other, bundle, "destinatario")
    other.close()


def test_unknown_installation_is_refused(setup, tmp_path):
    _, central, _ = setup
    stranger = plantel(tmp_path, cct="30DCM0011K", seed=5)
    office(tmp_path, stranger, name="ajena.sqlite").close()
    bundle = export(stranger, tmp_path / "usb2")
    assert "no está registrada" in rejected(central, bundle, "desconocida")
    stranger.close()


def test_newer_format_is_refused_with_advice_to_update(setup, tmp_path):
    school, central, bundle = setup
    newer = rewrite_bundle(bundle, tmp_path / "nuevo.seg", school,
                           change_manifest=lambda m: m.update(format=2))
    assert "Actualice el programa" in rejected(central, newer, "version")


def test_decompression_bomb_is_stopped(setup, tmp_path):
    school, central, bundle = setup
    bomb = rewrite_bundle(bundle, tmp_path / "bomba.seg", school, plain=b" " * 50_000_000,
                          change_manifest=lambda m: m.update(plain_size=2000))
    assert "posible archivo malicioso" in rejected(central, bomb, "limite")


def test_malformed_record_is_refused_naming_the_field(setup, tmp_path):
    school, central, bundle = setup
    line = b'{"t":"student","id":"x1","curp":"","updated_at":1,"origin":"o","deleted":false}\n'
    bad = rewrite_bundle(bundle, tmp_path / "malo.seg", school, plain=line,
                         change_manifest=lambda m: m.update(
                             plain_size=len(line),
                             counts={"students": 1, "responses": 0, "contact_attempts": 0}))
    assert "línea 1" in rejected(central, bad, "contenido")


def test_declared_size_out_of_proportion_is_refused_before_decrypting(setup, tmp_path):
    school, central, bundle = setup
    liar = rewrite_bundle(bundle, tmp_path / "grande.seg", school,
                          change_manifest=lambda m: m.update(plain_size=10 ** 12))
    rejected(central, liar, "limite")


def test_same_bundle_twice_changes_nothing(setup):
    _, central, bundle = setup
    central.merge([bundle])
    before = everything(central)
    again = central.merge([bundle]).outcomes[0]
    assert again.accepted and again.duplicate and again.ack_path.exists()
    assert everything(central) == before


@pytest.mark.skipif(shutil.which("age") is None, reason="the age command-line tool is missing")
def test_standard_age_tool_decrypts_the_payload(setup, tmp_path):
    _, central, bundle = setup
    key = tmp_path / "clave.txt"
    key.write_text(central.identity().age_identities[0] + "\n")
    with tarfile.open(bundle) as tar:
        tar.extract("payload.jsonl.gz.age", tmp_path, filter="data")
    plain = subprocess.run(["age", "-d", "-i", str(key), str(tmp_path / "payload.jsonl.gz.age")],
                           capture_output=True, check=True).stdout
    lines = gzip.decompress(plain).decode().splitlines()
    assert len(lines) == 8 + 3 and '"t":"student"' in lines[0]


def test_bundle_from_a_revoked_pc_is_refused(setup):
    school, central, bundle = setup
    assert central.revoke(school.store.installation_id)
    assert "dada de baja" in rejected(central, bundle, "revocada")
