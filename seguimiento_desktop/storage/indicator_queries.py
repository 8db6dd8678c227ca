"""Counts behind the indicators (docs/indicators.md), aggregated inside SQLite.

The same SQL serves a plantel's database and the central office's merged one (both hold
``students`` and ``responses``). A national cohort is about 1.4 million responses per
questionnaire, so every share's numerator and base is summed by SQLite in one pass and
only one row per group reaches Python.
"""

import json
from collections.abc import Sequence

from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.pg.dialect import server_variant
from seguimiento_desktop.storage.report_queries import FINISHED

# On the central store on PostgreSQL the same functions run the server's SQL
# (storage/pg/indicator_queries.py); the rest of this module's SQL runs on both.
_on_postgresql = server_variant("indicator_queries")

# Condition: every (question id, codes) pair must hold; () holds for every respondent.
Condition = tuple[tuple[str, tuple[int, ...]], ...]
GROUP_COLUMNS = {"cct": "s.school_cct", "career": "s.career", "sex": "s.sex",
                 "cohort": "s.cohort", "": "''",
                 # one pass for a whole report: «cohort|cct|sex», split by the caller
                 "cohort_cct_sex": "s.cohort || '|' || s.school_cct || '|' || s.sex"}
UNREACHABLE = ("rechazo", "baja")  # estado de localización that leaves the denominators


def _path(question_id: str) -> str:
    # Ids are validated by the definition loader ([A-Z0-9_]); quoted as JSON keys anyway.
    return "'$.\"" + question_id.replace("'", "").replace('"', "") + "\"'"


def _predicate(condition: Condition, slots: dict[str, int]) -> str:
    if not condition:
        return "1"
    return " AND ".join(f"a{slots[q]} IN ({', '.join(str(int(c)) for c in codes)})"
                        for q, codes in condition)


def _answers(group_sql: str, questions: list[str], where: str) -> str:
    """A co-routine of (g, a0, a1…): each value read once per response by ``->>`` on the
    answer set (SQLite reuses the parsed JSON between them: faster than one multi-path
    json_extract re-read from its array). LIMIT -1 keeps the subquery from being
    flattened (which would repeat the reads per reference)."""
    values = ", ".join(f"r.answers ->> {_path(q)} AS a{i}" for i, q in enumerate(questions))
    return (f"(SELECT {group_sql} AS g, {values} "
            "FROM responses r JOIN students s ON s.id = r.student_id "
            f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = ? "
            f"AND r.status IN {FINISHED}{where} LIMIT -1)")


@_on_postgresql
def share_counts(db: Database, questionnaire: str, cohort: str, group: str, key_question: str,
                 shares: Sequence[tuple[Condition, Condition]],
                 scope: "Scope | None" = None,
                 answered: dict[str, int] | None = None) -> list[tuple]:
    """(group, respondents, numerator₁, base₁, numerator₂, base₂…) per group.

    Respondents are the finished responses of ``questionnaire`` (of ``cohort``, or every
    cohort when empty) that answered ``key_question``; each share counts those meeting its
    numerator condition and those meeting its base condition. ``scope`` narrows the
    students (planteles, carrera). ``answered``, when given, receives each group's finished
    responses whether they answered ``key_question`` or not (the «respondieron» of
    coverage), from the same pass.
    """
    questions = list(dict.fromkeys([key_question] + [q for pair in shares for cond in pair
                                                     for q, _ in cond]))
    slots = {q: i for i, q in enumerate(questions)}
    # Each distinct predicate is summed once (shares often share a base): fewer
    # expressions per row is most of the time a national cohort takes.
    wanted = [(_predicate(_both(num, base), slots), _predicate(base, slots))
              for num, base in shares]
    distinct = list(dict.fromkeys(e for pair in wanted for e in pair))
    where, params = _scope(questionnaire, cohort, scope)
    sums = "".join(f", sum({e})" for e in distinct)
    source = _answers(GROUP_COLUMNS[group], questions, where)
    position = {e: i for i, e in enumerate(distinct)}
    if answered is None:
        sql = f"SELECT g, count(*){sums} FROM {source} WHERE a0 IS NOT NULL GROUP BY g"
    else:  # responses without the key question form their own row per group
        sql = f"SELECT g, a0 IS NULL, count(*){sums} FROM {source} GROUP BY g, 2"
    return share_rows(db.execute(sql, params).fetchall(), wanted, position, answered)


def share_rows(found_rows: Sequence[tuple], wanted: list[tuple[str, str]],
               position: dict[str, int], answered: dict[str, int] | None) -> list[tuple]:
    """(group, n, numerator, base, …) in the order of ``wanted`` from the summed rows
    (group, [skipped,] count, distinct sums…); with ``answered``, rows of responses that
    skipped the key question are counted there, not shared. Both stores' queries end here."""
    if answered is None:
        return [(g, n, *[found[position[e]] for pair in wanted for e in pair])
                for g, n, *found in found_rows]
    rows = []
    for g, skipped, n, *found in found_rows:
        answered[g] = answered.get(g, 0) + n
        if not skipped:
            rows.append((g, n, *[found[position[e]] for pair in wanted for e in pair]))
    return rows


def _both(numerator: Condition, base: Condition) -> Condition:
    """``numerator`` and ``base`` as one condition, codes intersected per question."""
    codes: dict[str, set[int]] = {}
    for question_id, allowed in (*base, *numerator):
        codes[question_id] = codes.get(question_id, set(allowed)) & set(allowed)
    return tuple((q, tuple(sorted(c))) for q, c in codes.items())


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


def cohorts(db: Database) -> list[str]:
    """Every generación of live students, whatever its length (2 to 5 years), the latest
    graduation first. Jumps from one distinct value to the next in the ``students_facets``
    index (a national directory has millions of students and a handful of generaciones)."""
    found = [c for (c,) in db.execute(
        "WITH RECURSIVE c(x) AS (SELECT min(cohort) FROM students WHERE deleted = 0 AND "
        "cohort > '' UNION ALL SELECT (SELECT min(cohort) FROM students WHERE deleted = 0 AND "
        "cohort > x) FROM c WHERE x IS NOT NULL) SELECT x FROM c WHERE x IS NOT NULL")]
    return sorted(found, key=lambda c: (c[-4:], c), reverse=True)


def careers(db: Database, cohort: str = "") -> list[str]:
    """Distinct carreras of live students (of ``cohort`` when given)."""
    sql = "SELECT DISTINCT career FROM students WHERE deleted = 0 AND career != ''"
    rows = db.execute(sql + (" AND cohort = ?" if cohort else ""), [cohort] if cohort else [])
    return [career for (career,) in rows]


@_on_postgresql
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


@_on_postgresql
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
    # One point lookup per student in the unique (student_id, questionnaire) index; the
    # students read in table order (see eligible_panel).
    return db.execute(
        f"SELECT cohort, g, sum(done OR (contact_status NOT IN {UNREACHABLE} AND status != 'baja')), "
        f"sum(done) FROM (SELECT s.cohort, {GROUP_COLUMNS[group]} AS g, s.contact_status, "
        "s.status, EXISTS(SELECT 1 FROM responses r WHERE r.student_id = s.id "
        f"AND r.questionnaire = ? AND r.deleted = 0 AND r.status IN {FINISHED}) AS done "
        f"FROM students s NOT INDEXED WHERE s.deleted = 0 AND s.cohort != ''{where}) "
        "GROUP BY 1, 2",
        params).fetchall()


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


@_on_postgresql
def activity_pairs(db: Database, cohort: str, question_id: str) -> list[tuple[int, int, int]]:
    """(code in C2, code in C3, graduates) for graduates of ``cohort`` with both finished:
    the panel behind «cambio entre 6 y 18 meses». Each code is read once per graduate in a
    subquery kept apart by LIMIT -1 (flattened, the filter and the grouping each read
    them again)."""
    path = _path(question_id)
    return db.execute(
        f"SELECT x, y, count(*) FROM (SELECT json_extract(a.answers, {path}) AS x, "
        f"json_extract(b.answers, {path}) AS y FROM responses a JOIN responses b "
        "ON b.student_id = a.student_id JOIN students s ON s.id = a.student_id "
        f"WHERE a.questionnaire = 'C2' AND b.questionnaire = 'C3' AND a.status IN {FINISHED} "
        f"AND b.status IN {FINISHED} AND a.deleted = 0 AND b.deleted = 0 AND s.deleted = 0 "
        "AND s.cohort = ? LIMIT -1) WHERE x IS NOT NULL AND y IS NOT NULL GROUP BY 1, 2",
        [cohort]).fetchall()


@_on_postgresql
def eligible_panel(db: Database, questionnaires: Sequence[str],
                   counted: Sequence[str] = ()) -> list[tuple]:
    """(cohort, cct, sex, eligible₁, answered₁, eligible₂, answered₂…) for each
    questionnaire, in one pass over the students (see ``eligible_population``).

    One range lookup per student in the (student_id, questionnaire) index yields a bit per
    questionnaire finished (one EXISTS per questionnaire, each copied into both of its sums
    by the flattener, took twice as long on a national cohort); LIMIT -1 keeps the
    subquery from being flattened. For the questionnaires in ``counted`` (whose finished
    responses the caller counts in its own pass over them, see ``share_counts``) the pair
    is instead (students who can answer, those who cannot but answered): only those few
    are looked up, and eligible is their sum.

    The students are read in table order (NOT INDEXED): the planner otherwise walks the
    directory's (deleted, sort_key) index, which visits the rows in alphabetical order of
    their names, one random page read per student (20-23 s instead of 5 s for 1.5 million
    students with real names; the simulation's empty names hid it)."""
    gone = f"(contact_status IN {UNREACHABLE} OR status = 'baja')"
    looked = [q for q in questionnaires if q not in counted]
    finished = f"r.student_id = s.id AND r.deleted = 0 AND r.status IN {FINISHED}"

    def done(q: str) -> str:
        return f"EXISTS(SELECT 1 FROM responses r WHERE {finished} AND r.questionnaire = '{q}')"

    columns, sums = [], []
    for i, q in enumerate(q.replace(chr(39), "") for q in questionnaires):
        if q in counted:
            columns.append(f"CASE WHEN {gone} IS NOT 0 THEN {done(q)} END AS d{i}")
            sums.append(f"sum({gone} IS 0), sum(d{i})")
        elif counted:  # a few looked up: one seek each
            columns.append(f"{done(q)} AS d{i}")
            sums.append(f"sum(d{i} OR NOT {gone}), sum(d{i})")
        else:  # all of them: a bit each, from one range of the index per student
            bit = 1 << looked.index(q)
            sums.append(f"sum((m & {bit}) != 0 OR NOT {gone}), sum((m & {bit}) != 0)")
    if not counted:
        bits = " ".join(f"WHEN '{q.replace(chr(39), '')}' THEN {1 << i}"
                        for i, q in enumerate(looked))
        columns.append(f"(SELECT ifnull(sum(CASE r.questionnaire {bits} ELSE 0 END), 0) "
                       f"FROM responses r WHERE {finished}) AS m")
    return db.execute(
        f"SELECT cohort, cct, sex, {', '.join(sums)} FROM (SELECT s.cohort, s.school_cct AS cct, "
        f"s.sex, s.contact_status, s.status, {', '.join(columns)} FROM students s NOT INDEXED "
        "WHERE s.deleted = 0 AND s.cohort != '' LIMIT -1) GROUP BY 1, 2, 3").fetchall()


@_on_postgresql
def choices_counts(db: Database, questionnaire: str, cohort: str,
                   wanted: Sequence[tuple[str, Condition]]) -> list[tuple[int, int, int]]:
    """(index in ``wanted``, code, respondents) for several choice questions at once, each
    among the responses meeting its condition: one pass over the answers for them all."""
    questions = list(dict.fromkeys([q for q, _ in wanted] +
                                   [q for _, among in wanted for q, _ in among]))
    slots = {q: i for i, q in enumerate(questions)}
    items = ", ".join(f"CASE WHEN json_valid(a{slots[q]}) AND {_predicate(among, slots)} "
                      f"THEN json(a{slots[q]}) END" for q, among in wanted)
    where, params = _scope(questionnaire, cohort, None)
    sql = (f"SELECT k.key, CAST(j.value AS INTEGER), count(*) FROM "
           f"{_answers(chr(39) * 2, questions, where)}, json_each(json_array({items})) k, "
           "json_each(CASE WHEN k.type = 'array' THEN k.value ELSE json_array(k.value) END) j "
           "WHERE k.type != 'null' GROUP BY 1, 2")
    return db.execute(sql, params).fetchall()
