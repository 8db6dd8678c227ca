"""gui/feature_hook.py answers PySide6's «does it use __feature__?» for this package's
modules without reading them: right only while no module of the package imports it."""

from pathlib import Path

import seguimiento_desktop


def test_no_module_of_the_package_selects_pyside_features():
    package = Path(seguimiento_desktop.__file__).parent
    users = [str(path.relative_to(package)) for path in package.rglob("*.py")
             if "__feature__" in path.read_text(encoding="utf-8")
             and path.name != "feature_hook.py"]
    assert users == [], f"{users} select PySide6 features: gui/feature_hook.py must read them"
