"""Lists of people come in Spanish alphabetical order: ÁVILA before YÁÑEZ, Ñ after N."""

import json
from dataclasses import replace
from pathlib import Path

from seguimiento_desktop.domain.curp import build_curp
from tests.roster_files import people, roster_rows, write_csv

SURNAMES = ["YÁÑEZ", "ÁVILA", "NUÑO", "NÚÑEZ", "NUNEZ", "OCHOA", "ÑECO", "ZAVALA", "ÁLVAREZ",
            "NIETO"]
IN_ORDER = ["ÁLVAREZ", "ÁVILA", "NIETO", "NUNEZ", "NÚÑEZ", "NUÑO", "ÑECO", "OCHOA", "YÁÑEZ",
            "ZAVALA"]


def roster_with_surnames(path: Path) -> Path:
    """One group of graduates, all with a phone, whose first surnames are SURNAMES."""
    students = []
    for number, (person, surname) in enumerate(zip(people(len(SURNAMES)), SURNAMES)):
        curp = build_curp(person.given_names, surname, person.second_surname, person.birth_date,
                          person.sex, "JC", str(number))
        students.append(replace(person, first_surname=surname, curp=curp, group="6A",
                                phone=f"33{number:08d}"))
    return write_csv(path, roster_rows(students))


def imported(run_cli, tmp_path: Path) -> Path:
    db = tmp_path / "plantel.sqlite"
    run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1", db=db, check=True)
    run_cli("roster", "import", str(roster_with_surnames(tmp_path / "lista.csv")),
            "--generacion", "2023-2026", db=db, check=True)
    return db


def surnames(run_cli, db: Path, *args: str) -> list[str]:
    return [s["primer_apellido"] for s in json.loads(
        run_cli("students", "list", *args, "--json", db=db, check=True).stdout)]


def test_the_directory_lists_names_in_spanish_order(run_cli, tmp_path: Path):
    db = imported(run_cli, tmp_path)
    assert surnames(run_cli, db) == IN_ORDER


def test_a_short_search_tells_n_from_enie(run_cli, tmp_path: Path):
    db = imported(run_cli, tmp_path)
    assert surnames(run_cli, db, "--buscar", "ñe") == ["ÑECO"]
    assert surnames(run_cli, db, "--buscar", "nu") == ["NUNEZ", "NÚÑEZ", "NUÑO"]
    assert surnames(run_cli, db, "--buscar", "Á") == ["ÁLVAREZ", "ÁVILA"]


def test_followup_pending_lists_names_in_spanish_order(run_cli, tmp_path: Path):
    db = imported(run_cli, tmp_path)
    pending = json.loads(run_cli("followup", "pending", "--generacion", "2023-2026",
                                 "--cuestionario", "C2", "--json", db=db, check=True).stdout)
    by_curp = {s["curp"]: s["primer_apellido"] for s in json.loads(
        run_cli("students", "list", "--json", db=db, check=True).stdout)}
    assert [by_curp[p["curp"]] for p in pending] == IN_ORDER
    shown = run_cli("followup", "pending", "--generacion", "2023-2026", "--cuestionario", "C2",
                    db=db, check=True).stdout
    positions = [shown.index(surname) for surname in IN_ORDER]
    assert positions == sorted(positions)
