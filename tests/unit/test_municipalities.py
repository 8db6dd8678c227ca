"""Municipios from INEGI's list: the catalog's facts, matching what people type, the set-up
check, and the migration that normalises free text already on record."""

import json
import random
import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.models import School
from seguimiento_desktop.domain.municipalities import (
    checked_municipality, close_matches, find_municipality, municipalities, municipality_key,
    municipality_name)
from seguimiento_desktop.domain.text import strip_accents
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import migrations
from seguimiento_desktop.storage.sync_central import catalog_school
from tests.conftest import raw_connection

STATES = [f"{n:02d}" for n in range(1, 33)]
EVERY = [m for state in STATES for m in municipalities(state)]


def test_the_catalog_is_inegis_whole_list():
    raw = load_json("catalogs", "municipios.json")
    assert sorted(raw["states"]) == STATES
    assert raw["count"] == len(EVERY) == 2478  # AGEEML, October 2025
    assert len({(m.state_code, m.code) for m in EVERY}) == len(EVERY)
    assert all(m.name.strip() and len(m.code) == 3 and m.code.isdigit() for m in EVERY)
    assert "INEGI" in raw["source"] and "libre uso" in raw["license"]
    counts = {state: len(municipalities(state)) for state in STATES}
    assert (counts["20"], counts["14"], counts["09"], counts["21"]) == (570, 125, 16, 217)


def test_known_municipios():
    assert find_municipality("14", "039").name == "Guadalajara"
    assert find_municipality("09", "15").name == "Cuauhtémoc"
    assert find_municipality("11", "leon").key == "11020"
    assert municipality_key("14", "Zapopan") == "14120"
    assert find_municipality("14", "León") is None  # León is in Guanajuato, not Jalisco
    assert municipalities("99") == ()


def test_names_repeated_in_a_state_carry_their_code():
    mixtepec = [m.name for m in municipalities("20") if "Juan Mixtepec" in m.name]
    assert mixtepec == ["San Juan Mixtepec (208)", "San Juan Mixtepec (209)"]
    assert len({m.name for m in EVERY if m.state_code == "20"}) == 570
    assert find_municipality("20", "San Juan Mixtepec") is None  # ambiguous: refused
    assert set(mixtepec) <= set(close_matches("20", "san juan mixtepec"))


def test_set_up_refuses_a_name_of_another_list_with_close_matches():
    assert checked_municipality("11", "Guanajuato", "  LEON ") == "León"
    assert checked_municipality("14", "Jalisco", "") == ""
    with pytest.raises(InvalidData, match="«Zapopam» no es un municipio de Jalisco.*«Zapopan»"):
        checked_municipality("14", "Jalisco", "Zapopam")
    with pytest.raises(InvalidData, match="«Narnia» no es un municipio de Jalisco"):
        checked_municipality("14", "Jalisco", "Narnia")
    assert checked_municipality("99", "", "Narnia") == "Narnia"  # a state the list lacks


def test_workspace_stores_the_catalog_name(tmp_path):
    with Workspace.open(tmp_path / "p.sqlite") as workspace:
        school = workspace.set_up_school(School("11DCT0001A", "CBTIS 1", municipality="leon"))
        assert workspace.school().municipality == school.municipality == "León"
        with pytest.raises(InvalidData, match="no es un municipio de Guanajuato"):
            workspace.set_up_school(School("11DCT0001A", "CBTIS 1", municipality="Zapopan"))


def _messy(name: str, seed: int) -> str:
    """The name as someone might type it: random case, accents dropped here and there,
    extra spaces around and between words."""
    chance = random.Random(seed)
    letters = [strip_accents(c) if chance.random() < 0.5 else c for c in name]
    letters = [c.upper() if chance.random() < 0.5 else c.lower() for c in letters]
    words = "".join(letters).split(" ")
    return " " * chance.randint(0, 2) + (" " * chance.randint(1, 3)).join(words) + "  "


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EVERY), st.integers(0, 2**32))
def test_any_catalog_name_typed_carelessly_maps_back_to_itself(item, seed):
    typed = _messy(item.name, seed)
    assert find_municipality(item.state_code, typed) == item
    assert municipality_name(item.state_code, typed) == item.name


def test_lookup_is_fast():
    find_municipality("20", "x")  # load the catalog
    started = time.perf_counter()
    for item in EVERY:
        assert find_municipality(item.state_code, unicodedata.normalize("NFD", item.name))
    assert (time.perf_counter() - started) / len(EVERY) < 0.001


def test_enrolled_schools_are_normalised_and_unknown_text_kept():
    school = catalog_school("11DCT0001A", {"name": "X", "municipality": "LEON"})
    assert school["municipality"] == "León" and school["state"] == "Guanajuato"
    assert catalog_school("11DCT0001A", {"municipality": "León Gto."})["municipality"] == (
        "León Gto.")
    assert "municipality" not in catalog_school("11DCT0001A", {"name": "X"})


def test_migration_normalises_the_municipio_on_record(tmp_path):
    path = tmp_path / "v8.sqlite"  # the schema before 0009
    db = Database(raw_connection(path, isolation_level=None))
    migrations.apply(db, stop_before="0009_catalog_municipalities")
    applied = [name for name, _ in migrations._migrations].index("0009_catalog_municipalities")
    db.execute(f"PRAGMA user_version = {applied}")
    db.execute("INSERT INTO schools(cct, name, municipality, is_own) "
               "VALUES ('11DCT0001A', 'CBTIS 1', ' leon ', 1)")
    db.execute("INSERT INTO schools(cct, name, municipality) "
               "VALUES ('14DCT0002B', 'Otro', 'Guadalajara, Jal.')")
    db.execute("INSERT INTO sync_installations(installation_id, cct, school, signing_key, "
               "age_recipient, fingerprint, enrolled_at) VALUES ('i1', '09DCT0001A', ?, "
               "'k', 'a', 'f', '2026-01-01')",
               [json.dumps({"name": "Y", "municipality": "CUAUHTEMOC", "pc_name": "PC"})])
    db.conn.close()
    with Workspace.open(path) as workspace:
        assert workspace.school().municipality == "León"
        kept, = workspace.store.db.execute(
            "SELECT municipality FROM schools WHERE cct = '14DCT0002B'").fetchone()
        assert kept == "Guadalajara, Jal."
        enrolled, = workspace.store.db.execute(
            "SELECT school FROM sync_installations").fetchone()
        assert json.loads(enrolled) == {"name": "Y", "municipality": "Cuauhtémoc",
                                        "pc_name": "PC", "state": "Ciudad de México",
                                        "subsystem": ""}
