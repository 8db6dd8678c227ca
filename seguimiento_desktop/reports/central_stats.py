"""The central office's indicators: coverage, response rates and activity by plantel,
state and subsystem, and trends across cohorts — from counts aggregated in SQLite."""

from dataclasses import dataclass

import pandas as pd
from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.states import state_by_inegi_code
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.reports.followup_stats import ACTIVITY, STUDIES_MARKER, WORK_MARKER, branch_codes
from seguimiento_desktop.reports.statistics import MIN_BASE
from seguimiento_desktop.storage import central_report_queries as queries

WAVE = "C2"  # indicators use the 6-month wave: every followed cohort has it first
UNKNOWN = "Sin dato"


@dataclass
class CentralStatistics:
    """Tables of the consolidated report (pandas frames, one row per group)."""

    cohort: str
    enrolled: int
    reporting: int
    gaps: tuple[str, ...]
    by_school: pd.DataFrame     # cct, name, state, subsystem, population, C1..C3, studies, works
    by_state: pd.DataFrame
    by_subsystem: pd.DataFrame
    trend: pd.DataFrame         # one row per cohort
    national: pd.Series


def _schools_frame(db: Database) -> pd.DataFrame:
    directory = queries.school_directory(db)
    rows = [{"cct": cct, "name": s.get("name", ""), "subsystem": s.get("subsystem") or UNKNOWN,
             "state": s.get("state") or state_by_inegi_code(cct[:2]) or UNKNOWN}
            for cct, s in directory.items()]
    return pd.DataFrame(rows, columns=["cct", "name", "subsystem", "state"]).set_index("cct")


def _counts(db: Database) -> pd.DataFrame:
    """One row per (cct, cohort): population, finished C1..C3, studying and working in C2."""
    keys = ["cct", "cohort"]
    frame = pd.DataFrame(queries.population(db), columns=keys + ["population"]).set_index(keys)
    finished = pd.DataFrame(queries.finished_responses(db), columns=keys + ["q", "n"])
    frame = frame.join(finished.pivot_table(index=keys, columns="q", values="n", aggfunc="sum"),
                       how="left")
    definition = load_definition(WAVE)
    activity = pd.DataFrame(queries.answer_counts(db, WAVE, ACTIVITY), columns=keys + ["code", "n"])
    for name, marker in (("studies", STUDIES_MARKER), ("works", WORK_MARKER)):
        chosen = activity[activity["code"].isin(branch_codes(definition, marker, ACTIVITY))]
        frame[name] = chosen.groupby(keys)["n"].sum()
    frame["answered"] = activity.groupby(keys)["n"].sum()
    for column in ("C1", "C2", "C3", "studies", "works", "answered"):
        frame[column] = frame[column].fillna(0).astype(int) if column in frame else 0
    return frame.reset_index()


def add_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Rates in percent; NaN (printed «—») where the base is under the threshold."""
    frame = frame.copy()
    for q in ("C1", "C2", "C3"):
        frame[f"rate_{q}"] = (100 * frame[q] / frame["population"]).where(
            frame["population"] >= MIN_BASE)
    for name in ("studies", "works"):
        frame[f"pct_{name}"] = (100 * frame[name] / frame["answered"]).where(
            frame["answered"] >= MIN_BASE)
    return frame


SUMMED = ["population", "C1", "C2", "C3", "studies", "works", "answered"]


def central_statistics(db: Database, cohort: str = "") -> CentralStatistics:
    """Aggregate everything merged so far; ``cohort`` picks the one the tables describe
    (default: the newest cohort with C2 answers)."""
    from seguimiento_desktop.sync.central_views import gap_messages
    schools = _schools_frame(db)
    counts = _counts(db)
    trend = add_rates(counts.groupby("cohort")[SUMMED].sum().reset_index())
    if not cohort:
        answered = trend[trend["C2"] > 0]["cohort"]
        cohort = answered.max() if len(answered) else (trend["cohort"].max() if len(trend) else "")
    chosen = counts[counts["cohort"] == cohort].set_index("cct").join(schools, how="left")
    chosen["state"] = chosen["state"].fillna(UNKNOWN)
    chosen["subsystem"] = chosen["subsystem"].fillna(UNKNOWN)
    chosen["name"] = chosen["name"].fillna("")
    by_school = add_rates(chosen.reset_index())
    return CentralStatistics(
        cohort=cohort, enrolled=len(schools),
        reporting=int(counts.loc[counts["population"] > 0, "cct"].nunique()),
        gaps=gap_messages(db), by_school=by_school,
        by_state=add_rates(chosen.groupby("state")[SUMMED].sum().reset_index()),
        by_subsystem=add_rates(chosen.groupby("subsystem")[SUMMED].sum().reset_index()),
        trend=trend, national=add_rates(chosen[SUMMED].sum().to_frame().T).iloc[0])
