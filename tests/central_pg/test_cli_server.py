"""`seguimiento central --db postgresql://…` through the real entry point: every central
command on a server, `central migrate` from a file, and what a person reads when the
password is wrong or missing (the password comes from PGPASSWORD, .pgpass or a prompt)."""

import json

from sync_support import answer, export, office, plantel
from throwaway_pg import PASSWORD


def central(run_cli, address: str, *args: str, check: bool = True):
    result = run_cli("central", "--db", address, *args, check=check)
    return json.loads(result.stdout) if check and "--json" in args else result


def test_the_central_journey_on_a_server(run_cli, tmp_path, pg_url):
    school = plantel(tmp_path, count=5)
    made = central(run_cli, pg_url, "init", "--nombre", "Oficina estatal", "--json")
    request = school.sync_enrollment(tmp_path / "solicitud.json")
    central(run_cli, pg_url, "enroll", str(request.path), "--huella", request.fingerprint.hex)
    package = tmp_path / "configuracion.json"
    central(run_cli, pg_url, "config-package", "--out", str(package))
    school.import_config(package, made["huella"]["hex"])
    answer(school, school.find_students()[0].curp)
    bundle = export(school, tmp_path / "usb")
    merged = central(run_cli, pg_url, "merge", str(bundle), "--json")
    assert merged["paquetes"][0]["aceptado"] and merged["paquetes"][0]["nuevos"] == 6
    again = central(run_cli, pg_url, "merge", str(bundle), "--json")
    assert again["paquetes"][0]["repetido"]
    status = central(run_cli, pg_url, "status", "--json")
    assert [(s["cct"], s["alumnos"]) for s in status["planteles"]] == [("14DCT0099Z", 5)]
    assert central(run_cli, pg_url, "conflicts", "--json") == []
    rotated = central(run_cli, pg_url, "rotate-key", "--json")
    assert rotated["huella"]["hex"] != made["huella"]["hex"]
    central(run_cli, pg_url, "revoke", school.store.installation_id)
    refused = central(run_cli, pg_url, "merge", str(export(school, tmp_path / "usb2")),
                      "--json", check=False)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["paquetes"][0]["motivo"] == "revocada"


def test_migrate_copies_a_file_office_and_the_server_answers_the_same(run_cli, tmp_path,
                                                                        pg_url):
    school = plantel(tmp_path, count=4)
    lite = office(tmp_path, school)
    answer(school, school.find_students()[1].curp)
    lite.merge([export(school, tmp_path / "usb")])
    path = str(lite.store.path)
    lite.close()
    copied = central(run_cli, pg_url, "migrate", "--from", path, "--to", pg_url, "--json")
    rows = {t["tabla"]: t["filas"] for t in copied["tablas"]}
    assert rows["students"] == 4 and rows["responses"] == 1 and rows["sync_received"] == 1
    assert all(len(t["sha256"]) == 64 for t in copied["tablas"])
    assert central(run_cli, pg_url, "status", "--json") == \
        central(run_cli, path, "status", "--json")
    twice = central(run_cli, pg_url, "migrate", "--from", path, "--to", pg_url, check=False)
    assert twice.returncode == 1 and "ya tiene datos" in twice.stderr


def test_a_wrong_or_missing_password_is_said_in_spanish(run_cli, pg_url, monkeypatch,
                                                         tmp_path):
    monkeypatch.setenv("PGPASSWORD", "no-es-esta")
    wrong = central(run_cli, pg_url, "status", check=False)
    assert wrong.returncode == 1 and "no aceptó el usuario o la contraseña" in wrong.stderr
    assert "Traceback" not in wrong.stderr and "no-es-esta" not in wrong.stderr
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "ninguno"))
    missing = central(run_cli, pg_url, "status", check=False)
    assert missing.returncode == 1 and "pide contraseña" in missing.stderr
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:postgres:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    central(run_cli, pg_url, "init", "--nombre", "Oficina")
    assert central(run_cli, pg_url, "status", "--json")["planteles"] == []
