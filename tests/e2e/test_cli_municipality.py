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
