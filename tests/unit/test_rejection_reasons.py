"""Every code a bundle can be refused for reads as Spanish words in the office's window
(the column «Motivo»), never as the bare code."""

import re
from pathlib import Path

import seguimiento_desktop
from seguimiento_desktop.sync.errors import DISK_REASON, REJECTION_REASONS


def test_every_refusal_the_code_raises_is_a_listed_reason():
    package = Path(seguimiento_desktop.__file__).parent
    raised = {code for source in package.rglob("*.py")
              for code in re.findall(r'BundleRejected\(\s*"(\w+)"', source.read_text("utf-8"))}
    assert raised and raised <= set(REJECTION_REASONS)


def test_the_office_window_names_every_reason_in_spanish():
    from seguimiento_desktop.gui.central.receive_page import REASONS
    assert set(REASONS) == {*REJECTION_REASONS, DISK_REASON}
    assert REASONS[DISK_REASON] == "no se pudo guardar en la base de la oficina"
    assert all(label != code for code, label in REASONS.items())
