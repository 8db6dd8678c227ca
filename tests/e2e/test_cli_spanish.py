"""The CLI speaks Spanish even when click itself complains, and every error exits 1."""

from pathlib import Path

import pytest

from tests.e2e.test_cli_docs import all_commands
from seguimiento_desktop.cli.main import cli

ENGLISH = ("Usage:", "Try ", "for help", "Missing", "Invalid value", "No such", "is a directory",
           "does not exist", "is not", "Show this message", "[OPTIONS]", "Options:", "Aborted")


def assert_spanish_error(result, *expected: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    for english in ENGLISH:
        assert english not in result.stderr, result.stderr
    assert "Error: " in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


@pytest.mark.parametrize("args, expected", [
    (["init", "--nombre", "CBTIS"], ["Falta la opción «--cct»", "Uso: seguimiento init",
                                     "«seguimiento init --help»"]),
    (["nada"], ["No existe el comando «nada»"]),
    (["students", "list", "--buscr", "ana"], ["No existe la opción «--buscr»",
                                               "¿Quiso decir «--buscar»?"]),
    (["demo", "--alumnos", "muchos"], ["Valor no válido para «--alumnos»", "«muchos»"]),
    (["demo", "--alumnos", "0"], ["fuera del intervalo"]),
    (["students", "list", "--color"], ["No existe la opción «--color»"]),
    (["init", "--cct"], ["La opción «--cct» necesita un valor"]),
    (["backup"], ["Falta el argumento «DESTINO»"]),
    (["report"], ["Falta el comando"]),
    (["students", "list", "sobra"], ["Sobra un argumento"]),
    (["central", "--db", "c.sqlite", "init", "--nombre", "X", "--perfil", "raro"],
     ["«raro» no es válido", "completo", "seudonimizado"]),
])
def test_click_usage_errors_are_spanish_and_exit_1(run_cli, args, expected):
    assert_spanish_error(run_cli(*args), *expected)


def test_a_directory_where_a_file_is_expected(run_cli, tmp_path: Path):
    assert_spanish_error(run_cli("backup", str(tmp_path)), "es una carpeta")
    assert_spanish_error(run_cli("--db", str(tmp_path), "students", "list"), "es una carpeta")


def test_every_help_shows_without_a_database_and_in_spanish(run_cli):
    paths = [[]] + [path.split() for path, _ in all_commands(cli)]
    for path in paths:
        result = run_cli(*path, "--help")
        assert result.returncode == 0, f"{path}: {result.stderr}"
        assert result.stdout.startswith("Uso: seguimiento"), result.stdout
        assert "Muestra esta ayuda y termina." in result.stdout
        for english in ("Usage:", "[OPTIONS]", "Options:", "Show this message", " TEXT "):
            assert english not in result.stdout + " ", f"{path}: {result.stdout}"


def test_central_enroll_help_without_db_then_the_db_is_asked_for(run_cli, tmp_path: Path):
    helped = run_cli("central", "enroll", "--help")
    assert helped.returncode == 0 and "solicitud de registro" in helped.stdout
    asked = run_cli("central", "enroll", str(tmp_path / "solicitud.json"))
    assert asked.returncode == 1 and "Indique la base de la oficina central" in asked.stderr
