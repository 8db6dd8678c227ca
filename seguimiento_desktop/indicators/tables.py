"""Indicators per group (entidad, subsistema, plantel, carrera, sexo, generación).

Counts come from SQLite (storage/indicator_queries.py) grouped by plantel, carrera, sexo
or generación; entidad and subsistema are derived here from the plantel's CCT and the
school directory, through the catalogs, so «JALISCO» and «Jalisco» are one row.
"""

from dataclasses import dataclass, field
from functools import cache

from seguimiento_desktop.domain.models import SEX_LABELS
from seguimiento_desktop.domain.states import state_by_inegi_code, state_name
from seguimiento_desktop.domain.subsystems import subsystem_name
from seguimiento_desktop.domain.text import collation_key
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.indicators.definitions import ACTIVITY, WAVES, Share, shares_for
from seguimiento_desktop.reports.statistics import MIN_BASE
from seguimiento_desktop.storage import indicator_queries as queries
from seguimiento_desktop.storage.connection import Database

UNKNOWN = "Sin dato"
# --por value -> (SQL grouping, how a key becomes the label users see)
BREAKDOWNS = ("entidad", "subsistema", "plantel", "carrera", "sexo")
_SQL_GROUP = {"entidad": "cct", "subsistema": "cct", "plantel": "cct",
              "carrera": "career", "sexo": "sex", "generacion": "cohort", "total": "",
              "generacion_plantel_sexo": "cohort_cct_sex"}
# which part of a «cohort|cct|sex» key each breakdown labels
_PANEL_PART = {"entidad": 1, "subsistema": 1, "plantel": 1, "sexo": 2, "generacion": 0,
               "total": 0}


@dataclass
class IndicatorRow:
    """One group's respondents and, per share, (numerator, base)."""

    group: str
    n: int
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def suppressed(self) -> bool:
        """Fewer than MIN_BASE respondents: no share of this group is published."""
        return self.n < MIN_BASE

    def share(self, key: str) -> float | None:
        """Share 0–1 of the indicator ``key``; None when suppressed (the group's
        respondents, or the indicator's own base, under MIN_BASE)."""
        numerator, base = self.counts.get(key, (0, 0))
        if self.suppressed or base < MIN_BASE:
            return None
        return numerator / base

    def add(self, other: "IndicatorRow") -> None:
        self.n += other.n
        for key, (numerator, base) in other.counts.items():
            mine = self.counts.get(key, (0, 0))
            self.counts[key] = (mine[0] + numerator, mine[1] + base)


def state_of(cct: str, directory: dict[str, dict]) -> str:
    """The entidad of a plantel: from its CCT's first two digits (the catalog's name);
    the typed state only when the CCT has no valid prefix."""
    return (state_by_inegi_code(cct[:2]) or state_name(directory.get(cct, {}).get("state"))
            or UNKNOWN)


def _subsystem_label(raw: object) -> str:
    """The subsistema shown for a directory's text (a few distinct texts for thousands of
    planteles: the catalog lookup is cached per text)."""
    if raw is None or isinstance(raw, str):
        return _cached_subsystem_label(raw)
    return subsystem_name(raw) or UNKNOWN


@cache
def _cached_subsystem_label(raw: str | None) -> str:
    return subsystem_name(raw) or UNKNOWN


def labeller(by: str, directory: dict[str, dict]):
    """A function from the SQL group key to the label shown for breakdown ``by`` (cached:
    a national report labels tens of thousands of plantel rows)."""
    return cache(_labeller(by, directory))


def _labeller(by: str, directory: dict[str, dict]):
    if by == "entidad":
        return lambda cct: state_of(cct, directory)
    if by == "subsistema":
        return lambda cct: _subsystem_label(directory.get(cct, {}).get("subsystem"))
    if by == "plantel":
        return lambda cct: cct or UNKNOWN
    if by == "sexo":
        return lambda sex: SEX_LABELS.get(sex, UNKNOWN)
    if by == "total":
        return lambda _: "Total"
    return lambda value: value or UNKNOWN


def _check(questionnaire: str, by: str) -> None:
    if questionnaire not in WAVES:
        raise InvalidData(f"Cuestionario «{questionnaire}» sin indicadores de seguimiento: "
                          "use C2 (6 meses) o C3 (18 meses).")
    if by not in _SQL_GROUP:
        raise InvalidData(f"Desglose «{by}» desconocido: use {', '.join(BREAKDOWNS)}.")


def indicator_rows(db: Database, questionnaire: str, cohort: str, by: str) -> list[IndicatorRow]:
    """Every share indicator of ``questionnaire`` for ``cohort`` (all when empty), one row
    per group of breakdown ``by``, groups in Spanish alphabetical order."""
    return indicator_breakdowns(db, questionnaire, cohort, (by,))[by]


@dataclass(frozen=True)
class Filters:
    """What the central window narrows to: entidad, subsistema and carrera ('' = all)."""

    state: str = ""
    subsystem: str = ""
    career: str = ""

    def scope(self, db: Database) -> queries.Scope | None:
        """The storage scope: the CCTs of the entidad and subsistema chosen, the carrera."""
        if not (self.state or self.subsystem or self.career):
            return None
        ccts = None
        if self.state or self.subsystem:
            directory = queries.school_directory(db)
            state, subsystem = labeller("entidad", directory), labeller("subsistema", directory)
            ccts = [cct for cct in queries.school_ccts(db)
                    if (not self.state or state(cct) == self.state)
                    and (not self.subsystem or subsystem(cct) == self.subsystem)]
        return queries.Scope(ccts, self.career)


def indicator_breakdowns(db: Database, questionnaire: str, cohort: str,
                         breakdowns: tuple[str, ...],
                         filters: Filters | None = None,
                         answered: dict[str, int] | None = None) -> dict[str, list[IndicatorRow]]:
    """{breakdown: rows} for several breakdowns, with one pass over the answers per SQL
    grouping (entidad, subsistema, plantel and total all come from the per-plantel sums),
    narrowed by ``filters``. ``answered`` receives the finished responses per SQL group
    (see ``share_counts``)."""
    for by in breakdowns:
        _check(questionnaire, by)
    shares: tuple[Share, ...] = shares_for(questionnaire)
    directory = None
    scope = filters.scope(db) if filters else None
    result = {}
    raw_by_group: dict[str, list] = {}
    for by in breakdowns:
        group = _SQL_GROUP[by]
        if group not in raw_by_group:
            raw_by_group[group] = queries.share_counts(
                db, questionnaire, cohort, group, ACTIVITY, [(s.numerator, s.base) for s in shares],
                scope, answered)
        if group == "cct" and directory is None:
            directory = queries.school_directory(db)
        result[by] = regroup([_row(key, n, sums, shares) for key, n, *sums in raw_by_group[group]],
                             labeller(by, directory or {}))
    return result


def _row(key: str, n: int, sums: list, shares: tuple[Share, ...]) -> IndicatorRow:
    return IndicatorRow(key, int(n), {s.key: (int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0))
                                      for i, s in enumerate(shares)})


def regroup(rows: list[IndicatorRow], label) -> list[IndicatorRow]:
    """Rows summed by ``label(row.group)``, in Spanish alphabetical order («Sin dato» last)."""
    return _sorted_rows(_summed((label(row.group), _flat(row)) for row in rows))


def _sorted_rows(sums: dict[str, tuple[tuple[str, ...], list[int]]]) -> list[IndicatorRow]:
    rows = [_as_row(key, names, flat) for key, (names, flat) in sums.items()]
    return sorted(rows, key=lambda r: (r.group == UNKNOWN, collation_key(r.group)))


Flat = tuple[tuple[str, ...], list[int]]  # (indicator keys, [n, numerator₁, base₁, …])
Panel = list[tuple[str, Flat]]  # («cohort|cct|sex», its sums)


def indicator_panel(db: Database, questionnaire: str,
                    answered: dict[str, int] | None = None) -> Panel:
    """Every generación's indicators per plantel and sexo («cohort|cct|sex» groups), in one
    pass over the answers: the central report regroups it with ``panel_breakdowns``.
    ``answered`` receives each group's finished responses (coverage), from the same pass.
    The sums stay flat lists of integers (tens of thousands of groups: no IndicatorRow
    each, made and taken apart again)."""
    group = "generacion_plantel_sexo"
    _check(questionnaire, group)
    shares: tuple[Share, ...] = shares_for(questionnaire)
    names = tuple(s.key for s in shares)
    found = queries.share_counts(db, questionnaire, "", _SQL_GROUP[group], ACTIVITY,
                                 [(s.numerator, s.base) for s in shares], None, answered)
    return [(key, (names, [int(n), *[int(v or 0) for v in sums]])) for key, n, *sums in found]


def panel_breakdown(panel: Panel, by: str, directory: dict[str, dict],
                    cohort: str = "") -> list[IndicatorRow]:
    """``panel`` rows (of ``cohort`` when given) regrouped by breakdown ``by``."""
    return panel_breakdowns(panel, (by,), directory, cohort)[by]


def panel_breakdowns(panel: Panel, breakdowns: tuple[str, ...],
                     directory: dict[str, dict], cohort: str = "") -> dict[str, list[IndicatorRow]]:
    """{breakdown: rows} of ``panel`` (of ``cohort`` when given): the rows are summed once
    per key of each part labelled (plantel, sexo, generación), then those sums regrouped
    per breakdown, so tens of thousands of «cohort|cct|sex» rows are added up once per
    part, not once per breakdown. Same sums as ``regroup`` on the panel."""
    chosen = []
    for key, flat in panel:
        parts = key.split("|", 2)
        if not cohort or parts[0] == cohort:
            chosen.append((parts, flat))
    by_part = {part: _summed((parts[part], flat) for parts, flat in chosen)
               for part in dict.fromkeys(_PANEL_PART[by] for by in breakdowns)}
    result = {}
    for by in breakdowns:
        label = labeller(by, directory)
        result[by] = _sorted_rows(_summed((label(key), entry) for key, entry
                                          in by_part[_PANEL_PART[by]].items()))
    return result


def _summed(keyed) -> dict[str, Flat]:
    """The flat rows of ``keyed`` ((key, flat) pairs) summed per key, in order of first
    appearance. Rows of one query share their indicators in one order, so they are added
    as lists of integers (IndicatorRow.add per row was most of a national report's Python
    time); rows of another shape take the general sum. Same sums as ``add``."""
    sums: dict[str, Flat] = {}
    for key, (names, flat) in keyed:
        found = sums.get(key)
        if found is None:
            sums[key] = (names, flat)
        elif found[0] == names:
            sums[key] = (names, [a + b for a, b in zip(found[1], flat)])
        else:
            merged = _as_row(key, *found)
            merged.add(_as_row(key, names, flat))
            sums[key] = _flat(merged)
    return sums


def _flat(row: IndicatorRow) -> Flat:
    flat = [row.n]
    for numerator, base in row.counts.values():
        flat += (numerator, base)
    return tuple(row.counts), flat


def _as_row(group: str, names: tuple[str, ...], flat: list[int]) -> IndicatorRow:
    return IndicatorRow(group, flat[0], {name: (flat[1 + 2 * i], flat[2 + 2 * i])
                                         for i, name in enumerate(names)})


def total_row(rows: list[IndicatorRow]) -> IndicatorRow:
    """The sum of ``rows`` (any breakdown adds up to the same total)."""
    total = _summed(("Total", _flat(row)) for row in rows)
    return _as_row("Total", *total["Total"]) if total else IndicatorRow("Total", 0)
