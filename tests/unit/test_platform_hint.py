"""Linux without libxcb-cursor0: a Spanish hint says what to install before Qt aborts."""

import os
import subprocess
import sys

import pytest

from seguimiento_desktop.gui.platform_hint import missing_library_hint


def absent(name: str) -> bool:
    return False


def present(name: str) -> bool:
    return True


@pytest.mark.parametrize("environ", [{}, {"QT_QPA_PLATFORM": "xcb"}, {"DISPLAY": ":0"},
                                     {"XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "w"}])
def test_linux_on_x11_without_the_library_gets_the_hint(environ):
    hint = missing_library_hint(environ, "linux", absent)
    assert "sudo apt install libxcb-cursor0" in hint and "faltan bibliotecas" in hint


def test_every_missing_library_is_named_with_its_package():
    """A minimal Linux (what a lab image or a container has) lacks more than the cursor."""
    hint = missing_library_hint({"DISPLAY": ":0"}, "linux",
                                lambda name: name not in ("libxcb-icccm.so.4",
                                                          "libxkbcommon-x11.so.0"))
    assert "sudo apt install libxcb-icccm4 libxkbcommon-x11-0\n" in hint
    assert "libxcb-cursor0" not in hint.split("(en Fedora")[0]


@pytest.mark.parametrize("environ, platform, loads", [
    ({}, "linux", present),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", absent),
    ({"QT_QPA_PLATFORM": "wayland"}, "linux", absent),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", absent),
    ({}, "win32", absent),
    ({}, "darwin", absent),
])
def test_no_hint_where_qt_does_not_need_the_library(environ, platform, loads):
    assert missing_library_hint(environ, platform, loads) is None


def test_the_hint_is_printed_before_qt_starts():
    """As `seguimiento gui` would print it on a PC without the library (simulated)."""
    code = ("import seguimiento_desktop.gui.platform_hint as h, sys\n"
            "h._loads = lambda name: False\n"
            "h.warn_if_platform_will_fail()\n"
            "assert 'PySide6' not in sys.modules\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    expected = "libxcb-cursor0" in result.stderr and "sudo apt install" in result.stderr
    assert expected if sys.platform.startswith("linux") else result.stderr == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb plugin is Linux's")
def test_the_app_says_it_in_spanish_before_qt_fails_to_open_a_window():
    """The real start-up (create_application) on X11 without a usable xcb plugin: the
    Spanish hint comes first, once, before Qt's own English error."""
    pytest.importorskip("PySide6")
    code = ("import seguimiento_desktop.gui.platform_hint as h\n"
            "h._loads = lambda name: False\n"
            "from seguimiento_desktop.gui.app import create_application\n"
            "create_application(['seguimiento'])\n")
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=60)
    assert result.returncode != 0  # Qt cannot start without a display
    assert result.stderr.count("sudo apt install libxcb-cursor0") == 1
    assert result.stderr.index("libxcb-cursor0") < result.stderr.index("Qt platform plugin")
