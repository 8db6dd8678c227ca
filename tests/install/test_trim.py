"""What the frozen app leaves out (build/trim.py): unused Qt, Pillow codecs, other languages."""

import sys
from pathlib import Path

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
