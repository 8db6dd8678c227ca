"""Printed questionnaires for chosen students (Reportes «Alumnos elegidos», print --curp)."""

import pytest

from seguimiento_desktop.errors import InvalidData, NotFound
from tests.pdf_text import pdf_text


def test_chosen_students_get_one_copy_each_in_group_order(workspace, tmp_path):
    workspace.fill_demo(20, with_followup=False)
    chosen = workspace.find_students()[:3]
    out = tmp_path / "elegidos.pdf"
    pages = workspace.print_questionnaires_for("C1", out, [s.curp.lower() for s in chosen])
    one = workspace.print_questionnaires_for("C1", tmp_path / "uno.pdf", [chosen[0].curp])
    assert out.read_bytes().startswith(b"%PDF") and pages == 3 * one
    text = pdf_text(out)  # skipped without poppler
    assert all(s.curp in text for s in chosen)
    others = [s for s in workspace.find_students() if s not in chosen]
    assert not any(s.curp in text for s in others)


def test_an_unknown_curp_is_named_and_nothing_is_written(workspace, tmp_path):
    workspace.fill_demo(5, with_followup=False)
    known = workspace.find_students()[0].curp
    with pytest.raises(NotFound, match="XXXX000000HDFXXX00"):
        workspace.print_questionnaires_for("C1", tmp_path / "x.pdf", [known, "XXXX000000HDFXXX00"])
    with pytest.raises(InvalidData, match="al menos un alumno"):
        workspace.print_questionnaires_for("C1", tmp_path / "x.pdf", [])
    assert list(tmp_path.glob("x.pdf*")) == []


def test_print_curp_through_the_cli(run_cli, db_path, tmp_path):
    import json
    run_cli("demo", "--alumnos", "12", db=db_path, check=True)
    people = json.loads(run_cli("students", "list", "--json", db=db_path, check=True).stdout)
    out = tmp_path / "dos.pdf"
    result = json.loads(run_cli("print", "--cuestionario", "C2", "--curp", people[0]["curp"],
                                "--curp", people[1]["curp"], "--out", str(out), "--json",
                                db=db_path, check=True).stdout)
    assert result["paginas"] > 0 and out.read_bytes()[:4] == b"%PDF"
    failed = run_cli("print", "--cuestionario", "C2", "--curp", "XXXX000000HDFXXX00", "--out",
                     str(tmp_path / "no.pdf"), db=db_path)
    assert failed.returncode == 1 and "XXXX000000HDFXXX00" in failed.stderr
