"""Look-ups that tell which plantel (CCT) a record belongs to, for the merge's provenance
checks (sync/provenance.py). Call inside the merge's transaction."""

from collections.abc import Sequence

from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.sync_merge import has_siblings, select_in


def enrolled_ccts(db: Database, installation_ids: Sequence[str]) -> dict[str, str]:
    """{installation id: CCT it enrolled with} for the ids enrolled here."""
    return dict(select_in(db, "SELECT installation_id, cct FROM sync_installations "
                              "WHERE installation_id IN ({})", installation_ids))


def person_ccts(db: Database, row_ids: Sequence[str],
                known: dict[str, str] | None = None) -> dict[str, set[str]]:
    """{student row id: planteles that delivered a version of the person}.

    Versions delivered by different planteles never supersede each other, so every plantel
    that sent the person keeps a head: the row or a sibling kept for review. ``known``:
    {row id: its row's plantel} of rows the caller wrote itself (not read again; their
    siblings are, should any student have one).
    """
    known = known or {}
    found: dict[str, set[str]] = {row_id: {cct} for row_id, cct in known.items()}
    rows = select_in(db, "SELECT id, school_cct FROM students WHERE id IN ({})", row_ids)
    if has_siblings(db, "student"):
        rows += select_in(db, "SELECT row_id, json_extract(data, '$.school_cct') FROM "
                              "sync_siblings WHERE kind = 'student' AND row_id IN ({})",
                          [*row_ids, *known])
    for row_id, cct in rows:
        found.setdefault(row_id, set()).add(cct)
    return found


def holders(db: Database, table: str, record_ids: Sequence[str]) -> dict[str, str]:
    """{record id: student row id} for the responses or contact attempts already stored."""
    assert table in ("responses", "contact_attempts")
    return dict(select_in(db, f"SELECT id, student_id FROM {table} WHERE id IN ({{}})", record_ids))
