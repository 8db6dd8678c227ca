"""What the central office looks at: per-plantel status, missing bundles, conflicts."""

import json
from datetime import datetime, timezone

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.cct import cct_state
from seguimiento_desktop.domain.ids import hlc_wall_seconds
from seguimiento_desktop.storage import sync_central, sync_resolutions
from seguimiento_desktop.storage.sync_central import ReceivedRow
from seguimiento_desktop.storage.sync_state import STUDENT_COLUMNS
from seguimiento_desktop.sync.central import CentralIdentity
from seguimiento_desktop.sync.keys import fingerprint
from seguimiento_desktop.sync.merge import differing_fields
from seguimiento_desktop.sync.models import (
    CentralStatus, Conflict, InstallationStatus, SchoolStatus)

FIELD_LABELS = {
    "curp": "CURP", "given_names": "Nombre(s)", "first_surname": "Primer apellido",
    "second_surname": "Segundo apellido", "sex": "Sexo", "birth_date": "Fecha de nacimiento",
    "cohort": "Generación", "career": "Carrera", "group_name": "Grupo", "shift": "Turno",
    "email": "Correo", "phone": "Teléfono", "home_phone": "Teléfono de casa",
    "status": "Estado", "contact_status": "Localización", "school_cct": "Plantel",
    "deleted": "Eliminado",
}


MAX_LISTED_GAPS = 100  # a PC that skipped a billion numbers must not hang the status view


def missing_numbers(received: list[ReceivedRow]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(numbers never received, those of them whose changes a later bundle carried).

    Each bundle repeats everything after the last acknowledged one (``base_seq``), so a
    missing bundle numbered between a later bundle's base and itself lost nothing. Numbers
    are walked gap by gap (not counted one by one up to the greatest), at most
    MAX_LISTED_GAPS of them.
    """
    got = sorted({r.seq for r in received})
    missing: list[int] = []
    for low, high in zip([0] + got, got):
        missing.extend(range(low + 1, min(high, low + 1 + MAX_LISTED_GAPS - len(missing))))
        if len(missing) >= MAX_LISTED_GAPS:
            break
    covered = tuple(s for s in missing if any(r.base_seq < s < r.seq for r in received))
    return tuple(missing), covered


def _gaps(row: sync_central.EnrolledRow, received: list[ReceivedRow], several: bool
          ) -> tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...]]:
    """(missing numbers, those covered by a later bundle, one message each)."""
    missing, covered = missing_numbers(received)
    who = row.cct + (f" ({pc_label(row.installation_id, row.pc_name)})" if several else "")
    messages = tuple(
        f"Falta el paquete {s} de {who}" + (
            f"; su contenido llegó en un paquete posterior, no se perdió nada." if s in covered
            else ". Pida al plantel que exporte de nuevo.") for s in missing)
    return missing, covered, messages


def _installation_status(row: sync_central.EnrolledRow, received: list[ReceivedRow],
                         several: bool) -> InstallationStatus:
    missing, covered, messages = _gaps(row, received, several)
    last = max(received, key=lambda r: r.seq) if received else None
    return InstallationStatus(
        row.installation_id, row.cct, str(row.school.get("name", "")),
        fingerprint(row.signing_key), row.revoked_at is not None,
        len({r.seq for r in received}), last.seq if last else 0,
        last.created_at if last else "", last.received_at if last else "", missing, covered,
        messages, pc_label(row.installation_id, row.pc_name))


def gap_messages(db: Database) -> tuple[str, ...]:
    """«Falta el paquete 7 de 30DCM0011K…», for every enrolled installation."""
    rows = sync_central.installations(db)
    per_cct = _count_by_cct(rows)
    received = sync_central.received_by_installation(db)
    return tuple(m for row in rows for m in _gaps(row, received.get(row.installation_id, []),
                                                  per_cct[row.cct] > 1)[2])


def _count_by_cct(rows: list[sync_central.EnrolledRow]) -> dict[str, int]:
    return {cct: len(mine) for cct, mine in _by_cct(rows).items()}


def _by_cct(rows: list[sync_central.EnrolledRow]) -> dict[str, list[sync_central.EnrolledRow]]:
    found: dict[str, list[sync_central.EnrolledRow]] = {}
    for row in rows:
        found.setdefault(row.cct, []).append(row)
    return found


def _municipality(cct: str, school: dict) -> tuple[str, str]:
    """The enrolled plantel's municipio and its INEGI key ('' when the list lacks it)."""
    from seguimiento_desktop.domain.municipalities import municipality_key
    name = str(school.get("municipality", "") or "")
    return name, municipality_key(cct[:2], name)


def central_status(db: Database, identity: CentralIdentity) -> CentralStatus:
    per_cct = _by_cct(sync_central.installations(db))
    totals = sync_central.school_counts(db)
    received = sync_central.received_by_installation(db)
    schools = []
    for cct in sorted(set(per_cct) | set(totals)):
        mine = per_cct.get(cct, [])
        students, responses = totals.get(cct, (0, {}))
        # entidad and subsistema were saved as the catalogs name them (enrollment, 0008)
        school = mine[-1].school if mine else {"state": cct_state(cct) or ""}
        schools.append(SchoolStatus(cct, str(school.get("name", "")), students,
                                    dict(sorted(responses.items())),
                                    tuple(_installation_status(
                                        r, received.get(r.installation_id, []), len(mine) > 1)
                                          for r in mine), str(school.get("state", "")),
                                    str(school.get("subsystem", "")),
                                    *_municipality(cct, school)))
    open_conflicts = len(conflicts(db))
    waiting = db.execute("SELECT count(*) FROM sync_parked").fetchone()[0]
    return CentralStatus(identity.name, identity.fingerprint, identity.profile, tuple(schools),
                         open_conflicts, waiting)


def _when(stamp: int) -> str:
    return datetime.fromtimestamp(hlc_wall_seconds(stamp), timezone.utc).isoformat(
        timespec="seconds")


def pc_label(installation_id: str, pc_name: str = "") -> str:
    """«PC CAPTURA-2 (…4808)»: a PC by the name the computer had when it asked to be
    enrolled and the end of its id (two PCs may share a name); «PC …4808» when the request
    carried no name (older versions)."""
    if not installation_id:
        return ""
    return f"PC {pc_name} (…{installation_id[-4:]})" if pc_name else \
        f"PC …{installation_id[-4:]}"


def conflicts(db: Database) -> list[Conflict]:
    """Every field where a kept-for-review version differs from the row's version."""
    enrolled = sync_central.installations(db)
    places = {r.installation_id: r.cct for r in enrolled}
    names = {r.installation_id: r.pc_name for r in enrolled}
    office = db.execute("SELECT value FROM settings WHERE key = 'installation_id'").fetchone()
    if office:  # a version the office wrote when it resolved a conflict
        places[office[0]] = "Oficina central"

    def pc(origin: str) -> str:
        return pc_label(origin, names.get(origin, ""))
    resolved = sync_resolutions.resolved_ids(db)
    found: list[Conflict] = []
    columns = ", ".join(STUDENT_COLUMNS)
    for row_id, data in db.execute("SELECT row_id, data FROM sync_siblings WHERE kind = "
                                   "'student' ORDER BY row_id, updated_at").fetchall():
        row = db.execute(f"SELECT {columns} FROM students WHERE id = ?", [row_id]).fetchone()
        if row is None:
            continue
        kept, other = dict(zip(STUDENT_COLUMNS, row)), json.loads(data)
        kept["deleted"] = bool(kept["deleted"])
        name = " ".join(x for x in (kept["given_names"], kept["first_surname"],
                                    kept["second_surname"]) if x)
        for name_of_field in differing_fields(kept, other):
            if f"{row_id}:{other['updated_at']}:{other['origin']}:{name_of_field}" in resolved:
                continue
            found.append(Conflict(
                f"{row_id}:{other['updated_at']}:{other['origin']}:{name_of_field}", "alumno",
                row_id, kept["curp"], name, name_of_field, FIELD_LABELS[name_of_field],
                str(kept[name_of_field]), str(other.get(name_of_field)),
                places.get(kept["origin"], kept["origin"]),
                places.get(other["origin"], other["origin"]),
                _when(kept["updated_at"]), _when(other["updated_at"]),
                pc(kept["origin"]), pc(other["origin"])))
    found.extend(c for c in _response_conflicts(db, places, pc) if c.id not in resolved)
    return found


def _response_conflicts(db: Database, places: dict[str, str], pc) -> list[Conflict]:
    found = []
    for row_id, data in db.execute("SELECT row_id, data FROM sync_siblings WHERE kind = "
                                   "'response' ORDER BY row_id, updated_at").fetchall():
        student_id, questionnaire = row_id.rsplit("|", 1)
        kept = db.execute("SELECT r.status, r.updated_at, r.origin, s.curp, s.given_names || ' ' "
                          "|| s.first_surname FROM responses r JOIN students s ON s.id = "
                          "r.student_id WHERE r.student_id = ? AND r.questionnaire = ?",
                          [student_id, questionnaire]).fetchone()
        if kept is None:
            continue
        other = json.loads(data)
        found.append(Conflict(
            f"{row_id}:{other['updated_at']}:{other['origin']}", "respuesta", student_id,
            kept[3], kept[4].strip(), "questionnaire", f"Cuestionario {questionnaire}",
            f"captura {kept[0]}", f"otra captura {other['status']}",
            places.get(kept[2], kept[2]), places.get(other["origin"], other["origin"]),
            _when(kept[1]), _when(other["updated_at"]), pc(kept[2]), pc(other["origin"])))
    return found
