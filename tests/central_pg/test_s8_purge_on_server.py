"""The PostgreSQL central store runs the contact answers' purge as its migration 0005 (the
SQLite store's 0013, tests/sync/test_s8_purge_contact_answers.py): a pseudonymised office
on a server forgets them everywhere, a «completo» one keeps them."""

from tests.sync.test_s8_purge_contact_answers import check_kept, check_purged, old_office


def test_a_pseudonymised_office_on_a_server_forgets_the_contact_answers(tmp_path, pg_url):
    central, keyed = old_office(tmp_path, "seudonimizado", address=pg_url)
    check_purged(pg_url, central, keyed)


def test_a_complete_office_on_a_server_keeps_the_contact_answers(tmp_path, pg_url):
    central, _ = old_office(tmp_path, "completo", address=pg_url)
    check_kept(pg_url, central)
