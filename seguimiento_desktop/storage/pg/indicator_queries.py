"""The indicators' counts on PostgreSQL: ``storage/indicator_queries.py`` in the server's SQL.

Same functions, same arguments, same rows back; each sum is done by the server where the
answers are, one row per group reaching Python. What PostgreSQL spells differently:

- an answer is ``nullif(answers -> 'ID', 'null')``, a jsonb value compared with jsonb codes
  (``a0 IN ('1', '2')``): a number matches its code, a text never does (as in SQLite, where
  ``->>`` gives an integer for a number and text for a string);
- a condition is summed as ``sum((condition)::int)`` (NULL when nothing was answered, as
  SQLite's ``sum``); subqueries need names and no ``LIMIT -1``;
- the list of planteles goes as one array parameter (``= ANY(?)``);
- choice lists are walked with ``jsonb_array_elements … WITH ORDINALITY``;
- groups come back in key order (``ORDER BY``), as SQLite's GROUP BY gives them: callers
  that rank by count keep ties in the same order on both stores.

Values read back as they are stored (codes) come as JSON text and are decoded here, so a
code is an ``int`` as SQLite gives it.
"""

import json
from collections.abc import Sequence

from seguimiento_desktop.storage.indicator_queries import (
    GROUP_COLUMNS, UNREACHABLE, Condition, Scope, _both, share_rows)
from seguimiento_desktop.storage.report_queries import FINISHED


def _key(question_id: str) -> str:
    # Ids are validated by the definition loader ([A-Z0-9_]); stripped of quotes anyway.
    return "'" + question_id.replace("'", "").replace('"', "") + "'"


def _predicate(condition: Condition, slots: dict[str, int]) -> str:
    if not condition:
        return "true"
    return " AND ".join(f"a{slots[q]} IN ({', '.join(repr(str(int(c))) for c in codes)})"
                        for q, codes in condition)


def _answers(group_sql: str, questions: list[str], where: str, questionnaire: str = "?") -> str:
    """The finished responses' group and answers; ``questionnaire`` is the SQL that names
    the wave (a parameter, or a literal in a view)."""
    values = ", ".join(f"nullif(r.answers -> {_key(q)}, 'null') AS a{i}"
                       for i, q in enumerate(questions))
    return (f"(SELECT {group_sql} AS g, {values} "
            "FROM responses r JOIN students s ON s.id = r.student_id "
            f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = {questionnaire} "
            f"AND r.status IN {FINISHED}{where}) answered")


def _scope(questionnaire: str, cohort: str, scope: Scope | None) -> tuple[str, list]:
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    if scope is not None and scope.ccts is not None:
        where, params = where + " AND s.school_cct = ANY(?)", params + [list(scope.ccts)]
    if scope is not None and scope.career:
        where, params = where + " AND s.career = ?", params + [scope.career]
    return where, params


def question_slots(key_question: str, shares: Sequence[tuple[Condition, Condition]]
                   ) -> tuple[list[str], dict[str, int]]:
    """The questions the shares read, the key question first (its answer is ``a0``), and
    each one's column number."""
    questions = list(dict.fromkeys([key_question] + [q for pair in shares for cond in pair
                                                     for q, _ in cond]))
    return questions, {q: i for i, q in enumerate(questions)}


def share_counts(db, questionnaire: str, cohort: str, group: str, key_question: str,
                 shares: Sequence[tuple[Condition, Condition]], scope: Scope | None = None,
                 answered: dict[str, int] | None = None) -> list[tuple]:
    """See ``storage.indicator_queries.share_counts``."""
    questions, slots = question_slots(key_question, shares)
    wanted = [(_predicate(_both(num, base), slots), _predicate(base, slots))
              for num, base in shares]
    distinct = list(dict.fromkeys(e for pair in wanted for e in pair))
    where, params = _scope(questionnaire, cohort, scope)
    sums = "".join(f", sum(({e})::int)" for e in distinct)
    source = _answers(GROUP_COLUMNS[group], questions, where)
    position = {e: i for i, e in enumerate(distinct)}
    if answered is None:
        sql = f"SELECT g, count(*){sums} FROM {source} WHERE a0 IS NOT NULL GROUP BY g ORDER BY g"
    else:
        sql = f"SELECT g, a0 IS NULL, count(*){sums} FROM {source} GROUP BY g, 2 ORDER BY g, 2"
    return share_rows(db.execute(sql, params).fetchall(), wanted, position, answered)


def text_answers(db, questionnaire: str, cohort: str, group: str,
                 question_id: str) -> list[tuple[str, str]]:
    """See ``storage.indicator_queries.text_answers``."""
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    return db.execute(
        f"SELECT g, t FROM (SELECT {GROUP_COLUMNS[group]} AS g, r.answers ->> "
        f"{_key(question_id)} AS t FROM responses r JOIN students s ON s.id = r.student_id "
        f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = ? AND r.status IN "
        f"{FINISHED}{where}) texts WHERE t IS NOT NULL AND trim(t) != ''", params).fetchall()


def eligible_population(db, questionnaire: str, group: str,
                        cohort: str = "") -> list[tuple[str, str, int, int]]:
    """See ``storage.indicator_queries.eligible_population``."""
    where, params = "", [questionnaire]
    if cohort:
        where, params = " AND s.cohort = ?", params + [cohort]
    return db.execute(
        f"SELECT cohort, g, sum((done OR (contact_status NOT IN {UNREACHABLE} AND "
        "status != 'baja'))::int), sum(done::int) FROM (SELECT s.cohort, "
        f"{GROUP_COLUMNS[group]} AS g, s.contact_status, s.status, EXISTS(SELECT 1 FROM "
        "responses r WHERE r.student_id = s.id AND r.questionnaire = ? AND r.deleted = 0 AND "
        f"r.status IN {FINISHED}) AS done FROM students s WHERE s.deleted = 0 AND "
        f"s.cohort != ''{where}) people GROUP BY 1, 2 ORDER BY 1, 2", params).fetchall()


def activity_pairs(db, cohort: str, question_id: str) -> list[tuple[int, int, int]]:
    """See ``storage.indicator_queries.activity_pairs``."""
    key = _key(question_id)
    rows = db.execute(
        f"SELECT x, y, count(*) FROM (SELECT nullif(a.answers -> {key}, 'null') AS x, "
        f"nullif(b.answers -> {key}, 'null') AS y FROM responses a JOIN responses b "
        "ON b.student_id = a.student_id JOIN students s ON s.id = a.student_id "
        f"WHERE a.questionnaire = 'C2' AND b.questionnaire = 'C3' AND a.status IN {FINISHED} "
        f"AND b.status IN {FINISHED} AND a.deleted = 0 AND b.deleted = 0 AND s.deleted = 0 "
        "AND s.cohort = ?) pairs WHERE x IS NOT NULL AND y IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2",
        [cohort]).fetchall()
    return [(json.loads(x), json.loads(y), n) for x, y, n in rows]


def eligible_panel(db, questionnaires: Sequence[str],
                   counted: Sequence[str] = ()) -> list[tuple]:
    """See ``storage.indicator_queries.eligible_panel`` (same columns, same meaning)."""
    gone = f"(contact_status IN {UNREACHABLE} OR status = 'baja')"
    finished = f"r.student_id = s.id AND r.deleted = 0 AND r.status IN {FINISHED}"

    def done(q: str) -> str:
        return f"EXISTS(SELECT 1 FROM responses r WHERE {finished} AND r.questionnaire = '{q}')"

    columns, sums = [], []
    for i, q in enumerate(q.replace(chr(39), "") for q in questionnaires):
        if q in counted:
            columns.append(f"CASE WHEN {gone} IS NOT FALSE THEN {done(q)} END AS d{i}")
            sums.append(f"sum(({gone} IS FALSE)::int), sum(d{i}::int)")
        else:
            columns.append(f"{done(q)} AS d{i}")
            sums.append(f"sum((d{i} OR NOT {gone})::int), sum(d{i}::int)")
    return db.execute(
        f"SELECT cohort, cct, sex, {', '.join(sums)} FROM (SELECT s.cohort, s.school_cct AS cct, "
        f"s.sex, s.contact_status, s.status, {', '.join(columns)} FROM students s "
        "WHERE s.deleted = 0 AND s.cohort != '') people GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").fetchall()


_CODE = ("CASE WHEN jsonb_typeof(j.value) = 'number' THEN trunc((j.value #>> '{}')::numeric)"
         "::bigint WHEN (j.value #>> '{}') ~ '^-?[0-9]{1,18}$' THEN (j.value #>> '{}')::bigint "
         "ELSE 0 END")


def choices_counts(db, questionnaire: str, cohort: str,
                   wanted: Sequence[tuple[str, Condition]]) -> list[tuple[int, int, int]]:
    """See ``storage.indicator_queries.choices_counts``."""
    questions = list(dict.fromkeys([q for q, _ in wanted] +
                                   [q for _, among in wanted for q, _ in among]))
    slots = {q: i for i, q in enumerate(questions)}
    items = ", ".join(f"CASE WHEN jsonb_typeof(a{slots[q]}) IN ('number', 'array') AND "
                      f"{_predicate(among, slots)} THEN a{slots[q]} END" for q, among in wanted)
    where, params = _scope(questionnaire, cohort, None)
    sql = (f"SELECT (k.idx - 1)::int, {_CODE}, count(*) FROM "
           f"{_answers(chr(39) * 2, questions, where)} CROSS JOIN LATERAL "
           f"jsonb_array_elements(jsonb_build_array({items})) WITH ORDINALITY k(value, idx) "
           "CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(k.value) = 'array' "
           "THEN k.value ELSE jsonb_build_array(k.value) END) j(value) "
           "WHERE jsonb_typeof(k.value) != 'null' GROUP BY 1, 2 ORDER BY 1, 2")
    return db.execute(sql, params).fetchall()
