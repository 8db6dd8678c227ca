"""`seguimiento roster …` through the real entry point, as a script would call it."""

import json

import pytest
from roster_files import header_row_number, people, roster_rows, write_random_bytes, write_xlsx
from tests.conftest import raw_connection

STUDENTS = people(8, seed=21)
COHORT = "2023-2026"


@pytest.fixture
def database(run_cli, db_path):
    run_cli("init", "--cct", "14DCT0099Z", "--nombre", "CBTIS 299", db=db_path, check=True)
    return db_path


@pytest.fixture
def roster(tmp_path):
    return write_xlsx(tmp_path / "lista 6A.xlsx", roster_rows(STUDENTS, blank_every=3))


def stored(db_path) -> tuple:
    with raw_connection(db_path) as conn:
        return (conn.execute("SELECT * FROM students ORDER BY id").fetchall(),
                conn.execute("SELECT * FROM settings ORDER BY key").fetchall())


def test_import_json_prints_only_the_documented_report(run_cli, database, roster):
    result = run_cli("roster", "import", str(roster), "--generacion", COHORT, "--json",
                     db=database, check=True)
    assert json.loads(result.stdout) == {"insertados": 8, "actualizados": 0, "sin_cambios": 0,
                                         "rechazados": [], "avisos": []}
    listed = json.loads(run_cli("students", "list", "--json", db=database, check=True).stdout)
    assert sorted(s["curp"] for s in listed) == sorted(s.curp for s in STUDENTS)
    assert {s["generacion"] for s in listed} == {COHORT}
    again = run_cli("roster", "import", str(roster), "--generacion", COHORT, "--json",
                    db=database, check=True)
    assert json.loads(again.stdout)["sin_cambios"] == 8


def test_dry_run_reports_without_saving(run_cli, database, roster):
    before = stored(database)
    result = run_cli("roster", "import", str(roster), "--generacion", COHORT, "--dry-run",
                     db=database, check=True)
    assert "Alumnos nuevos: 8" in result.stdout and "--dry-run" in result.stdout
    assert stored(database) == before


def test_strict_refuses_a_file_with_a_rejected_row(run_cli, database, tmp_path):
    rows = roster_rows(STUDENTS)
    rows[header_row_number()][1] = "NOESUNACURP"
    path = write_xlsx(tmp_path / "lista.xlsx", rows)
    before = stored(database)
    result = run_cli("roster", "import", str(path), "--generacion", COHORT, "--strict", "--json",
                     db=database)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["insertados"] == 0
    assert report["rechazados"] == [{"fila": header_row_number() + 1,
                                     "motivos": ["La CURP debe tener 18 caracteres y tiene 11."]}]
    assert "No se importó nada" in result.stderr and "Traceback" not in result.stderr
    assert stored(database) == before


def test_a_file_that_is_not_a_spreadsheet_is_a_spanish_error(run_cli, database, tmp_path):
    before = stored(database)
    path = write_random_bytes(tmp_path / "lista.xlsx")
    result = run_cli("roster", "import", str(path), "--generacion", COHORT, "--json", db=database)
    assert result.returncode == 1 and result.stdout == ""
    assert "no es una hoja de cálculo" in result.stderr and "Traceback" not in result.stderr
    assert stored(database) == before


def test_preview_json_shows_header_mapping_and_first_rows(run_cli, database, roster):
    result = run_cli("roster", "preview", str(roster), "--json", db=database, check=True)
    preview = json.loads(result.stdout)
    assert preview["fila_encabezados"] == header_row_number()
    assert preview["total_filas"] == 8
    fields = {c["encabezado"]: c["campo"] for c in preview["columnas"]}
    assert fields["CURP"] == "curp" and fields["Tel. casa"] == "home_phone"
    assert fields["Promedio"] is None
    assert preview["filas"][0]["valores"][1] == STUDENTS[0].curp
    readable = run_cli("roster", "preview", str(roster), db=database, check=True).stdout
    assert f"encabezados en la fila {header_row_number()}" in readable


def test_the_database_must_exist(run_cli, tmp_path, roster):
    missing = tmp_path / "nada.sqlite"
    result = run_cli("roster", "import", str(roster), "--generacion", COHORT, db=missing)
    assert result.returncode == 1 and "seguimiento init" in result.stderr
    assert not missing.exists()


def test_rejected_rows_are_saved_for_whoever_fixes_them(run_cli, tmp_path):
    import csv
    db = tmp_path / "plantel.sqlite"
    run_cli("init", "--cct", "14DCT0099Z", "--nombre", "Prueba", db=db, check=True)
    roster = tmp_path / "lista.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CURP", "Nombre(s)", "Apellido paterno"])
        writer.writerow(["NOESUNACURP", "PEDRO", "SIN CURP"])
    out = tmp_path / "rechazadas.csv"
    result = run_cli("roster", "import", str(roster), "--generacion", "2023-2026",
                     "--rechazadas", str(out), db=db, check=True)
    assert "Filas rechazadas guardadas" in result.stderr
    text = out.read_text("utf-8-sig")
    assert text.startswith("Fila,") and "NOESUNACURP" in text and "Motivo del rechazo" in text
