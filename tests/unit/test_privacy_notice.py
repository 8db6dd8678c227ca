"""The privacy notice printed and shown is generated from the export profile in force and
names the plantel as the body responsible (privacy/notice.py)."""

import re

from seguimiento_desktop.privacy.notice import privacy_notice, profile_in_force
from tests.pdf_text import pdf_text
from tests.sync_support import office, plantel


def printed_notice(workspace, tmp_path) -> str:
    out = tmp_path / f"c1-{len(list(tmp_path.glob('*.pdf')))}.pdf"
    workspace.print_questionnaires("C1", out, blank_copies=1)
    text = re.sub(r"\s+", " ", pdf_text(out))
    return text[text.index("Aviso de privacidad"):text.index("Contestar es voluntario")]


def test_a_new_plantel_promises_and_sends_pseudonymised_data(tmp_path):
    workspace = plantel(tmp_path, name="CBTIS 226")
    assert profile_in_force(workspace.store) == ("seudonimizado", "")
    notice = printed_notice(workspace, tmp_path)
    assert "CBTIS 226 (CCT 14DCT0099Z)" in notice
    assert "recibe solo tus respuestas" in notice and "se quedan en el plantel" in notice
    assert "junto con tu nombre" not in notice


def test_the_full_profile_of_the_office_changes_what_the_notice_says(tmp_path):
    workspace = plantel(tmp_path, name="CBTIS 226")
    office(tmp_path, workspace, profile="completo")
    notice = printed_notice(workspace, tmp_path)
    assert "recibe tus respuestas junto con tu nombre, CURP, teléfonos y correo" in notice
    assert "Oficina de prueba" in notice
    # what capture shows is the same text, from the same function
    shown = re.sub(r"\s+", " ", privacy_notice(workspace.store))
    assert shown.startswith(notice)


def test_a_pseudonymised_office_keeps_the_promise(tmp_path):
    workspace = plantel(tmp_path)
    office(tmp_path, workspace, profile="seudonimizado")
    assert "recibe solo tus respuestas" in printed_notice(workspace, tmp_path)
