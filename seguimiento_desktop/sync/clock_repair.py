"""Bringing back this PC's edits made while its clock ran ahead (a flat BIOS battery, a
year typed wrong), once the clock is right again.

The hybrid clock never goes back (domain/ids.py), so after the wall clock is put right
every new edit still carries a stamp as far ahead as the clock once was; and a receiver
refuses any stamp more than a day past the bundle's creation (docs/bundle-format.md,
check 9), so each bundle of the PC was refused, whole, until the real date caught up
(months, or a year). Those stamps never left this PC: every receiver refused them. So
before a bundle is made, the versions stamped past the tolerance get new stamps from a
clock set back to the greatest stamp within it, in their order, as this PC's edits; a
student's ``base_*`` keeps the version it was made on only if that one is within the
tolerance too (else none: the office takes it as this PC's latest edit or a conflict).
"""

import time

from seguimiento_desktop.domain.ids import HybridClock, hlc_ceiling
from seguimiento_desktop.storage import sync_restamp
from seguimiento_desktop.storage.database import Store


def bring_back_future_versions(store: Store) -> int:
    """Restamp the rows stamped past the tolerance (one transaction); how many. One
    comparison when, as nearly always, the clock is not ahead."""
    ceiling = hlc_ceiling(int(time.time() * 1000))
    if store.clock.last <= ceiling:
        return 0
    with store.transaction() as db:
        store.clock = HybridClock(sync_restamp.greatest_stamp(db, ceiling))
        restamped = 0
        for table in sync_restamp.TABLES:
            ids = sync_restamp.ahead(db, table, ceiling)
            bases = sync_restamp.student_bases(db, ids) if table == "students" else []
            stamps = store.clock.now_many(len(ids))
            sync_restamp.restamp(db, table, list(zip(ids, stamps)), store.installation_id)
            sync_restamp.set_student_bases(db, [
                (i, at, origin) if at is not None and at <= ceiling else (i, None, None)
                for i, at, origin in bases])
            restamped += len(ids)
    return restamped
