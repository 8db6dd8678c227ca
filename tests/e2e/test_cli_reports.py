"""`seguimiento report …` and `seguimiento export …` through the real entry point."""

import json

import pandas as pd
import pytest

from tests.pdf_text import pdf_pages, pdf_text


@pytest.fixture
def demo_db(run_cli, db_path):
    run_cli("demo", "--alumnos", "120", db=db_path, check=True)
    return db_path


def _cohorts(run_cli, db):
    lines = json.loads(run_cli("followup", "status", "--todas", "--json", db=db, check=True).stdout)
    return sorted({l["generacion"] for l in lines})


def test_followup_report_pdf(run_cli, demo_db, tmp_path):
    cohort = _cohorts(run_cli, demo_db)[0]  # the oldest cohort has answered C1, C2 and C3
    out = tmp_path / "informe.pdf"
    result = json.loads(run_cli("report", "seguimiento", "--generacion", cohort, "--out", str(out),
                                "--json", db=demo_db, check=True).stdout)
    assert out.exists() and 5 <= result["paginas"] == pdf_pages(out) <= 14
    text = pdf_text(out)
    assert f"Generación {cohort}" in text and "Actividad actual" in text and "Empleo" in text


def test_followup_report_for_one_carrera(run_cli, demo_db, tmp_path):
    cohort = _cohorts(run_cli, demo_db)[0]
    out = tmp_path / "programacion.pdf"
    run_cli("report", "seguimiento", "--generacion", cohort, "--carrera", "Programación",
            "--out", str(out), db=demo_db, check=True)
    assert "Carrera: Programación" in pdf_text(out)


def test_contact_list_and_student_record(run_cli, demo_db, tmp_path):
    cohort = _cohorts(run_cli, demo_db)[0]
    out = tmp_path / "contactos.pdf"
    listed = json.loads(run_cli("report", "contactos", "--generacion", cohort, "--cuestionario",
                                "C3", "--out", str(out), "--json", db=demo_db, check=True).stdout)
    pending = json.loads(run_cli("followup", "pending", "--generacion", cohort, "--cuestionario",
                                 "C3", "--json", db=demo_db, check=True).stdout)
    assert listed["egresados"] == len(pending) > 0
    text = pdf_text(out)
    assert "Lista de contacto" in text and pending[0]["curp"] in text
    ficha = tmp_path / "ficha.pdf"
    run_cli("report", "ficha", "--curp", pending[0]["curp"], "--out", str(ficha),
            db=demo_db, check=True)
    assert pending[0]["curp"] in pdf_text(ficha) and pdf_pages(ficha) >= 1


def test_unknown_cohort_is_a_spanish_error(run_cli, demo_db, tmp_path):
    result = run_cli("report", "seguimiento", "--generacion", "1990-1993", "--out",
                     str(tmp_path / "x.pdf"), db=demo_db)
    assert result.returncode == 1 and "Generaciones disponibles" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_excel_export_round_trips_with_a_codebook(run_cli, demo_db, tmp_path):
    out = tmp_path / "respuestas.xlsx"
    result = json.loads(run_cli("export", "excel", "--out", str(out), "--json",
                                db=demo_db, check=True).stdout)
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    assert {"C1", "C2", "C3", "Libro de códigos"} <= set(sheets)
    assert len(sheets["C2"]) == result["filas"]["C2"] > 0
    assert {"ACT_ACTUAL", "ACT_ACTUAL_etiqueta", "curp"} <= set(sheets["C2"].columns)
    assert set(sheets["C2"]["ACT_ACTUAL_etiqueta"].dropna()) <= {
        "Solo estudio", "Solo trabajo", "Estudio y trabajo", "No estudio ni trabajo"}


def test_pseudonymised_csv_starts_with_the_bom_and_has_no_curp(run_cli, demo_db, tmp_path):
    out = tmp_path / "c2.csv"
    run_cli("export", "csv", "--cuestionario", "C2", "--seudonimizado", "--out", str(out),
            db=demo_db, check=True)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0].split(",")
    assert "curp" not in header and "nombre" not in header and "ACT_ACTUAL" in header


def test_central_report_through_the_central_group(run_cli, tmp_path):
    central = tmp_path / "central.sqlite"
    run_cli("central", "--db", str(central), "init", "--nombre", "Oficina de prueba", check=True)
    out = tmp_path / "consolidado.pdf"
    result = json.loads(run_cli("central", "--db", str(central), "report", "--out", str(out),
                                "--json", check=True).stdout)
    assert result["paginas"] == pdf_pages(out) >= 2
    text = pdf_text(out)
    assert "Informe consolidado" in text and "planteles registrados" in text
