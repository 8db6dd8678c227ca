"""Data minimisation through the real command: a new office gets pseudonymised data, the
plantel is told before export what leaves it, and the office never sees a name or CURP."""

import json
from tests.conftest import raw_connection


def test_a_new_office_receives_no_names_and_the_plantel_is_told(run_cli, tmp_path):
    plantel, central, usb = tmp_path / "plantel.sqlite", tmp_path / "oficina.sqlite", tmp_path / "usb"
    usb.mkdir()
    run_cli("demo", "--alumnos", "40", db=plantel, check=True)
    request = tmp_path / "solicitud.json"
    enrolled = json.loads(run_cli("sync", "enrollment", "--out", str(request), "--json",
                                  db=plantel, check=True).stdout)
    office = json.loads(run_cli("central", "--db", str(central), "init", "--nombre", "Oficina",
                                "--json", check=True).stdout)
    assert office["perfil"] == "seudonimizado"
    run_cli("central", "--db", str(central), "enroll", str(request), "--huella",
            enrolled["huella"]["hex"], check=True)
    package = tmp_path / "config.json"
    run_cli("central", "--db", str(central), "config-package", "--out", str(package), check=True)
    run_cli("sync", "import-config", str(package), "--huella", office["huella"]["hex"],
            db=plantel, check=True)
    exported = run_cli("sync", "export", "--out", str(usb), "--json", db=plantel, check=True)
    assert exported.stderr.startswith("Perfil «seudonimizado»")
    assert "se quedan en el plantel" in exported.stderr
    assert json.loads(exported.stdout)["perfil"] == "seudonimizado"
    run_cli("central", "--db", str(central), "merge", *map(str, usb.glob("*.seg")), check=True)
    with raw_connection(plantel) as conn:
        names = {row[0] for row in conn.execute("SELECT first_surname FROM students")}
        curps = {row[0] for row in conn.execute("SELECT curp FROM students")}
    with raw_connection(central) as conn:
        rows = conn.execute("SELECT curp, first_surname, phone FROM students").fetchall()
    assert len(rows) == 40
    assert not {r[0] for r in rows} & curps and {r[1] for r in rows} == {""}
    assert not names & {r[1] for r in rows} and {r[2] for r in rows} == {""}
