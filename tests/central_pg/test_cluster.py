"""The fixture itself: a real server answers on the URL the app is given."""

import psycopg


def test_the_throwaway_cluster_answers_with_a_password(pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0].startswith("central_")
