"""Where the app keeps its data when the user does not say (`--db`).

Three places, chosen by the installation (first match wins):
- portable: a marker file ``portable.txt`` next to the executable keeps the data in the
  ``datos`` folder beside it (a USB drive, or a disk a lab does not wipe at reboot);
- shared: an installation for all users (the installer writes ``compartido.txt`` next
  to the executable) keeps one data folder for every Windows account of the PC, under
  ProgramData, writable by the plantel's users;
- per user: %LOCALAPPDATA% on Windows, XDG_DATA_HOME elsewhere (the default).
``$SEGUIMIENTO_DB`` names the database file itself and overrides all three.
"""

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "SEGUIMIENTO_DB"
DB_NAME = "seguimiento.sqlite"
PORTABLE_MARKER = "portable.txt"
SHARED_MARKER = "compartido.txt"
PORTABLE_FOLDER = "datos"

PORTABLE, SHARED, PER_USER = "portable", "compartida", "usuario"
MODE_LABELS = {
    PORTABLE: "portátil (junto al programa)",
    SHARED: "compartida por todos los usuarios de la PC",
    PER_USER: "del usuario de Windows" if sys.platform == "win32" else "del usuario",
}


@dataclass(frozen=True)
class DataLocation:
    """The data folder in use and why: ``mode`` is PORTABLE, SHARED or PER_USER."""

    folder: Path
    mode: str

    @property
    def label(self) -> str:
        """The mode in the user's words (Spanish)."""
        return MODE_LABELS[self.mode]


def program_dir() -> Path | None:
    """The folder of the frozen executable; None when running from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def per_user_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA% on Windows, XDG_DATA_HOME elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "SeguimientoEgresados"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "seguimiento-egresados"


def shared_dir() -> Path:
    """The data folder shared by every account: %PROGRAMDATA% (Windows) or /var/lib."""
    if sys.platform == "win32":
        base = Path(os.environ.get("PROGRAMDATA") or "C:/ProgramData")
        return base / "SeguimientoEgresados"
    return Path("/var/lib/seguimiento-egresados")


def data_location() -> DataLocation:
    """The data folder this installation uses (see the module docstring)."""
    program = program_dir()
    if program is not None and (program / PORTABLE_MARKER).is_file():
        return DataLocation(program / PORTABLE_FOLDER, PORTABLE)
    if program is not None and (program / SHARED_MARKER).is_file():
        return DataLocation(shared_dir(), SHARED)
    return DataLocation(per_user_dir(), PER_USER)


def user_data_dir() -> Path:
    """The data folder in use (portable, shared or per user): database, log, settings."""
    return data_location().folder


def default_database_path() -> Path:
    """$SEGUIMIENTO_DB if set, else seguimiento.sqlite in the data folder in use."""
    override = os.environ.get(DB_ENV)
    return Path(override) if override else user_data_dir() / DB_NAME
