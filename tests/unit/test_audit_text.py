"""The bitácora window speaks Spanish: every action the app records has a label."""

import re
from pathlib import Path

from seguimiento_desktop.accounts.audit_text import ACTION_LABELS, action_label, readable_detail
from seguimiento_desktop.accounts.guard import AUDITED

PACKAGE = Path(__file__).resolve().parents[2] / "seguimiento_desktop"


def recorded_actions() -> set[str]:
    """The action codes the package writes: the guarded use cases and every literal
    passed to log_action."""
    literal = re.compile(r"log_action\(\s*\"([a-z_]+)\"")
    found = set(AUDITED.values())
    for source in PACKAGE.rglob("*.py"):
        found.update(literal.findall(source.read_text(encoding="utf-8")))
    return found


def test_every_recorded_action_has_a_spanish_label():
    missing = sorted(recorded_actions() - ACTION_LABELS.keys())
    assert not missing, f"acciones sin etiqueta en la bitácora: {missing}"


def test_labels_read_as_spanish_and_unknown_codes_still_show():
    assert action_label("inicio_sesion") == "Inicio de sesión"
    assert action_label("accion_de_una_version_nueva") == "Accion de una version nueva"


def test_details_read_as_words_not_json():
    text = readable_detail({"destino": "E:/respaldo.sqlite", "alumnos": 300,
                            "seudonimizado": True, "grupos": ["6A", "6B"], "nota": ""})
    assert text == ("destino: E:/respaldo.sqlite · alumnos: 300 · seudonimizado: sí · "
                    "grupos: 6A, 6B · nota: —")
