"""A plantel PC whose clock ran a year ahead for a while (a flat BIOS battery, a year typed
wrong), then was put right.

Found by an outside tester: its hybrid clock never goes back, so every edit made after the
clock was fixed still carried a stamp a year ahead, and the office refused every bundle of
that PC («fecha de cambio posterior…»: the whole bundle) for a year; exporting again, as
the message advised, changed nothing.
"""

import time
from dataclasses import replace

from sync_support import export, office, plantel

import seguimiento_desktop.domain.ids as ids
from seguimiento_desktop.domain.ids import hlc_ceiling
from tests.conftest import raw_connection

YEAR_S = 366 * 24 * 3600


def test_edits_made_while_the_clock_ran_ahead_arrive_once_it_is_right(tmp_path, monkeypatch):
    school = plantel(tmp_path, count=3)
    central = office(tmp_path, school)
    assert central.merge([export(school, tmp_path / "u0")]).outcomes[0].accepted
    first, second = school.find_students()[:2]
    real = time.time
    monkeypatch.setattr(ids.time, "time", lambda: real() + YEAR_S)
    school.save_student(replace(first, phone="3311111111"))
    school.save_student(replace(second, email="adelantado@example.com"))
    monkeypatch.setattr(ids.time, "time", real)  # someone put the clock right
    school.save_student(replace(school.student(first.id), phone="3322222222"))

    outcome = central.merge([export(school, tmp_path / "u1")]).outcomes[0]
    assert outcome.accepted, outcome.message
    school.save_student(replace(school.student(second.id), group="6Z"))  # life goes on
    assert central.merge([export(school, tmp_path / "u2")]).outcomes[0].accepted
    with raw_connection(central.store.path) as conn:
        rows = dict(conn.execute("SELECT id, phone || '|' || email || '|' || group_name "
                                 "FROM students").fetchall())
        newest = conn.execute("SELECT max(updated_at) FROM students").fetchone()[0]
    assert rows[first.id].startswith("3322222222|")
    assert rows[second.id].endswith("|adelantado@example.com|6Z")
    assert newest <= hlc_ceiling(int(real() * 1000))  # nothing a year ahead at the office
    assert school.store.clock.last <= hlc_ceiling(int(real() * 1000))
    for workspace in (school, central):
        workspace.close()
