"""Entry point of the frozen app: one script, two executables.

The windowed executable (SeguimientoEgresados.exe) opens the GUI; the console one
(seguimiento.exe) is the CLI. Which one runs is told by the executable's own name.
"""

import os
import sys
from pathlib import Path


def qt_plugin_path() -> None:
    """Where Qt finds its plugins, as PyInstaller's PySide6 runtime hook says it, without
    importing Qt: the console executable skips that hook (installer.spec) and loads Qt only
    for `seguimiento gui`."""
    qt = Path(sys._MEIPASS, "PySide6") if sys.platform == "win32" else Path(
        sys._MEIPASS, "PySide6", "Qt")
    os.environ.setdefault("QT_PLUGIN_PATH", str(qt / "plugins"))


def main() -> None:
    if Path(sys.executable).stem.lower().startswith("seguimientoegresados"):
        from seguimiento_desktop.gui.app import main as gui_main
        gui_main()
    else:
        if hasattr(sys, "_MEIPASS"):
            qt_plugin_path()
        from seguimiento_desktop.cli.main import main as cli_main
        cli_main()


if __name__ == "__main__":
    main()
