"""The PostgreSQL central store's schema: named, ordered migrations and a schema number.

Same tables and columns as the SQLite schema (``storage/migrations.py``) so the shared SQL
runs on both, with three PostgreSQL choices: text compares byte by byte (``COLLATE "C"``,
as SQLite does, whatever the server's locale), ``answers`` and the JSON bookkeeping are
``jsonb`` (read back as text; indexes and ``->>`` work in SQL), and row numbers come from
sequences so that concurrent merges never take the same number. ``ifnull`` and
``json_extract`` are defined as SQL functions, so the shared queries that use SQLite's
spelling run unchanged (both inline into the plan).

``seguimiento_schema`` says the database is ours (``app``) and which migrations ran: a
database with tables but without it belongs to something else and is refused, one whose
number is above ``SCHEMA_VERSION`` was written by a newer app and is refused. Never edit a
migration that has shipped: add one.
"""

from collections.abc import Callable

from seguimiento_desktop.storage.contact_purge import purge_received_contact_answers
from seguimiento_desktop.storage.pg.analysis import create_indicator_views, create_views
from seguimiento_desktop.storage.sync_central import catalog_municipalities

APP = "seguimiento-egresados/central"
T = 'text COLLATE "C"'

_BASELINE = f"""
CREATE FUNCTION ifnull(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE AS 'SELECT coalesce(a, b)';
CREATE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.')$$;
CREATE FUNCTION json_extract(doc jsonb, path text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$SELECT doc #>> string_to_array(substr(path, 3), '.')$$;
CREATE TABLE settings (key {T} PRIMARY KEY, value text NOT NULL);
CREATE TABLE schools (
    rowid bigserial UNIQUE,
    cct {T} PRIMARY KEY, name {T} NOT NULL, subsystem {T} NOT NULL DEFAULT '',
    state {T} NOT NULL DEFAULT '', municipality {T} NOT NULL DEFAULT '',
    shift {T} NOT NULL DEFAULT '', is_own integer NOT NULL DEFAULT 0);
CREATE SEQUENCE students_seq_numbers;
CREATE SEQUENCE students_sync_rev_numbers;
CREATE SEQUENCE responses_sync_rev_numbers;
CREATE SEQUENCE contact_attempts_sync_rev_numbers;
CREATE TABLE students (
    rowid bigserial UNIQUE,
    id {T} PRIMARY KEY, curp {T} NOT NULL, given_names {T} NOT NULL,
    first_surname {T} NOT NULL, second_surname {T} NOT NULL DEFAULT '',
    sex {T} NOT NULL DEFAULT '', birth_date {T}, cohort {T} NOT NULL DEFAULT '',
    career {T} NOT NULL DEFAULT '', group_name {T} NOT NULL DEFAULT '',
    shift {T} NOT NULL DEFAULT '', email {T} NOT NULL DEFAULT '',
    phone {T} NOT NULL DEFAULT '', home_phone {T} NOT NULL DEFAULT '',
    status {T} NOT NULL DEFAULT 'activo', school_cct {T} NOT NULL DEFAULT '',
    sort_key {T} NOT NULL DEFAULT '', updated_at bigint NOT NULL, origin {T} NOT NULL,
    deleted integer NOT NULL DEFAULT 0,
    seq bigint UNIQUE DEFAULT nextval('students_seq_numbers'),
    contact_status {T} NOT NULL DEFAULT '', base_updated_at bigint, base_origin {T},
    sync_rev bigint DEFAULT nextval('students_sync_rev_numbers'));
CREATE UNIQUE INDEX students_curp ON students(curp);
CREATE INDEX students_sort ON students(deleted, sort_key);
CREATE INDEX students_cohort ON students(cohort, group_name, sort_key);
CREATE INDEX students_updated ON students(updated_at);
CREATE INDEX students_facets ON students(deleted, cohort, group_name, career);
CREATE INDEX students_school ON students(school_cct);
CREATE TABLE responses (
    rowid bigserial UNIQUE,
    id {T} PRIMARY KEY,
    student_id {T} NOT NULL REFERENCES students(id)
        DEFERRABLE INITIALLY DEFERRED,
    questionnaire {T} NOT NULL, version integer NOT NULL, mode {T} NOT NULL DEFAULT 'papel',
    status {T} NOT NULL DEFAULT 'parcial', keyer {T} NOT NULL DEFAULT '',
    verifier {T} NOT NULL DEFAULT '', answers jsonb NOT NULL DEFAULT '{{}}',
    confirmed jsonb NOT NULL DEFAULT '[]', started_at {T} NOT NULL DEFAULT '',
    completed_at {T} NOT NULL DEFAULT '', updated_at bigint NOT NULL, origin {T} NOT NULL,
    deleted integer NOT NULL DEFAULT 0,
    sync_rev bigint DEFAULT nextval('responses_sync_rev_numbers'));
CREATE UNIQUE INDEX responses_one_per_student ON responses(student_id, questionnaire);
CREATE INDEX responses_questionnaire ON responses(questionnaire, status);
CREATE INDEX responses_updated ON responses(updated_at);
CREATE TABLE contact_attempts (
    rowid bigserial UNIQUE,
    id {T} PRIMARY KEY,
    student_id {T} NOT NULL REFERENCES students(id)
        DEFERRABLE INITIALLY DEFERRED,
    questionnaire {T} NOT NULL DEFAULT '', attempted_on {T} NOT NULL, medium {T} NOT NULL,
    result {T} NOT NULL, note {T} NOT NULL DEFAULT '', updated_at bigint NOT NULL,
    origin {T} NOT NULL, deleted integer NOT NULL DEFAULT 0,
    sync_rev bigint DEFAULT nextval('contact_attempts_sync_rev_numbers'));
CREATE INDEX contact_attempts_student ON contact_attempts(student_id, attempted_on);
CREATE INDEX contact_attempts_updated ON contact_attempts(updated_at);
CREATE TABLE keying_sessions (
    id bigserial PRIMARY KEY, response_id {T} NOT NULL, keyer {T} NOT NULL, role {T} NOT NULL,
    started_at {T} NOT NULL, seconds double precision NOT NULL, keystrokes integer NOT NULL,
    errors integer NOT NULL DEFAULT 0);
CREATE TABLE sync_exports (
    seq bigint PRIMARY KEY, destination {T} NOT NULL, created_at {T} NOT NULL,
    file_name {T} NOT NULL, payload_sha256 {T} NOT NULL, rev_students bigint NOT NULL,
    rev_responses bigint NOT NULL, rev_attempts bigint NOT NULL, counts jsonb NOT NULL,
    acked_at {T});
CREATE TABLE sync_installations (
    installation_id {T} PRIMARY KEY, cct {T} NOT NULL, school jsonb NOT NULL,
    signing_key {T} NOT NULL, age_recipient {T} NOT NULL, fingerprint {T} NOT NULL,
    enrolled_at {T} NOT NULL, revoked_at {T});
CREATE INDEX sync_installations_cct ON sync_installations(cct);
CREATE TABLE sync_received (
    installation_id {T} NOT NULL, seq bigint NOT NULL, payload_sha256 {T} NOT NULL,
    base_seq bigint NOT NULL, created_at {T} NOT NULL, received_at {T} NOT NULL,
    file_name {T} NOT NULL, counts jsonb NOT NULL,
    PRIMARY KEY (installation_id, seq, payload_sha256));
CREATE TABLE sync_links (key {T} PRIMARY KEY, target {T} NOT NULL);
CREATE INDEX sync_links_target ON sync_links(target);
CREATE TABLE sync_versions (
    record_id {T} NOT NULL, updated_at bigint NOT NULL, origin {T} NOT NULL,
    base_updated_at bigint, base_origin {T}, student_id {T} NOT NULL,
    PRIMARY KEY (record_id, updated_at, origin));
CREATE INDEX sync_versions_student ON sync_versions(student_id);
CREATE INDEX sync_versions_base ON sync_versions(student_id, base_updated_at, base_origin);
CREATE TABLE sync_siblings (
    kind {T} NOT NULL, record_id {T} NOT NULL, updated_at bigint NOT NULL,
    origin {T} NOT NULL, row_id {T} NOT NULL, data jsonb NOT NULL,
    reviewed jsonb NOT NULL DEFAULT '[]', PRIMARY KEY (kind, record_id, updated_at, origin));
CREATE INDEX sync_siblings_row ON sync_siblings(kind, row_id);
CREATE TABLE sync_parked (
    rowid bigserial UNIQUE,
    kind {T} NOT NULL, record_id {T} NOT NULL, updated_at bigint NOT NULL,
    origin {T} NOT NULL, student_ref {T} NOT NULL, data jsonb NOT NULL,
    PRIMARY KEY (kind, record_id, updated_at, origin));
CREATE INDEX sync_parked_student ON sync_parked(student_ref);
CREATE TABLE sync_resolutions (
    rowid bigserial UNIQUE, conflict_id {T} PRIMARY KEY, kind {T} NOT NULL, row_id {T} NOT NULL, field {T} NOT NULL,
    choice {T} NOT NULL, value text NOT NULL, resolved_by {T} NOT NULL,
    resolved_at {T} NOT NULL, updated_at bigint NOT NULL, origin {T} NOT NULL);
CREATE INDEX sync_resolutions_row ON sync_resolutions(row_id);
"""

MIGRATIONS: list[tuple[str, Callable[[object], None] | str]] = [
    ("0001_baseline", _BASELINE),
    ("0002_analyst_views", create_views),
    ("0003_catalog_municipalities", catalog_municipalities),  # SQLite's 0009
    ("0004_indicator_views", create_indicator_views),
    ("0005_purge_received_contact_answers", purge_received_contact_answers),  # SQLite's 0013
]
SCHEMA_VERSION = len(MIGRATIONS)

# Which tables make a database ours: the bookkeeping table says so.
SCHEMA_TABLE = """
CREATE TABLE seguimiento_schema (
    app text NOT NULL, number integer PRIMARY KEY, name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())
"""
