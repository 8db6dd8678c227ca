"""`seguimiento reparar`: a damaged database is named as such and goes back to its newest
good backup, the damaged file kept aside."""

import json

from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import automatic_backups
from tests.unit.test_integrity import damage


def test_a_damaged_database_leads_to_its_newest_good_backup(run_cli, db_path):
    with Workspace.open(db_path) as workspace:
        workspace.fill_demo(70, with_followup=False)
        assert automatic_backups.run_automatic_backup(workspace.store).ok
    damage(db_path)
    listed = run_cli("students", "list", db=db_path)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert "está dañado" in listed.stderr and "seguimiento reparar" in listed.stderr
    assert "70 alumnos" in listed.stderr
    repaired = run_cli("reparar", "--si", "--json", db=db_path)
    assert repaired.returncode == 0, repaired.stderr
    answer = json.loads(repaired.stdout)
    assert answer["danada"] and answer["alumnos"] == 70
    with Workspace.open(db_path) as workspace:
        assert workspace.count_students() == 70
    again = run_cli("reparar", db=db_path)
    assert again.returncode == 0 and "no hay nada que reparar" in again.stdout


def test_an_encrypted_plantel_is_repaired_with_the_users_password(run_cli, db_path):
    """The key comes from the user's slot in the key file, without opening the damaged
    database; the newest good backup is read with it and stays encrypted in place."""
    from seguimiento_desktop.storage import encryption
    from tests.conftest import signed_in
    run_cli("demo", "--alumnos", "70", db=db_path, check=True)
    with signed_in(db_path) as workspace:
        assert automatic_backups.run_automatic_backup(workspace.store).ok
    damage(db_path)
    listed = run_cli("students", "list", db=db_path)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert "está dañado" in listed.stderr and "70 alumnos" in listed.stderr
    wrong = run_cli("reparar", "--si", db=db_path, env={"SEGUIMIENTO_CONTRASENA": "mala"})
    assert wrong.returncode == 1 and "Usuario o contraseña incorrectos" in wrong.stderr
    repaired = run_cli("reparar", "--si", "--json", db=db_path)
    assert repaired.returncode == 0, repaired.stderr
    assert json.loads(repaired.stdout)["alumnos"] == 70
    assert encryption.is_encrypted(db_path)
    with signed_in(db_path) as workspace:
        assert workspace.count_students() == 70
