"""The operations the crash tests interrupt, each run on a folder prepared by the test.

A folder holds everything one operation needs (the plantel database, a roster file, the
office's database and a bundle, a «usb» folder); the zygote (tests/crash/zygote.py) runs an
operation in a forked process and SIGKILLs it at a chosen moment.
"""

import json
from pathlib import Path

from seguimiento_desktop.domain.models import Response

PLANTEL, CENTRAL = "plantel.sqlite", "central.sqlite"
ROSTER, USB, INBOX, ACKS = "lista.csv", "usb", "entrada", "acuses"
BACKUP_NAME = "respaldo.sqlite"
COHORT = "2023-2026"
STEPS = "autosave.json"  # the answers a keyer types, one save each (written by the test)


def run_import(folder: Path) -> None:
    from seguimiento_desktop.services import Workspace
    with Workspace.open(folder / PLANTEL, create=False) as workspace:
        workspace.import_roster(folder / ROSTER, COHORT)


def run_autosave(folder: Path) -> None:
    """A keyer answering C1 item after item: one save_response per answer, as capture does."""
    from seguimiento_desktop.services import Workspace
    steps = json.loads((folder / STEPS).read_text("utf-8"))
    with Workspace.open(folder / PLANTEL, create=False) as workspace:
        for answers in steps["answers"]:
            workspace.save_response(Response(student_id=steps["student_id"], questionnaire="C1",
                                             version=steps["version"], answers=answers))


def run_backup(folder: Path) -> None:
    from seguimiento_desktop.services import Workspace
    with Workspace.open(folder / PLANTEL, create=False) as workspace:
        workspace.backup(folder / USB / BACKUP_NAME)


def run_export(folder: Path) -> None:
    from seguimiento_desktop.services import Workspace
    with Workspace.open(folder / PLANTEL, create=False) as workspace:
        workspace.export_bundle(folder / USB)


def run_merge(folder: Path) -> None:
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    with CentralWorkspace.open(folder / CENTRAL, create=False) as central:
        report = central.merge(sorted((folder / INBOX).glob("*.seg")), folder / ACKS)
        refused = [o.message for o in report.outcomes if not o.accepted]
        if refused:
            raise RuntimeError(f"bundle refused: {refused}")


ENCRYPTION_KEY = bytes(range(32))  # the key a signed-in session would hold


def run_encrypt(folder: Path) -> None:
    """The first open after upgrading: the clear plantel becomes an encrypted one."""
    from seguimiento_desktop.storage.encryption import encrypt_in_place
    encrypt_in_place(folder / PLANTEL, ENCRYPTION_KEY)


OPERATIONS = {"import": run_import, "autosave": run_autosave, "backup": run_backup,
              "export": run_export, "merge": run_merge, "encrypt": run_encrypt}


def warm_up() -> None:
    """Import what the operations import lazily, before the zygote starts forking."""
    import seguimiento_desktop.roster.importer  # noqa: F401
    import seguimiento_desktop.services  # noqa: F401
    import seguimiento_desktop.storage.backups  # noqa: F401
    import seguimiento_desktop.storage.encryption  # noqa: F401
    import sqlcipher3.dbapi2  # noqa: F401
    import seguimiento_desktop.sync.central_workspace  # noqa: F401
    import seguimiento_desktop.sync.export  # noqa: F401
    import seguimiento_desktop.sync.receiving  # noqa: F401
