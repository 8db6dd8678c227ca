"""The merge's per-record path on PostgreSQL, read and written in sets.

``Merger`` settles the records the set-based UPDATE leaves (a second plantel's record of a
person, a moved student, a conflict, a response changing slots) one at a time, by the
shared rules of ``sync/merge.py``. Asked of the server directly, each such record costs a
dozen round trips. ``Overlay`` gives the Merger the same functions over a picture of the
rows those records can touch, read in a few statements per batch (the persons' rows locked
first, in id order), and writes what the rules decided in sets when the batch is done: the
rules run unchanged, on the same values, in the same order.

The picture stays exact: every write the rules make updates it before the next read, and a
read it cannot answer (a key it was not given) first writes out what is pending and then
asks the server. A rename (a person's row takes a smaller record id) moves rows outside
the picture too: it runs on the server at once, and the picture is re-keyed the same way.
"""

import copy
import json
from collections import defaultdict
from collections.abc import Sequence
from types import ModuleType

from seguimiento_desktop.storage.pg import merge_queries as pg
from seguimiento_desktop.storage.sync_merge import (
    NEW_STUDENT_COLUMNS, response_record, student_values)
from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS

_VERSION_COLUMNS = ("record_id", "updated_at", "origin", "base_updated_at", "base_origin",
                    "student_id")
_STUDENT_WRITE = NEW_STUDENT_COLUMNS[2:]  # as write_student writes a row (folio stays)
_STUDENT_SET = ", ".join(f"{c} = st.{c}" for c in _STUDENT_WRITE if c != "id")
_RESPONSE_UPSERT = ", ".join(f"{c} = excluded.{c}" for c in RESPONSE_COLUMNS if c != "id")


def _stored(version: dict) -> dict:
    """A sibling as it reads back from ``sync_siblings.data`` (JSON round trip)."""
    return json.loads(json.dumps(version, ensure_ascii=False, sort_keys=True))


def _sibling_order(version: dict) -> tuple:
    return version["updated_at"], version["origin"], version["id"]


def _rekeyed(row_id: str, old: str, new: str, kind: str) -> str:
    """A sibling's row id after the person's row ``old`` became ``new`` (a response's
    is «person|questionnaire»)."""
    if kind == "student":
        return new if row_id == old else row_id
    return new + row_id[len(old):] if row_id.startswith(old + "|") else row_id


class Overlay:
    """The merge queries for one batch's per-record path; ``flush`` before the batch ends."""

    def __init__(self, db, base: ModuleType, students: Sequence[dict] = (),
                 responses: Sequence[dict] = ()):
        self._base = base
        self._links: dict[str, str] = {}
        self._link_keys: set[str] = set()
        self._by_curp: dict[str, str] = {}
        self._curp_keys: set[str] = set()
        self._rows: dict[str, dict] = {}
        self._versions: dict[str, list[tuple]] = {}  # person's row id -> its versions
        self._version_keys: set[tuple] = set()  # (record id, stamp) of every version read
        self._version_records: set[str] = set()  # record ids whose versions are all read
        self._siblings: dict[tuple[str, str], list[dict]] = {}
        self._slots: dict[tuple[str, str], str | None] = {}
        self._slot_people: set[str] = set()
        self._responses: dict[str, dict | None] = {}
        self._pending_links: dict[str, str] = {}
        self._pending_versions: list[tuple] = []
        self._pending_rows: dict[str, dict] = {}
        self._pending_siblings: dict[tuple[str, str], list[dict]] = {}
        self._pending_deleted: set[str] = set()
        self._pending_responses: dict[str, tuple] = {}
        if students:
            self._read_students(db, students)
        if responses:
            self._read_responses(db, responses)

    # --- Reading the picture ---------------------------------------------------------

    def _read_students(self, db, records: Sequence[dict]) -> None:
        ids = list(dict.fromkeys(r["id"] for r in records))
        curps = list(dict.fromkeys(r["curp"] for r in records))
        self._links.update(self._base.links(db, ids))
        self._link_keys.update(ids)
        self._by_curp.update(self._base.student_ids_by_curp(db, curps))
        self._curp_keys.update(curps)
        people = sorted(set(self._links.values()) | set(self._by_curp.values()))
        self._lock_rows(db, people)
        for person in people:
            self._versions.setdefault(person, [])
            self._siblings.setdefault(("student", person), [])
        for row in db.execute(
                f"SELECT {', '.join(_VERSION_COLUMNS)} FROM sync_versions "
                "WHERE student_id = ANY(?) OR record_id = ANY(?)", [people, ids]).fetchall():
            self._version_keys.add(row[:3])
            if row[5] in self._versions:
                self._versions[row[5]].append(row)
        self._version_records.update(ids)
        self._read_siblings(db, "student", people)

    def _lock_rows(self, db, people: Sequence[str]) -> None:
        """The persons' rows, locked until commit (as ``student_row`` locks one)."""
        columns = ", ".join(STUDENT_COLUMNS)
        for row in db.execute(f"SELECT {columns}, seq FROM students WHERE id = ANY(?) "
                              "ORDER BY id FOR UPDATE", [list(people)]).fetchall():
            record = dict(zip(STUDENT_COLUMNS + ("seq",), row))
            record["deleted"] = bool(record["deleted"])
            self._rows[record["id"]] = record

    def _read_siblings(self, db, kind: str, row_ids: Sequence[str]) -> None:
        for row_id in row_ids:
            self._siblings.setdefault((kind, row_id), [])
        for row_id, data in db.execute(
                "SELECT row_id, data FROM sync_siblings WHERE kind = ? AND row_id = ANY(?) "
                "ORDER BY updated_at, origin, record_id", [kind, list(row_ids)]).fetchall():
            self._siblings[(kind, row_id)].append(json.loads(data))

    def _read_responses(self, db, records: Sequence[dict]) -> None:
        people = sorted({r["student_id"] for r in records})
        db.execute("SELECT 1 FROM students WHERE id = ANY(?) ORDER BY id FOR UPDATE", [people])
        ids = list(dict.fromkeys(r["id"] for r in records))
        self._slot_people.update(people)
        self._read_response_rows(db, "student_id = ANY(?) OR id = ANY(?)", [people, ids], ids)
        slots = {f"{p}|{q}" for p, q in self._slots} | \
            {f"{r['student_id']}|{r['questionnaire']}" for r in records}
        self._read_siblings(db, "response", sorted(slots))
        kept = {s["id"] for (kind, _), found in self._siblings.items() if kind == "response"
                for s in found} - set(self._responses)
        if kept:  # a version kept for review may win its slot: where is its row now?
            self._read_response_rows(db, "id = ANY(?)", [sorted(kept)], kept)

    def _read_response_rows(self, db, where: str, parameters: list, ids) -> None:
        for row in db.execute(f"SELECT {', '.join(RESPONSE_COLUMNS)} FROM responses "
                              f"WHERE {where}", parameters).fetchall():
            record = response_record(row)
            self._responses[record["id"]] = record
            self._slots[(record["student_id"], record["questionnaire"])] = record["id"]
        for response_id in ids:
            self._responses.setdefault(response_id, None)

    # --- Misses: write out what is pending, then ask the server -------------------------

    def __getattr__(self, name: str):
        """Any other query of the merge: straight to the server, after pending writes."""
        function = getattr(self._base, name)
        if not callable(function):
            return function

        def direct(db, *args, **kwargs):
            self.flush(db)
            return function(db, *args, **kwargs)
        return direct

    def _miss(self, db, name: str, *args):
        self.flush(db)
        return getattr(self._base, name)(db, *args)

    # --- Links and rows ------------------------------------------------------------------

    def links(self, db, keys: Sequence[str]) -> dict[str, str]:
        if not set(keys) <= self._link_keys:
            return self._miss(db, "links", keys)
        return {k: self._links[k] for k in keys if k in self._links}

    def set_link(self, db, key: str, target: str) -> None:
        self._links[key] = self._pending_links[key] = target
        self._link_keys.add(key)

    def student_ids_by_curp(self, db, curps: Sequence[str]) -> dict[str, str]:
        if not set(curps) <= self._curp_keys:
            return self._miss(db, "student_ids_by_curp", curps)
        return {c: self._by_curp[c] for c in curps if c in self._by_curp}

    def student_row(self, db, student_id: str) -> dict | None:
        if student_id not in self._rows:
            row = self._miss(db, "student_row", student_id)
            if row is not None:
                self._rows[student_id] = row
            return None if row is None else dict(row)
        return dict(self._rows[student_id])

    def write_student(self, db, record: dict, row_id: str, search_index: bool) -> None:
        row = self._rows.get(row_id)
        if search_index or row is None or row["curp"] != record["curp"]:
            # A CURP that changes is written at once: two rows trading CURPs in one set
            # would meet the unique index half-way.
            self._miss(db, "write_student", record, row_id, search_index)
            self._rows.pop(row_id, None)
            for curp in [c for c, i in self._by_curp.items() if i == row_id]:
                del self._by_curp[curp]  # unknown now: the server is asked
                self._curp_keys.discard(curp)
            self._by_curp[record["curp"]] = row_id
            self._curp_keys.add(record["curp"])
            return
        written = {**row, **{c: record.get(c) for c in STUDENT_COLUMNS}, "id": row_id,
                   "deleted": bool(record["deleted"])}
        self._rows[row_id] = self._pending_rows[row_id] = written

    def insert_new_students(self, db, records: Sequence[dict], search_index: bool) -> None:
        self._miss(db, "insert_new_students", records, search_index)
        for record in records:
            self._by_curp[record["curp"]] = record["id"]
            self._curp_keys.add(record["curp"])

    def link_new_students(self, db, records: Sequence[dict]) -> None:
        self._miss(db, "link_new_students", records)
        for r in records:
            self._links[r["id"]] = r["id"]
            self._link_keys.add(r["id"])
            version = (r["id"], r["updated_at"], r["origin"], r.get("base_updated_at"),
                       r.get("base_origin"), r["id"])
            self._versions[r["id"]] = [version]
            self._version_keys.add(version[:3])
            self._version_records.add(r["id"])
            self._siblings[("student", r["id"])] = []

    def rename_student(self, db, old: str, new: str) -> None:
        """Re-key the person on the server (it moves rows outside the picture too) and the
        same way in the picture."""
        self._miss(db, "rename_student", old, new)
        if old in self._rows:
            self._rows[new] = {**self._rows.pop(old), "id": new}
        if old in self._versions:
            self._versions[new] = [v[:5] + (new,) for v in self._versions.pop(old)]
        for mapping in (self._links, self._by_curp):
            for key, target in mapping.items():
                if target == old:
                    mapping[key] = new
        self._siblings = {(kind, _rekeyed(row_id, old, new, kind)): kept
                          for (kind, row_id), kept in self._siblings.items()}
        self._slots = {(new if person == old else person, questionnaire): held
                       for (person, questionnaire), held in self._slots.items()}
        if old in self._slot_people:
            self._slot_people = (self._slot_people - {old}) | {new}
        for record in self._responses.values():
            if record is not None and record["student_id"] == old:
                record["student_id"] = new

    # --- Version history -------------------------------------------------------------

    def history_contains(self, db, record_id: str, updated_at: int, origin: str) -> bool:
        if record_id not in self._version_records:
            return self._miss(db, "history_contains", record_id, updated_at, origin)
        return (record_id, updated_at, origin) in self._version_keys

    def add_history(self, db, versions, student_id: str) -> None:
        rows = [(v["id"], v["updated_at"], v["origin"], v["base_updated_at"],
                 v["base_origin"], student_id) for v in versions]
        if student_id not in self._versions or \
                any(r[0] not in self._version_records for r in rows):
            self._miss(db, "add_history", versions, student_id)
            self._versions.pop(student_id, None)  # read again if asked
            self._version_keys.update(r[:3] for r in rows)
            return
        for row in rows:
            if row[:3] not in self._version_keys:  # ON CONFLICT DO NOTHING
                self._version_keys.add(row[:3])
                self._versions[student_id].append(row)
                self._pending_versions.append(row)

    def history_dominates(self, db, student_id: str, updated_at: int, origin: str) -> bool:
        if student_id not in self._versions:
            return self._miss(db, "history_dominates", student_id, updated_at, origin)
        return any((v[3] == updated_at and v[4] == origin) or (v[2] == origin and
                   v[1] > updated_at) for v in self._versions[student_id])

    def version_record_id(self, db, student_id: str, updated_at: int, origin: str) -> str:
        if student_id not in self._versions:
            return self._miss(db, "version_record_id", student_id, updated_at, origin)
        found = [v[0] for v in self._versions[student_id] if v[1:3] == (updated_at, origin)]
        return min(found) if found else student_id

    # --- Siblings --------------------------------------------------------------------

    def siblings(self, db, kind: str, row_id: str) -> list[dict]:
        if (kind, row_id) not in self._siblings:
            return self._miss(db, "siblings", kind, row_id)
        return copy.deepcopy(self._siblings[(kind, row_id)])

    def replace_siblings(self, db, kind: str, row_id: str, versions) -> None:
        kept = sorted((_stored(v) for v in versions), key=_sibling_order)
        self._siblings[(kind, row_id)] = kept
        self._pending_siblings.pop((kind, row_id), None)  # the last replacement counts
        self._pending_siblings[(kind, row_id)] = kept

    # --- Responses -------------------------------------------------------------------

    def response_in_slot(self, db, student_id: str, questionnaire: str) -> str | None:
        if student_id not in self._slot_people:
            return self._miss(db, "response_in_slot", student_id, questionnaire)
        return self._slots.get((student_id, questionnaire))

    def response_row(self, db, response_id: str) -> dict | None:
        if response_id not in self._responses:
            return self._miss(db, "response_row", response_id)
        return copy.deepcopy(self._responses[response_id])

    def existing_response_ids(self, db, ids: Sequence[str]) -> set[str]:
        if not all(i in self._responses for i in ids):
            return self._miss(db, "existing_response_ids", ids)
        return {i for i in ids if self._responses[i] is not None}

    def delete_response_row(self, db, response_id: str) -> None:
        held = self._responses.get(response_id)
        if response_id not in self._responses:
            return self._miss(db, "delete_response_row", response_id)
        if held is not None:
            self._slots.pop((held["student_id"], held["questionnaire"]), None)
        self._responses[response_id] = None
        self._pending_responses.pop(response_id, None)
        self._pending_deleted.add(response_id)

    def write_responses(self, db, rows) -> None:
        rows = list(rows)
        for row in rows:
            record = response_record(row)
            held = self._responses.get(record["id"])
            if held is not None and (held["student_id"], held["questionnaire"]) != \
                    (record["student_id"], record["questionnaire"]):
                self._slots.pop((held["student_id"], held["questionnaire"]), None)
            self._responses[record["id"]] = record
            self._slots[(record["student_id"], record["questionnaire"])] = record["id"]
            self._pending_responses[record["id"]] = tuple(row)

    # --- Writing out -----------------------------------------------------------------

    def flush(self, db) -> None:
        """Write what the rules decided since the last flush, a statement per table."""
        if self._pending_links:
            db.execute("INSERT INTO sync_links(key, target) SELECT * FROM unnest(?::text[], "
                       "?::text[]) ON CONFLICT (key) DO UPDATE SET target = excluded.target",
                       [list(self._pending_links), list(self._pending_links.values())])
        if self._pending_versions:
            db.execute("INSERT INTO sync_versions(record_id, updated_at, origin, "
                       "base_updated_at, base_origin, student_id) SELECT * FROM unnest("
                       "?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[]) "
                       "ON CONFLICT DO NOTHING",
                       [list(column) for column in zip(*self._pending_versions)])
        if self._pending_rows:
            pg._stage(db, "stage_students", "students", _STUDENT_WRITE,
                      (student_values(r, None, None)[2:] for r in self._pending_rows.values()))
            db.execute(f"UPDATE students s SET {_STUDENT_SET} FROM stage_students st "
                       "WHERE s.id = st.id")
        if self._pending_siblings:
            self._flush_siblings(db)
        if self._pending_deleted:
            db.execute("DELETE FROM responses WHERE id = ANY(?)", [sorted(self._pending_deleted)])
        if self._pending_responses:
            pg._stage(db, "stage_responses", "responses", RESPONSE_COLUMNS,
                      self._pending_responses.values())
            columns = ", ".join(RESPONSE_COLUMNS)
            db.execute(f"INSERT INTO responses({columns}) SELECT {columns} FROM "
                       f"stage_responses ON CONFLICT (id) DO UPDATE SET {_RESPONSE_UPSERT}")
        self._pending_links, self._pending_versions, self._pending_rows = {}, [], {}
        self._pending_siblings, self._pending_deleted = {}, set()
        self._pending_responses = {}

    def _flush_siblings(self, db) -> None:
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, row_id in self._pending_siblings:
            by_kind[kind].append(row_id)
        for kind, row_ids in by_kind.items():
            db.execute("DELETE FROM sync_siblings WHERE kind = ? AND row_id = ANY(?)",
                       [kind, row_ids])
        rows = [(kind, v["id"], v["updated_at"], v["origin"], row_id,
                 json.dumps(v, ensure_ascii=False, sort_keys=True))
                for (kind, row_id), kept in self._pending_siblings.items() for v in kept]
        if rows:
            db.execute("INSERT INTO sync_siblings(kind, record_id, updated_at, origin, row_id, "
                       "data) SELECT k, r, u, o, w, d::jsonb FROM unnest(?::text[], ?::text[], "
                       "?::bigint[], ?::text[], ?::text[], ?::text[]) AS t(k, r, u, o, w, d) "
                       "ON CONFLICT DO NOTHING", [list(c) for c in zip(*rows)])
