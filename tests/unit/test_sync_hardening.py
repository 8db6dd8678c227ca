"""Issue 10: forged, out-of-range and smuggled content in signed bundles and acks.

What the office keeps or refuses runs on both stores (``two_stores``: a SQLite file, then a
database on the throwaway PostgreSQL cluster); the bundle reader's and the plantel's own
checks on the file only (``two``).
"""

import io
import json
import tarfile

import pytest
from sync_support import answer, copy_database, export, office, plantel, rewrite_bundle

from seguimiento_desktop.domain.ids import MAX_AHEAD_MS, hlc_pack, hlc_unpack
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.acks import inside
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.lines import response_line, student_line
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401
from tests.central_pg.store_content import everything

P1, P2 = "14DCT0099Z", "30DCM0011K"


def records_of(workspace, table="students"):
    """Every row of ``table`` of a plantel as the bundle record it would travel as."""
    encode = {"students": lambda row: student_line(row, "completo", None),
              "responses": response_line}[table]
    rows = sync_state.changed_rows(workspace.store.db, table, 0, 1 << 62)
    return [json.loads(encode(row)) for row in rows]


def forge(source, target, workspace, records, **manifest):
    """A bundle signed by ``workspace``'s own key that carries ``records``."""
    plain = "".join(json.dumps(r) + "\n" for r in records).encode()
    counts = {"students": 0, "responses": 0, "contact_attempts": 0}
    for record in records:
        counts[{"student": "students", "response": "responses"}[record["t"]]] += 1
    return rewrite_bundle(source, target, workspace, plain=plain, change_manifest=lambda m: m.update(
        plain_size=len(plain), counts=counts, **manifest))


def refused(central, path, reason):
    before = everything(central)
    outcome = central.merge([path]).outcomes[0]
    assert not outcome.accepted and outcome.reason == reason, outcome.message
    assert everything(central) == before
    return outcome.message


def _two(tmp_path, address=None):
    first, second = plantel(tmp_path, P1, 3, seed=1), plantel(tmp_path, P2, 3, seed=2)
    central = office(tmp_path, first, second, address=address)
    assert central.merge([export(second, tmp_path / "p2")]).outcomes[0].accepted
    yield first, second, central, export(first, tmp_path / "p1")
    for workspace in (first, second, central):
        workspace.close()


@pytest.fixture
def two(tmp_path):
    yield from _two(tmp_path)


@pytest.fixture
def two_stores(tmp_path, central_address):
    yield from _two(tmp_path, central_address)


# --- 3. An enrolled plantel writes only its own records ----------------------------


def test_another_planteles_record_with_its_origin_is_refused(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    victim = records_of(second)[0]
    victim.update(given_names="FALSIFICADO", updated_at=victim["updated_at"] + 1000)
    forged = forge(bundle, tmp_path / "f.seg", first, [victim])
    assert "no puede modificar los datos de otro" in refused(central, forged, "contenido")


def test_another_planteles_record_id_under_its_own_origin_is_only_a_conflict(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    victim = records_of(second)[0]
    victim.update(given_names="FALSIFICADO", origin=first.store.installation_id,
                  updated_at=victim["updated_at"] + 1000)
    outcome = central.merge([forge(bundle, tmp_path / "f.seg", first, [victim])]).outcomes[0]
    assert outcome.accepted and outcome.counts.updated == 0 and outcome.counts.conflicts == 1
    names = [c for c in central.conflicts() if c.field == "given_names"]
    assert len(names) == 1  # the genuine version is kept, for review
    assert "FALSIFICADO" in (names[0].kept_value, names[0].other_value)
    assert names[0].kept_value != names[0].other_value


def test_a_version_from_another_plantel_never_supersedes_one_it_claims_to_edit():
    from seguimiento_desktop.sync.merge import _dominates
    older = {"updated_at": 10, "origin": "pc-captura-p2", "school_cct": P2}
    newer = {"updated_at": 20, "origin": "pc-p1", "base_updated_at": 10,
             "base_origin": "pc-captura-p2"}
    assert not _dominates({**newer, "school_cct": P1}, older)
    assert _dominates({**newer, "school_cct": P2}, older)


def test_a_claim_to_have_edited_another_planteles_version_is_refused(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    victim = records_of(second)[0]
    victim.update(given_names="FALSIFICADO", origin=first.store.installation_id,
                  base_updated_at=victim["updated_at"], base_origin=victim["origin"],
                  updated_at=victim["updated_at"] + 1000)
    forged = forge(bundle, tmp_path / "f.seg", first, [victim])
    assert "a nombre de una PC de " + P2 in refused(central, forged, "contenido")


def test_the_plantel_comes_from_the_enrollment_not_the_payload(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    own = records_of(first)
    for record in own:
        record["school_cct"] = P2
    assert central.merge([forge(bundle, tmp_path / "f.seg", first, own)]).outcomes[0].accepted
    ccts = dict(central.store.db.execute(
        "SELECT school_cct, count(*) FROM students GROUP BY 1").fetchall())
    assert ccts == {P1: 3, P2: 3}


def test_a_response_for_another_planteles_student_is_refused(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    answer(first, first.find_students()[0].curp)
    response = records_of(first, "responses")[0]
    response["student_id"] = records_of(second)[0]["id"]
    forged = forge(bundle, tmp_path / "f.seg", first, records_of(first) + [response])
    assert "otro plantel" in refused(central, forged, "contenido")


# --- 4. Stamps far in the future -------------------------------------------------------


def test_a_stamp_at_the_end_of_time_is_refused(two_stores, tmp_path):
    first, _, central, bundle = two_stores
    own = records_of(first)
    own[1]["updated_at"] = (1 << 63) - 1
    message = refused(central, forge(bundle, tmp_path / "f.seg", first, own), "contenido")
    assert "línea 2" in message and "reloj" in message
    assert central.store.clock.last < hlc_pack(2 ** 44, 0)


def test_a_stamp_within_the_tolerance_is_merged_and_moves_the_clock(two_stores, tmp_path):
    first, _, central, bundle = two_stores
    own = records_of(first)
    ahead = own[0]["updated_at"] + ((MAX_AHEAD_MS // 2) << 16)
    own[0]["updated_at"] = ahead
    assert central.merge([forge(bundle, tmp_path / "f.seg", first, own)]).outcomes[0].accepted
    assert central.store.clock.last >= ahead


def test_a_bundle_dated_in_the_future_is_refused(two_stores, tmp_path):
    first, _, central, bundle = two_stores
    forged = forge(bundle, tmp_path / "f.seg", first, records_of(first),
                   created_at="2999-01-01T00:00:00+00:00")
    assert "futuro" in refused(central, forged, "contenido")


# --- 5 and 6. Manifest fields: type and range before use ---------------------------


@pytest.mark.parametrize("change", [
    {"created_at": "x/../../../../tmp/fuera"}, {"created_at": "2026-13-45T00:00:00+00:00"},
    {"cct": "../../evil"}, {"installation_id": "../x"}, {"seq": 2 ** 63},
    {"base_seq": 2 ** 63}, {"seq": 2 ** 70, "base_seq": 2 ** 69}, {"seq": 0},
    {"payload_sha256": "zz"}, {"app_version": "1.0\n<script>"}, {"profile": "todo"},
    {"recipients": ["age1" + "q" * 58, 5]}, {"counts": {"students": -1}}])
def test_out_of_range_manifest_fields_are_refused_as_malformed(two, tmp_path, change):
    first, _, central, bundle = two
    forged = rewrite_bundle(bundle, tmp_path / "f.seg", first,
                            change_manifest=lambda m: m.update(change))
    assert "no es un paquete" in refused(central, forged, "formato")
    assert not list(tmp_path.glob("tmp/fuera*")) and not (tmp_path / "evil").exists()


def test_a_malformed_bundle_does_not_stop_the_batch(two_stores, tmp_path):
    first, _, central, bundle = two_stores
    bad = rewrite_bundle(bundle, tmp_path / "a.seg", first,
                         change_manifest=lambda m: m.update(seq=2 ** 63))
    outcomes = central.merge([bad, bundle]).outcomes
    assert {o.path.name: o.accepted for o in outcomes} == {bad.name: False, bundle.name: True}


def test_ack_file_names_stay_in_the_chosen_folder(tmp_path):
    assert inside(tmp_path, "ok.acuse") == tmp_path / "ok.acuse"
    for name in ("../x.acuse", "a/b.acuse", "..", ""):
        with pytest.raises(SyncError):
            inside(tmp_path, name)


def test_an_ack_with_a_huge_number_is_refused_in_spanish(two, tmp_path):
    first, second, central, bundle = two
    ack = central.merge([bundle]).outcomes[0].ack_path
    document = json.loads(ack.read_text())
    from seguimiento_desktop.sync.signed import make_document
    document["body"]["seq"] = 2 ** 70
    forged = tmp_path / "acuse.acuse"
    forged.write_bytes(make_document("ack", document["body"], central.identity().signing_key))
    with pytest.raises(SyncError, match="fuera de rango"):
        first.import_ack(forged)


# --- 7. Exactly three members ------------------------------------------------------


def test_bytes_after_the_payload_are_refused(two, tmp_path):
    _, _, central, bundle = two
    smuggled = tmp_path / "extra.seg"
    smuggled.write_bytes(bundle.read_bytes() + b"x" * 512)
    assert refused(central, smuggled, "formato")


def test_an_extra_tar_member_is_refused(two, tmp_path):
    _, _, central, bundle = two
    data = bundle.read_bytes()[:-1024]  # drop the end-of-archive marker, add a member
    extra = io.BytesIO()
    with tarfile.open(fileobj=extra, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo("extra.txt")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"hola\n"))
    smuggled = tmp_path / "extra.seg"
    smuggled.write_bytes(data + extra.getvalue())
    assert refused(central, smuggled, "formato")


def test_a_bundle_cut_in_its_end_marker_is_incomplete(two, tmp_path):
    _, _, central, bundle = two
    cut = tmp_path / "cut.seg"
    cut.write_bytes(bundle.read_bytes()[:-700])
    assert refused(central, cut, "incompleto")


# --- 2. Numbering continues after a restored backup ---------------------------------


def _restore(school, backup):
    path = school.store.path
    school.close()
    copy_database(backup, path)
    return Workspace.open(path)


def test_a_restored_backup_does_not_reuse_a_bundle_number(tmp_path):
    school = plantel(tmp_path, count=2)
    office(tmp_path, school)
    assert school.export_bundle(tmp_path).seq == 1
    backup = copy_database(school.store.path, tmp_path / "respaldo.sqlite")
    assert school.export_bundle(tmp_path).seq == 2
    school = _restore(school, backup)
    assert school.export_bundle(tmp_path).seq == 3


def test_an_ack_of_a_forgotten_bundle_raises_the_numbering(tmp_path):
    school = plantel(tmp_path, count=2)
    central = office(tmp_path, school)
    backup = copy_database(school.store.path, tmp_path / "respaldo.sqlite")
    first, second = export(school, tmp_path / "a"), export(school, tmp_path / "b")
    ack = central.merge([first, second]).outcomes[1].ack_path
    school = _restore(school, backup)
    (school.store.path.parent / (school.store.path.name + ".numeracion.json")).unlink()
    with pytest.raises(SyncError, match="llevará el número 3"):
        school.import_ack(ack)
    assert school.export_bundle(tmp_path).seq == 3


# --- The merge's own bookkeeping keys cannot be smuggled in a line -------------------


def test_a_record_cannot_claim_another_plantel_delivered_it(two_stores, tmp_path):
    first, second, central, bundle = two_stores
    answer(first, first.find_students()[0].curp)
    response = records_of(first, "responses")[0]
    response.update(student_id=records_of(second)[0]["id"], delivered_by=P2)
    forged = forge(bundle, tmp_path / "f.seg", first, records_of(first) + [response])
    assert "otro plantel" in refused(central, forged, "contenido")


def test_answers_nested_deeper_than_the_merge_can_read_are_refused_in_spanish(two, tmp_path):
    """orjson reads 1,023 levels, the json module the merge parks and reads answers with
    about 1,000: such answers, for a student not yet arrived (parked), crashed the merge."""
    first, _, central, bundle = two
    answer(first, first.find_students()[0].curp)
    response = records_of(first, "responses")[0]
    response.update(student_id="s-sin-llegar", answers="@")
    line = json.dumps(response, separators=(",", ":")).replace(
        '"answers":"@"', '"answers":{"p1":' + "[" * 1010 + "]" * 1010 + "}")
    plain = (line + "\n").encode()
    forged = rewrite_bundle(bundle, tmp_path / "f.seg", first, plain=plain,
                            change_manifest=lambda m: m.update(plain_size=len(plain), counts={
                                "students": 0, "responses": 1, "contact_attempts": 0}))
    assert "no es un paquete de Seguimiento de Egresados o está dañado" in refused(
        central, forged, "formato")


def test_answers_text_cannot_be_smuggled_past_the_checks(two_stores, tmp_path):
    first, _, central, bundle = two_stores
    answer(first, first.find_students()[0].curp)
    response = records_of(first, "responses")[0]
    response.update(_answers_text="esto no es JSON", _confirmed_text="[")
    forged = forge(bundle, tmp_path / "f.seg", first, records_of(first) + [response])
    assert central.merge([forged]).outcomes[0].accepted
    stored = central.store.db.execute("SELECT answers, confirmed FROM responses WHERE id = ?",
                                      [response["id"]]).fetchone()
    assert [json.loads(text) for text in stored] == [{}, []]


# --- 1. A full clock counter must not make the latest edit lose ---------------------


def test_the_last_edit_wins_after_the_counter_fills_up(tmp_path, central_address):
    """The issue's case in small: a PC whose clock is behind the sync clock (it merged a
    fast capture PC) has used up the counter of an odd millisecond when it edits again."""
    from dataclasses import replace as changed

    from seguimiento_desktop.domain.ids import HybridClock
    school = plantel(tmp_path, count=2)
    central = office(tmp_path, school, address=central_address)
    person = school.find_students()[0]
    fast = ((max(s.updated_at for s in school.find_students()) >> 16) + 3_600_000) | 1  # odd
    school.store.clock = HybridClock(hlc_pack(fast, 65534), wall_ms=lambda: 0)
    school.save_student(changed(person, phone="3311111111"))
    central.merge([export(school, tmp_path / "a")])
    school.save_student(changed(school.student_by_curp(person.curp), phone="3322222222"))
    assert hlc_unpack(school.student_by_curp(person.curp).updated_at) == (fast + 1, 0)
    assert central.merge([export(school, tmp_path / "b")]).outcomes[0].accepted
    phones = central.store.db.execute("SELECT phone FROM students WHERE curp = ?",
                                      [person.curp])
    assert phones.fetchone()[0] == "3322222222"


def test_numbering_continues_after_the_restore_command(tmp_path):
    school = plantel(tmp_path, count=2)
    office(tmp_path, school)
    assert school.export_bundle(tmp_path).seq == 1
    backup = school.backup(tmp_path / "respaldo.sqlite")
    assert school.export_bundle(tmp_path).seq == 2
    school.restore_backup(backup)
    assert school.export_bundle(tmp_path).seq == 3
