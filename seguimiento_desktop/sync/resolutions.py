"""Conflicts resolved at the central office, field by field.

The office picks the version kept in the row, the other version, or types the right value.
The resolutions of a plantel's records travel back in the office's next signed
acknowledgement to that plantel (``for_ack``); the plantel applies them (``apply``) as a new
local version made on the office's, so the office takes it as a plain update.
The value becomes the row's value at the office under a new stamp from the office's own
clock (above both versions, origin the office's installation id), the resolution is
recorded in ``sync_resolutions`` with who and when, and the conflict leaves the view: the
view leaves out every conflict id resolved (a new concurrent version is a new id).
"""

import json
from datetime import datetime, timezone

from seguimiento_desktop.domain.models import CONTACT_STATUSES, STUDENT_STATUSES
from seguimiento_desktop.domain.student_rules import check_fields
from seguimiento_desktop.errors import UserError
from seguimiento_desktop.storage import schools, sync_merge, sync_resolutions
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.storage.sync_resolutions import ResolutionRow
from seguimiento_desktop.sync import fields as checks
from seguimiento_desktop.sync.central_views import conflicts
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.models import Conflict, Pick, Resolution

# Fields whose right value can be typed; the others (plantel, deleted) only picked.
TYPED = ("curp", "given_names", "first_surname", "second_surname", "sex", "birth_date",
         "cohort", "career", "group_name", "shift", "email", "phone", "home_phone", "status",
         "contact_status")
_CHECKED_WARNINGS = ("email", "phone", "home_phone")  # a bad one is emptied by the rules
# Fields whose resolution travels back to the plantel: the typed ones and «Eliminado» (the
# plantel's PCs must agree on whether the student is deleted). Never «Plantel»: which
# plantel's version the office keeps changes nothing a plantel holds of its own records.
TRAVELS = TYPED + ("deleted",)
_DELETED_VALUES = {"True": True, "False": False}


def resolve_conflict(store: Store, conflict_id: str, value: "str | Pick",
                     by: str) -> Resolution:
    """Resolve one field of one conflict in one transaction (UserError in Spanish)."""
    by = " ".join((by or "").split())
    if not by:
        raise UserError("Escriba quién resuelve el conflicto.")
    found = {c.id: c for c in conflicts(store.db)}.get(conflict_id)
    if found is None:
        raise UserError(f"No hay un conflicto abierto con el identificador «{conflict_id[:120]}» "
                        "(¿ya se resolvió?). Consulte la lista con «seguimiento central "
                        "conflicts --json».")
    if found.kind != "alumno":
        if value is not Pick.KEPT:
            raise UserError("Un cuestionario capturado dos veces solo se resuelve conservando "
                            "la captura del registro; corrija la otra en el plantel.")
        return _record(store, found, "conservar", found.kept_value, by, None)
    row_id, stamp, origin, name = conflict_id.rsplit(":", 3)
    with store.transaction() as db:
        kept = sync_merge.student_row(db, row_id)
        other = next((v for v in sync_merge.siblings(db, "student", row_id)
                      if str(v["updated_at"]) == stamp and v["origin"] == origin), None)
        if kept is None or other is None:  # listed a moment ago: cannot happen in one thread
            raise UserError("El conflicto ya no está abierto; actualice la lista.")
        if value is Pick.KEPT:
            choice, chosen = "conservar", kept[name]
        elif value is Pick.OTHER:
            choice, chosen = "otro", other.get(name)
        else:
            choice, chosen = "valor", _checked(kept, name, str(value), found.label)
        _check_curp_free(db, row_id, name, chosen)
        store.clock.observe(max(int(kept["updated_at"]), int(other["updated_at"])))
        new_stamp = max(store.clock.now(), int(kept["updated_at"]) + 1,
                        int(other["updated_at"]) + 1)
        record = {**kept, name: chosen, "updated_at": new_stamp, "origin": store.installation_id,
                  "base_updated_at": kept["updated_at"], "base_origin": kept["origin"]}
        record.pop("seq", None)
        sync_merge.write_student(db, record, row_id, schools.own_school(db) is not None)
        sync_merge.add_history(db, [{**record, "id": row_id}], row_id)
        return _save(db, found, choice, chosen, by, new_stamp, store.installation_id)


def _check_curp_free(db, row_id: str, name: str, chosen: object) -> None:
    """One row per person: a CURP another student's row holds is refused, saying whose."""
    if name != "curp":
        return
    holder = sync_merge.student_ids_by_curp(db, [str(chosen)]).get(str(chosen))
    if holder in (None, row_id):
        return
    other = sync_merge.student_row(db, holder) or {}
    who = " ".join(str(other.get(k) or "") for k in ("given_names", "first_surname")).strip()
    raise UserError(f"La CURP {chosen} ya es de otro alumno ({who or 'sin nombre'}, plantel "
                    f"{other.get('school_cct') or '—'}). Conserve la CURP que tiene el registro "
                    "o escriba la correcta; si es la misma persona, corrija primero el otro "
                    "registro en su plantel.")


def _record(store: Store, found: Conflict, choice: str, value: object, by: str,
            stamp: int | None) -> Resolution:
    with store.transaction() as db:
        return _save(db, found, choice, value, by, stamp or store.clock.now(),
                     store.installation_id)


def _save(db, found: Conflict, choice: str, value: object, by: str, stamp: int,
          origin: str) -> Resolution:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    text = "" if value is None else str(value)
    sync_resolutions.save(db, ResolutionRow(found.id, found.kind, found.row_id, found.field,
                                            choice, text, by, now, stamp, origin))
    return Resolution(found.id, found.row_id, found.field, found.label, choice, text, by, now)


def _checked(kept: dict, name: str, typed: str, label: str) -> str:
    """The typed value as the student rules normalise it, or UserError saying what is wrong."""
    if name not in TYPED:
        raise UserError(f"El campo «{label}» no se escribe: elija una de las dos versiones.")
    if name == "status":
        return _one_of(typed, STUDENT_STATUSES, label)
    if name == "contact_status":
        return _one_of(typed, CONTACT_STATUSES, label)
    attribute = "group" if name == "group_name" else name
    fields = {k: v for k, v in kept.items() if k in TYPED}
    fields["group"] = fields.pop("group_name")
    fields[attribute] = typed
    normalised, errors, warnings = check_fields(fields)
    problem = errors.get(attribute) or (warnings.get(attribute)
                                        if attribute in _CHECKED_WARNINGS else None)
    if problem:
        raise UserError(f"«{typed[:80]}» no es válido para «{label}»: {problem}")
    if name in ("sex", "birth_date") and not typed.strip():
        raise UserError(f"Escriba un valor para «{label}».")
    return str(normalised[attribute])


def _one_of(typed: str, allowed: dict, label: str) -> str:
    text = typed.strip()
    for key, shown in allowed.items():
        if text.lower() in (key.lower(), shown.lower()):
            return key
    raise UserError(f"«{typed[:80]}» no es válido para «{label}»: escriba uno de "
                    f"{', '.join(sorted(allowed))}.")


# --- Travelling back to the plantel --------------------------------------------------------

MAX_VALUE_CHARS = 500
# An acknowledgement is read up to 256 KiB (signed.SMALL_DOCUMENT); its resolutions take at
# most half of it, so the envelope, the key rotations and the indentation always fit.
ACK_RESOLUTIONS_BYTES = 128 * 1024


def for_ack(store: Store, cct: str) -> list[dict]:
    """What the acknowledgement to ``cct`` carries: resolutions of its own records only
    (typed fields and «eliminado»; never the plantel) that it has not confirmed yet, oldest
    first, whole records at a time up to ACK_RESOLUTIONS_BYTES. The rest go in the next
    acknowledgement: the plantel's next bundle carries the records it applied, which
    confirms them (``sync_resolutions.for_school``), so no acknowledgement repeats them."""
    pending = sync_resolutions.for_school(store.db, cct, TRAVELS)
    by_record: dict[str, list[dict]] = {}
    for item in pending:
        by_record.setdefault(item["student_id"], []).append(item)
    chosen: list[dict] = []
    size = 0
    for items in by_record.values():
        size += sum(len(json.dumps(i, ensure_ascii=False, indent=1).encode()) for i in items)
        if chosen and size > ACK_RESOLUTIONS_BYTES:
            break
        chosen.extend(items)
    return sorted(chosen, key=lambda i: i["updated_at"])  # stable: conflict id order kept


def _checked_item(item: object) -> dict:
    ok = isinstance(item, dict) and all(isinstance(item.get(k), str) for k in (
        "student_id", "curp", "field", "value", "origin")) and \
        checks.is_int(item.get("updated_at"), 1) and item.get("field") in TRAVELS and \
        len(item["value"]) <= MAX_VALUE_CHARS and \
        (item["field"] != "deleted" or item["value"] in _DELETED_VALUES)
    if not ok:
        raise SyncError("Este acuse no es válido: una corrección de la oficina central no está "
                        "bien escrita. No se tomó en cuenta.")
    return item  # type: ignore[return-value]


def apply(store: Store, items: object) -> int:
    """Apply an acknowledgement's resolutions to this plantel's own records; how many.

    One new local version per record, made on the office's (``base_*`` = the office's
    greatest stamp among them), so the office merges it as an update, not a conflict. A
    record whose version here is already at or past that stamp (applied before, or edited
    here later: the greater stamp wins, as in a merge) is left alone.
    """
    if not items:
        return 0
    if not isinstance(items, list):
        raise SyncError("Este acuse no es válido: las correcciones de la oficina central no "
                        "están bien escritas. No se tomó en cuenta.")
    checked = [_checked_item(item) for item in items]
    own = schools.own_school(store.db)
    if own is None:
        return 0
    applied = 0
    with store.transaction() as db:
        groups: dict[tuple[str, str], list[dict]] = {}
        for item in checked:
            groups.setdefault((item["student_id"], item["curp"]), []).append(item)
        for (student_id, curp), group in groups.items():
            found = sync_resolutions.student_id_by_id_or_curp(db, student_id, curp)
            row = sync_merge.student_row(db, found) if found else None
            if row is None or row["school_cct"] != own.cct:  # only this plantel's records
                continue
            newest = max((item["updated_at"], item["origin"]) for item in group)
            if (row["updated_at"], row["origin"]) >= newest:
                continue
            for item in sorted(group, key=lambda i: (i["updated_at"], i["origin"])):
                row[item["field"]] = _DELETED_VALUES[item["value"]] \
                    if item["field"] == "deleted" else item["value"]
            store.clock.observe(newest[0])
            record = {**row, "updated_at": max(store.clock.now(), newest[0] + 1),
                      "origin": store.installation_id, "base_updated_at": newest[0],
                      "base_origin": newest[1]}
            record.pop("seq", None)
            sync_merge.write_student(db, record, found, search_index=True)
            applied += len(group)
    return applied
