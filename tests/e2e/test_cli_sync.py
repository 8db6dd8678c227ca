"""The USB journey through the real entry point: plantel → stick → central office → acuse."""

import json
import os
import subprocess
import sys

import pytest
from tests.conftest import raw_connection


def test_full_journey_from_plantel_to_central_and_back(run_cli, db_path, tmp_path):
    central, usb = tmp_path / "central.sqlite", tmp_path / "usb"
    usb.mkdir()
    run_cli("demo", "--alumnos", "80", db=db_path, check=True)
    request = tmp_path / "solicitud.json"
    enrolled = json.loads(run_cli("sync", "enrollment", "--out", str(request), "--json",
                                  db=db_path, check=True).stdout)
    assert enrolled["cct"] == "14DCT0099Z" and len(enrolled["huella"]["palabras"].split()) == 12

    office = json.loads(run_cli("central", "--db", str(central), "init", "--nombre",
                                "Oficina estatal", "--perfil", "completo", "--json",
                                check=True).stdout)
    run_cli("central", "--db", str(central), "enroll", str(request),
            "--huella", enrolled["huella"]["palabras"], check=True)
    package = tmp_path / "configuracion.json"
    run_cli("central", "--db", str(central), "config-package", "--out", str(package), check=True)

    wrong = run_cli("sync", "import-config", str(package), "--huella", "0000 0000", db=db_path)
    assert wrong.returncode == 1 and "huella" in wrong.stderr
    imported = json.loads(run_cli("sync", "import-config", str(package), "--huella",
                                  office["huella"]["hex"], "--json", db=db_path,
                                  check=True).stdout)
    assert imported["primera_vez"] and imported["perfil"] == "completo"

    first = json.loads(run_cli("sync", "export", "--out", str(usb), "--json", db=db_path,
                               check=True).stdout)
    assert first["numero"] == 1 and first["registros"]["alumnos"] == 80

    merged = json.loads(run_cli("central", "--db", str(central), "merge", first["archivo"],
                                "--acks", str(tmp_path), "--json", check=True).stdout)
    bundle = merged["paquetes"][0]
    assert bundle["aceptado"] and bundle["nuevos"] == sum(first["registros"].values())
    assert merged["rechazados"] == 0 and merged["faltantes"] == []

    acked = json.loads(run_cli("sync", "import-ack", bundle["acuse"], "--json", db=db_path,
                               check=True).stdout)
    assert acked["pendientes"] == {"alumnos": 0, "respuestas": 0, "intentos_contacto": 0}

    second = json.loads(run_cli("sync", "export", "--out", str(usb), "--json", db=db_path,
                                check=True).stdout)
    assert second["numero"] == 2 and sum(second["registros"].values()) == 0
    assert second["bytes"] < first["bytes"] / 4

    status = json.loads(run_cli("central", "--db", str(central), "status", "--json",
                                check=True).stdout)
    school = status["planteles"][0]
    assert school["cct"] == "14DCT0099Z" and school["alumnos"] == 80
    assert school["instalaciones"][0]["ultimo_paquete"] == 1
    with raw_connection(db_path) as conn:
        answered = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
    assert sum(school["respuestas"].values()) == answered


def test_rejected_bundle_exits_non_zero_with_a_spanish_reason(run_cli, db_path, tmp_path):
    central = tmp_path / "central.sqlite"
    run_cli("central", "--db", str(central), "init", "--nombre", "Oficina", check=True)
    junk = tmp_path / "14DCT0099Z_2026-01-01_paquete-0001_abcd.seg"
    junk.write_bytes(b"esto no es un paquete" * 100)
    result = run_cli("central", "--db", str(central), "merge", str(junk), "--json")
    assert result.returncode == 1
    outcome = json.loads(result.stdout)["paquetes"][0]
    assert not outcome["aceptado"] and "no es un paquete" in outcome["mensaje"]


def test_central_commands_need_their_database(run_cli):
    result = run_cli("central", "status")
    assert result.returncode == 1 and "--db" in result.stderr


def test_central_gui_command_opens_the_office_window(run_cli, tmp_path, monkeypatch):
    """`seguimiento central --db C gui`, headless: shown, then closed by the smoke-test hook;
    a database that does not exist yet is not created just by looking."""
    office = tmp_path / "oficina.sqlite"
    monkeypatch.setenv("SEGUIMIENTO_EXIT_WHEN_SHOWN", "1")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    result = run_cli("central", "--db", str(office), "gui")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["seguimiento-window"]
    assert not office.exists()


@pytest.mark.parametrize("answer, enrolled", [("s\n", True), ("sí\n", True), ("n\n", False),
                                              ("\n", False)])
def test_enroll_asks_in_spanish_to_compare_the_fingerprint(run_cli, tmp_path, answer, enrolled):
    plantel, office = tmp_path / "plantel.sqlite", tmp_path / "oficina.sqlite"
    request = tmp_path / "solicitud.json"
    run_cli("init", "--cct", "14DCT0099Z", "--nombre", "CBTIS 299", db=plantel, check=True)
    run_cli("sync", "enrollment", "--out", str(request), db=plantel, check=True)
    run_cli("central", "--db", str(office), "init", "--nombre", "Oficina", check=True)
    command = [sys.executable, "-m", "seguimiento_desktop", "central", "--db", str(office),
               "enroll", str(request)]
    result = subprocess.run(command, input=answer, capture_output=True, text=True,
                            encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "¿Coincide con la que le dictó el plantel? [s/N]" in result.stderr
    assert (result.returncode == 0) == enrolled
    if not enrolled:
        assert "la huella no se confirmó" in result.stderr
