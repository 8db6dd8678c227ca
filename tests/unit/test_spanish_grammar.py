"""Spanish messages read as Spanish (issue 10.14): «del», and positions that agree."""

import json
import re
from pathlib import Path

import pytest
from sync_support import office, plantel

import seguimiento_desktop
from seguimiento_desktop.domain.curp import curp_problem
from seguimiento_desktop.sync.errors import TrustError
from seguimiento_desktop.sync.keys import of

PACKAGE = Path(seguimiento_desktop.__file__).parent


def test_curp_positions_agree_in_number():
    assert "en las posiciones 3 y 4 deben ir las iniciales" in curp_problem("GO12800101HJCRRN05")
    assert "en la posición 11 debe ir el sexo" in curp_problem("GORJ800101ZJCRRN05")
    assert "en las posiciones 12 y 13 debe ir la entidad" in curp_problem("GORJ800101H12RRN05")
    assert "en las posiciones 14 a 16 deben ir" in curp_problem("GORJ800101HJC12305")


def test_de_contracts_with_el():
    assert of("el paquete de configuración") == "del paquete de configuración"
    assert of("la solicitud de registro") == "de la solicitud de registro"


def test_a_tampered_package_says_del(tmp_path):
    school = plantel(tmp_path)
    central = office(tmp_path, school, configure=False)
    package = central.write_config_package(tmp_path / "config.json")
    document = json.loads(package.path.read_text())
    document["body"]["central_name"] = "Otra"
    package.path.write_text(json.dumps(document))
    with pytest.raises(TrustError, match="La firma del paquete de configuración"):
        school.import_config(package.path, package.fingerprint.hex)


def test_no_message_says_de_el():
    found = [f"{path.name}: {line.strip()}" for path in PACKAGE.rglob("*.py")
             for line in path.read_text("utf-8").splitlines()
             if re.search(r"\bde el\b", line, re.IGNORECASE)]
    assert found == []
