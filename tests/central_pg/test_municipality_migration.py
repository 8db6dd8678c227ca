"""The server store runs the municipio normalisation of SQLite's migration 0009 as its own
0003: an office moved to PostgreSQL before it gets the same names."""

from sync_support import office, plantel

from seguimiento_desktop.sync.central_workspace import CentralWorkspace


def test_server_store_normalises_the_municipio_of_enrolled_planteles(tmp_path, pg_url):
    school = plantel(tmp_path, "11DCT0001A")
    central = office(tmp_path, school, configure=False, address=pg_url)
    db = central.store.db
    db.execute("UPDATE sync_installations SET school = jsonb_set(school::jsonb, "
               "'{municipality}', '\"LEON\"')")
    db.execute("DELETE FROM seguimiento_schema WHERE number >= 3")  # 0003 and what follows
    central.close()
    school.close()
    with CentralWorkspace.open(pg_url) as reopened:
        places = [(s.cct, s.municipality, s.municipality_key)
                  for s in reopened.status().schools]
    assert places == [("11DCT0001A", "León", "11020")]
