"""Which collected files the frozen app leaves out (it uses QtCore, QtGui, QtWidgets only).

One rule set, used twice: by installer.spec on the files PyInstaller collected, and by
build/estimate_windows_size.py on the win_amd64 wheels, so the Windows estimate counts
the same selection. Paths are destination paths inside the app folder, with "/".
"""

import re
import shutil
import subprocess
from pathlib import Path

# Python modules never imported by the app (PyInstaller would follow them from hooks).
EXCLUDED_MODULES = [
    "tkinter", "matplotlib", "IPython", "pytest", "hypothesis", "setuptools", "pip",
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg", "PySide6.QtSvgWidgets", "PySide6.QtPrintSupport", "PySide6.QtSql",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtTest", "PySide6.QtQml",
    "PySide6.QtQuick", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtHelp",
    "PIL.ImageTk", "PIL.ImageQt",
    # The central store on PostgreSQL is installed with pip and the «central-pg» extra
    # (docs/central-postgresql.md); a build venv that has it for the tests must not ship
    # it (10 MB of libpq and OpenSSL): the frozen app's size would depend on the venv.
    "psycopg", "psycopg_binary", "psycopg_c",
]

# Qt plugin folders the app needs: the platform plugins (windows, xcb, cocoa, and
# offscreen for headless runs), the compose input context (dead keys: á, ñ on Linux),
# styles (the Windows 11 look) and the .ico image format (window icons).
_KEEP_PLUGINS = {
    "platforms": {"qwindows", "qxcb", "qcocoa", "qoffscreen"},
    "platforminputcontexts": {"composeplatforminputcontextplugin"},
    "imageformats": {"qico"},
    "styles": None,  # all
}
# Qt libraries the three modules need; DBus only because Linux's QtGui links it.
_KEEP_QT_LIBS = {"Core", "Gui", "Widgets", "XcbQpa", "DBus"}
_KEEP_QT_LIBS_WINDOWS = _KEEP_QT_LIBS - {"DBus", "XcbQpa"}
_QT_LIB = re.compile(r"^(?:lib)?Qt6(\w+?)(?:\.so\.6.*|\.dll|\.dylib)?$")
_PLUGIN_NAME = re.compile(r"^(?:lib)?(\w+?)(?:\.so|\.dll|\.dylib)$")
# Whole files: Qt's software OpenGL renderer (Windows), Pillow's codecs reportlab does not
# use (WebP, AVIF, colour management, fonts, Tk) and the libraries only they load.
_DROP_FILE = re.compile(
    r"(^|/)(opengl32sw\.dll|d3dcompiler_\d+\.dll"
    r"|_webp\.|_avif\.|_imagingcms\.|_imagingft\.|_imagingtk\.|_imagingmath\.|_imagingmorph\."
    r"|(?:pillow\.libs|PIL/\.dylibs)/lib(webp|webpdemux|webpmux|sharpyuv|avif|lcms2|freetype"
    r"|harfbuzz|brotli\w*)[-.])",
    re.IGNORECASE)
# Windows: Visual C++ runtime parts no kept DLL links (C++ AMP, C++/CX, ConcRT, OpenMP),
# and the QML binding, which PySide6's wheel ships next to the Widgets one.
_UNUSED_WINDOWS_DLLS = {"vcamp140.dll", "vccorlib140.dll", "concrt140.dll", "vcomp140.dll",
                        "msvcp140_codecvt_ids.dll", "pyside6qml.abi3.dll"}


def keep(dest: str, windows: bool = False) -> bool:
    """Whether the file at ``dest`` (inside the app folder) belongs in the frozen app."""
    dest = dest.replace("\\", "/")
    parts = dest.split("/")
    name = parts[-1]
    if _DROP_FILE.search(dest) or name.lower() in _UNUSED_WINDOWS_DLLS:
        return False
    if "qml" in parts:  # Qt Quick modules: a Widgets app loads none
        return False
    if "translations" in parts and name.endswith(".qm"):
        return name.endswith("_es.qm")  # the app speaks Spanish only
    if "plugins" in parts and parts.index("plugins") < len(parts) - 2:
        folder = parts[parts.index("plugins") + 1]
        if folder not in _KEEP_PLUGINS:
            return False
        wanted = _KEEP_PLUGINS[folder]
        match = _PLUGIN_NAME.match(name)
        return wanted is None or bool(match and match.group(1) in wanted)
    qt_lib = _QT_LIB.match(name)
    if qt_lib and ("PySide6" in parts or name.startswith(("libQt6", "Qt6"))):
        return qt_lib.group(1) in (_KEEP_QT_LIBS_WINDOWS if windows else _KEEP_QT_LIBS)
    return True


def trimmed(toc: list, windows: bool = False) -> list:
    """A PyInstaller TOC (dest, source, typecode) without what ``keep`` leaves out."""
    return [entry for entry in toc if keep(entry[0], windows)
            and (entry[2] != "SYMLINK" or keep(entry[1], windows))]  # no dangling links


def without_orphan_libraries(toc: list) -> list:
    """Drop the shared libraries (Linux) that only left-out files needed.

    PyInstaller collects the dependencies of every binary before ``trimmed`` drops some
    (the GTK theme plugin brings cairo, pango, gdk-pixbuf…). Top-level libraries that no
    kept binary links to, directly or not, go too; libpython always stays.
    """
    from PyInstaller.depend.bindepend import get_imports
    libraries = {dest: src for dest, src, kind in toc
                 if "/" not in dest.replace("\\", "/") and kind == "BINARY"
                 and not dest.startswith("libpython")}
    pending = [src for dest, src, _ in toc if dest not in libraries]
    needed, seen = set(), set()
    while pending:
        source = pending.pop()
        if source in seen:
            continue
        seen.add(source)
        for name, _ in get_imports(source):
            base = Path(name).name
            if base in libraries and base not in needed:
                needed.add(base)
                pending.append(libraries[base])
    return [entry for entry in toc if entry[0] not in libraries or entry[0] in needed]


def strip_python_runtime(folder: Path) -> list[Path]:
    """Strip debug symbols from the Python runtime (libpython, lib-dynload) in ``folder``,
    and from the wheels' libraries that were shipped with them (sqlcipher3's 21 MB module
    is 9 MB without; pyreadstat's too).

    Not from libraries auditwheel repaired (they carry an RPATH/RUNPATH): `strip` breaks
    those. Returns the files stripped (none when `strip` or `readelf` is missing).
    """
    tool, reader = shutil.which("strip"), shutil.which("readelf")
    if tool is None or reader is None:
        print("AVISO: no se encontró `strip`; las bibliotecas conservan sus símbolos")
        return []
    runtime = [p for p in folder.rglob("*") if p.is_file() and (
        p.name.startswith("libpython") or "lib-dynload" in p.parts)]
    shipped = [p for p in folder.rglob("*.so*") if p.is_file() and p not in runtime
               and _has_debug_info(reader, p) and not _repaired(reader, p)]
    for path in runtime + shipped:
        subprocess.run([tool, "--strip-debug", str(path)], check=True)
    return runtime + shipped


def _has_debug_info(reader: str, path: Path) -> bool:
    sections = subprocess.run([reader, "-S", "-W", str(path)], capture_output=True, text=True)
    return sections.returncode == 0 and ".debug_info" in sections.stdout


def _repaired(reader: str, path: Path) -> bool:
    dynamic = subprocess.run([reader, "-d", str(path)], capture_output=True, text=True)
    return "RPATH" in dynamic.stdout or "RUNPATH" in dynamic.stdout
