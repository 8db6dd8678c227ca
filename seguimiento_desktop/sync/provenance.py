"""Who may write what: a signed bundle speaks only for its own plantel.

An enrolled PC signs its bundles with its own key, but the records inside name their own
``origin`` and plantel. Without these checks a bundle signed by plantel P1 could carry
P2's record ids with origin P2 and a greater stamp, and silently replace P2's data.
The rules (docs/bundle-format.md, «Reglas de la fusión»):

- ``school_cct`` is the CCT the sender enrolled with, never the one in the payload
  (``merge.Merger`` sets it).
- A record's ``origin`` may not be an installation enrolled here for another plantel.
- Student versions delivered by different planteles never supersede each other: they are
  concurrent heads, and a conflict when they share a record id (``merge._dominates``).
- A response or contact attempt must hang on a person its plantel delivered, and may not
  replace a record that hangs on a person of another plantel.

Breaking a rule refuses the whole bundle (its transaction rolls back): an honest plantel
never sends another plantel's records, so the office must look at the file.
"""

from collections.abc import Collection, Iterable
from operator import itemgetter

from seguimiento_desktop.storage import sync_provenance as sql
from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.records import DELIVERED_BY

_ORIGIN = itemgetter("origin")


def check_origins(db: Database, records: list[dict], cct: str) -> None:
    """Refuse records written «by» a PC that is enrolled here for another plantel."""
    # Only checked fields are read: a student's base_origin is checked, another kind's is not.
    origins = set(map(_ORIGIN, records))
    origins.update(r.get("base_origin") for r in records if r["t"] == "student")
    origins.discard(None)
    origins.discard("")
    for enrolled_cct in sql.enrolled_ccts(db, list(origins)).values():
        if enrolled_cct != cct:
            raise _foreign(cct, f"registros a nombre de una PC de {enrolled_cct}")


def check_owners(db: Database, table: str, records: list[dict], cct: str,
                 held: dict[str, str] | None = None, fresh: Collection[str] = ()) -> None:
    """Refuse responses/attempts (``student_id`` already the person's row id) that hang on
    a person ``cct`` never delivered, or would replace a record of another plantel.

    ``held``: {record id: student row id} of those already stored, when the caller has
    read it already; ``fresh``: people whose row this merge has just written for ``cct``
    (their plantel is known without reading the row again).
    """
    if not records:
        return
    if held is None:
        held = sql.holders(db, table, [r["id"] for r in records])
    people = {r["student_id"] for r in records} | set(held.values())
    ccts = sql.person_ccts(db, [p for p in people if p not in fresh],
                           {p: cct for p in people if p in fresh})
    if all(DELIVERED_BY not in r for r in records) and all(
            cct in ccts.get(person, ()) for person in people):
        return  # the common case, a set at a time: the plantel delivered every person
    for record in records:
        sender = record.get(DELIVERED_BY) or cct
        for person in _people_of(record, held):
            if sender not in ccts.get(person, ()):
                raise _foreign(sender, f"datos de un alumno que registró otro plantel (registro "
                                    f"{record['id']})")


def _people_of(record: dict, held: dict[str, str]) -> Iterable[str]:
    yield record["student_id"]
    if record["id"] in held:
        yield held[record["id"]]


def _foreign(cct: str, what: str) -> BundleRejected:
    return BundleRejected("contenido", f"El paquete de {cct} trae {what}. Un plantel no puede "
                          "modificar los datos de otro: no se fusionó nada. Avise a soporte "
                          "técnico y conserve el archivo.")
