"""Estimates the Windows app folder's size from the Linux build and the win_amd64 wheels.

PyInstaller does not cross-compile, so the Windows figure is computed, not measured:
1. The Linux folder (dist/SeguimientoEgresados, from `make dist`) is split into what is the
   same on both systems (the module archive, data files of pure-Python packages), the
   files of packages with compiled code, and the libraries of the Linux system.
2. For each package with compiled code, the win_amd64 wheel of the same version is
   downloaded (`pip download --only-binary=:all: --platform win_amd64 --python-version
   3.11`) and the same selection is taken from it: extension modules the Linux build
   collected, the DLLs that build/trim.py keeps (Qt Core/Gui/Widgets and the plugins the
   app needs, no software OpenGL, no Pillow codecs), the data files the Linux build
   collected. The Linux system libraries (X11, xcb, glib, fontconfig, libstdc++…) have no
   Windows counterpart in the folder: Windows provides them.
3. The executables are PyInstaller's Windows bootloaders (from its win_amd64 wheel) plus
   the same archives; the Python runtime (python311.dll, DLLs\\*.pyd, libcrypto) is taken
   at its Linux size, the one part not available as a wheel.

    python build/estimate_windows_size.py [--dist DIR] [--cache DIR]

Prints one line per package and the two totals, in MiB (2^20 bytes, as `du -sm` counts).
"""

import argparse
import re
import subprocess
import sys
import zipfile
from collections import defaultdict
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
from trim import keep  # noqa: E402

DIST = ROOT / "dist" / "SeguimientoEgresados"
CACHE = ROOT / "build" / "_work" / "win_amd64_wheels"
_LINUX_EXTENSION = re.compile(r"(\.cpython-\d+-x86_64-linux-gnu|\.abi3)?\.so$")
_WINDOWS_EXTENSION = re.compile(r"(\.cp\d+-win_amd64)?\.pyd$")
_NOT_COLLECTED = (".py", ".pyi", ".pyc", ".h", ".hpp", ".lib", ".exe", ".cmake", ".pc")
MIB = 1024 * 1024


def files(folder: Path) -> dict[str, int]:
    """Relative path → size of every file below ``folder`` (links count as links)."""
    return {p.relative_to(folder).as_posix(): p.lstat().st_size
            for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def compiled_distributions() -> dict[str, tuple[str, set[str]]]:
    """name → (version, files) of the installed distributions with platform wheels."""
    found = {}
    for dist in distributions():
        tags = [line.split(": ", 1)[1] for line in (dist.read_text("WHEEL") or "").splitlines()
                if line.startswith("Tag")]
        if tags and not all(tag.endswith("none-any") for tag in tags):
            found[dist.metadata["Name"]] = (dist.version,
                                            {str(f) for f in dist.files or ()})
    return found


def key(path: str) -> str:
    """A path that names the same file on Linux and Windows (module or Qt location)."""
    path = path.replace("PySide6/Qt/", "PySide6/")
    return _WINDOWS_EXTENSION.sub("", _LINUX_EXTENSION.sub("", path))


def windows_wheel(name: str, version: str, cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    pattern = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-*win_amd64.whl"
    found = [w for w in cache.iterdir() if w.name.lower().startswith(pattern.split('*')[0])]
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--only-binary=:all:", "--platform", "win_amd64",
                        "--python-version", "3.11", "--implementation", "cp",
                        "--dest", str(cache), f"{name}=={version}"], check=True)
        found = [w for w in cache.iterdir()
                 if w.name.lower().startswith(pattern.split('*')[0]) and "win_amd64" in w.name]
    return found[0]


def windows_selection(wheel: Path, linux_keys: set[str]) -> int:
    """Bytes of the wheel's files the Windows folder would hold (the same selection)."""
    total = 0
    for info in zipfile.ZipFile(wheel).infolist():
        name = info.filename
        if ".dist-info/" in name or name.endswith("/") or name.endswith(_NOT_COLLECTED):
            continue
        if name.endswith(".pyd"):
            chosen = key(name) in linux_keys and keep(name, windows=True)
        elif name.endswith(".dll"):
            chosen = keep(name, windows=True)
        else:
            chosen = key(name) in linux_keys  # data: as collected on Linux
        total += info.file_size if chosen else 0
    return total


def bootloader_sizes(cache: Path) -> tuple[int, int]:
    """(console, windowed) Windows bootloader sizes from PyInstaller's win_amd64 wheel."""
    from importlib.metadata import version
    wheel = windows_wheel("pyinstaller", version("pyinstaller"), cache)
    sizes = {Path(i.filename).name: i.file_size for i in zipfile.ZipFile(wheel).infolist()
             if "Windows-64bit-intel" in i.filename}
    return sizes["run.exe"], sizes["runw.exe"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dist", type=Path, default=DIST)
    parser.add_argument("--cache", type=Path, default=CACHE)
    options = parser.parse_args()
    internal = options.dist / "_internal"
    if not internal.is_dir():
        sys.exit(f"No existe {internal}: ejecute `make dist` primero.")
    linux = files(internal)
    linux_total = sum(linux.values()) + sum(p.stat().st_size for p in options.dist.iterdir()
                                            if p.is_file())
    owners = compiled_distributions()
    per_package: dict[str, set[str]] = defaultdict(set)
    for name, (_, owned) in owners.items():
        for path in linux:
            if path in owned:
                per_package[name].add(path)
    runtime = {p for p in linux if p.startswith(("libpython", "python3"))
               or re.match(r"lib(crypto|ssl|sqlite3|ffi|z|bz2|lzma|expat|uuid|mpdec)\.so", p)}
    attributed = set().union(*per_package.values())
    system = {p for p in linux if "/" not in p and p not in attributed and p not in runtime
              and ".so" in p}
    windows_total = linux_total - sum(linux[p] for p in attributed | system)
    for name, paths in sorted(per_package.items()):
        version = owners[name][0]
        wheel = windows_wheel(name, version, options.cache)
        linux_size = sum(linux[p] for p in paths)
        win_size = windows_selection(wheel, {key(p) for p in paths})
        windows_total += win_size
        print(f"  {name} {version}: Linux {linux_size / MIB:.1f} MiB, "
              f"Windows {win_size / MIB:.1f} MiB")
    console, windowed = bootloader_sizes(options.cache)
    linux_boot = (Path(__import__("PyInstaller").__file__).parent / "bootloader"
                  / "Linux-64bit-intel" / "run").stat().st_size
    windows_total += console + windowed - 2 * linux_boot
    print(f"  Linux system libraries (provided by Windows itself): "
          f"{sum(linux[p] for p in system) / MIB:.1f} MiB")
    print(f"Linux folder (files): {linux_total / MIB:.0f} MiB")
    print(f"Windows folder estimate: {windows_total / MIB:.0f} MiB (goal ≤ 150)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
