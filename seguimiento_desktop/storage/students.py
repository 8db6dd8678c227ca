"""The student directory: rows, the FTS5 search index and the directory queries.

Search is accent- and case-insensitive: the index holds a folded copy of the name, CURP,
e-mail and phones in a trigram FTS5 table (SQLite's trigram tokenizer cannot drop accents
before 3.45, so we fold in Python). Terms of three or more characters go through MATCH
(anywhere in the text); a search of only one or two letters looks at the start of the
surname, an index range instead of a full scan (one or two digits filter nothing yet:
phone searches start at the third digit). Next to a longer term, a short one is the start
of a word of the name ("garcia l" finds García López).
"""

from collections.abc import Iterable, Sequence
from datetime import date
from weakref import WeakKeyDictionary

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import DirectoryFacets, Student, StudentQuery
from seguimiento_desktop.domain.text import collation_key, fold, person_key

# Student attribute -> column (``group`` is an SQL keyword).
_FIELD_COLUMNS = {
    "id": "id", "curp": "curp", "given_names": "given_names", "first_surname": "first_surname",
    "second_surname": "second_surname", "sex": "sex", "birth_date": "birth_date",
    "cohort": "cohort", "career": "career", "group": "group_name", "shift": "shift",
    "email": "email", "phone": "phone", "home_phone": "home_phone", "status": "status",
    "contact_status": "contact_status", "seq": "seq",
    "updated_at": "updated_at", "origin": "origin", "deleted": "deleted",
}
_SELECT = ", ".join(f"s.{c}" for c in _FIELD_COLUMNS.values())
_ORDERS = {
    "name": "s.sort_key", "curp": "s.curp", "cohort": "s.cohort", "group": "s.group_name",
    "career": "s.career", "status": "s.status", "email": "s.email", "phone": "s.phone",
}
MIN_TRIGRAM = 3


def _to_student(row: Sequence) -> Student:
    values = dict(zip(_FIELD_COLUMNS, row))
    values["birth_date"] = date.fromisoformat(values["birth_date"]) if values["birth_date"] else None
    values["deleted"] = bool(values["deleted"])
    return Student(**values)


def _to_row(student: Student, school_cct: str) -> list:
    values = dict(zip(_FIELD_COLUMNS, (getattr(student, f) for f in _FIELD_COLUMNS)))
    values["birth_date"] = student.birth_date.isoformat() if student.birth_date else None
    values["deleted"] = int(student.deleted)
    values["seq"] = student.seq or None  # a new row gets the next folio number
    return list(values.values()) + [school_cct, sort_key(student)]


def sort_key(student: Student) -> str:
    """Surnames first, in Spanish alphabetical order (accents and case ignored, Ñ after N):
    the order of the directory and of every list a plantel prints."""
    return person_key(student.first_surname, student.second_surname, student.given_names)


# What the search index holds of a student, in this order (Student attributes; a bundle
# record's keys are the same names).
HAYSTACK_FIELDS = ("given_names", "first_surname", "second_surname", "curp", "email",
                   "phone", "home_phone")


def search_text(folded: Iterable[str]) -> str:
    """The text the search index holds, from a student's ``HAYSTACK_FIELDS`` already
    folded: every part after a space, the first one too (migration 0011), so every word of
    the name starts after a space and a two-letter word is a trigram of the index
    (« de»). Every writer of the index builds its text here."""
    return " " + " ".join(folded)


def haystack(student: Student) -> str:
    """The folded text the search index holds for a student (folded part by part, the same
    text as folding the joined parts: names repeat, so ``fold``'s cache hits)."""
    return search_text(fold(getattr(student, field)) for field in HAYSTACK_FIELDS)


def write_students(db: Database, students: Iterable[Student], school_cct: str = "") -> int:
    """Insert or replace students by id and keep the search index in step.

    Call inside a transaction. Returns how many rows were written.
    """
    columns = list(_FIELD_COLUMNS.values()) + ["school_cct", "sort_key"]
    placeholders = ["COALESCE(?, (SELECT ifnull(max(seq), 0) + 1 FROM students))" if c == "seq"
                    else "?" for c in columns]
    upsert = (f"INSERT INTO students({', '.join(columns)}) VALUES ({', '.join(placeholders)}) "
              "ON CONFLICT(id) DO UPDATE SET "
              + ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "seq"))
              + " RETURNING rowid")
    count = 0
    for student in students:
        rowid = db.execute(upsert, _to_row(student, school_cct)).fetchone()[0]
        db.execute("DELETE FROM students_fts WHERE rowid = ?", [rowid])
        if not student.deleted:
            db.execute("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)",
                       [rowid, haystack(student)])
        count += 1
    return count


def students_by_curp(db: Database, curps: Iterable[str]) -> dict[str, Student]:
    """Existing rows (tombstones included) for the given CURPs."""
    found: dict[str, Student] = {}
    wanted = list(dict.fromkeys(curps))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = db.execute(f"SELECT {_SELECT} FROM students s WHERE s.curp IN "
                          f"({', '.join('?' * len(chunk))})", chunk).fetchall()
        found.update((row[1], _to_student(row)) for row in rows)
    return found


def student_by_id(db: Database, student_id: str) -> Student | None:
    row = db.execute(f"SELECT {_SELECT} FROM students s WHERE s.id = ?", [student_id]).fetchone()
    return _to_student(row) if row else None


class _Search:
    """A directory query split into plain column filters and an optional text match.

    ``matches`` is the FTS query (terms of three or more characters); its rowids are
    collected once per search. SQLite cannot guess how many there are, so the queries
    below choose the plan themselves: few matches are read first and sorted; many are
    filtered while walking the sort index, which stops as soon as a page is full. A plain
    join with the FTS table would let SQLite re-run the FTS query once per student
    (seconds on 50,000 students).
    """

    def __init__(self, query: StudentQuery):
        self.clauses: list[str] = [] if query.include_deleted else ["s.deleted = 0"]
        self.params: list = []
        self.matches, self.match_params = "", []
        for column, value in (("s.cohort", query.cohort), ("s.group_name", query.group),
                              ("s.career", query.career)):
            if value:
                self.clauses.append(f"{column} = ?")
                self.params.append(value)
        terms = search_terms(query.text)
        # Short terms are matched against sort_key, so they take its form (ñ after n);
        # folding and the collation key keep the same words, so the lists pair up.
        keys = dict(zip(terms, collation_key(query.text).split()))
        long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
        self.long_terms = long_terms
        if long_terms:
            shorts = [t for t in terms if len(t) < MIN_TRIGRAM]
            # A two-letter word of the name follows a space in the indexed text, so « de»
            # narrows the index's hits before any student's row is read (`de la cruz`:
            # 6,632 rows read instead of 13,102). It only narrows: the text also holds the
            # CURP and e-mail, and folds ñ to n, so the word is still checked below.
            phrases = long_terms + [" " + t for t in shorts if len(t) + 1 >= MIN_TRIGRAM]
            self.matches = "SELECT rowid FROM students_fts WHERE students_fts MATCH ?"
            self.match_params = [" AND ".join('"' + t.replace('"', '""') + '"'
                                              for t in phrases)]
            for short in shorts:
                # "garcia l", "de la cruz": a word of the name starting so. Checked on the
                # student row, which the query reads anyway (the FTS text is slow to fetch).
                self.clauses.append("(' ' || s.sort_key) LIKE ? ESCAPE '\\'")
                self.params.append("% " + _escape_like(keys.get(short, short)) + "%")
        elif terms and not terms[0].isdigit():
            self.clauses.append("s.sort_key >= ? AND s.sort_key < ?")
            prefix = " ".join(keys.get(t, t) for t in terms)
            self.params.extend([prefix, prefix + "\uffff"])

    @property
    def only_text(self) -> bool:
        """No filter but the text: the FTS index (live students only) counts alone."""
        return self.clauses == ["s.deleted = 0"]

    def where(self, extra: str = "") -> str:
        clauses = self.clauses + ([extra] if extra else [])
        return (" WHERE " + " AND ".join(clauses)) if clauses else ""


FEW_MATCHES = 800  # measured crossover of the two plans on 50,000 students


# Control characters (a NUL pasted from a damaged file ends an FTS5 string early:
# «unterminated string») are never part of a name, CURP, phone or e-mail: they split words.
_CONTROLS = {code: " " for code in (*range(32), *range(127, 160))}


def search_terms(text: str) -> list[str]:
    """Folded search words; a phone typed in pieces ("33 12-34") is one term."""
    folded = fold(text.translate(_CONTROLS))
    if folded.strip() and all(ch.isdigit() or ch in " -" for ch in folded):
        return ["".join(ch for ch in folded if ch.isdigit())]
    return folded.split()


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _collect_hits(db: Database, search: _Search) -> int:
    """Run the FTS query once, keeping in a temporary table of this connection the rowids
    of the students that pass every other filter too; return how many there are. Paging
    then reads the table, not the index (re-running a trigram query that matches 10,000
    students costs ~10 ms each time), and the count is the number kept: each matching
    student is read once per keystroke, not once to count and again to page."""
    _keep_decrypted_pages(db)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS search_hits (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.search_hits")
    if search.only_text:  # the index holds live students only: nothing else to check
        return db.execute(f"INSERT INTO temp.search_hits {search.matches}",
                          search.match_params).rowcount
    return db.execute(f"INSERT INTO temp.search_hits SELECT s.rowid FROM ({search.matches}) "
                      f"m CROSS JOIN students s ON s.rowid = m.rowid{search.where()}",
                      search.match_params + search.params).rowcount


_HITS = "SELECT id FROM temp.search_hits"


def find_page(db: Database, query: StudentQuery) -> tuple[list[Student], int]:
    """A page of the directory and how many students match in all (one keystroke of the
    type-ahead search: the FTS query runs once)."""
    search = _Search(query)
    walk = _walk_pays(db, query, search)
    walked = _walked_page(db, query, search) if walk else None
    if walked is not None:
        _last_text[db] = (query.text, walked[1])
        return walked
    matched = _matching(db, search)
    rows = _find(db, query, search, matched)
    if matched is not None:
        _last_text[db] = (query.text, 0 if walk else matched)  # a walk that failed: not again
        return rows, matched
    if query.limit is None or (query.offset == 0 and len(rows) < query.limit):
        return rows, len(rows)
    return rows, _count(db, search, matched)


# A text that most students match («hotmail.com»: 42,803 of 200,000) fills the first page
# within the first few hundred names: the page is read walking the name order and checking
# the words on the indexed text, and the index only counts. Keeping the 42,803 hits
# instead cost 4.5 ms (the phrase itself 13). Tried when the text before this key, which
# this one extends, matched at least one student in _WALK_DENSITY (after a walk that did
# not fill the page, the next key keeps its hits as before); exact either way.
_WALKED = 1000  # names walked at most (~1.6 ms when the page is not filled)
_WALK_DENSITY = 8
_last_text: "WeakKeyDictionary[Database, tuple[str, int]]" = WeakKeyDictionary()


def _walk_pays(db: Database, query: StudentQuery, search: _Search) -> bool:
    last_text, last_matched = _last_text.get(db, ("", 0))
    if not (search.only_text and search.matches and last_text
            and query.text.startswith(last_text) and query.order_by == "name"
            and not query.descending and query.offset == 0 and query.limit):
        return False
    rows = db.execute("SELECT ifnull(max(rowid), 0) FROM students").fetchone()[0]
    return last_matched * _WALK_DENSITY >= rows


def _walked_page(db: Database, query: StudentQuery,
                 search: _Search) -> tuple[list[Student], int] | None:
    """The first page walking the names up to the ``_WALKED``-th live one, and the index's
    count; None when the walk cannot tell the page (fewer than a page found, or its last
    name tied with the next match's)."""
    _keep_decrypted_pages(db)
    beyond = db.execute("SELECT sort_key FROM students WHERE deleted = 0 ORDER BY sort_key "
                        f"LIMIT 1 OFFSET {_WALKED - 1}").fetchone()
    bound = "" if beyond is None else " AND s.sort_key <= ?"
    checks = "".join([" AND instr(f.haystack, ?) > 0"] * len(search.long_terms))
    found = db.execute(  # in name order, no sort: stops at the page's end or at the bound
        f"SELECT {_SELECT}, s.sort_key FROM students s CROSS JOIN students_fts f "
        f"ON f.rowid = s.rowid WHERE s.deleted = 0{bound}{checks} ORDER BY s.sort_key LIMIT ?",
        [*(beyond or ()), *search.long_terms, query.limit + 1]).fetchall()
    if len(found) < query.limit and beyond is not None:
        return None
    if len(found) > query.limit and found[query.limit - 1][-1] == found[query.limit][-1]:
        return None  # a name shared across the page's end: which one comes first is by id
    page = sorted(found[:query.limit], key=lambda row: (row[-1], row[0]))
    matched = db.execute(f"SELECT count(*) FROM ({search.matches})",
                         search.match_params).fetchone()[0]
    return [_to_student(row[:-1]) for row in page], matched


# An encrypted plantel (SQLCipher) decrypts and authenticates every page it reads. Through
# SQLite's default 2 MiB cache a search decrypted the same students' pages again at every
# keystroke: p95 51 ms at 200,000 students, 22 ms with 64 MiB (a ceiling, taken as pages
# are read). A clear database keeps the default: there a page read for the first time into
# a larger cache costs more (fresh memory) than the re-read it saves.
_ENCRYPTED_CACHE_KIB = 64 * 1024


def _keep_decrypted_pages(db: Database) -> None:
    if db.execute("PRAGMA cache_size").fetchone()[0] == -_ENCRYPTED_CACHE_KIB:
        return
    if db.execute("PRAGMA cipher_version").fetchone() is not None:  # none without SQLCipher
        db.execute(f"PRAGMA cache_size = {-_ENCRYPTED_CACHE_KIB}")


def _matching(db: Database, search: _Search) -> int | None:
    """How many students the text search leaves, other filters included (None without
    an FTS query): the number that decides the plan, and the total the directory shows."""
    return _collect_hits(db, search) if search.matches else None


def find_students(db: Database, query: StudentQuery) -> list[Student]:
    """Students matching a directory query, in the requested order and page."""
    search = _Search(query)
    return _find(db, query, search, _matching(db, search))


def _find(db: Database, query: StudentQuery, search: _Search, matched: int | None) -> list[Student]:
    order = _ORDERS.get(query.order_by, "s.sort_key")
    direction = "DESC" if query.descending else "ASC"
    params = list(search.params)
    if matched is None:
        sql = f"SELECT {_SELECT} FROM students s{search.where()}"
    elif matched <= FEW_MATCHES:
        sql = (f"SELECT {_SELECT} FROM temp.search_hits h CROSS JOIN students s "
               f"ON s.rowid = h.id{search.where()}")
    else:
        sql = f"SELECT {_SELECT} FROM students s{search.where(f's.rowid IN ({_HITS})')}"
    sql += f" ORDER BY {order} {direction}, s.id"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [query.limit, query.offset]
    return [_to_student(row) for row in db.execute(sql, params).fetchall()]


def count_students(db: Database, query: StudentQuery) -> int:
    search = _Search(query)
    matched = _matching(db, search)
    return matched if matched is not None else _count(db, search, None)


def _count(db: Database, search: _Search, matched: int | None) -> int:
    if matched is not None:  # the text search kept exactly the students that match
        return matched
    if search.only_text:  # no filter at all: the whole live directory (the start's count)
        return db.execute(_LIVE_COUNT).fetchone()[0]
    return db.execute(f"SELECT count(*) FROM students s{search.where()}",
                      search.params).fetchone()[0]


# Every row minus the tombstones: SQLite counts a whole table from its B-tree's pages
# without reading a row (0.5 ms at 200,000 students), and tombstones are two seeks on
# students_sort, where «deleted = 0» walked the whole index (5.5 ms).
_LIVE_COUNT = ("SELECT (SELECT count(*) FROM students) - "
               "(SELECT count(*) FROM students WHERE deleted > 0 OR deleted < 0)")


# A loose index scan of students_facets (deleted, cohort, group_name, career), one column
# at a time: the next cohort, then within it the next group, then within that the next
# career, each a seek on an equal prefix and one range (a few dozen seeks in all, whatever
# the number of students). Comparing the whole triple at once, (cohort, group_name,
# career) > (?, ?, ?), made SQLite seek on the cohort alone and walk the rest of it at
# every step: 4 ms at 50,000 students, 16 at 200,000, for 36 triples.
_FACET_COLUMNS = ("cohort", "group_name", "career")


def _next_facet(db: Database, fixed: tuple[str, ...], after: str | None) -> str | None:
    column = _FACET_COLUMNS[len(fixed)]
    clauses = ["deleted = 0"] + [f"{c} = ?" for c in _FACET_COLUMNS[:len(fixed)]]
    if after is not None:
        clauses.append(f"{column} > ?")
    row = db.execute(f"SELECT {column} FROM students INDEXED BY students_facets WHERE "
                     f"{' AND '.join(clauses)} ORDER BY {column} LIMIT 1",
                     [*fixed, *([] if after is None else [after])]).fetchone()
    return None if row is None else row[0]


def _facet_triples(db: Database, fixed: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    value = _next_facet(db, fixed, None)
    while value is not None:
        prefix = (*fixed, value)
        found += [prefix] if len(prefix) == len(_FACET_COLUMNS) else _facet_triples(db, prefix)
        value = _next_facet(db, fixed, value)
    return found


def directory_facets(db: Database) -> DirectoryFacets:
    """Distinct cohorts, groups and careers of the live directory, for filter lists."""
    triples = _facet_triples(db)

    def distinct(position: int) -> list[str]:
        return sorted({t[position] for t in triples} - {""})
    return DirectoryFacets(distinct(0), distinct(1), distinct(2))
