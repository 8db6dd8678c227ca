"""Exports under pressure: a full USB stick must leave the folder as it was, never a set of
files of which some are new and some missing; and what is written stays private."""

import json
import os
import stat

import openpyxl
import pytest
from disk_faults import small_disk
from roster_files import people, roster_rows, write_xlsx

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.errors import FileUnreadable, InvalidData
from seguimiento_desktop.services import Workspace
from tests.conftest import add_administrator, signed_in
from tests.report_plantel import build_small_plantel


def test_a_csv_export_that_runs_out_of_space_leaves_the_earlier_one_whole(workspace, tmp_path):
    build_small_plantel(workspace)
    with small_disk(tmp_path / "usb", 160) as disk:
        if not disk.mounted:
            pytest.skip("a full disk needs a small tmpfs (mount, as root on Linux)")
        earlier = workspace.export_responses("csv", disk.folder / "r.csv").files
        before = {path.name: path.read_bytes() for path in earlier}
        assert len(before) == 4  # C1, C2, C3 and the codebook
        workspace.fill_demo(30, with_followup=True)  # more to write than the room left
        with pytest.raises(FileUnreadable, match="No hay espacio suficiente"):
            workspace.export_responses("csv", disk.folder / "r.csv")
        assert {path.name: path.read_bytes() for path in disk.folder.iterdir()} == before


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_rejected_rows_pdf_is_private_like_every_file_the_app_writes(workspace, tmp_path):
    rows = roster_rows(people(4, seed=3))
    rows[5][1] = "NO ES UNA CURP"  # one row the import rejects, with its name in the file
    report = workspace.import_roster(write_xlsx(tmp_path / "lista.xlsx", rows), "2023-2026")
    saved = workspace.save_rejected_rows(report, tmp_path / "rechazadas.pdf", "lista.xlsx")
    assert saved.read_bytes()[:4] == b"%PDF"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_an_export_never_hides_one_format_under_another_formats_extension(workspace, tmp_path):
    build_small_plantel(workspace)
    folder = tmp_path / "exportes"
    folder.mkdir()
    with pytest.raises(InvalidData, match=r"libro\.xlsx"):  # a book named .csv: Excel chokes
        workspace.export_responses("excel", folder / "libro.csv")
    assert list(folder.iterdir()) == []
    files = workspace.export_responses("csv", folder / "respuestas", questionnaire="C2").files
    assert [path.name for path in files] == ["respuestas.csv",
                                             "respuestas_libro_de_codigos.csv"]


def test_cli_output_files_get_their_extension_and_refuse_another(run_cli, db_path, tmp_path):
    run_cli("demo", "--alumnos", "12", db=db_path, check=True)
    cohort = json.loads(run_cli("students", "list", "--json", db=db_path,
                                check=True).stdout)[0]["generacion"]
    done = json.loads(run_cli("report", "contactos", "--generacion", cohort, "--out",
                              str(tmp_path / "llamadas"), "--json", db=db_path, check=True).stdout)
    assert done["archivo"].endswith("llamadas.pdf")
    assert (tmp_path / "llamadas.pdf").read_bytes()[:4] == b"%PDF"
    wrong = run_cli("bitacora", "--exportar", str(tmp_path / "bitacora.xlsx"), db=db_path)
    assert wrong.returncode == 1 and "«bitacora.csv»" in wrong.stderr
    assert not (tmp_path / "bitacora.xlsx").exists()


def test_a_control_character_in_a_typed_answer_does_not_stop_the_excel_export(workspace,
                                                                            tmp_path):
    # A vertical tab or a bell pasted into a free-text answer: Excel's format has no room
    # for them, and openpyxl refused the whole book.
    students = build_small_plantel(workspace)
    with workspace.store.transaction() as db:
        db.execute("UPDATE responses SET answers = json_set(answers, '$.RED_SOCIAL', ?) "
                   "WHERE student_id = ? AND questionnaire = 'C1'",
                   ["@ana\x0bperez\x07", students[0].id])
    out = workspace.export_responses("excel", tmp_path / "r.xlsx", questionnaire="C1").files[0]
    cells = [c.value for row in openpyxl.load_workbook(out)["C1"].iter_rows() for c in row]
    assert "@anaperez" in cells


def test_the_rejected_rows_never_overwrite_the_list_they_came_from(workspace, tmp_path):
    rows = roster_rows(people(4, seed=3))
    rows[5][1] = "NO ES UNA CURP"
    source = write_xlsx(tmp_path / "Lista.xlsx", rows)
    before = source.read_bytes()
    report = workspace.import_roster(source, "2023-2026", dry_run=True)
    with pytest.raises(InvalidData, match="Lista_rechazadas.xlsx"):
        workspace.save_rejected_rows(report, tmp_path / "Lista.xlsx", source.name)
    assert source.read_bytes() == before


@pytest.mark.parametrize("companion", [".llaves", ".numeracion.json"])
def test_a_backup_is_never_written_over_a_file_that_is_not_a_backup(tmp_path, companion):
    # «backup plantel.sqlite.<Tab>» completes to the key file: written over, the plantel
    # could never be opened again.
    db = tmp_path / "plantel.sqlite"
    with Workspace.open(db) as workspace:
        workspace.fill_demo(10, with_followup=False)
    add_administrator(db)
    target = tmp_path / f"plantel.sqlite{companion}"
    if not target.exists():
        target.write_text('{"siguiente": 8}', encoding="utf-8")
    before = target.read_bytes()
    with signed_in(db) as workspace, pytest.raises(InvalidData, match="no es un respaldo"):
        workspace.backup(target)
    assert target.read_bytes() == before
    with signed_in(db) as workspace:  # the plantel still opens with its key file
        assert len(workspace.find_students(StudentQuery())) == 10
        workspace.backup(tmp_path / "respaldo.sqlite")
        workspace.backup(tmp_path / "respaldo.sqlite")  # an earlier backup is replaced


def test_an_spss_export_onto_a_full_stick_says_so_in_spanish(workspace, tmp_path):
    pytest.importorskip("pyreadstat")
    build_small_plantel(workspace)
    with small_disk(tmp_path / "usb", 8) as disk:
        if not disk.mounted:
            pytest.skip("a full disk needs a small tmpfs (mount, as root on Linux)")
        with pytest.raises(FileUnreadable, match="No hay espacio suficiente"):
            workspace.export_responses("spss", disk.folder / "r.sav")
        assert list(disk.folder.iterdir()) == []


def test_an_excel_export_onto_a_full_stick_prints_no_traceback(run_cli, db_path, tmp_path):
    run_cli("demo", "--alumnos", "12", db=db_path, check=True)
    with small_disk(tmp_path / "usb", 8) as disk:
        if not disk.mounted:
            pytest.skip("a full disk needs a small tmpfs (mount, as root on Linux)")
        result = run_cli("export", "excel", "--out", str(disk.folder / "r.xlsx"), db=db_path)
        assert result.returncode == 1 and "No hay espacio suficiente" in result.stderr
        assert "Traceback" not in result.stderr  # openpyxl's half-written zip, collected late
        assert list(disk.folder.iterdir()) == []


@pytest.mark.parametrize("kind, name", [("csv", "r.csv"), ("excel", "r.xlsx")])
def test_a_write_protected_stick_is_said_in_spanish(workspace, tmp_path, kind, name):
    build_small_plantel(workspace)
    with small_disk(tmp_path / "usb", 256) as disk:
        if not disk.mounted:
            pytest.skip("a write-protected stick needs a tmpfs remounted read-only")
        disk.read_only()
        with pytest.raises(FileUnreadable, match="protegida contra escritura"):
            workspace.export_responses(kind, disk.folder / name)


def test_a_name_with_dots_gets_its_extension_rather_than_a_refusal(run_cli, db_path, tmp_path):
    from seguimiento_desktop.gui.widgets.files import with_suffix_if_missing
    run_cli("demo", "--alumnos", "12", db=db_path, check=True)
    cohort = json.loads(run_cli("students", "list", "--json", db=db_path,
                                check=True).stdout)[0]["generacion"]
    done = json.loads(run_cli("report", "contactos", "--generacion", cohort, "--out",
                              str(tmp_path / "llamadas 30.11.2026"), "--json", db=db_path,
                              check=True).stdout)
    assert done["archivo"].endswith("llamadas 30.11.2026.pdf")
    assert with_suffix_if_missing(tmp_path / "hojas 30.11", ".pdf").name == "hojas 30.11.pdf"


def test_an_export_named_with_a_version_number_gets_its_extension(workspace, tmp_path):
    build_small_plantel(workspace)
    files = workspace.export_responses("excel", tmp_path / "respuestas v1.2",
                                       questionnaire="C1").files
    assert [path.name for path in files] == ["respuestas v1.2.xlsx"]
