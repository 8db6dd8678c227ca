"""Change between 6 and 18 months: the activity of the same graduates in C2 and in C3
(only those who finished both), as a 4 × 4 table of the activity shares' keys."""

from dataclasses import dataclass

from seguimiento_desktop.indicators.definitions import ACTIVITY, ACTIVITY_KEYS, activity_codes
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.reports.statistics import MIN_BASE
from seguimiento_desktop.storage import indicator_queries as queries
from seguimiento_desktop.storage.connection import Database


@dataclass(frozen=True)
class ActivityChange:
    """counts[(key at 6 months, key at 18 months)] over the graduates with both answered."""

    counts: dict[tuple[str, str], int]

    @property
    def base(self) -> int:
        return sum(self.counts.values())

    def share_at(self, key: str, wave: str) -> float | None:
        """Share 0–1 of the panel in activity ``key`` at ``wave`` (C2 or C3)."""
        if self.base < MIN_BASE:
            return None
        side = 0 if wave == "C2" else 1
        return sum(n for pair, n in self.counts.items() if pair[side] == key) / self.base

    def row_share(self, before: str, after: str) -> float | None:
        """Of those in ``before`` at 6 months, the share in ``after`` at 18 (None under 5)."""
        row = sum(n for (b, _), n in self.counts.items() if b == before)
        return None if row < MIN_BASE else self.counts.get((before, after), 0) / row


def _key_of(questionnaire: str) -> dict[int, str]:
    codes = activity_codes(load_definition(questionnaire))
    return {code: key for key in ACTIVITY_KEYS for code in codes[key]}


def activity_change(db: Database, cohort: str) -> ActivityChange:
    """The C2 → C3 activity panel of ``cohort``."""
    before, after = _key_of("C2"), _key_of("C3")
    counts: dict[tuple[str, str], int] = {}
    for x, y, n in queries.activity_pairs(db, cohort, ACTIVITY):
        pair = (before.get(int(x)), after.get(int(y)))
        if None not in pair:
            counts[pair] = counts.get(pair, 0) + int(n)
    return ActivityChange(counts)
