"""Writes the Windows version resource for the executables from the package version."""

import sys
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers=({v}, 0), prodvers=({v}, 0)),
  kids=[
    StringFileInfo([StringTable('080A04B0', [
      StringStruct('CompanyName', 'Seguimiento de Egresados'),
      StringStruct('FileDescription', 'Seguimiento de Egresados (escritorio)'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('ProductName', 'Seguimiento de Egresados'),
      StringStruct('ProductVersion', '{dotted}')])]),
    VarFileInfo([VarStruct('Translation', [2058, 1200])])
  ]
)
"""


def write_version_file(version: str, target: Path) -> Path:
    parts = [int(p) for p in version.split(".")[:3]]
    parts += [0] * (3 - len(parts))
    target.write_text(TEMPLATE.format(v=", ".join(map(str, parts)), dotted=version), encoding="utf-8")
    return target


if __name__ == "__main__":
    from seguimiento_desktop import __version__
    print(write_version_file(__version__, Path(sys.argv[1])))
