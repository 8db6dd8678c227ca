"""Resolutions travel back in acknowledgements only until the plantel confirms them, and a
plantel with a thousand of them still gets acknowledgements it can read (issue 13)."""

import json

from sync_support import export, office, plantel

from seguimiento_desktop.storage import sync_merge, sync_resolutions
from seguimiento_desktop.storage.sync_resolutions import ResolutionRow
from seguimiento_desktop.sync.signed import SMALL_DOCUMENT
from tests.conftest import raw_connection

PEOPLE = 1000


def _resolve_every_email(central) -> dict[str, str]:
    """What `central resolve --valor` records, for each student at once (a thousand
    resolutions through the conflicts view would take minutes): {row id: e-mail}."""
    store, chosen = central.store, {}
    with store.transaction() as db:
        for (row_id,) in db.execute("SELECT id FROM students ORDER BY id").fetchall():
            kept = sync_merge.student_row(db, row_id)
            email = f"correo.corregido.{len(chosen):04d}@example.com"
            stamp = store.clock.now()
            record = {**kept, "email": email, "updated_at": stamp,
                      "origin": store.installation_id, "base_updated_at": kept["updated_at"],
                      "base_origin": kept["origin"]}
            record.pop("seq")
            sync_merge.write_student(db, record, row_id, False)
            sync_merge.add_history(db, [{**record, "id": row_id}], row_id)
            sync_resolutions.save(db, ResolutionRow(
                f"{row_id}:1:x:email", "alumno", row_id, "email", "valor", email,
                "Ana López", "2026-11-30T05:00:00+00:00", stamp, store.installation_id))
            chosen[row_id] = email
    return chosen


def _round(central, school, folder):
    """The plantel sends a bundle, the office merges it, the plantel imports the acuse."""
    report = central.merge([export(school, folder)])
    ack = report.outcomes[0].ack_path
    carried = json.loads(ack.read_text(encoding="utf-8"))["body"].get("resolutions", [])
    return ack, carried, school.import_ack(ack)


def test_a_thousand_resolutions_arrive_in_readable_acks_each_once(tmp_path):
    school = plantel(tmp_path, count=PEOPLE)
    central = office(tmp_path, school)
    central.merge([export(school, tmp_path / "usb0")])
    chosen = _resolve_every_email(central)

    sent, sizes, first_ack = [], [], None
    for round_number in range(1, 6):
        ack, carried, result = _round(central, school, tmp_path / f"usb{round_number}")
        first_ack = first_ack or ack
        sizes.append(ack.stat().st_size)
        assert result.corrections == len(carried)
        sent += [item["student_id"] for item in carried]
        if not carried:
            break
    assert all(size < SMALL_DOCUMENT for size in sizes)
    assert sorted(sent) == sorted(chosen)  # every one, none twice
    assert 2 <= len(sizes) - 1 <= 4  # a few acks, none empty before the last
    with raw_connection(school.store.path) as conn:
        assert dict(conn.execute("SELECT id, email FROM students")) == chosen
    assert school.import_ack(first_ack).corrections == 0  # importing an old acuse again


def test_an_unconfirmed_resolution_is_sent_again(tmp_path):
    """An acuse that got lost: the next one carries the same correction."""
    school = plantel(tmp_path, count=3)
    central = office(tmp_path, school)
    central.merge([export(school, tmp_path / "usb0")])
    chosen = _resolve_every_email(central)
    lost = central.merge([export(school, tmp_path / "usb1")]).outcomes[0].ack_path
    assert len(json.loads(lost.read_text(encoding="utf-8"))["body"]["resolutions"]) == 3
    ack, carried, result = _round(central, school, tmp_path / "usb2")
    assert sorted(i["student_id"] for i in carried) == sorted(chosen)
    assert result.corrections == 3
    ack, carried, result = _round(central, school, tmp_path / "usb3")
    assert carried == [] and result.corrections == 0
