"""`seguimiento followup …` through the real entry point."""

import json


def test_followup_status_json_for_a_date(run_cli, db_path):
    run_cli("demo", "--alumnos", "60", db=db_path, check=True)
    lines = json.loads(run_cli("followup", "status", "--fecha", "2026-11-23", "--json",
                               db=db_path, check=True).stdout)
    keys = {"generacion", "cuestionario", "abre", "cierra", "estado", "alumnos", "respuestas", "tasa"}
    assert lines and all(keys <= set(line) for line in lines)
    open_now = {(l["generacion"], l["cuestionario"]) for l in lines if l["estado"] == "en_curso"}
    assert ("2023-2026", "C2") in open_now


def test_logging_a_refusal_removes_the_graduate_from_the_call_list(run_cli, db_path):
    run_cli("demo", "--alumnos", "60", db=db_path, check=True)
    pending = json.loads(run_cli("followup", "pending", "--generacion", "2023-2026",
                                 "--cuestionario", "C2", "--json", db=db_path, check=True).stdout)
    first = pending[0]["curp"]
    logged = json.loads(run_cli("followup", "log", first, "--medio", "telefono", "--resultado",
                                "rechazo", "--json", db=db_path, check=True).stdout)
    assert logged["estado_localizacion"] == "rechazo"
    after = json.loads(run_cli("followup", "pending", "--generacion", "2023-2026",
                               "--cuestionario", "C2", "--json", db=db_path, check=True).stdout)
    assert first not in {p["curp"] for p in after} and len(after) == len(pending) - 1


def test_a_bad_date_is_a_spanish_error(run_cli, db_path):
    run_cli("demo", "--alumnos", "5", db=db_path, check=True)
    result = run_cli("followup", "status", "--fecha", "23/11/2026", db=db_path)
    assert result.returncode == 1 and "AAAA-MM-DD" in result.stderr
