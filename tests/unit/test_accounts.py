"""Accounts through the core façade: key slots, roles at the door, recovery, slow-down."""

import json
import os
import stat
import time

import pytest

from seguimiento_desktop.accounts import keyslots
from seguimiento_desktop.accounts.roles import ADMINISTRATION, USE_CASES, permission_for
from seguimiento_desktop.accounts.usecases import NotAllowed, SignInFailed
from seguimiento_desktop.demo import DEMO_SCHOOL
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.services import Workspace
from tests.conftest import TEST_PASSWORD, TEST_USER, add_administrator


@pytest.fixture
def plantel(db_path):
    """A demo plantel (20 students) with its administrator; the recovery code."""
    with Workspace.open(db_path) as workspace:
        workspace.fill_demo(20, with_followup=False)
    return add_administrator(db_path)


def sign_in(db_path, name=TEST_USER, password=TEST_PASSWORD, now=None):
    return Workspace.sign_in(db_path, name, password, now=now)


def test_slots_are_beside_the_database_private_and_hold_no_key_in_clear(db_path, plantel):
    sidecar = keyslots.sidecar_path(db_path)
    data = json.loads(sidecar.read_text())
    assert set(data["ranuras"]) == {"usuario:admin", keyslots.RECOVERY_SLOT}
    assert stat.S_IMODE(os.stat(sidecar).st_mode) == 0o600
    with sign_in(db_path) as workspace:
        key = workspace.session.key
    assert key.hex() not in sidecar.read_text() and len(key) == 32
    assert data["ranuras"]["usuario:admin"]["n"] == keyslots.TEST_KDF["n"]


def test_a_password_is_right_iff_its_slot_opens(db_path, plantel):
    with sign_in(db_path) as workspace:
        assert workspace.account.role == "administrador"
        workspace.create_user("ana.perez", "Ana Pérez", "capturista", "clave-de-ana")
    with sign_in(db_path, "ana.perez", "clave-de-ana") as ana:
        assert ana.account.full_name == "Ana Pérez"
    with pytest.raises(SignInFailed, match="incorrectos"):
        sign_in(db_path, "ana.perez", "otra-clave")
    with pytest.raises(SignInFailed, match="incorrectos"):
        sign_in(db_path, "nadie", TEST_PASSWORD)


def test_a_slot_copied_under_another_name_does_not_open(db_path, plantel):
    sidecar = keyslots.sidecar_path(db_path)
    data = json.loads(sidecar.read_text())
    with sign_in(db_path) as workspace:
        workspace.create_user("beto", "Beto Ruiz", "administrador", "clave-de-beto")
    data = json.loads(sidecar.read_text())
    data["ranuras"]["usuario:beto"] = data["ranuras"]["usuario:admin"]
    sidecar.write_text(json.dumps(data))
    with pytest.raises(SignInFailed):
        sign_in(db_path, "beto", TEST_PASSWORD)


def test_changing_a_password_rewraps_one_slot_and_removing_a_user_removes_it(db_path, plantel):
    with sign_in(db_path) as workspace:
        workspace.create_user("ana", "Ana Pérez", "orientador", "clave-de-ana")
        before = json.loads(keyslots.sidecar_path(db_path).read_text())["ranuras"]
        workspace.change_password("ana", "nueva-clave-ana")
        after = json.loads(keyslots.sidecar_path(db_path).read_text())["ranuras"]
        assert before["usuario:ana"] != after["usuario:ana"]
        assert {k: v for k, v in before.items() if k != "usuario:ana"} == {
            k: v for k, v in after.items() if k != "usuario:ana"}
        workspace.deactivate_user("ana")
        assert "usuario:ana" not in json.loads(keyslots.sidecar_path(db_path).read_text())[
            "ranuras"]
        assert [u.active for u in workspace.users() if u.name == "ana"] == [False]
        with pytest.raises(InvalidData, match="propia cuenta"):
            workspace.deactivate_user("admin")
    with pytest.raises(SignInFailed):
        sign_in(db_path, "ana", "nueva-clave-ana")


@pytest.mark.parametrize("role, refused", [
    ("capturista", ["find_students", "export_responses", "backup", "users", "export_bundle",
                    "render_contact_list", "import_roster", "audit_log"]),
    ("orientador", ["backup", "restore_backup", "users", "audit_log", "create_user",
                    "import_config", "fill_demo"]),
])
def test_each_role_is_refused_at_the_facade_in_spanish(db_path, plantel, tmp_path, role, refused):
    with sign_in(db_path) as admin:
        admin.create_user("persona", "Una Persona", role, "clave-de-persona")
    with sign_in(db_path, "persona", "clave-de-persona") as workspace:
        for use_case in refused:
            with pytest.raises(NotAllowed, match=rf"^Su cuenta \({role}\) no permite "):
                getattr(workspace, use_case)(*_arguments(use_case, tmp_path))
        assert workspace.school().cct == DEMO_SCHOOL.cct  # what every role may do
        case = workspace.open_case(workspace.store.db.execute(
            "SELECT curp FROM students LIMIT 1").fetchone()[0])
        assert case  # capture finds a person by CURP, whatever the role


def _arguments(use_case: str, tmp_path) -> tuple:
    return {"backup": (tmp_path / "r.sqlite",), "restore_backup": (tmp_path / "r.sqlite",),
            "export_responses": ("C1", tmp_path / "x.csv"), "export_bundle": (tmp_path,),
            "render_contact_list": ("2020-2023", "C2", tmp_path / "l.pdf"),
            "import_roster": (tmp_path / "l.csv", "2023-2026"),
            "create_user": ("x", "X", "capturista", "clave-clave"),
            "import_config": (tmp_path / "c.json",), "fill_demo": (5,)}.get(use_case, ())


def test_an_unsigned_workspace_on_a_database_with_accounts_does_nothing(db_path, plantel):
    with Workspace.open(db_path) as workspace:
        with pytest.raises(NotAllowed, match="Inicie sesión"):
            workspace.find_students()


def test_every_use_case_in_the_table_exists():
    missing = [name for name in USE_CASES if not hasattr(Workspace, name)]
    assert missing == []
    assert permission_for("a_new_use_case") == ADMINISTRATION  # administrator-only by default
    assert Workspace.find_students.permission == "directorio"


def test_repeated_failures_slow_further_attempts(db_path, plantel):
    start = time.time()
    for attempt in range(3):  # three mistakes are free
        with pytest.raises(SignInFailed, match="incorrectos"):
            sign_in(db_path, password="equivocada", now=start + attempt)
    with pytest.raises(SignInFailed, match=r"Espere 1 segundo y"):
        sign_in(db_path, now=start + 3)  # even the right password waits 2 s after the third
    with pytest.raises(SignInFailed, match="incorrectos"):
        sign_in(db_path, password="equivocada", now=start + 4)
    with pytest.raises(SignInFailed, match=r"Espere 3 segundos"):
        sign_in(db_path, now=start + 5)  # then 4 s
    with pytest.raises(SignInFailed, match="incorrectos"):
        sign_in(db_path, password="equivocada", now=start + 8)
    with Workspace.open(db_path) as workspace:
        assert workspace.seconds_before_next_attempt(now=start + 8) == 8
    assert [keyslots.failure_delay(n) for n in (2, 3, 4, 5, 12)] == [0, 2, 4, 8, 300]
    with sign_in(db_path, now=start + 17) as workspace:  # the wait is over: counter reset
        assert workspace.seconds_before_next_attempt() == 0


def test_the_recovery_code_resets_a_forgotten_admin_password(db_path, plantel):
    code = plantel
    typed = code.lower().replace("-", " ").replace("0", "o")  # as a person may type it
    with Workspace.recover(db_path, typed, "admin", "una-clave-nueva") as workspace:
        assert workspace.account.name == "admin"
        issued = workspace.new_recovery_code
    assert issued and issued != code
    with pytest.raises(SignInFailed):
        sign_in(db_path)
    sign_in(db_path, password="una-clave-nueva").close()
    with pytest.raises(SignInFailed, match="no corresponde"):
        Workspace.recover(db_path, "0000-0000-0000-0000-0000-0000", "admin", "otra-clave-x")
    with pytest.raises(SignInFailed, match="no corresponde"):  # a used code is spent
        Workspace.recover(db_path, code, "admin", "otra-clave-x")
    Workspace.recover(db_path, issued, "admin", "otra-clave-y").close()  # the new one works
    sign_in(db_path, password="otra-clave-y").close()


def test_the_real_scrypt_parameters_take_a_noticeable_fraction_of_a_second(monkeypatch):
    monkeypatch.delenv(keyslots.TEST_KDF_ENV)
    slot = keyslots.wrap(b"k" * 32, "clave-de-verdad", "usuario:x")
    assert slot["n"] == 2 ** 17
    start = time.perf_counter()
    assert keyslots.unwrap(slot, "clave-de-verdad", "usuario:x") == b"k" * 32
    assert 0.05 < time.perf_counter() - start < 5


def test_a_second_administrator_cannot_be_created_without_signing_in(db_path, plantel):
    with Workspace.open(db_path) as workspace:
        with pytest.raises(InvalidData, match="ya tiene administrador"):
            workspace.create_administrator("otro", "Otro", "clave-de-otro")
