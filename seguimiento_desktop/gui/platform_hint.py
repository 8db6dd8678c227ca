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
# What Qt's xcb plugin loads from the system (Qt's "X11 requirements"), with the Debian and
# Ubuntu package of each. libxcb-cursor0 is the one most desktops lack since Qt 6.5; a
# minimal system (a server, a container, a thin lab image) may lack several.
XCB_LIBRARIES = {
    XCB_CURSOR: "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
HINT = ("Aviso: faltan bibliotecas del sistema que Qt necesita para abrir ventanas en Linux "
        "({missing}). Si la aplicación no abre, instálelas y vuelva a intentarlo:\n"
        "    sudo apt install {packages}\n"
        "(en Fedora: sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-image "
        "xcb-util-keysyms xcb-util-renderutil libxkbcommon-x11).")


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
    """The Spanish hint when Qt will use xcb and a library it needs cannot be loaded."""
    if not uses_xcb(environ, platform):
        return None
    missing = [package for library, package in XCB_LIBRARIES.items()
               if not (loads or _loads)(library)]
    if not missing:
        return None
    return HINT.format(missing=", ".join(f"«{p}»" for p in missing), packages=" ".join(missing))


def warn_if_platform_will_fail() -> None:
    """Print the hint on stderr (and in the log) before Qt tries to load its plugin."""
    hint = missing_library_hint()
    if hint:
        import logging
        log = logging.getLogger("seguimiento_desktop.gui")
        if log.hasHandlers():  # the support log; without one, logging would print it again
            log.warning(hint)
        print(hint, file=sys.stderr, flush=True)
