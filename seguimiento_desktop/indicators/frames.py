"""The same share indicators evaluated on answers already loaded as a pandas frame (the
plantel report's CohortData), so the plantel report and the SQL path agree by
construction: both read the conditions of ``definitions.shares_for``."""

import pandas as pd

from seguimiento_desktop.indicators.definitions import ACTIVITY, shares_for
from seguimiento_desktop.indicators.tables import IndicatorRow
from seguimiento_desktop.storage.indicator_queries import Condition


def _holds(frame: pd.DataFrame, condition: Condition) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for question_id, codes in condition:
        if question_id not in frame.columns:
            return pd.Series(False, index=frame.index)
        values = pd.to_numeric(frame[question_id], errors="coerce")
        mask &= values.isin(codes)
    return mask


def frame_row(frame: pd.DataFrame, questionnaire: str, group: str = "Total") -> IndicatorRow:
    """One IndicatorRow from finished answers (one row per response, one column per
    question id): respondents are those with the activity question answered."""
    if ACTIVITY not in frame.columns:
        return IndicatorRow(group, 0)
    frame = frame[frame[ACTIVITY].notna()]
    counts = {}
    for share in shares_for(questionnaire):
        base = _holds(frame, share.base)
        counts[share.key] = (int((base & _holds(frame, share.numerator)).sum()), int(base.sum()))
    return IndicatorRow(group, len(frame), counts)


def share_questions(questionnaire: str) -> list[str]:
    """Question ids the share indicators of ``questionnaire`` read."""
    found = [ACTIVITY]
    for share in shares_for(questionnaire):
        found += [q for condition in (share.numerator, share.base) for q, _ in condition]
    return list(dict.fromkeys(found))
