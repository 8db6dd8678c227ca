"""`seguimiento questionnaires …` through the real entry point; no database is needed."""

import json
import os
import subprocess
import sys
from pathlib import Path


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "seguimiento_desktop", "--db", str(tmp_path / "x.sqlite"),
               "questionnaires", *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_list_json_without_a_database(tmp_path: Path):
    result = run(tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["C1", "C2", "C3"]
    assert set(rows[0]) == {"id", "version", "titulo", "preguntas"}
    assert all(r["version"] >= 1 and r["preguntas"] > 30 for r in rows)
    assert not (tmp_path / "x.sqlite").exists()


def test_list_text(tmp_path: Path):
    result = run(tmp_path, "list")
    assert result.returncode == 0 and "Cuestionario 2. Egresados" in result.stdout


def test_show_text_prints_numbers_options_and_skips(tmp_path: Path):
    result = run(tmp_path, "show", "C2")
    assert result.returncode == 0, result.stderr
    assert "2     Actualmente, ¿a qué te dedicas? [opción única]" in result.stdout
    assert "4  No estudio ni trabajo" in result.stdout
    assert "→ pase a la pregunta 2" in result.stdout
    assert "[solo si pregunta 2 es 2 o 3]" in result.stdout
    assert "¿Qué requisitos te pidieron para contratarte? [opción múltiple; en papel, una " \
        "letra por opción]" in result.stdout
    assert "h =  99  Otro (especifique)" in result.stdout  # printed h, stored 99


def test_show_json(tmp_path: Path):
    result = run(tmp_path, "show", "c3", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    questions = [q for s in data["secciones"] for q in s["preguntas"]]
    assert data["id"] == "C3" and len(questions) == data["preguntas"]
    activity = next(q for q in questions if q["id"] == "ACT_ACTUAL")
    assert [o["codigo"] for o in activity["opciones"]] == [1, 2, 3, 4]
    assert {"numero", "texto", "tipo", "opciones"} <= set(activity)
    needs = next(q for q in questions if q["id"] == "REQUISITOS")
    assert [(o["impreso"], o["codigo"]) for o in needs["opciones"]][-2:] == [("g", 7), ("h", 99)]
    assert [o["impreso"] for o in activity["opciones"]] == ["1", "2", "3", "4"]


def test_show_unknown_is_a_spanish_error(tmp_path: Path):
    result = run(tmp_path, "show", "C7")
    assert result.returncode == 1
    assert "No existe el cuestionario «C7»" in result.stderr and "Traceback" not in result.stderr


def test_check_reports_problems_of_a_file(tmp_path: Path):
    good = tmp_path / "C2.json"
    source = Path(__file__).resolve().parents[2] / "seguimiento_desktop" / "resources" / "questionnaires" / "C2.json"
    good.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert "es válido" in run(tmp_path, "check", str(good)).stdout
    bad = tmp_path / "malo.json"
    bad.write_text(source.read_text(encoding="utf-8").replace('"goto": "ACT_ACTUAL"', '"goto": "P99"'),
                   encoding="utf-8")
    result = run(tmp_path, "check", str(bad))
    assert result.returncode == 1
    assert "«P99», que no existe" in result.stderr


def test_every_command_has_spanish_help(tmp_path: Path):
    for command in ("list", "show", "check"):
        result = run(tmp_path, command, "--help")
        assert result.returncode == 0 and result.stdout.startswith("Uso: seguimiento")
    assert "cuestionarios" in run(tmp_path, "--help").stdout
