"""`seguimiento init --municipio`: a name of INEGI's list for the CCT's entidad (any case or
accents) or its code, stored as the catalog names it; anything else refused in Spanish."""

import json

import pytest


@pytest.mark.parametrize("typed", ["leon", "LEÓN", "  León  ", "020", "11020"])
def test_init_stores_the_catalog_name_and_key(run_cli, tmp_path, typed):
    db = tmp_path / "p.sqlite"
    made = run_cli("init", "--cct", "11DCT0001A", "--nombre", "CBTIS 1", "--municipio", typed,
                   "--json", db=db, check=True)
    data = json.loads(made.stdout)
    assert (data["entidad"], data["municipio"], data["clave_municipio"]) == (
        "Guanajuato", "León", "11020")
    shown = json.loads(run_cli("info", "--json", db=db, check=True).stdout)
    assert shown["base_existe"]


def test_init_refuses_a_municipio_of_another_state_naming_close_ones(run_cli, tmp_path):
    db = tmp_path / "p.sqlite"
    result = run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1",
                     "--municipio", "Zapopam", db=db)
    assert result.returncode == 1 and not db.exists()
    assert "«Zapopam» no es un municipio de Jalisco. ¿Quiso decir «Zapopan»?" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1",
                     "--municipio", "León", db=db)  # León is in Guanajuato
    assert result.returncode == 1 and "no es un municipio de Jalisco" in result.stderr


def test_init_without_municipio_leaves_it_empty(run_cli, tmp_path):
    data = json.loads(run_cli("init", "--cct", "09DCT0001A", "--nombre", "CETIS 1", "--json",
                              db=tmp_path / "p.sqlite", check=True).stdout)
    assert (data["municipio"], data["clave_municipio"]) == ("", "")


def _typed_freely(workspace, municipality: str) -> None:
    """A plantel set up before the list was enforced: its record says what was typed."""
    with workspace.store.transaction() as db:
        db.execute("UPDATE schools SET municipality = ?", [municipality])


def test_central_status_normalises_on_enrollment_and_points_out_the_rest(run_cli, tmp_path):
    from sync_support import office, plantel
    jalisco = plantel(tmp_path, "14DCT0099Z")
    oaxaca = plantel(tmp_path, "20DCT0001B", seed=2)
    _typed_freely(jalisco, "  zapopan ")
    _typed_freely(oaxaca, "Oaxaca centro")
    central = office(tmp_path, jalisco, oaxaca, configure=False)
    path = central.store.path
    for workspace in (central, jalisco, oaxaca):
        workspace.close()
    status = json.loads(run_cli("central", "--db", str(path), "status", "--json",
                                check=True).stdout)
    found = {s["cct"]: (s["municipio"], s["clave_municipio"]) for s in status["planteles"]}
    assert found == {"14DCT0099Z": ("Zapopan", "14120"), "20DCT0001B": ("Oaxaca centro", "")}
    text = run_cli("central", "--db", str(path), "status", check=True).stdout
    assert ("El municipio «Oaxaca centro» no está en la lista del INEGI de Oaxaca: se "
            "conserva como se escribió.") in text
    assert "«Zapopan»" not in text
