"""Statistical building blocks of the reports: distributions, cross-tabs, rating scales.

Qt-free and pandas-based. Every table keeps its base (the respondents it is computed on);
when a base is under ``MIN_BASE`` its percentages are suppressed (``None``) so a reader
never takes 2 of 3 graduates for "67%", and the report says so.
"""

from dataclasses import dataclass

import pandas as pd

from seguimiento_desktop.questionnaires.model import MULTIPLE, SCALE_POINTS, Question

MIN_BASE = 5  # bases of fewer respondents: counts shown, percentages and means suppressed
LONG_LIST = 8  # longer option lists show only the options somebody chose


def share(count: int, base: int) -> float | None:
    """Percentage of ``count`` in ``base``; None when the base is too small to publish."""
    if base < MIN_BASE:
        return None
    return 100.0 * count / base


@dataclass(frozen=True)
class Distribution:
    """How respondents answered one question: (label, count) rows over ``base`` answers.

    For a multiple-choice question each row is the share of respondents who chose it, so
    the percentages may add up to more than 100.
    """

    title: str
    rows: tuple[tuple[str, int], ...]
    base: int
    multiple: bool = False
    question_id: str = ""

    @property
    def suppressed(self) -> bool:
        return 0 < self.base < MIN_BASE

    def percent(self, count: int) -> float | None:
        return share(count, self.base)

    @property
    def answered(self) -> bool:
        return self.base > 0


@dataclass(frozen=True)
class CrossTab:
    """Counts of respondents by row group (carrera, sex, plan…) and column answer."""

    title: str
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def base(self, row: int) -> int:
        return sum(self.counts[row])

    def percent(self, row: int, column: int) -> float | None:
        """Row percentage (None when the row's base is under the threshold)."""
        return share(self.counts[row][column], self.base(row))

    @property
    def total(self) -> int:
        return sum(sum(r) for r in self.counts)

    @property
    def suppressed_rows(self) -> tuple[str, ...]:
        return tuple(label for i, label in enumerate(self.row_labels) if 0 < self.base(i) < MIN_BASE)


@dataclass(frozen=True)
class ScaleSummary:
    """One rated aspect (1 to 5): counts per point, 'no aplica' answers and the mean."""

    question_id: str
    text: str
    point_labels: tuple[str, ...]
    counts: tuple[int, ...]
    not_applicable: int

    @property
    def base(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if self.base < MIN_BASE:
            return None
        return sum(p * c for p, c in zip(SCALE_POINTS, self.counts)) / self.base

    def percent(self, index: int) -> float | None:
        return share(self.counts[index], self.base)


def _answered(values: pd.Series) -> pd.Series:
    return values[values.notna()]


def option_counts(question: Question, values: pd.Series) -> tuple[dict[int, int], int]:
    """({code: respondents who chose it}, respondents who answered) for a choice question."""
    answered = _answered(values)
    if question.type == MULTIPLE:
        chosen = answered.explode().dropna()
        counts = chosen.astype(int).value_counts()
    else:
        counts = answered.astype(int).value_counts()
    return {int(code): int(n) for code, n in counts.items()}, len(answered)


def distribution(question: Question, values: pd.Series, title: str = "") -> Distribution:
    """The distribution of a choice question's answers, options in questionnaire order."""
    counts, base = option_counts(question, values)
    rows = [(o.label, counts.get(o.code, 0)) for o in question.options]
    if len(rows) > LONG_LIST:
        rows = [r for r in rows if r[1]]
    return Distribution(title or question.text, tuple(rows), base,
                        question.type == MULTIPLE, question.id)


def grouped_distribution(title: str, labels: pd.Series, order: list[str] | None = None) -> Distribution:
    """A distribution of already-labelled values (e.g. sector groups derived from codes)."""
    answered = _answered(labels)
    counts = answered.value_counts()
    names = order or list(counts.index)
    return Distribution(title, tuple((n, int(counts.get(n, 0))) for n in names), len(answered))


def crosstab(title: str, question: Question, values: pd.Series, groups: pd.Series,
             row_order: list[str] | None = None) -> CrossTab:
    """Respondents by ``groups`` (rows) and single-choice answer (columns)."""
    frame = pd.DataFrame({"group": groups, "value": values}).dropna()
    rows = row_order if row_order is not None else sorted(frame["group"].unique())
    # groupby-size is several times faster than pd.crosstab (profiled with the bench).
    found = (frame.groupby(["group", frame["value"].astype(int)]).size().to_dict()
             if len(frame) else {})
    counts = tuple(tuple(int(found.get((row, o.code), 0)) for o in question.options)
                   for row in rows)
    return CrossTab(title, tuple(rows), tuple(o.label for o in question.options), counts)


def scale_summary(question: Question, values: pd.Series) -> ScaleSummary:
    """Counts per point 1 to 5; codes outside the scale ('no lo utilicé') counted apart."""
    counts, _ = option_counts(question, values)
    labels = tuple((question.option(p).label if question.option(p) else str(p))
                   for p in SCALE_POINTS)
    outside = sum(n for code, n in counts.items() if code not in SCALE_POINTS)
    return ScaleSummary(question.id, question.text, labels,
                        tuple(counts.get(p, 0) for p in SCALE_POINTS), outside)
