"""`seguimiento followup log` updates «Localización» as the counselor expects."""

import json
from pathlib import Path

from tests.roster_files import people, roster_rows, write_csv


def log(run_cli, db: Path, curp: str, result: str) -> str:
    return json.loads(run_cli("followup", "log", curp, "--medio", "telefono", "--resultado",
                              result, "--json", db=db, check=True).stdout)["estado_localizacion"]


def test_a_message_left_is_no_longer_sin_contactar(run_cli, tmp_path: Path):
    db = tmp_path / "plantel.sqlite"
    graduate = people(1)[0]
    run_cli("init", "--cct", "14DCT0001A", "--nombre", "CBTIS 1", db=db, check=True)
    run_cli("roster", "import", str(write_csv(tmp_path / "lista.csv", roster_rows([graduate]))),
            "--generacion", "2023-2026", db=db, check=True)
    assert log(run_cli, db, graduate.curp, "dejo_mensaje") == "contactado"
    assert log(run_cli, db, graduate.curp, "no_contesto") == "contactado"
    assert log(run_cli, db, graduate.curp, "contesto") == "localizado"
    assert log(run_cli, db, graduate.curp, "numero_equivocado") == "localizado"
