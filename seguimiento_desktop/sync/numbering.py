"""Bundle numbers that are never reused, even after a database backup is restored.

The export log lives in the database, so restoring an old backup forgets the bundles
exported since; numbering from the log alone would give a number the office already
holds a different bundle for. Two records survive a restore and raise the floor:

- a small counter file beside the database (``<database>.numeracion.json``), written
  before each bundle is written (and set back if writing fails), so it is never behind
  any number that reached a stick;
- acknowledgements: an ack of a bundle this database no longer knows (it was exported
  after the backup was made) still proves the office holds that number
  (``acks.import_ack`` stores it as ``sync.seq_floor``).

The next number is one more than the greatest of the log, the counter and the floor.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.files import atomic_output
from seguimiento_desktop.sync import fields

FLOOR = "sync.seq_floor"


def counter_path(store: Store) -> Path:
    """The numbering file beside the database (a restore replaces only the database)."""
    return store.path.with_name(store.path.name + ".numeracion.json")


def _counted(store: Store) -> int:
    """The last number reserved for this installation in the counter file (0 if none)."""
    try:
        data = json.loads(counter_path(store).read_text("utf-8"))
        value = data.get(store.installation_id, 0) if isinstance(data, dict) else 0
    except (OSError, ValueError, UnicodeDecodeError):
        return 0  # missing or damaged: the log and the acks still count
    return value if fields.is_int(value) else 0


def _floor(store: Store) -> int:
    """The greatest number an acknowledgement proved the office holds (0 if none)."""
    value = sync_state.get_setting(store.db, FLOOR)
    return int(value) if value and value.isdigit() else 0


def next_seq(store: Store) -> int:
    """The number for the next bundle: above every number used or acknowledged."""
    return max(sync_state.next_export_seq(store.db) - 1, _counted(store), _floor(store)) + 1


@contextmanager
def reserved(store: Store, seq: int) -> Iterator[None]:
    """Record ``seq`` as used in the counter file before the bundle is written.

    If writing fails, the bundle was removed from the stick (or never got there), so the
    number is released again instead of leaving a gap at the office.
    """
    before = _counted(store)
    _write_counter(store, max(seq, before))
    try:
        yield
    except BaseException:
        _write_counter(store, before)
        raise


def _write_counter(store: Store, value: int) -> None:
    path = counter_path(store)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        data = {}
    data = data if isinstance(data, dict) else {}
    data[store.installation_id] = value
    with atomic_output(path) as partial:
        partial.write_text(json.dumps(data, sort_keys=True, indent=1), "utf-8")


def raise_floor(store: Store, seq: int) -> bool:
    """Remember that the office holds bundle ``seq``; True if that raised the floor."""
    if seq <= max(_floor(store), sync_state.next_export_seq(store.db) - 1):
        return False
    with store.transaction() as db:
        sync_state.set_setting(db, FLOOR, str(seq))
    return True
