"""The look of the app: Fusion with a calm light palette and readable sizes.

Designed for old 1366×768 monitors in plantel offices: one base font a little larger than
Qt's default, generous row heights, and colours with enough contrast on cheap panels.
"""

import sys

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

# Colours used in more than one place (field notes, header, navigation).
ERROR_COLOR = "#b42318"
WARNING_COLOR = "#9a5b00"
MUTED_COLOR = "#52606d"
ACCENT_COLOR = "#2f6fb0"
BASE_POINT_SIZE = 10

_PALETTE = {
    QPalette.ColorRole.Window: "#f4f6f8",
    QPalette.ColorRole.WindowText: "#1f2933",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f3f6fa",
    QPalette.ColorRole.ToolTipBase: "#fffbe6",
    QPalette.ColorRole.ToolTipText: "#1f2933",
    QPalette.ColorRole.PlaceholderText: "#7b8794",
    QPalette.ColorRole.Text: "#1f2933",
    QPalette.ColorRole.Button: "#e9edf2",
    QPalette.ColorRole.ButtonText: "#1f2933",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: ACCENT_COLOR,
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: ACCENT_COLOR,
}

# Small touches Fusion does not give by itself; kept short on purpose.
_STYLE_SHEET = f"""
QTableView {{ gridline-color: #e4e7eb; selection-background-color: {ACCENT_COLOR}; }}
QHeaderView::section {{ background: #e9edf2; padding: 4px 6px; border: none;
    border-right: 1px solid #d9dee4; border-bottom: 1px solid #d9dee4; font-weight: 600; }}
QListWidget#navigation {{ background: #1f3a5a; color: #e8eef5; border: none;
    font-size: {BASE_POINT_SIZE + 1}pt; outline: 0; }}
QListWidget#navigation::item {{ padding: 10px 14px; }}
QListWidget#navigation::item:selected {{ background: {ACCENT_COLOR}; color: #ffffff; }}
QLabel#schoolHeader {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: 600; color: #1f3a5a; }}
QLabel#pageTitle {{ font-size: {BASE_POINT_SIZE + 4}pt; font-weight: 600; color: #1f3a5a; }}
QLabel#emptyTitle {{ font-size: {BASE_POINT_SIZE + 3}pt; font-weight: 600; color: #1f3a5a; }}
QPushButton {{ padding: 5px 14px; }}
QPushButton:default {{ border: 1px solid {ACCENT_COLOR}; }}
QLineEdit, QComboBox {{ padding: 3px 5px; }}
"""


def base_font() -> QFont:
    """The UI font: Segoe UI on Windows (always installed), the platform default elsewhere."""
    font = QApplication.font()
    if sys.platform == "win32":
        font = QFont("Segoe UI")
    font.setPointSize(BASE_POINT_SIZE)
    return font


def apply_theme(app: QApplication, set_style: bool = True) -> None:
    """Fusion style (unless ``set_style`` is False: the app was created with it), the calm
    palette, the base font and the small style sheet."""
    if set_style:
        app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in _PALETTE.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(disabled, role, QColor("#9aa5b1"))
    app.setPalette(palette)
    app.setFont(base_font())
    app.setStyleSheet(_STYLE_SHEET)
