"""`seguimiento privacidad`: retention preview and purge, ARCO export, through the real
command and the bitácora."""

import json
import pytest

from tests.pdf_text import pdf_text
from tests.roster_files import people, roster_rows, write_csv
from tests.conftest import raw_connection


@pytest.fixture
def demo(run_cli, db_path):
    run_cli("demo", "--alumnos", "120", db=db_path, check=True)
    return db_path


def test_retention_preview_then_purge(run_cli, demo, tmp_path):
    old = "2019-2022"  # its follow-up ended in November 2023
    roster = write_csv(tmp_path / "lista.csv", roster_rows(people(30, seed=5)))
    run_cli("roster", "import", str(roster), "--generacion", old, db=demo, check=True)
    preview = json.loads(run_cli("privacidad", "retencion", "--json", db=demo,
                                 check=True).stdout)
    assert [g["generacion"] for g in preview["generaciones"]] == [old]
    assert preview["generaciones"][0]["alumnos_con_telefono_o_correo"] == 30
    assert preview["meses"] == 6 and not preview["aplicado"]
    report = tmp_path / "depuracion.pdf"
    text = run_cli("privacidad", "retencion", "--informe", str(report), db=demo,
                   check=True).stdout
    assert "Se borrarían" in text and "--aplicar" in text and "30 alumnos" in text
    printed = " ".join(pdf_text(report).split())
    assert "vista previa" in printed and old in printed and "Se conservan: nombres, CURP" in printed
    applied = run_cli("privacidad", "retencion", "--aplicar", db=demo, check=True)
    assert "Se borraron" in applied.stdout
    with raw_connection(demo) as conn:
        left = conn.execute("SELECT count(*) FROM students WHERE cohort = ? AND "
                            "(phone != '' OR email != '' OR home_phone != '')",
                            [old]).fetchone()[0]
        named = conn.execute("SELECT count(*) FROM students WHERE cohort = ? AND "
                             "first_surname != ''", [old]).fetchone()[0]
        others = conn.execute("SELECT count(*) FROM students WHERE cohort != ? AND "
                              "phone != ''", [old]).fetchone()[0]
        logged = conn.execute("SELECT count(*) FROM audit_log WHERE action = "
                              "'depurar_contactos'").fetchone()[0]
    assert left == 0 and named == 30 and others > 0 and logged == 1
    again = run_cli("privacidad", "retencion", db=demo, check=True).stdout
    assert "No hay datos de contacto que depurar" in again


def test_arco_export_writes_the_persons_pdf_and_json(run_cli, demo, tmp_path):
    with raw_connection(demo) as conn:
        curp, surname = conn.execute("SELECT s.curp, s.first_surname FROM students s JOIN "
                                     "responses r ON r.student_id = s.id LIMIT 1").fetchone()
    out = tmp_path / "arco"
    out.mkdir()
    result = json.loads(run_cli("privacidad", "arco", curp.lower(), "--salida", str(out),
                                "--json", db=demo, check=True).stdout)
    data = json.loads(open(result["json"], encoding="utf-8").read())
    assert data["ficha"]["curp"] == curp and data["ficha"]["first_surname"] == surname
    assert data["cuestionarios"] and data["responsable"]["cct"] == "14DCT0099Z"
    assert curp in pdf_text(result["pdf"])
    missing = run_cli("privacidad", "arco", "XXXX000000HXXXXX00", "--salida", str(out), db=demo)
    assert missing.returncode == 1 and "No hay ningún alumno" in missing.stderr


def test_arco_cancellation_erases_the_persons_data(run_cli, demo):
    with raw_connection(demo) as conn:
        curp, student_id = conn.execute("SELECT s.curp, s.id FROM students s JOIN responses r "
                                        "ON r.student_id = s.id LIMIT 1").fetchone()
    done = json.loads(run_cli("privacidad", "cancelar", curp, "--si", "--json", db=demo,
                              check=True).stdout)
    assert done["curp"] == curp and done["cuestionarios"] >= 1
    with raw_connection(demo) as conn:
        assert conn.execute("SELECT deleted, phone, email FROM students WHERE id = ?",
                            [student_id]).fetchone() == (1, "", "")
        assert {r for r in conn.execute("SELECT deleted, answers FROM responses WHERE "
                                        "student_id = ?", [student_id])} == {(1, "{}")}
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action = "
                            "'arco_cancelacion' AND target = ?", [curp]).fetchone()[0] == 1
    again = run_cli("privacidad", "cancelar", curp, "--si", db=demo)
    assert again.returncode == 1 and "No hay ningún alumno" in again.stderr


def _texts(path) -> list[str]:
    """Every text value of every table (the bitácora and its details too)."""
    with raw_connection(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = "
                                             "'table'")]
        return [value for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')
                for value in row if isinstance(value, str)]


def test_a_cancellation_leaves_the_persons_contact_nowhere_not_even_in_the_bitacora(
        run_cli, demo):
    from dataclasses import replace

    from tests.conftest import signed_in
    with signed_in(demo) as workspace:
        person = workspace.find_students()[0]
        old = workspace.save_student(replace(person, phone="3398765432",
                                             email="viejo.correo@example.com"))
        workspace.save_student(replace(old, phone="3312340000", email="nuevo@example.com"))
    assert any("3398765432" in text for text in _texts(demo))  # in the bitácora, for now
    run_cli("privacidad", "cancelar", person.curp, "--si", db=demo, check=True)
    for secret in ("3398765432", "3312340000", "viejo.correo@example.com", "nuevo@example.com",
                   person.phone, person.email):
        if secret:
            assert not [text for text in _texts(demo) if secret in text], secret
    check = run_cli("bitacora", "--verificar", "--json", db=demo, check=True)
    assert json.loads(check.stdout)["integra"] and json.loads(check.stdout)["depurados"] >= 2
    log = json.loads(run_cli("bitacora", "--json", db=demo, check=True).stdout)
    edits = [e for e in log if e["accion"] == "editar_alumno" and e["objeto"] == person.curp]
    assert edits and all(e["detalle"].startswith("(depurado el ") for e in edits)
    with raw_connection(demo) as conn:  # someone edits a kept detail with a raw tool
        seq = conn.execute("SELECT seq FROM audit_detail WHERE detail LIKE '%cuestionarios%'"
                           ).fetchone()[0]
        conn.execute("UPDATE audit_detail SET detail = '{}' WHERE seq = ?", [seq])
    tampered = run_cli("bitacora", "--verificar", db=demo)
    assert tampered.returncode == 1 and f"se rompe en el registro {seq}" in tampered.stdout
