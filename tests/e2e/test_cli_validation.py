"""What the CLI checks before it does anything: no half-made files, no silent empty lists."""

from pathlib import Path

import pytest


@pytest.mark.parametrize("cct, nombre, reason", [
    ("99XXX", "CBTIS 1", "La CCT debe tener 10 caracteres"),
    ("99DCT0001A", "CBTIS 1", "no es una entidad"),
    ("14DCT0001A", "   ", "Escriba el nombre del plantel"),
])
def test_a_failed_init_leaves_no_file_behind(run_cli, tmp_path: Path, cct, nombre, reason):
    db = tmp_path / "nuevo" / "plantel.sqlite"
    result = run_cli("init", "--cct", cct, "--nombre", nombre, db=db)
    assert result.returncode == 1 and reason in result.stderr
    assert not db.parent.exists() or list(db.parent.iterdir()) == []
    # The same command with good data then works on the same path.
    run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1", db=db, check=True)
    assert db.exists()


def test_a_failed_init_keeps_an_existing_database(run_cli, tmp_path: Path):
    db = tmp_path / "plantel.sqlite"
    run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1", db=db, check=True)
    assert run_cli("init", "--cct", "1", "--nombre", "Otro", db=db).returncode == 1
    assert "14DCT0001A" in run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1",
                                   "--json", db=db, check=True).stdout


@pytest.mark.parametrize("command", [["students", "list"], ["responses", "list"]])
def test_a_generacion_that_is_only_a_year_is_explained(run_cli, tmp_path: Path, command):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "30", db=db, check=True)
    result = run_cli(*command, "--generacion", "2026", db=db)
    assert result.returncode == 1
    assert "La generación «2026» no es válida" in result.stderr and "2023-2026" in result.stderr


def test_a_generacion_typed_with_a_dash_of_another_kind_still_filters(run_cli, tmp_path: Path):
    db = tmp_path / "plantel.sqlite"
    run_cli("demo", "--alumnos", "30", db=db, check=True)
    typed = run_cli("students", "list", "--generacion", "2023–2026", "--json", db=db, check=True)
    plain = run_cli("students", "list", "--generacion", "2023-2026", "--json", db=db, check=True)
    assert typed.stdout == plain.stdout and '"generacion": "2023-2026"' in plain.stdout
