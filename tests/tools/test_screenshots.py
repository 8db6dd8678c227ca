"""tools/screenshots.py really shows every screen: run under Xvfb with real X events, it
writes one 1366×768 picture per step and reports no failed step."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")),
                       reason="Xvfb y xdotool no están instalados (apt install xvfb xdotool)"),
]


def test_every_step_is_photographed(tmp_path):
    pytest.importorskip("PySide6")
    from seguimiento_desktop.gui.platform_hint import missing_library_hint
    hint = missing_library_hint({"QT_QPA_PLATFORM": "xcb"})
    if hint:
        pytest.skip(hint)
    folder = tmp_path / "capturas"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"),
                             "--carpeta", str(folder)], capture_output=True, text=True,
                            env=env, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    pictures = sorted(folder.glob("*.png"))
    assert len(pictures) >= 15 and pictures[0].name == "01-inicio-de-sesion.png"
    assert pictures[2].name == "03-directorio.png"  # signed in by typing
    from PySide6.QtGui import QImage
    first = QImage(str(pictures[0]))
    assert (first.width(), first.height()) == (1366, 768)
    # The screens differ from one another: the steps really changed what was shown.
    assert len({p.read_bytes() for p in pictures}) >= len(pictures) - 3
