"""The core must import without Qt, so a central office can run it on a server."""

import pkgutil
import subprocess
import sys

import seguimiento_desktop


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(seguimiento_desktop.__path__, "seguimiento_desktop."):
        if ".gui" not in info.name and not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_there_are_core_modules_to_check():
    assert {"seguimiento_desktop.services", "seguimiento_desktop.storage.database"} <= set(core_modules())


def test_importing_every_core_module_does_not_load_qt():
    script = ("import importlib, sys\n"
              f"for name in {core_modules()!r}:\n"
              "    importlib.import_module(name)\n"
              "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
              "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
