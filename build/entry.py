"""Entry point of the frozen app: one script, two executables.

The windowed executable (SeguimientoEgresados.exe) opens the GUI; the console one
(seguimiento.exe) is the CLI. Which one runs is told by the executable's own name.
"""

import sys
from pathlib import Path


def main() -> None:
    if Path(sys.executable).stem.lower().startswith("seguimientoegresados"):
        from seguimiento_desktop.gui.app import main as gui_main
        gui_main()
    else:
        from seguimiento_desktop.cli.main import main as cli_main
        cli_main()


if __name__ == "__main__":
    main()
