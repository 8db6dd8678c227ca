"""Issue 10.10-12 through the real entry point: a Spanish message and exit 1, no traceback."""


import pytest
from roster_files import people, roster_rows, write_csv
from tests.conftest import raw_connection, raw_dump

COHORT = "2023-2026"


@pytest.fixture
def database(run_cli, db_path):
    run_cli("demo", "--alumnos", "10", db=db_path, check=True)
    return db_path


def refused(result, *words):
    """Exit 1 with a Spanish message naming ``words`` and no Python traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def huge_cell(tmp_path):
    rows = roster_rows(people(3, seed=5))
    rows[-1] = list(rows[-1])
    rows[-1][-1] = "x" * 10_000_000
    return write_csv(tmp_path / "lista.csv", rows)


def test_a_10_mb_cell_in_a_roster_is_a_spanish_message(run_cli, database, huge_cell):
    for command in (["roster", "preview", str(huge_cell)],
                    ["roster", "import", str(huge_cell), "--generacion", COHORT]):
        refused(run_cli(*command, db=database), "celda demasiado grande", "lista.csv")


def test_a_10_mb_cell_in_a_responses_file_is_a_spanish_message(run_cli, database, tmp_path):
    path = tmp_path / "c1.csv"
    path.write_text("curp,RED_SOCIAL\nAAAA000101HJCRRN01," + "x" * 10_000_000 + "\n", "utf-8")
    refused(run_cli("responses", "import", str(path), "--cuestionario", "C1", db=database),
            "celda demasiado grande")


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_followup_dates_out_of_range_are_refused(run_cli, database, day):
    refused(run_cli("followup", "status", "--fecha", day, db=database), "fuera de rango")
    with raw_connection(database) as conn:
        curp = conn.execute("SELECT curp FROM students LIMIT 1").fetchone()[0]
        before = conn.execute("SELECT count(*) FROM contact_attempts").fetchone()[0]
    refused(run_cli("followup", "log", curp, "--medio", "telefono", "--resultado", "no_contesto",
                    "--fecha", day, db=database), "fuera de rango")
    with raw_connection(database) as conn:
        assert conn.execute("SELECT count(*) FROM contact_attempts").fetchone()[0] == before


def test_backup_to_a_missing_folder_or_onto_itself_is_refused(run_cli, database, tmp_path):
    refused(run_cli("backup", str(tmp_path / "no-existe" / "x.db"), db=database),
            "No existe la carpeta")
    before = _data(database)
    refused(run_cli("backup", str(database), db=database), "base de datos en uso")
    assert _data(database) == before  # only the bitácora grew (the sign-in)


def _data(database) -> list[str]:
    with raw_connection(database) as conn:
        return [line for line in raw_dump(conn)  # the bitácora: audit_log, audit_detail
                if "audit_log" not in line and "audit_detail" not in line]
