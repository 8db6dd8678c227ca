"""`central resolve`: a script resolves a conflict by the id `central conflicts --json` gives."""

import json
from pathlib import Path

from sync_support import two_pc_conflict

from tests.conftest import add_administrator


def test_resolve_by_id_with_each_choice_and_spanish_errors(run_cli, tmp_path: Path):
    central, main, capture, first = two_pc_conflict(tmp_path)
    path, plantel_db = str(central.store.path), main.store.path
    for workspace in (central, main, capture):
        workspace.close()
    add_administrator(plantel_db)  # made in Python: the CLI signs in as the test user
    listed = json.loads(run_cli("central", "--db", path, "conflicts", "--json",
                                check=True).stdout)
    by_field = {c["campo"]: c for c in listed}
    assert set(by_field) == {"Teléfono", "Correo"} and all(c["id"] for c in listed)

    wrong = run_cli("central", "--db", path, "resolve", by_field["Teléfono"]["id"],
                    "--valor", "12")
    assert wrong.returncode == 1 and "no es válido para «Teléfono»" in wrong.stderr
    both = run_cli("central", "--db", path, "resolve", by_field["Teléfono"]["id"],
                   "--conservar", "--otro")
    assert both.returncode != 0 and "exactamente una" in both.stderr
    unknown = run_cli("central", "--db", path, "resolve", "nada", "--conservar")
    assert unknown.returncode == 1 and "No hay un conflicto abierto" in unknown.stderr

    done = json.loads(run_cli("central", "--db", path, "resolve", by_field["Teléfono"]["id"],
                              "--otro", "--por", "Ana López", "--json", check=True).stdout)
    assert done["eleccion"] == "otro" and done["valor"] == by_field["Teléfono"]["otro_valor"]
    assert done["resuelto_por"] == "Ana López" and done["fecha"]
    text = run_cli("central", "--db", path, "resolve", by_field["Correo"]["id"], "--valor",
                   "bien@example.com", "--por", "Ana", check=True).stdout
    assert "«Correo» queda «bien@example.com» (por Ana," in text
    assert run_cli("central", "--db", path, "conflicts",
                   check=True).stdout.strip() == "0 conflictos."

    # The next acknowledgement to the plantel carries both values; import-ack applies them.
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = json.loads(run_cli("sync", "export", "--out", str(usb), "--json", db=plantel_db,
                                check=True).stdout)
    merged = json.loads(run_cli("central", "--db", path, "merge", bundle["archivo"], "--acks",
                                str(usb), "--json", check=True).stdout)
    acked = json.loads(run_cli("sync", "import-ack", merged["paquetes"][0]["acuse"], "--json",
                               db=plantel_db, check=True).stdout)
    assert acked["correcciones"] == 2
    listed = json.loads(run_cli("students", "list", "--json", db=plantel_db, check=True).stdout)
    mine = next(s for s in listed if s["id"] == first.id)
    assert (mine["telefono"], mine["correo"]) == (by_field["Teléfono"]["otro_valor"],
                                                 "bien@example.com")
