"""Dates and times as a person in Mexico reads them: «30/11/2026 19:00», local time.

The database and every JSON output keep ISO 8601; only what people read goes through here.
Stamps with an offset (sync, acknowledgements: UTC) are shown in the computer's time zone;
stamps without one (capture: the keyer's wall clock) are shown as they are.
"""

from datetime import date, datetime, tzinfo

NO_DATE = "—"


def local_datetime(stamp: str | datetime | None, seconds: bool = False,
                   tz: tzinfo | None = None) -> str:
    """'2026-12-01T01:00:07+00:00' -> '30/11/2026 19:00' in Mexico City (``tz``, by default
    the computer's zone); '—' when there is no stamp; text that is not a stamp, unchanged."""
    if not stamp:
        return NO_DATE
    try:
        moment = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(stamp)
    except ValueError:
        return str(stamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return moment.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


def local_date(day: date | str | None) -> str:
    """'2026-11-23' -> '23/11/2026', the way Mexican forms write dates; '—' when empty."""
    if not day:
        return NO_DATE
    try:
        day = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
    except ValueError:
        return str(day)
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
