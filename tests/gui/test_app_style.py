"""The look the app chooses whatever the desktop's default style is."""

import os
import subprocess
import sys


def test_the_app_is_drawn_with_fusion_whatever_the_desktop_prefers():
    """create_application asks Qt for Fusion when it creates the application (a desktop
    that prefers another style, here through QT_STYLE_OVERRIDE, does not win), with or
    without a program name in its arguments."""
    code = ("from seguimiento_desktop.gui.app import create_application\n"
            "app = create_application([], icon=False)\n"
            "app.setStyleSheet('')\n"  # the theme's sheet wraps the style it draws with
            "print(app.style().name())\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["fusion"]
