"""What people read says dates as in Mexico (local «30/11/2026 19:00») and counts as Spanish
does («1 alumno», «2 alumnos»); --json keeps ISO dates for scripts."""

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ISO_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
MEXICO = ZoneInfo("America/Mexico_City")


def shown(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone(MEXICO).strftime("%d/%m/%Y %H:%M")


@pytest.fixture
def acknowledged(run_cli, tmp_path: Path, monkeypatch):
    """A one-student plantel whose first bundle the central office acknowledged."""
    monkeypatch.setenv("TZ", "America/Mexico_City")
    db, central, usb = tmp_path / "plantel.sqlite", tmp_path / "central.sqlite", tmp_path / "usb"
    usb.mkdir()
    demo = run_cli("demo", "--alumnos", "1", db=db, check=True)
    assert "1 alumno ficticio en" in demo.stdout
    request = tmp_path / "solicitud.json"
    words = json.loads(run_cli("sync", "enrollment", "--out", str(request), "--json", db=db,
                               check=True).stdout)["huella"]["palabras"]
    office = json.loads(run_cli("central", "--db", str(central), "init", "--nombre", "Oficina",
                                "--json", check=True).stdout)
    run_cli("central", "--db", str(central), "enroll", str(request), "--huella", words,
            check=True)
    package = tmp_path / "configuracion.json"
    run_cli("central", "--db", str(central), "config-package", "--out", str(package), check=True)
    run_cli("sync", "import-config", str(package), "--huella", office["huella"]["hex"], db=db,
            check=True)
    bundle = json.loads(run_cli("sync", "export", "--out", str(usb), "--json", db=db,
                                check=True).stdout)
    merged = json.loads(run_cli("central", "--db", str(central), "merge", bundle["archivo"],
                                "--acks", str(tmp_path), "--json", check=True).stdout)
    acked = run_cli("sync", "import-ack", merged["paquetes"][0]["acuse"], db=db, check=True)
    assert "0 alumnos, 0 respuestas y 0 intentos de contacto" in acked.stdout
    return db, central


def test_sync_status_shows_local_dates_and_json_keeps_iso(run_cli, acknowledged):
    db, _ = acknowledged
    data = json.loads(run_cli("sync", "status", "--json", db=db, check=True).stdout)
    entry = data["paquetes"][0]
    assert ISO_STAMP.match(entry["creado"]) and ISO_STAMP.match(entry["acuse"])
    text = run_cli("sync", "status", db=db, check=True).stdout
    assert not ISO_STAMP.search(text), text
    assert f"creado {shown(entry['creado'])}" in text and f"acuse {shown(entry['acuse'])}" in text


def test_central_status_shows_local_dates_and_singulars(run_cli, acknowledged):
    _, central = acknowledged
    data = json.loads(run_cli("central", "--db", str(central), "status", "--json",
                              check=True).stdout)
    received = data["planteles"][0]["instalaciones"][0]["ultimo_recibido"]
    text = run_cli("central", "--db", str(central), "status", check=True).stdout
    assert not ISO_STAMP.search(text), text
    assert f"({shown(received)})" in text and ": 1 alumno;" in text
    assert run_cli("central", "--db", str(central), "conflicts",
                   check=True).stdout.strip() == "0 conflictos."


def test_lists_count_in_singular_and_plural(run_cli, tmp_path: Path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "2", db=db, check=True)
    everyone = run_cli("students", "list", db=db, check=True).stdout
    assert everyone.splitlines()[-1] == "2 alumnos."
    curp = everyone.split()[0]
    one = run_cli("students", "list", "--buscar", curp, db=db, check=True).stdout
    assert one.splitlines()[-1] == "1 alumno."
    assert "(s)" not in everyone + one


def test_followup_status_shows_windows_as_mexican_dates(run_cli, tmp_path: Path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "30", db=db, check=True)
    text = run_cli("followup", "status", "--fecha", "2026-11-23", db=db, check=True).stdout
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
    assert re.search(r"2023-2026  C2  \d\d/\d\d/2026 al \d\d/\d\d/2026 \(en curso\)", text), text
    data = json.loads(run_cli("followup", "status", "--fecha", "2026-11-23", "--json", db=db,
                              check=True).stdout)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["abre"]) for line in data)
