"""Counts behind the indicators (docs/indicators.md), aggregated inside SQLite.

The same SQL serves a plantel's database and the central office's merged one (both hold
``students`` and ``responses``). A national cohort is about 1.4 million responses per
questionnaire, so every share's numerator and base is summed by SQLite in one pass and
only one row per group reaches Python.
"""

import json
from collections.abc import Sequence

from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.report_queries import FINISHED

# Condition: every (question id, codes) pair must hold; () holds for every respondent.
Condition = tuple[tuple[str, tuple[int, ...]], ...]
GROUP_COLUMNS = {"cct": "s.school_cct", "career": "s.career", "sex": "s.sex",
                 "cohort": "s.cohort", "": "''"}
UNREACHABLE = ("rechazo", "baja")  # estado de localización that leaves the denominators


def _path(question_id: str) -> str:
    # Ids are validated by the definition loader ([A-Z0-9_]); quoted as JSON keys anyway.
    return "'$.\"" + question_id.replace("'", "").replace('"', "") + "\"'"


def _predicate(condition: Condition, slots: dict[str, int]) -> str:
    if not condition:
        return "1"
    return " AND ".join(f"(v ->> {slots[q]}) IN ({', '.join(str(int(c)) for c in codes)})"
                        for q, codes in condition)


def share_counts(db: Database, questionnaire: str, cohort: str, group: str, key_question: str,
                 shares: Sequence[tuple[Condition, Condition]],
                 scope: "Scope | None" = None) -> list[tuple]:
    """(group, respondents, numerator₁, base₁, numerator₂, base₂…) per group.

    Respondents are the finished responses of ``questionnaire`` (of ``cohort``, or every
    cohort when empty) that answered ``key_question``; each share counts those meeting its
    numerator condition and those meeting its base condition. ``scope`` narrows the
    students (planteles, carrera).
    """
    questions = list(dict.fromkeys([key_question] + [q for pair in shares for cond in pair
                                                     for q, _ in cond]))
    slots = {q: i for i, q in enumerate(questions)}
    sums = "".join(f", sum({_predicate(num, slots)} AND {_predicate(base, slots)}), "
                   f"sum({_predicate(base, slots)})" for num, base in shares)
    where, params = _scope(questionnaire, cohort, scope)
    # LIMIT -1 keeps the subquery a co-routine: each answer set is parsed once, not once
    # per reference to v (a flattened subquery would repeat the big json_extract).
    sql = (f"SELECT g, count(*){sums} FROM (SELECT {GROUP_COLUMNS[group]} AS g, "
           f"json_extract(r.answers, {', '.join(_path(q) for q in questions)}, '$.__none__') AS v "
           "FROM responses r JOIN students s ON s.id = r.student_id "
           f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = ? AND r.status IN {FINISHED}"
           f"{where} LIMIT -1) WHERE (v ->> 0) IS NOT NULL GROUP BY g")
    return db.execute(sql, params).fetchall()


class Scope:
    """Which students count: some planteles (None: all) and one carrera ('' all)."""

    def __init__(self, ccts: Sequence[str] | None = None, career: str = ""):
        self.ccts, self.career = (None if ccts is None else tuple(ccts)), career


def _scope(questionnaire: str, cohort: str, scope: "Scope | None") -> tuple[str, list]:
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    if scope is not None and scope.ccts is not None:
        where += " AND s.school_cct IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(scope.ccts)))
    if scope is not None and scope.career:
        where, params = where + " AND s.career = ?", params + [scope.career]
    return where, params


def school_ccts(db: Database) -> list[str]:
    """Every CCT with students or an enrolled installation (for filters by place)."""
    rows = db.execute("SELECT DISTINCT school_cct FROM students UNION "
                      "SELECT cct FROM sync_installations UNION SELECT cct FROM schools")
    return [cct for (cct,) in rows if cct]


def careers(db: Database, cohort: str = "") -> list[str]:
    """Distinct carreras of live students (of ``cohort`` when given)."""
    sql = "SELECT DISTINCT career FROM students WHERE deleted = 0 AND career != ''"
    rows = db.execute(sql + (" AND cohort = ?" if cohort else ""), [cohort] if cohort else [])
    return [career for (career,) in rows]


def choice_counts(db: Database, questionnaire: str, cohort: str, group: str, question_id: str,
                  among: Condition = ()) -> list[tuple[str, int, int]]:
    """(group, code, respondents who chose it) for a single- or multiple-choice question,
    among finished responses meeting ``among``."""
    slots = {q: i for i, (q, _) in enumerate(among)}
    paths = ", ".join([_path(q) for q, _ in among] + ["'$.__none__'"])
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    sql = (f"SELECT g, CAST(j.value AS INTEGER), count(*) FROM (SELECT {GROUP_COLUMNS[group]} AS g, "
           f"json_extract(r.answers, {_path(question_id)}) AS a, "
           f"json_extract(r.answers, {paths}) AS v "
           "FROM responses r JOIN students s ON s.id = r.student_id "
           f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = ? AND r.status IN {FINISHED}"
           f"{where} LIMIT -1), json_each(CASE WHEN json_valid(a) THEN a ELSE json_array(a) END) j "
           f"WHERE a IS NOT NULL AND {_predicate(among, slots)} GROUP BY 1, 2")
    return db.execute(sql, params).fetchall()


def text_answers(db: Database, questionnaire: str, cohort: str, group: str,
                 question_id: str) -> list[tuple[str, str]]:
    """(group, free text) of finished responses that wrote something in ``question_id``."""
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    return db.execute(
        f"SELECT {GROUP_COLUMNS[group]}, json_extract(r.answers, {_path(question_id)}) AS t "
        "FROM responses r JOIN students s ON s.id = r.student_id WHERE r.deleted = 0 "
        f"AND s.deleted = 0 AND r.questionnaire = ? AND r.status IN {FINISHED}{where} "
        "AND t IS NOT NULL AND trim(t) != ''", params).fetchall()


def eligible_population(db: Database, questionnaire: str, group: str,
                        cohort: str = "") -> list[tuple[str, str, int, int]]:
    """(cohort, group, eligible students, finished responses of ``questionnaire``).

    Eligible: live students who have not refused nor left (estado de localización
    «rechazo» or «baja», or student status «baja»), plus anyone who answered anyway, so
    that a rate never exceeds 100 %.
    """
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    return db.execute(
        f"SELECT s.cohort, {GROUP_COLUMNS[group]}, "
        f"sum(d.student_id IS NOT NULL OR (s.contact_status NOT IN {UNREACHABLE} "
        "AND s.status != 'baja')), count(d.student_id) FROM students s "
        "LEFT JOIN (SELECT DISTINCT student_id FROM responses WHERE deleted = 0 "
        f"AND questionnaire = ? AND status IN {FINISHED}) d ON d.student_id = s.id "
        f"WHERE s.deleted = 0 AND s.cohort != ''{where} GROUP BY 1, 2", params).fetchall()


def school_directory(db: Database) -> dict[str, dict]:
    """{CCT: school data (name, subsystem, state…)}: the schools table (a plantel's own
    record) overlaid by the central office's enrolled installations (latest wins)."""
    found: dict[str, dict] = {}
    for cct, name, subsystem, state in db.execute(
            "SELECT cct, name, subsystem, state FROM schools"):
        found[cct] = {"name": name, "subsystem": subsystem, "state": state}
    for cct, school in db.execute("SELECT cct, school FROM sync_installations ORDER BY enrolled_at"):
        found[cct] = json.loads(school)
    return found
