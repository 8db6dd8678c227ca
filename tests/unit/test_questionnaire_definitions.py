"""The shipped questionnaires C1, C2, C3 and their catalogs."""

import pytest

from seguimiento_desktop.datafiles import resource
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.catalogs import (
    catalog_options, income_band_label, income_band_pesos, institution_control, minimum_wage,
    sector_economy, sector_group, sector_label)
from seguimiento_desktop.questionnaires.checks import definition_problems
from seguimiento_desktop.questionnaires.loader import (
    available_definitions, load_definition, load_definition_file)
from seguimiento_desktop.questionnaires.model import CHOICE_TYPES


def test_three_definitions_are_bundled():
    assert available_definitions() == ("C1", "C2", "C3")


@pytest.mark.parametrize("ident", ["C1", "C2", "C3"])
def test_shipped_definitions_load_and_pass_semantic_checks(ident):
    definition = load_definition(ident)
    assert definition.id == ident and definition.version >= 1
    assert definition_problems(definition) == []
    assert definition.intro and definition.privacy


@pytest.mark.parametrize("ident", ["C1", "C2", "C3"])
def test_shipped_files_also_load_as_replacement_files(ident):
    path = resource("questionnaires", f"{ident}.json")
    assert load_definition_file(path, expected_id=ident).question_ids == load_definition(ident).question_ids


def test_realistic_sizes():
    sizes = {ident: len(load_definition(ident).questions) for ident in ("C1", "C2", "C3")}
    assert 30 <= sizes["C1"] <= 60
    assert 40 <= sizes["C2"] <= 60
    assert sizes["C3"] > sizes["C2"]


def test_c2_and_c3_shared_items_have_identical_codes():
    c2, c3 = load_definition("C2"), load_definition("C3")
    shared = set(c2.question_ids) & set(c3.question_ids)
    assert {"ACT_ACTUAL", "INGRESO", "SECTOR", "EMP_RELACION", "RAZON_NO_ESTUDIA"} <= shared
    for qid in shared:
        a, b = c2.question(qid), c3.question(qid)
        assert a.type == b.type, qid
        assert [(o.code, o.label, o.other_text) for o in a.options] == \
               [(o.code, o.label, o.other_text) for o in b.options], qid


def test_c3_adds_changes_and_suggestions():
    c3 = load_definition("C3")
    for qid in ("CAMBIO_ESTUDIOS", "CAMBIO_EMPLEO", "CAMBIO_INGRESO", "SUGERENCIA_MEJORA"):
        assert c3.has_question(qid)


def test_activity_branch_decides_sections():
    c2 = load_definition("C2")
    assert c2.question("ACT_ACTUAL").option(4).label == "No estudio ni trabajo"
    assert c2.section("TRABAJO").show_if.codes == {2, 3}
    assert c2.section("ESTUDIOS").show_if.codes == {1, 3}


@pytest.mark.parametrize("ident", ["C1", "C2", "C3"])
def test_every_choice_question_has_options_and_every_otro_asks_for_text(ident):
    for question in load_definition(ident).questions:
        if question.type in CHOICE_TYPES:
            assert question.options, question.id
        for option in question.options:
            if option.label.lower().startswith(("otro", "otra")):
                assert option.other_text, (question.id, option.code)


def test_c1_asks_for_consent_and_durable_contact_data():
    c1 = load_definition("C1")
    for qid in ("CONSENTIMIENTO", "CORREO", "CELULAR", "TEL_CASA", "RED_SOCIAL", "DOMICILIO",
                "CONTACTO_NOMBRE", "CONTACTO_TELEFONO", "CONTACTO_PARENTESCO", "PLAN", "RECOMENDARIA"):
        assert c1.has_question(qid), qid
    assert c1.question("CORREO").format == "email"


def test_scian_catalog_and_coarse_groups():
    codes = [o.code for o in catalog_options("scian_sectors")]
    assert codes == [11, 21, 22, 23, 31, 43, 46, 48, 51, 52, 53, 54, 55, 56, 61, 62, 71, 72, 81, 93]
    assert sector_group(11) == "agropecuario"
    assert sector_group(31) == "industrial" and sector_economy(31) == "secundario"
    assert sector_group(46) == "comercio"
    assert sector_group(72) == "servicios"
    assert sector_label(48).startswith("48-49")
    with pytest.raises(InvalidData, match="no existe en el catálogo"):
        sector_group(99)


def test_minimum_wage_table():
    assert minimum_wage(2026).daily == 315.04
    assert minimum_wage(2026, "frontera").daily == 440.87
    assert minimum_wage(2025).daily == 278.80
    assert minimum_wage(2025, "frontera").daily == 419.88
    assert minimum_wage(2030).year == 2026  # newest known until the table is updated
    with pytest.raises(InvalidData, match="Zona"):
        minimum_wage(2026, "sur")


def test_income_band_peso_equivalents():
    low, high = income_band_pesos(2, 2026)
    assert low == pytest.approx(315.04 * 30.4) and high == pytest.approx(2 * 315.04 * 30.4)
    assert income_band_pesos(0, 2026) == (None, None)
    assert income_band_pesos(98, 2026) == (None, None)
    assert income_band_label(2, 2026) == "De 1 a menos de 2 salarios mínimos ($9,577 a $19,154 al mes)"
    assert income_band_label(1, 2025).endswith("(menos de $8,476 al mes)")
    assert income_band_label(7, 2026, "frontera").endswith("o más al mes)")
    assert income_band_label(98, 2026) == "Prefiero no decir"


def test_institution_types():
    assert institution_control(13) == "particular"
    assert institution_control(1) == "publica"
    assert any(o.other_text for o in catalog_options("institution_types"))
