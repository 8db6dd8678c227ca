"""The central store on PostgreSQL (issue 16): the same tables and merge rules as the SQLite
central store, on a server several operators and analysts share.

- ``connection``: a psycopg 3 connection behind the small interface the repositories use
  (``execute``, ``atomic``, ``conn.executemany``), so the SQL shared with SQLite runs as is;
  server errors become Spanish ``DatabaseError`` messages.
- ``migrations``: the PostgreSQL schema, its own ordered migrations and schema number.
- ``store``: ``PgStore``, the counterpart of ``storage.database.Store``.
- ``merge_queries``: the merge's hot paths done the PostgreSQL way (COPY into staging
  tables, set-based inserts, numbers from sequences so concurrent merges never collide).

psycopg is an optional extra (``central-pg``): nothing here is imported unless a
``postgresql://`` address is opened.
"""
