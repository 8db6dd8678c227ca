"""Merging verified bundle records into a receiving database, record by record.

The result depends only on the *set* of versions received, never on their order or on how
often a bundle arrives (property-tested):

- Students: one row per person (CURP, or pseudonym). Every version seen is remembered
  (``sync_versions``: record id, stamp and the version it was made on). The *heads* are the
  versions no other known version was made on (or superseded on the same PC); the row
  holds the head with the greatest (updated_at, origin), the other heads stay in
  ``sync_siblings`` for the «Conflictos» view. The row's id is the smallest record id of the
  person, so a student registered at two planteles is linked, not duplicated.
- Responses: one row per (person, questionnaire); per record id the latest version counts,
  the greatest (updated_at, origin) fills the slot, other records for the slot are kept.
- Contact attempts: the greatest (updated_at, origin) per id.
- A response or attempt whose student has not arrived yet waits in ``sync_parked``.

Batches take a bulk path for the common case (brand-new rows); a store may write newer
versions that supersede the stored one outright in one set (``update_students``,
``update_responses``: PostgreSQL stages them and runs one UPDATE … FROM); anything else goes
through the exact, per-record rules below, which read and write through the store's
``overlay`` of the batch (PostgreSQL: the rows they touch, read and written in sets).
Call inside one transaction per bundle.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable
from types import ModuleType
from operator import itemgetter

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.storage import sync_merge, sync_provenance
from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS
from seguimiento_desktop.sync import provenance
from seguimiento_desktop.sync.records import (
    ANSWERS_TEXT, CONFIRMED_TEXT, DELIVERED_BY, MAX_ANSWERS_CHARS, answers_text, full_answers)

# A response row is these, then the answers and confirmed texts, these, and deleted.
_RESPONSE_HEAD = itemgetter(*RESPONSE_COLUMNS[:8])
_RESPONSE_TIMES = itemgetter(*RESPONSE_COLUMNS[10:14])
assert RESPONSE_COLUMNS[8:10] + RESPONSE_COLUMNS[14:] == ("answers", "confirmed", "deleted")
# The same row read from a record that kept its arriving texts (``_response_rows``).
_PLAIN_ROW = itemgetter(*RESPONSE_COLUMNS[:8], ANSWERS_TEXT, CONFIRMED_TEXT,
                        *RESPONSE_COLUMNS[10:15])
_ANSWERS_OF_ROW = itemgetter(8)
_STUDENT_ID = itemgetter("student_id")
_SLOT = itemgetter("student_id", "questionnaire")
ATTEMPT_FIELDS = ("id", "student_id", "questionnaire", "attempted_on", "medium", "result", "note",
                  "updated_at", "origin", "deleted")
# Student fields compared for the «Conflictos» view. Not the plantel: a student who moved
# has a newer version elsewhere, which is expected, not something to review.
COMPARED = ("curp", "given_names", "first_surname", "second_surname", "sex", "birth_date",
            "cohort", "career", "group_name", "shift", "email", "phone", "home_phone", "status",
            "contact_status", "deleted")


def stamp(version: dict) -> tuple[int, str]:
    return version["updated_at"], version["origin"]


def _dominates(newer: dict, older: dict) -> bool:
    """Whether ``newer`` was made on ``older`` (or later on the same PC).

    Only within one plantel: no plantel ever holds another's versions, so a claim to have
    edited one (a forged base or origin) is never believed; both versions stay as heads.
    """
    if newer.get("school_cct") != older.get("school_cct"):
        return False
    if (newer.get("base_updated_at"), newer.get("base_origin")) == stamp(older):
        return True
    return newer["origin"] == older["origin"] and newer["updated_at"] > older["updated_at"]


def _standing(heads: Iterable[dict]) -> Callable[[dict], tuple]:
    """The order in which concurrent heads take the row: the greater (updated_at, origin),
    except that a plantel's deletion never hides a person another plantel keeps live (a
    student imported by mistake and deleted, or a forged tombstone with a known CURP, would
    take the person out of that plantel's counts): it deletes its own enrollment only.
    Decided by the set of heads alone, so the result still depends only on the versions."""
    live = {h.get("school_cct") for h in heads if not h["deleted"]}

    def standing(head: dict) -> tuple:
        return not (head["deleted"] and live - {head.get("school_cct")}), stamp(head)
    return standing


def student_version(record: dict) -> dict:
    """A student version in one canonical shape, whoever held it (row, bundle, sibling)."""
    return {name: record.get(name) for name in STUDENT_COLUMNS}


def response_version(record: dict) -> dict:
    """A response version without its student (the slot names the person)."""
    return {name: record[name] for name in RESPONSE_COLUMNS if name != "student_id"}


def differing_fields(a: dict, b: dict) -> list[str]:
    """Fields to review; the plantel too when two planteles sent the same record id."""
    extra = ("school_cct",) if a.get("id") == b.get("id") else ()
    return [name for name in COMPARED + extra if a.get(name) != b.get(name)]


class Merger:
    """Applies batches of checked records; ``counts`` says what each record did."""

    def __init__(self, db: Database, cct: str, search_index: bool = True,
                 queries: ModuleType = sync_merge):
        """``queries``: the store's merge SQL (``CentralStore.merge_queries``): the rules
        are the same on SQLite and PostgreSQL, only how rows are read and written differs."""
        self.db, self.cct, self.search_index = db, cct, search_index
        self.sql = queries
        self.counts: Counter[str] = Counter()
        # Students this merger inserted as new, and the response slots it filled for them:
        # their links and slots are known without asking the database (a bundle brings a
        # student's responses in the batches after the student). Any slow path, which may
        # re-key rows, forgets them.
        self._fresh: set[str] = set()
        self._fresh_slots: set[tuple[str, str]] = set()
        # Every row of this bundle so far was new: the next batch is inserted at once, the
        # store's unique indexes telling whether any was held (``_insert_if_new``).
        self._all_new = self.sql.INSERTS_IF_NEW  # (COPY, PostgreSQL's bulk path, cannot)
        self.sql.begin_merge(db)

    def batch(self, records: list[dict]) -> None:
        """Merge a batch of records (students first, so their children find them)."""
        provenance.check_origins(self.db, records, self.cct)
        by_kind: dict[str, list[dict]] = {"student": [], "response": [], "attempt": []}
        for record in records:
            by_kind[record["t"]].append(record)
        new_ids = self._students(by_kind["student"])
        self._responses(by_kind["response"])
        self._attempts(by_kind["attempt"])
        if new_ids and self.sql.has_parked(self.db):
            self._unpark(new_ids)

    # --- Students ------------------------------------------------------------------

    def _students(self, records: list[dict]) -> list[str]:
        """Merge students; return the record ids that got a row to hang on."""
        for record in records:  # the enrollment says which plantel sent it, not the payload
            record["school_cct"] = self.cct
        ids = [r["id"] for r in records]
        if self._all_new and records:
            if self.sql.insert_if_new_students(self.db, records, self.search_index):
                self._fresh.update(ids)  # the common case: a plantel's first bundle
                self.counts["new"] += len(records)
                return ids
            self._all_new = False  # this bundle brings people the office holds: ask first
        linked = self.sql.links(self.db, ids)
        by_curp = self.sql.student_ids_by_curp(self.db, [r["curp"] for r in records])
        repeated = {k for k, n in Counter(ids + [r["curp"] for r in records]).items() if n > 1}
        fresh = [r for r in records if r["id"] not in linked and r["curp"] not in by_curp
                 and r["id"] not in repeated and r["curp"] not in repeated]
        self._insert_fresh(fresh)
        fresh_ids = {r["id"] for r in fresh}
        # Versions held already (a plantel re-sends until acknowledged): one look-up a batch.
        known = self.sql.known_versions(self.db, [i for i in ids if i not in fresh_ids])
        # Newer versions the rules leave no choice in, in one set where the store can
        # (PostgreSQL); the store checks that and returns the ids it wrote.
        newer = [r for r in records if r["id"] not in fresh_ids and r["id"] not in repeated
                 and r["curp"] not in repeated and (r["id"], *stamp(r)) not in known]
        written = self.sql.update_students(self.db, newer, self.search_index)
        self.counts["updated"] += len(written)
        rest = []
        for record in records:
            if record["id"] in fresh_ids or record["id"] in written:
                continue
            if (record["id"], *stamp(record)) in known:
                self.counts["unchanged"] += 1
            else:
                rest.append(record)
        self._one_by_one(rest, self._student, students=rest)
        return ids

    def _one_by_one(self, records: list[dict], merge, **touched: list[dict]) -> None:
        """Run the per-record rules ``merge`` over ``records`` in order, over the store's
        picture of the rows they touch (PostgreSQL reads and writes it in sets)."""
        if not records:
            return
        plain = self.sql
        self.sql = plain.overlay(self.db, **touched)
        try:
            for record in records:
                merge(record)
            self.sql.flush(self.db)
        finally:
            self.sql = plain

    def _insert_fresh(self, records: list[dict]) -> None:
        if not records:
            return
        self.sql.insert_new_students(self.db, records, self.search_index)
        self._fresh.update(r["id"] for r in records)
        self.sql.link_new_students(self.db, records)
        self.counts["new"] += len(records)

    def _forget_fresh(self) -> None:
        self._fresh.clear()
        self._fresh_slots.clear()

    def _student(self, version: dict) -> None:
        self._forget_fresh()  # a rename or a new link may re-key what was fresh
        db, record_id = self.db, version["id"]
        if self.sql.history_contains(db, record_id, *stamp(version)):
            self.counts["unchanged"] += 1
            return
        target = self.sql.links(db, [record_id]).get(record_id) or \
            self.sql.student_ids_by_curp(db, [version["curp"]]).get(version["curp"])
        if target is None:
            self._insert_fresh([version])
            return
        if record_id < target:  # the person's row takes the smallest record id
            self.sql.rename_student(db, target, record_id)
            target = record_id
        self.sql.set_link(db, record_id, target)
        self.sql.add_history(db, [version], target)
        self._settle_student(target, student_version(version))

    def _settle_student(self, target: str, version: dict) -> None:
        row = self.sql.student_row(self.db, target)
        assert row is not None
        seq = row["seq"]
        current = student_version(row)
        current["id"] = self.sql.version_record_id(self.db, target, *stamp(current))
        heads = {stamp(current): current}
        for sibling in self.sql.siblings(self.db, "student", target):
            # A sibling with the row's own stamp is that version as it arrived, whose CURP
            # another person holds (``_write_row``): the head is the version as sent.
            heads[stamp(sibling)] = sibling
        if stamp(version) in heads:
            self.counts["unchanged"] += 1
            return
        heads = {k: h for k, h in heads.items() if not _dominates(version, h)}
        if not self.sql.history_dominates(self.db, target, *stamp(version)):
            heads[stamp(version)] = version
        heads = heads or {stamp(current): current}  # cannot happen; never lose the row
        winner = max(heads.values(), key=_standing(heads.values()))
        others = [student_version(h) for k, h in sorted(heads.items()) if h is not winner]
        if winner is not current:
            written = self._write_row(target, winner, seq)
            if written is not winner:  # kept for review, never silently on the old CURP
                others.append(student_version(winner))
                winner = written
        self.sql.replace_siblings(self.db, "student", target, others)
        if any(differing_fields(winner, o) for o in others):
            self.counts["conflicts"] += 1
        elif winner is version:
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1

    def _write_row(self, target: str, winner: dict, seq: int) -> dict:
        """Write ``winner`` into the row; return what was written. A CURP another person's
        row holds cannot be taken (one row per person): the row keeps its CURP and the
        caller keeps the version as sent for review (a «CURP» conflict at the office)."""
        holder = self.sql.student_ids_by_curp(self.db, [winner["curp"]]).get(winner["curp"])
        record = winner if holder in (None, target) else {
            **winner, "curp": self.sql.student_row(self.db, target)["curp"]}
        self.sql.write_student(self.db, record, target, self.search_index)
        return record

    # --- Responses -----------------------------------------------------------------

    def _responses(self, records: list[dict]) -> None:
        if not records:
            return
        if self._insert_if_new(records):
            return  # a plantel's first bundle: every response hangs on a person just written
        # Three responses a student: look each student up once (and a fresh one not at all).
        wanted = list(dict.fromkeys(r["student_id"] for r in records))
        targets = {i: i for i in wanted if i in self._fresh}
        targets.update(self.sql.links(self.db, [i for i in wanted if i not in targets]))
        placed = []
        for record in records:
            target = targets.get(record["student_id"])
            if target is None:
                self.sql.park(self.db, "response", {**full_answers(record),
                                               DELIVERED_BY: self._cct_of(record)})
                self.counts["waiting"] += 1
            else:
                record["student_id"] = target  # a fresh parsed record: no copy needed
                placed.append(record)
        existing = self.sql.response_stamps(self.db, [r["id"] for r in placed])
        provenance.check_owners(self.db, "responses", placed, self.cct,
                                {i: held[0] for i, held in existing.items()}, self._fresh)
        # A fresh student's only responses are the ones this merger wrote for it.
        slots = self.sql.response_slots(self.db, list({r["student_id"] for r in placed
                                                  if r["student_id"] not in self._fresh}))
        slots |= self._fresh_slots
        repeated = {k for k, n in Counter((r["student_id"], r["questionnaire"])
                                          for r in placed).items() if n > 1}
        siblings = self.sql.has_siblings(self.db, "response")
        fast, slow = [], []
        for record in placed:
            slot = (record["student_id"], record["questionnaire"])
            held = existing.get(record["id"])
            if held is not None and held[:2] == slot and held[2:] >= stamp(record):
                self.counts["unchanged"] += 1  # in its slot already, as new or newer
                continue
            easy = not (record["id"] in existing or slot in slots or slot in repeated or siblings)
            (fast if easy else slow).append(record)
        self.sql.insert_new_responses(self.db, [self._response_row(r) for r in fast])
        self._fresh_slots.update((r["student_id"], r["questionnaire"]) for r in fast
                                 if r["student_id"] in self._fresh)
        self.counts["new"] += len(fast)
        # Newer versions of a response in its own slot: in one set where the store can.
        in_place = [r for r in slow if (r["student_id"], r["questionnaire"]) not in repeated
                    and existing.get(r["id"], ())[:2] == (r["student_id"], r["questionnaire"])]
        written = self.sql.update_responses(
            self.db, [self._response_row({**full_answers(r)}) for r in in_place])
        self.counts["updated"] += len(written)
        slow = [r for r in slow if r["id"] not in written]
        if slow:
            self._forget_fresh()
        slow = [full_answers(r) for r in slow]  # compared and kept whole: needs the dict
        self._one_by_one(slow, self._response, responses=slow)

    def _insert_if_new(self, placed: list[dict]) -> bool:
        """Write a batch of fresh students' responses at once, the stored rows' own unique
        indexes (id; person and questionnaire) telling whether any was there already: if
        one was, nothing is written and ``_responses`` looks them up as always (False).
        A plantel's first bundle, the common case, so skips a look-up of every id."""
        if not (placed and self._all_new) or not self._fresh.issuperset(
                map(_STUDENT_ID, placed)) or any(DELIVERED_BY in r for r in placed):
            return False  # a person of another bundle, or a record that waited for one
        slots = set(map(_SLOT, placed))
        if len(slots) < len(placed) or not self._fresh_slots.isdisjoint(slots) or \
                self.sql.has_siblings(self.db, "response"):
            return False
        if not self.sql.insert_if_new_responses(self.db, self._response_rows(placed)):
            self._all_new = False  # this bundle brings rows the office holds: ask first
            return False
        self._fresh_slots |= slots
        self.counts["new"] += len(placed)
        return True

    def _response_rows(self, records: list[dict]) -> list[tuple]:
        """``_response_row`` of each record, in one C call a record where each kept its
        arriving texts (``deleted`` stays a bool: SQLite stores True as 1, as int() gives)."""
        try:
            rows = list(map(_PLAIN_ROW, records))
        except KeyError:  # answers re-encoded, or confirmed not as sent: one by one
            return list(map(self._response_row, records))
        if max(map(len, map(_ANSWERS_OF_ROW, rows))) > MAX_ANSWERS_CHARS:
            return list(map(self._response_row, records))  # which one, said there
        return rows

    @staticmethod
    def _response_row(record: dict) -> tuple:
        """The stored row of a parsed record; answers keep their arriving text."""
        confirmed = record.get(CONFIRMED_TEXT) or json.dumps(list(record["confirmed"]))
        return (*_RESPONSE_HEAD(record), answers_text(record, 0), confirmed,
                *_RESPONSE_TIMES(record), int(record["deleted"]))

    def _response(self, record: dict) -> None:
        slot_key = f"{record['student_id']}|{record['questionnaire']}"
        holder = self.sql.response_in_slot(self.db, record["student_id"], record["questionnaire"])
        candidates: dict[str, dict] = {}
        for version in ([self.sql.response_row(self.db, holder)] if holder else []) + \
                self.sql.siblings(self.db, "response", slot_key):
            version = response_version(version)
            if version["id"] not in candidates or stamp(version) > stamp(candidates[version["id"]]):
                candidates[version["id"]] = version
        known = candidates.get(record["id"])
        if known is not None and stamp(known) >= stamp(record):
            self.counts["unchanged"] += 1
            return
        student_id, record = record["student_id"], response_version(record)
        candidates[record["id"]] = record
        winner = max(candidates.values(), key=stamp)
        if holder and holder != winner["id"]:
            self.sql.delete_response_row(self.db, holder)
        if holder != winner["id"] and self.sql.existing_response_ids(self.db, [winner["id"]]):
            self.sql.delete_response_row(self.db, winner["id"])  # it sat in another slot before
        self.sql.write_responses(self.db, [self._response_row({**winner, "student_id": student_id})])
        others = [c for c in sorted(candidates.values(), key=stamp) if c is not winner]
        self.sql.replace_siblings(self.db, "response", slot_key, others)
        self.counts["conflicts" if others and (winner is not record or known is None)
                    else "new" if holder is None else "updated"] += 1

    # --- Contact attempts ------------------------------------------------------------

    def _attempts(self, records: list[dict]) -> None:
        if not records:
            return
        targets = self.sql.links(self.db, [r["student_id"] for r in records])
        provenance.check_owners(self.db, "contact_attempts", [
            {**r, "student_id": targets[r["student_id"]]} for r in records
            if r["student_id"] in targets], self.cct)
        stamps = self.sql.attempt_stamps(self.db, [r["id"] for r in records])
        latest: dict[str, dict] = {}
        for record in records:
            target = targets.get(record["student_id"])
            if target is None:
                self.sql.park(self.db, "attempt", {**record, DELIVERED_BY: self._cct_of(record)})
                self.counts["waiting"] += 1
                continue
            known = stamps.get(record["id"])
            if known is not None and known >= stamp(record):
                self.counts["unchanged"] += 1
                continue
            self.counts["updated" if known else "new"] += 1
            record = {**record, "student_id": target, "deleted": int(record["deleted"])}
            if record["id"] not in latest or stamp(record) > stamp(latest[record["id"]]):
                latest[record["id"]] = record
        self.sql.write_attempts(self.db, [tuple(r[c] for c in ATTEMPT_FIELDS) for r in latest.values()],
                           ATTEMPT_FIELDS)

    def _cct_of(self, record: dict) -> str:
        """The plantel that delivered ``record`` (it may have waited in sync_parked)."""
        return record.get(DELIVERED_BY) or self.cct

    # --- Records that waited for their student -------------------------------------

    def _unpark(self, record_ids: list[str]) -> None:
        waiting = self._deliverers_own(self.sql.take_parked(self.db, record_ids))
        if not waiting:
            return
        self._responses([dict(r, t="response") for kind, r in waiting if kind == "response"])
        self._attempts([dict(r, t="attempt") for kind, r in waiting if kind == "attempt"])

    def _deliverers_own(self, waiting: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        """The waiting records whose plantel delivered the person they hang on; the others
        wait on. Attached, they would write another plantel's data; checked as usual,
        they would refuse the bundle that brought the person, its owner's, for good."""
        if not waiting:
            return waiting
        targets = self.sql.links(self.db, [r["student_id"] for _, r in waiting])
        ccts = sync_provenance.person_ccts(self.db, list(set(targets.values())))
        own = []
        for kind, record in waiting:
            target = targets.get(record["student_id"])
            if target is None or self._cct_of(record) in ccts.get(target, ()):
                own.append((kind, record))
            else:
                self.sql.park(self.db, kind, record)
        return own
