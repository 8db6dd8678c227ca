"""The fixture itself: a real server answers on the URL the app is given."""

import psycopg


def test_the_throwaway_cluster_answers_with_a_password(pg_url):
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT current_database()").fetchone()[0].startswith("central_")


def test_a_cluster_left_by_a_killed_run_is_stopped_and_removed(pg_cluster):
    """A run killed with SIGKILL leaves its cluster; the next run's fixture removes it."""
    import subprocess

    from throwaway_pg import OWNER_FILE, Cluster, remove_stale
    left = Cluster().start()
    gone = subprocess.Popen(["true"])
    gone.wait()  # a pid that no longer runs: the killed run
    (left.folder / OWNER_FILE).write_text(str(gone.pid))
    assert left.folder in remove_stale()
    assert not left.folder.exists()
    assert pg_cluster.folder.exists()  # the live run's own cluster stays
