"""What the frozen app leaves out (build/trim.py): unused Qt, Pillow codecs, other languages."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "build"))
from trim import keep, trimmed  # noqa: E402


def test_qt_keeps_core_gui_widgets_and_the_platform_plugins():
    assert keep("PySide6/Qt/lib/libQt6Widgets.so.6") and keep("PySide6/Qt6Gui.dll", windows=True)
    assert not keep("PySide6/Qt/lib/libQt6Network.so.6")
    assert not keep("PySide6/Qt6Network.dll", windows=True)
    assert keep("PySide6/Qt/lib/libQt6DBus.so.6")  # Linux's QtGui links it
    assert not keep("PySide6/Qt6DBus.dll", windows=True)
    for plugin in ("libqxcb.so", "libqoffscreen.so", "qwindows.dll", "libqcocoa.dylib"):
        assert keep(f"PySide6/Qt/plugins/platforms/{plugin}")
    assert not keep("PySide6/Qt/plugins/platforms/libqvnc.so")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6/opengl32sw.dll", windows=True)


def test_pillow_keeps_its_core_but_not_the_codecs_reportlab_does_not_use():
    assert keep("PIL/_imaging.cpython-311-x86_64-linux-gnu.so")
    assert not keep("PIL/_webp.cp311-win_amd64.pyd", windows=True)
    assert not keep("pillow.libs/libwebp-51b0b3f7.so.7.2.0")
    assert keep("pillow.libs/libjpeg-6dc8d115.so.62.4.0")


def test_only_spanish_translations_and_no_dangling_links():
    assert keep("PySide6/Qt/translations/qtbase_es.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    toc = [("libwebp.so.7", "pillow.libs/libwebp-1.so.7", "SYMLINK"),
           ("libjpeg.so.62", "pillow.libs/libjpeg-1.so.62", "SYMLINK")]
    assert trimmed(toc) == [toc[1]]


@pytest.mark.skipif(not all(shutil.which(t) for t in ("cc", "strip", "readelf")),
                    reason="needs a C compiler and binutils")
def test_debug_symbols_go_except_from_libraries_auditwheel_repaired(tmp_path):
    """A wheel's library shipped with debug symbols (sqlcipher3's: 21 MB, 9 MB without)
    loses them; one that auditwheel repaired (it carries an RPATH) is left as it is, since
    `strip` breaks those."""
    from trim import strip_python_runtime
    source = tmp_path / "m.c"
    source.write_text("int answer(void) { return 42; }\n")
    plain, repaired = tmp_path / "plain.so", tmp_path / "repaired.so"
    subprocess.run(["cc", "-g", "-shared", "-fPIC", "-o", str(plain), str(source)], check=True)
    subprocess.run(["cc", "-g", "-shared", "-fPIC", "-Wl,-rpath,$ORIGIN", "-o",
                    str(repaired), str(source)], check=True)
    repaired_bytes = repaired.read_bytes()
    assert strip_python_runtime(tmp_path) == [plain]
    assert ".debug_info" not in subprocess.run(["readelf", "-S", "-W", str(plain)],
                                               capture_output=True, text=True).stdout
    assert repaired.read_bytes() == repaired_bytes
