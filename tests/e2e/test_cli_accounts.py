"""Accounts through the real entry point: who may do what, the recovery code, the bitácora."""

import json
import re

import pytest

from tests.conftest import TEST_PASSWORD, TEST_USER, raw_connection


@pytest.fixture
def plantel(run_cli, db_path):
    """`init --usuario` made the administrator; a capturista and an orientador exist.
    Returns the recovery code init printed."""
    made = run_cli("init", "--cct", "14DCT0099Z", "--nombre", "CBTIS 299", "--json",
                   db=db_path, check=True)
    shown = json.loads(made.stdout)  # --json unchanged: the code goes to stderr only
    assert {"cct", "nombre", "base_de_datos"} <= set(shown)
    assert not any("codigo" in key or "usuario" in key for key in shown)
    code = re.search(r"CÓDIGO DE RECUPERACIÓN: (\S+)", made.stderr).group(1)
    assert code not in made.stdout
    for name, role in (("cap", "capturista"), ("ori", "orientador")):
        run_cli("usuarios", "crear", name, "--nombre", f"Persona {name}", "--rol", role,
                db=db_path, check=True, env={"SEGUIMIENTO_CONTRASENA_NUEVA": f"clave-de-{name}"})
    run_cli("demo", "--alumnos", "10", db=db_path, check=True)
    return code


def as_user(name: str) -> dict:
    return {"SEGUIMIENTO_USUARIO": name, "SEGUIMIENTO_CONTRASENA": f"clave-de-{name}"}


def refused(result, role: str) -> None:
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"Su cuenta ({role}) no permite" in result.stderr, result.stderr


def test_each_role_is_refused_what_it_may_not_do(run_cli, db_path, plantel, tmp_path):
    keyer, counselor = as_user("cap"), as_user("ori")
    refused(run_cli("students", "list", db=db_path, env=keyer), "capturista")
    refused(run_cli("export", "csv", "--out", str(tmp_path / "x.csv"), db=db_path, env=keyer),
            "capturista")
    refused(run_cli("backup", str(tmp_path / "r.sqlite"), db=db_path, env=counselor),
            "orientador")
    refused(run_cli("usuarios", "listar", db=db_path, env=counselor), "orientador")
    listed = run_cli("students", "list", "--json", db=db_path, env=counselor, check=True)
    assert len(json.loads(listed.stdout)) == 10  # the directory is the orientador's work
    assert not list(tmp_path.glob("*.csv")) and not (tmp_path / "r.sqlite").exists()


def test_user_from_the_option_or_the_variable_and_a_wrong_password(run_cli, db_path, plantel):
    by_option = run_cli("--usuario", "ori", "students", "list", "--json", db=db_path,
                        env={"SEGUIMIENTO_USUARIO": "", "SEGUIMIENTO_CONTRASENA": "clave-de-ori"})
    assert by_option.returncode == 0, by_option.stderr
    after = run_cli("students", "list", "--usuario", "ori", db=db_path,
                    env={"SEGUIMIENTO_USUARIO": "", "SEGUIMIENTO_CONTRASENA": "clave-de-ori"})
    assert after.returncode == 0, after.stderr
    wrong = run_cli("students", "list", db=db_path, env={"SEGUIMIENTO_CONTRASENA": "mala"})
    assert wrong.returncode == 1 and "Usuario o contraseña incorrectos" in wrong.stderr
    log = json.loads(run_cli("bitacora", "--accion", "inicio_fallido", "--json", db=db_path,
                             check=True).stdout)
    assert [(e["usuario"], e["accion"]) for e in log] == [(TEST_USER, "inicio_fallido")]


def test_the_recovery_code_printed_at_init_sets_a_new_password(run_cli, db_path, plantel):
    new = {"SEGUIMIENTO_CONTRASENA_NUEVA": "clave-nueva-admin"}
    done = run_cli("usuarios", "recuperar", "--codigo", plantel.lower(), db=db_path,
                   check=True, env=new)
    assert run_cli("students", "list", db=db_path).returncode == 1  # the old one is gone
    run_cli("students", "list", db=db_path, check=True,
            env={"SEGUIMIENTO_CONTRASENA": "clave-nueva-admin"})
    issued = re.search(r"CÓDIGO DE RECUPERACIÓN NUEVO: (\S+)", done.stderr).group(1)
    assert issued != plantel and issued not in done.stdout  # shown once, on stderr
    again = run_cli("usuarios", "recuperar", "--codigo", plantel, db=db_path, env=new)
    assert again.returncode == 1 and "no corresponde" in again.stderr  # a used code is spent
    run_cli("usuarios", "recuperar", "--codigo", issued, db=db_path, check=True, env=new)


def test_a_database_without_accounts_says_which_command_creates_one(run_cli, db_path):
    from seguimiento_desktop.services import Workspace
    with Workspace.open(db_path) as workspace:  # as an older version left it
        workspace.fill_demo(5, with_followup=False)
    result = run_cli("students", "list", db=db_path)
    assert result.returncode == 1 and "usuarios crear-administrador" in result.stderr
    made = run_cli("usuarios", "crear-administrador", "--nombre", "Dirección", db=db_path,
                   check=True)
    assert "CÓDIGO DE RECUPERACIÓN" in made.stderr
    run_cli("students", "list", db=db_path, check=True)


def test_the_chain_check_says_where_the_log_was_edited(run_cli, db_path, plantel, tmp_path):
    assert run_cli("bitacora", "--verificar", db=db_path, check=True).stdout.startswith(
        "La bitácora está íntegra")
    out = tmp_path / "bitacora.csv"
    exported = json.loads(run_cli("bitacora", "--exportar", str(out), "--json", db=db_path,
                                  check=True).stdout)
    assert exported["registros"] > 5 and out.read_text(encoding="utf-8-sig").startswith(
        "registro,fecha,usuario")
    with raw_connection(db_path) as raw:
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET user = 'nadie' WHERE seq = 3")
    broken = run_cli("bitacora", "--verificar", "--json", db=db_path)
    assert broken.returncode == 1
    assert json.loads(broken.stdout)["se_rompe_en"] == 3
    assert TEST_PASSWORD not in out.read_text(encoding="utf-8-sig")
