"""Scripted journeys through the real `seguimiento` entry point: init, demo, students list."""

import json


def test_init_creates_the_plantel_and_reports_json(run_cli, db_path):
    result = run_cli("init", "--cct", "14dct0001a", "--nombre", "CBTIS 1", "--json", db=db_path,
                     check=True)
    data = json.loads(result.stdout)
    assert data["cct"] == "14DCT0001A" and data["entidad"] == "Jalisco"


def test_a_bad_cct_is_a_spanish_error_with_exit_1(run_cli, db_path):
    result = run_cli("init", "--cct", "14DCT01", "--nombre", "CBTIS 1", db=db_path)
    assert result.returncode == 1
    assert "La CCT debe tener 10 caracteres" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_listing_a_missing_database_says_how_to_create_it(run_cli, tmp_path):
    result = run_cli("students", "list", db=tmp_path / "nada.sqlite")
    assert result.returncode == 1 and "seguimiento init" in result.stderr
    assert not (tmp_path / "nada.sqlite").exists()


def test_demo_then_search_lists_students_with_the_documented_keys(run_cli, db_path):
    run_cli("demo", "--alumnos", "200", db=db_path, check=True)
    everyone = json.loads(run_cli("students", "list", "--json", db=db_path, check=True).stdout)
    assert len(everyone) == 200
    keys = {"curp", "nombre", "primer_apellido", "segundo_apellido", "sexo", "fecha_nacimiento",
            "generacion", "carrera", "grupo", "turno", "correo", "telefono"}
    assert keys <= set(everyone[0])
    cohort = everyone[0]["generacion"]
    only = json.loads(run_cli("students", "list", "--generacion", cohort, "--json", db=db_path,
                              check=True).stdout)
    assert only and {s["generacion"] for s in only} == {cohort}
    surname = everyone[0]["primer_apellido"]
    folded = surname.lower().translate(str.maketrans("áéíóúñ", "aeioun"))
    found = json.loads(run_cli("students", "list", "--buscar", folded, "--json", db=db_path,
                               check=True).stdout)
    assert found and all(surname in (s["primer_apellido"], s["segundo_apellido"]) or
                         surname in s["nombre"] for s in found)


def test_demo_twice_does_not_duplicate_students(run_cli, db_path):
    run_cli("demo", "--alumnos", "50", db=db_path, check=True)
    run_cli("demo", "--alumnos", "50", db=db_path, check=True)
    listed = json.loads(run_cli("students", "list", "--json", db=db_path, check=True).stdout)
    assert len(listed) == 50


def test_backup_command_writes_a_usable_copy(run_cli, db_path, tmp_path):
    run_cli("demo", "--alumnos", "30", db=db_path, check=True)
    copy = tmp_path / "respaldo.sqlite"
    run_cli("backup", str(copy), db=db_path, check=True)
    listed = json.loads(run_cli("students", "list", "--json", db=copy, check=True).stdout)
    assert len(listed) == 30


def test_gui_command_opens_the_window_on_the_given_database(run_cli, db_path, monkeypatch):
    """`seguimiento --db P gui`, headless: the app's smoke-test hook quits once shown."""
    run_cli("demo", "--alumnos", "20", db=db_path, check=True)
    monkeypatch.setenv("SEGUIMIENTO_EXIT_WHEN_SHOWN", "1")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    result = run_cli("gui", db=db_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["seguimiento-window", "seguimiento-ready"]


def test_two_demo_planteles_have_different_students(run_cli, tmp_path):
    """Both may be sent to one central office: they must not share CURPs."""
    curps = []
    for cct in ("14DCT0099Z", "30DCT0011K"):
        db = tmp_path / f"{cct}.sqlite"
        run_cli("init", "--cct", cct, "--nombre", f"Plantel {cct}", db=db, check=True)
        run_cli("demo", "--alumnos", "30", db=db, check=True)
        listed = json.loads(run_cli("students", "list", "--json", db=db, check=True).stdout)
        curps.append({s["curp"] for s in listed})
    assert len(curps[0]) == len(curps[1]) == 30 and not curps[0] & curps[1]
