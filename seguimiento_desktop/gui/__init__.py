"""The desktop GUI (PySide6): the only package that imports Qt."""

# Before any Qt call: a PySide6 with the 6.12.0 reference-count bug must not be able to
# abort the app mid-keying (pyproject excludes that version; this guards a stray install).
from seguimiento_desktop.gui import immortal  # noqa: F401
