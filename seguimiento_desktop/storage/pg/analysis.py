"""Views for analysts' tools (Excel, Power BI, Metabase), pseudonymised by default.

A read-only login granted SELECT on these views only (docs/central-postgresql.md) reads
the merged data without names, CURPs, contact data, free text or the office's keys: a view
runs with its owner's rights, so the analyst needs no right on the tables behind it.

- ``analisis_planteles``: each enrolled plantel (CCT, name, entidad, subsistema, municipio).
- ``analisis_alumnos``: one row per live person: ``persona`` (a pseudonym: SHA-256 of the
  CURP with a random salt kept in this database, so it matches between views and between
  years but not the planteles' own pseudonyms), plantel, generación, carrera, sexo, estatus
  and estado de localización.
- ``analisis_respuestas``: one row per live response: ``persona``, plantel, generación,
  cuestionario, versión, estado, fecha de término and ``respuestas`` (jsonb, question id →
  code or list of codes) without the free-text questions.
- ``analisis_codigos``: the codebook of the questionnaires the app ships: question id,
  number, text, type, and each option's code and label.
- ``analisis_indicadores_plantel``, ``analisis_indicadores_entidad`` and
  ``analisis_indicadores_subsistema``: the follow-up indicators (docs/indicators.md) of C2
  and C3, one row per cuestionario, generación, group and indicator, with the same
  respondents, numerators and bases as ``central indicadores``; the percentage is null
  where the app suppresses it (fewer than MIN_BASE respondents or base). The SQL is
  written from ``indicators.definitions`` when the migration runs, as the codebook is.
"""

from seguimiento_desktop.questionnaires.loader import available_definitions, load_definition

_PERSON = ("'P-' || left(encode(sha256(convert_to(k.salt || s.curp, 'UTF8')), 'hex'), 20) "
           "AS persona")
_SALT = "CROSS JOIN (SELECT value AS salt FROM settings WHERE key = 'analysis.salt') k"


def create_views(db) -> None:
    """Migration step: the salt, the codebook and the four views."""
    db.execute("INSERT INTO settings(key, value) VALUES ('analysis.salt', "
               "gen_random_uuid()::text || gen_random_uuid()::text) ON CONFLICT DO NOTHING")
    db.execute('CREATE TABLE analisis_codigos (cuestionario text COLLATE "C", version integer, '
               'pregunta text COLLATE "C", numero text, texto text, tipo text, codigo integer, '
               "etiqueta text)")
    codebook, free_text = [], []
    for definition in map(load_definition, available_definitions()):
        for question in definition.questions:
            if question.type == "text":
                free_text.append(question.id)
            head = (definition.id, definition.version, question.id, question.number,
                    question.text, question.type)
            codebook += [head + (o.code, o.label) for o in question.options] or [head + (None,
                                                                                         None)]
    db.conn.executemany("INSERT INTO analisis_codigos VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        codebook)
    db.execute("CREATE VIEW analisis_planteles AS SELECT DISTINCT ON (cct) cct, "
               "school ->> 'name' AS nombre, school ->> 'state' AS entidad, school ->> "
               "'subsystem' AS subsistema, school ->> 'municipality' AS municipio FROM "
               "sync_installations ORDER BY cct, enrolled_at DESC")
    db.execute(f"CREATE VIEW analisis_alumnos AS SELECT {_PERSON}, s.school_cct AS cct, "
               "s.cohort AS generacion, s.career AS carrera, s.sex AS sexo, s.status AS "
               f"estatus, s.contact_status AS localizacion FROM students s {_SALT} "
               "WHERE s.deleted = 0")
    dropped = ", ".join(f"'{q}'" for q in sorted(set(free_text))) or "''"
    db.execute(f"CREATE VIEW analisis_respuestas AS SELECT {_PERSON}, s.school_cct AS cct, "
               "s.cohort AS generacion, r.questionnaire AS cuestionario, r.version, r.status "
               f"AS estado, r.completed_at AS terminada, r.answers - ARRAY[{dropped}] AS "
               f"respuestas FROM responses r JOIN students s ON s.id = r.student_id {_SALT} "
               "WHERE r.deleted = 0 AND s.deleted = 0")


INDICATOR_VIEWS = ("analisis_indicadores_plantel", "analisis_indicadores_entidad",
                   "analisis_indicadores_subsistema")
VIEWS = ("analisis_planteles", "analisis_alumnos", "analisis_respuestas", "analisis_codigos",
         *INDICATOR_VIEWS)


def create_indicator_views(db) -> None:
    """Migration step: the indicators per plantel, entidad and subsistema.

    One pass over each wave's finished responses sums every indicator per generación and
    plantel (``analisis_indicadores_conteos``, not granted to analysts: its counts are not
    suppressed); entidad and subsistema sum those rows, then suppress. Both come from
    ``analisis_planteles``: the catalog's names the plantel enrolled with (its entidad is
    the one of its CCT's first two digits, as the app labels it). Run again, it leaves the
    same (a store whose bookkeeping lost a later step's row runs the steps after it
    again)."""
    from seguimiento_desktop.indicators.definitions import ACTIVITY, WAVES, shares_for
    from seguimiento_desktop.indicators.tables import UNKNOWN
    waves = " UNION ALL ".join(_wave_counts(q, ACTIVITY, shares_for(q)) for q in WAVES)
    db.execute(f"CREATE OR REPLACE VIEW analisis_indicadores_conteos AS {waves}")
    unknown = _quoted(UNKNOWN)
    db.execute("CREATE OR REPLACE VIEW analisis_indicadores_plantel_grupos AS SELECT c.*, "
               f"coalesce(nullif(p.entidad, ''), {unknown}) AS entidad, "
               f"coalesce(nullif(p.subsistema, ''), {unknown}) AS subsistema "
               "FROM analisis_indicadores_conteos c "
               "LEFT JOIN analisis_planteles p ON p.cct = c.cct")
    db.execute("CREATE OR REPLACE VIEW analisis_indicadores_plantel AS SELECT cuestionario, "
               "generacion, cct, entidad, subsistema, indicador, etiqueta, grupo, "
               f"respondentes, numerador, base, "
               f"{_percentage('respondentes', 'numerador', 'base')} "
               "FROM analisis_indicadores_plantel_grupos")
    for level in ("entidad", "subsistema"):
        db.execute(
            f"CREATE OR REPLACE VIEW analisis_indicadores_{level} AS SELECT cuestionario, "
            f"generacion, {level}, indicador, etiqueta, grupo, "
            "sum(respondentes)::bigint AS respondentes, sum(numerador)::bigint AS numerador, "
            "sum(base)::bigint AS base, "
            f"{_percentage('sum(respondentes)', 'sum(numerador)', 'sum(base)')} "
            "FROM analisis_indicadores_plantel_grupos "
            f"GROUP BY cuestionario, generacion, {level}, indicador, etiqueta, grupo")


def _percentage(respondents: str, numerator: str, base: str) -> str:
    from seguimiento_desktop.reports.statistics import MIN_BASE  # (it imports pandas)
    return (f"CASE WHEN {respondents} >= {MIN_BASE} AND {base} >= {MIN_BASE} "
            f"THEN round(100.0 * {numerator} / {base}, 1) END AS porcentaje")


def _wave_counts(questionnaire: str, key_question: str, shares) -> str:
    """One wave's (cuestionario, generacion, cct, indicador, etiqueta, grupo, respondentes,
    numerador, base) rows, counted as the app counts them (``share_counts`` in
    storage/pg/indicator_queries.py)."""
    from seguimiento_desktop.storage.indicator_queries import _both
    from seguimiento_desktop.storage.pg.indicator_queries import (
        _answers, _predicate, question_slots)
    questions, slots = question_slots(key_question, [(s.numerator, s.base) for s in shares])
    sums = "".join(f", sum(({_predicate(_both(s.numerator, s.base), slots)})::int) AS n{i}, "
                   f"sum(({_predicate(s.base, slots)})::int) AS b{i}"
                   for i, s in enumerate(shares))
    source = _answers("s.cohort || '|' || s.school_cct", questions, "", _quoted(questionnaire))
    values = ", ".join(f"({_quoted(s.key)}, {_quoted(s.label)}, {_quoted(s.group)}, "
                       f"coalesce(w.n{i}, 0), coalesce(w.b{i}, 0))"
                       for i, s in enumerate(shares))
    return (f"SELECT {_quoted(questionnaire)}::text AS cuestionario, "
            "split_part(w.g, '|', 1) AS generacion, split_part(w.g, '|', 2) AS cct, "
            "v.indicador, v.etiqueta, v.grupo, w.respondentes, v.numerador, v.base "
            f"FROM (SELECT g, count(*) AS respondentes{sums} FROM {source} "
            "WHERE a0 IS NOT NULL GROUP BY g) w CROSS JOIN LATERAL (VALUES "
            f"{values}) v(indicador, etiqueta, grupo, numerador, base)")


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
