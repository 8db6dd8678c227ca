"""`central status` names each plantel's entidad and subsistema as the catalogs do, whatever
the plantel typed before the catalogs were enforced (on enrollment and in older data), and
each PC by the computer's name it asked to be enrolled with."""

import json
import platform

from sync_support import office, plantel

UEMSTIS = "UEMSTIS (antes DGETI): CBTIS y CETIS"


def _typed_freely(workspace, subsystem: str, state: str) -> None:
    """A plantel set up before the catalogs: its record says what was typed."""
    with workspace.store.transaction() as db:
        db.execute("UPDATE schools SET subsystem = ?, state = ?", [subsystem, state])


def test_status_shows_catalog_names_for_new_and_old_enrollments(run_cli, tmp_path):
    jalisco = plantel(tmp_path, "14DCT0099Z")
    oaxaca = plantel(tmp_path, "20DCT0001B", seed=2)
    _typed_freely(jalisco, "DGETI", "JALISCO")
    central = office(tmp_path, jalisco, configure=False)  # enrolled now: saved normalised
    # Enrolled by an older version, which kept the text as typed (migration 0008 fixes it).
    _typed_freely(oaxaca, "cbtis", "oaxaca")
    request = oaxaca.sync_enrollment(tmp_path / "solicitud-oaxaca.json")
    central.enroll(request.path, request.fingerprint.hex)
    db = central.store.db
    db.execute("UPDATE sync_installations SET school = json_set(school, '$.subsystem', "
               "'cbtis', '$.state', 'oaxaca') WHERE cct = '20DCT0001B'")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_catalog_enrolled_schools'")
    db.execute("PRAGMA user_version = 7")
    path = central.store.path
    for workspace in (central, jalisco, oaxaca):
        workspace.close()

    status = json.loads(run_cli("central", "--db", str(path), "status", "--json",
                                check=True).stdout)
    places = {s["cct"]: (s["entidad"], s["subsistema"]) for s in status["planteles"]}
    pcs = [i["pc"] for s in status["planteles"] for i in s["instalaciones"]]
    assert pcs == [f"PC {platform.node()} (…{i['instalacion'][-4:]})"  # the computer's name
                   for s in status["planteles"] for i in s["instalaciones"]]
    assert places == {"14DCT0099Z": ("Jalisco", UEMSTIS), "20DCT0001B": ("Oaxaca", UEMSTIS)}
    text = run_cli("central", "--db", str(path), "status", check=True).stdout
    assert f"14DCT0099Z  CBTIS de prueba (Jalisco · {UEMSTIS}): 0 alumnos" in text
    assert f"    {pcs[0]}: último paquete — (nunca)" in text
    assert "DGETI," not in text and "cbtis" not in text and "JALISCO" not in text
