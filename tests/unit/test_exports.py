"""Exports for analysts: codes and labels, a codebook, BOM CSV, SPSS labels, pseudonyms."""

import pandas as pd
import pytest

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.exports import writers
from tests.report_plantel import COHORT, build_small_plantel


@pytest.fixture
def plantel(workspace):
    return workspace, build_small_plantel(workspace)


def test_excel_has_a_sheet_per_questionnaire_codes_labels_and_codebook(plantel, tmp_path):
    workspace, students = plantel
    out = tmp_path / "respuestas.xlsx"
    result = workspace.export_responses("excel", out)
    assert result.rows == {"C1": 6, "C2": 6, "C3": 3}  # the partial C1 is not exported
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    assert set(sheets) == {"C1", "C2", "C3", "Inconsistencias", "Libro de códigos"}
    c1 = sheets["C1"].set_index("curp")
    assert c1.loc[students[2].curp, "PLAN"] == 3
    assert c1.loc[students[2].curp, "PLAN_etiqueta"] == "Estudiar y trabajar"
    c3 = sheets["C3"].set_index("curp")
    assert c3.loc[students[2].curp, "RAZON_NO_ESTUDIA"] == "1;6"
    book = sheets["Libro de códigos"]
    plan = book[(book["Cuestionario"] == "C1") & (book["Variable"] == "PLAN")]
    assert dict(zip(plan["Código"], plan["Etiqueta"]))[5] == "Todavía no lo decido"
    assert {"Pregunta", "Tipo"} <= set(book.columns)


def test_csv_is_utf8_with_bom_and_one_file_per_questionnaire(plantel, tmp_path):
    workspace, _ = plantel
    result = workspace.export_responses("csv", tmp_path / "r.csv")
    names = sorted(p.name for p in result.files)
    assert names == ["r_C1.csv", "r_C2.csv", "r_C3.csv", "r_libro_de_codigos.csv"]
    raw = (tmp_path / "r_C2.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Contabilidad".encode() in raw and "Programación".encode("utf-8") in raw


def test_pseudonymised_export_has_no_names_curp_or_contacts(plantel, tmp_path):
    workspace, students = plantel
    out = tmp_path / "seud.xlsx"
    workspace.export_responses("excel", out, cohort=COHORT, pseudonymised=True)
    sheets = pd.read_excel(out, sheet_name=None, dtype=str, engine="openpyxl")
    everything = "\n".join(frame.to_csv() for frame in sheets.values())
    for student in students:
        assert student.curp not in everything and student.first_surname not in everything
    assert "CORREO" not in sheets["C1"].columns and "CONTACTO_TELEFONO" not in sheets["C1"].columns
    assert "folio" in sheets["C1"].columns and "PLAN" in sheets["C1"].columns


@pytest.mark.skipif(not writers.spss_available(), reason="pyreadstat no está instalado")
def test_spss_has_variable_and_value_labels(plantel, tmp_path):
    import pyreadstat
    workspace, _ = plantel
    workspace.export_responses("spss", tmp_path / "c3.sav", questionnaire="C3")
    data, meta = pyreadstat.read_sav(str(tmp_path / "c3.sav"))
    assert meta.column_names_to_labels["ACT_ACTUAL"].endswith("¿a qué te dedicas?")
    labels = meta.variable_value_labels["ACT_ACTUAL"]
    assert labels[4] == "No estudio ni trabajo"
    assert sorted(data["ACT_ACTUAL"].dropna()) == [1, 2, 3]
    assert data["RAZON_NO_ESTUDIA_6"].sum() == 1  # multiple choice as one 0/1 per option


def test_spss_without_pyreadstat_is_a_clear_spanish_message(plantel, tmp_path, monkeypatch):
    workspace, _ = plantel
    monkeypatch.setattr(writers, "spss_available", lambda: False)
    with pytest.raises(InvalidData, match="Excel o CSV") as caught:
        workspace.export_responses("spss", tmp_path / "x.sav")
    assert "pip" not in str(caught.value)  # no screen tells a clerk to run pip


def test_a_full_disk_leaves_no_half_file(plantel, tmp_path, monkeypatch):
    import errno
    workspace, _ = plantel
    out = tmp_path / "r.csv"

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    from seguimiento_desktop.errors import FileUnreadable
    with pytest.raises(FileUnreadable, match="No hay espacio suficiente"):
        workspace.export_responses("csv", out, questionnaire="C2")
    assert not [p for p in tmp_path.iterdir() if "csv" in p.name]


def test_c2_and_c3_carry_the_c1_family_block(workspace, tmp_path):
    import random
    from seguimiento_desktop.domain.models import Response, StudentQuery
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    workspace.fill_demo(4, with_followup=False)
    student = workspace.find_students(StudentQuery(limit=1))[0]
    for questionnaire in ("C1", "C2"):
        definition = workspace.definition(questionnaire)
        answers = synthetic_answers(definition, random.Random(5),
                                    profile={"ESCOLARIDAD_MADRE": {4: 1}})
        workspace.save_response(Response(student.id, questionnaire, definition.version, answers))
    out = tmp_path / "r.xlsx"
    workspace.export_responses("excel", out)
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    c2 = sheets["C2"].set_index("curp")
    assert c2.loc[student.curp, "C1_ESCOLARIDAD_MADRE"] == 4
    assert c2.loc[student.curp, "C1_ESCOLARIDAD_MADRE_etiqueta"] == "Secundaria"
    assert "C1_ESCOLARIDAD_MADRE" not in sheets["C1"].columns
    book = sheets["Libro de códigos"]
    assert ((book["Cuestionario"] == "C2") & (book["Variable"] == "C1_DISCAPACIDAD")).any()


def test_confirmed_contradictions_are_listed_in_their_own_sheet(workspace, tmp_path):
    import random
    from seguimiento_desktop.domain.models import Response, StudentQuery
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    workspace.fill_demo(4, with_followup=False)
    student = workspace.find_students(StudentQuery(limit=1))[0]
    definition = workspace.definition("C3")
    answers = synthetic_answers(definition, random.Random(2), profile={"ACT_ACTUAL": {4: 1}})
    answers["CAMBIO_EMPLEO"] = 1  # «Sigo en el mismo trabajo» with «No estudio ni trabajo»
    saved = workspace.save_response(Response(student.id, "C3", definition.version, answers,
                                             confirmed=("CAMBIO_EMPLEO",)))
    assert saved.status == "completa"
    out = tmp_path / "r.xlsx"
    workspace.export_responses("excel", out)
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    listed = sheets["Inconsistencias"]
    assert list(listed["variable"]) == ["CAMBIO_EMPLEO"] and list(listed["curp"]) == [student.curp]
    assert "no trabaja" in listed["inconsistencia"][0]
    c3 = sheets["C3"].set_index("curp")
    assert str(c3.loc[student.curp, "inconsistencias_confirmadas"]) == \
        definition.question("CAMBIO_EMPLEO").number


def test_cancelling_while_the_book_is_written_stops_at_once_and_leaves_nothing(
        plantel, tmp_path):
    """«Cancelar» during the writing (most of a big export) is honoured between sheets and
    every few hundred rows: no book, and no spooled rows left in the temporary folder."""
    import tempfile
    from pathlib import Path

    from seguimiento_desktop.errors import Cancelled
    from seguimiento_desktop.progress import CancelToken
    workspace, _students = plantel
    token, messages = CancelToken(), []

    def progress(done, total, message):
        messages.append((done, total, message))
        if "«C2»" in message:
            token.cancel()

    spooled = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    out = tmp_path / "respuestas.xlsx"
    with pytest.raises(Cancelled):
        workspace.export_responses("excel", out, progress=progress, cancel=token)
    assert not [p for p in tmp_path.iterdir() if "respuestas" in p.name]  # nor a partial one
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= spooled
    assert [m for _d, _t, m in messages if "«C1»" in m] and messages[-1][2].endswith("«C2»…")
    assert all(a[0] <= b[0] and a[1] == 100 for a, b in zip(messages, messages[1:]))
