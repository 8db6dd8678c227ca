"""A Spanish hint when Qt cannot open windows on Linux (checked before Qt starts).

Since Qt 6.5 the xcb platform plugin needs the system library libxcb-cursor0, which many
Linux desktops do not install. Without it Qt aborts with an English message («Could not
load the Qt platform plugin "xcb"…») and no window; this module says in Spanish what to
install. It imports no Qt, so it runs before the QApplication is created, and it only
warns: Qt may still find the library where we cannot (a bundled copy), so it decides.
"""

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

XCB_CURSOR = "libxcb-cursor.so.0"
HINT = ("Aviso: falta la biblioteca del sistema «libxcb-cursor0», que Qt necesita para abrir "
        "ventanas en Linux. Si la aplicación no abre, instálela y vuelva a intentarlo:\n"
        "    sudo apt install libxcb-cursor0\n"
        "(en Fedora: sudo dnf install xcb-util-cursor; en Arch: sudo pacman -S xcb-util-cursor).")


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will use its xcb (X11) plugin: Linux, and no other platform chosen."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return not (environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"))


def missing_library_hint(environ: Mapping[str, str] = os.environ, platform: str = sys.platform,
                         loads: Callable[[str], bool] | None = None) -> str | None:
    """The Spanish hint when Qt will need libxcb-cursor0 and it cannot be loaded, else None."""
    if uses_xcb(environ, platform) and not (loads or _loads)(XCB_CURSOR):
        return HINT
    return None


def warn_if_platform_will_fail() -> None:
    """Print the hint on stderr (and in the log) before Qt tries to load its plugin."""
    hint = missing_library_hint()
    if hint:
        import logging
        log = logging.getLogger("seguimiento_desktop.gui")
        if log.hasHandlers():  # the support log; without one, logging would print it again
            log.warning(hint)
        print(hint, file=sys.stderr, flush=True)
