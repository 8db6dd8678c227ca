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


VIEWS = ("analisis_planteles", "analisis_alumnos", "analisis_respuestas", "analisis_codigos")
