"""PySide6's import hook, spared reading the source of every module imported after Qt.

Importing PySide6 replaces ``__import__``: after each import of a module it has not seen,
shiboken decides whether the module "uses PySide" by reading its whole source with
``inspect.getsource`` and looking for the word PySide6
(``shibokensupport.feature._mod_uses_pyside``). The app's start imports some 120 modules
after Qt (ours and the standard library's), so a start from an installed wheel read 120
source files: ~11 ms of CPU for nothing (the frozen app has no sources; there the read
fails at once). The answer only matters to ``from __feature__ import snake_case`` and
``true_property``: a module that says no takes the feature selection in force, and here
that is always the default, because nothing imports ``__feature__``
(tests/unit/test_feature_hook.py checks the package; a module that did import it would
still get its selection, recorded by the hook before its code runs). So every module is
answered "no" without reading it.
Drop this module when PySide6 stops reading sources on import (napari/napari#8584).
"""

import sys

import PySide6.QtCore  # noqa: F401 (creates shiboken's feature module, patched below)


def spare_source_reads() -> None:
    """Answer shiboken's question without reading sources (a no-op where this PySide6
    asks nothing)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and hasattr(feature, "_mod_uses_pyside"):
        feature._mod_uses_pyside = _uses_no_features


def _uses_no_features(module) -> bool:
    return False


spare_source_reads()
