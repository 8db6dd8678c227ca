"""Printed personal codes: the slips (`sala codigos`), signing in with one instead of CURP +
the session's code, a code used up by finishing, and slips printed again."""

import re

from hypothesis import given
from hypothesis import strategies as st

from seguimiento_desktop.sala.server import open_sala
from seguimiento_desktop.sala.session import SalaConfig
from seguimiento_desktop.sala.simulated import SimulatedStudent
from seguimiento_desktop.sala.slip_codes import ALPHABET, LENGTH, SlipCodes, new_code, normalize
from tests.conftest import signed_in
from tests.pdf_text import pdf_text
from tests.sala.conftest import GRADUATING, answers_for, stored

CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b")


@given(st.randoms(use_true_random=False), st.sampled_from(["", " ", "-", "  "]),
       st.booleans())
def test_a_code_is_read_however_the_student_types_it(rng, separator, lower):
    code = new_code()
    assert not set(code.replace("-", "")) & set("0O1IL2Z5S8B")  # no look-alikes printed
    raw = code.replace("-", "")
    cuts = sorted(rng.sample(range(1, LENGTH), rng.randint(0, 3)))
    typed = separator.join(raw[a:b] for a, b in zip([0, *cuts], [*cuts, LENGTH]))
    typed = typed.lower() if lower else typed
    assert normalize(f" {typed} ") == raw


@given(st.text(max_size=20))
def test_anything_else_is_not_a_code(text):
    cleaned = "".join(text.split()).replace("-", "").upper()
    if len(cleaned) != LENGTH or not all(c in ALPHABET for c in cleaned):
        assert normalize(text) == ""


def print_codes(run_cli, plantel, tmp_path, name: str = "hojas.pdf",
                expected: int = 100, questionnaire: str = "C1") -> tuple[str, list[str]]:
    """`sala codigos` for the graduating generación: the slips' text and their codes."""
    out = tmp_path / name
    result = run_cli("sala", "codigos", "--cuestionario", questionnaire, "--generacion",
                     GRADUATING, "--out", str(out), db=plantel)
    assert result.returncode == 0, result.stderr
    assert f"{expected} hojas con código personal" in result.stdout
    text = pdf_text(out)
    codes = CODE.findall(text)
    assert len(codes) == expected and len(set(codes)) == expected
    return text, codes


def sign_in_with(lab, code: str) -> SimulatedStudent:
    browser = SimulatedStudent(lab.address)
    page = browser.get("/")
    assert "Código personal" in page.text  # offered once slips were printed
    browser.post("/entrar", {"csrf": page.form.csrf, "clave": code})
    return browser


def test_slips_name_the_questionnaire_they_are_for_and_open_only_its_sala(plantel, session,
                                                                         run_cli, tmp_path):
    _, first = print_codes(run_cli, plantel, tmp_path)
    text, second = print_codes(run_cli, plantel, tmp_path, "c2.pdf", questionnaire="C2")
    assert "Cuestionario 2 · sala de cómputo" in text and "Cuestionario 1" not in text
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    try:
        assert sign_in_with(lab, second[0]).last.status == 403  # a C2 slip does not open C1
        assert "/pregunta/" in sign_in_with(lab, first[0]).last.url  # nor replaces its slips
    finally:
        lab.close(grace_s=0)


def test_a_restore_leaves_the_slips_in_hand_working_and_the_replaced_ones_dead(
        plantel, session, run_cli, tmp_path):
    _, replaced = print_codes(run_cli, plantel, tmp_path)
    backup = tmp_path / "respaldo" / "respaldo.sqlite"
    backup.parent.mkdir()
    with signed_in(plantel) as workspace:
        workspace.backup(backup)
    _, in_hand = print_codes(run_cli, plantel, tmp_path, "otra-vez.pdf")  # a slip was lost
    with signed_in(plantel) as workspace:
        workspace.restore_backup(backup)
    assert not list(backup.parent.glob("*.sala-codigos"))  # codes are not in the backups
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    try:
        assert sign_in_with(lab, replaced[0]).last.status == 403  # the lost slip stays dead
        assert "/pregunta/" in sign_in_with(lab, in_hand[0]).last.url
    finally:
        lab.close(grace_s=0)


def test_codes_written_under_another_key_are_not_offered_and_new_slips_replace_them(
        plantel, session, students, run_cli, tmp_path):
    # Another plantel's file copied along, or slips printed before the accounts: no code in
    # it can match this plantel's key, so the sign-in must not ask for one.
    SlipCodes(plantel, b"k" * 32).issue("C1", [s.id for s in students])
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    try:
        assert "Código personal" not in SimulatedStudent(lab.address).get("/").text
        _, codes = print_codes(run_cli, plantel, tmp_path)
        assert "/pregunta/" in sign_in_with(lab, codes[0]).last.url
    finally:
        lab.close(grace_s=0)


def test_a_student_signs_in_with_the_printed_code_until_they_finish(plantel, session, students,
                                                                    run_cli, tmp_path):
    text, _ = print_codes(run_cli, plantel, tmp_path)
    assert "Cuestionario 1" in text and f"Generación {GRADUATING}" in text
    student = students[0]
    mine = _code_of(text, student.full_name)
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    try:
        browser = sign_in_with(lab, f" {mine.lower()} ")  # typed as it comes
        assert "/pregunta/" in browser.last.url and student.full_name in browser.last.text
        reply = browser.answer_all(answers_for(plantel, student, seed=21))
        assert reply.url.endswith("/gracias") and stored(plantel, student.id).mode == "sala"
        used = sign_in_with(lab, mine).last
        assert used.status == 403 and "Ya contestaste" in used.text
        wrong = sign_in_with(lab, "AAAA-AAAA-AAAA").last
        assert wrong.status == 403 and "no es de esta sesión" in wrong.text
    finally:
        lab.close(grace_s=0)
    print_codes(run_cli, plantel, tmp_path, "otra-vez.pdf", expected=99)  # not who finished
    with signed_in(plantel) as workspace:  # the bitácora says who printed credentials
        assert "imprimir_codigos_sala" in workspace.audit_actions()


def _code_of(text: str, name: str) -> str:
    """The code on ``name``'s slip: the first code below the name, in its column."""
    rows = text.splitlines()
    line = next(i for i, row in enumerate(rows) if name in row)
    column = rows[line].index(name)
    for row in rows[line + 1:]:
        for found in CODE.finditer(row):
            if abs(found.start() - column) < 40:
                return found.group()
    raise AssertionError(f"no code under {name}")


def test_slips_printed_again_replace_the_old_codes_even_in_an_open_sala(plantel, session,
                                                                        run_cli, tmp_path):
    _, first = print_codes(run_cli, plantel, tmp_path)
    lab = open_sala(plantel, session, SalaConfig("C1", GRADUATING), "127.0.0.1", 0)
    try:
        assert "/pregunta/" in sign_in_with(lab, first[1]).last.url
        _, second = print_codes(run_cli, plantel, tmp_path, "otra-vez.pdf")  # a slip was lost
        assert not set(first) & set(second)
        assert sign_in_with(lab, first[0]).last.status == 403  # the old slips stop working
        assert "/pregunta/" in sign_in_with(lab, second[0]).last.url
        guesser = sign_in_with(lab, "AAAA-AAAA-AAAA")
        for _ in range(30):  # someone trying codes: the address waits, even with a real one
            guesser.post("/entrar", {"csrf": guesser.last.form.csrf, "clave": "CCCC-CCCC-CCCC"})
        assert sign_in_with(lab, second[2]).last.status == 429
    finally:
        lab.close(grace_s=0)
    kept = plantel.with_name(plantel.name + ".sala-codigos").read_text()
    assert not any(c in kept or c.replace("-", "") in kept for c in second)  # keyed hashes only


def test_slips_named_without_extension_are_a_pdf_and_another_extension_is_refused(
        run_cli, plantel, tmp_path):
    done = run_cli("sala", "codigos", "--generacion", GRADUATING, "--out",
                   str(tmp_path / "hojas"), db=plantel)
    assert done.returncode == 0 and "hojas.pdf" in done.stdout
    assert (tmp_path / "hojas.pdf").read_bytes()[:4] == b"%PDF"
    wrong = run_cli("sala", "codigos", "--generacion", GRADUATING, "--out",
                    str(tmp_path / "hojas.xlsx"), db=plantel)
    assert wrong.returncode != 0 and "«hojas.pdf»" in wrong.stderr
