"""Header mapping and header-row detection for roster files."""

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from seguimiento_desktop.domain.text import simplify
from seguimiento_desktop.roster.headers import (SYNONYMS, find_header, map_header, map_row,
                                                mapping_problem)

KNOWN = {
    "CURP": "curp", "C.U.R.P.": "curp", "CURP del alumno": "curp",
    "Nombre(s)": "given_names", "Nombre": "given_names", "Nombres": "given_names",
    "Apellido paterno": "first_surname", "Primer apellido": "first_surname",
    "Ap. Paterno": "first_surname",
    "Apellido materno": "second_surname", "Segundo apellido": "second_surname",
    "Ap. Materno": "second_surname",
    "Nombre completo": "full_name", "Alumno": "full_name", "Nombre del alumno": "full_name",
    "Especialidad": "career", "Carrera": "career", "Carrera técnica": "career",
    "Componente profesional": "career",
    "Grupo": "group", "Turno": "shift",
    "Correo": "email", "Correo electrónico": "email", "E-mail": "email", "Email": "email",
    "Teléfono celular": "phone", "Celular": "phone", "Tel. celular": "phone", "Móvil": "phone",
    "Teléfono": "phone",
    "Teléfono de casa": "home_phone", "Tel. casa": "home_phone", "Teléfono fijo": "home_phone",
    "Fecha de nacimiento": "birth_date", "F. Nac.": "birth_date",
}
IGNORED = ["No.", "Matrícula", "Promedio", "Sexo", "Nombre del tutor",
           "Observaciones", "", None, 12, "Total"]


@pytest.mark.parametrize("header, target", KNOWN.items())
def test_common_spanish_headers_map_without_help(header, target):
    assert map_header(header) == target
    assert map_header(header.upper()) == target


@pytest.mark.parametrize("header", IGNORED)
def test_unknown_columns_are_ignored(header):
    assert map_header(header) is None


def _accent(ch: str) -> str:
    return unicodedata.normalize("NFC", ch + "\u0301") if ch in "aeiouAEIOU" else ch


@given(header=st.sampled_from(sorted(KNOWN)), data=st.data())
def test_case_accents_punctuation_and_spaces_do_not_matter(header, data):
    variant = []
    for ch in header:
        ch = data.draw(st.sampled_from([ch.lower(), ch.upper(), _accent(ch)]))
        variant.append(ch + data.draw(st.sampled_from(["", "", " ", ".", "_", "-", "  "])))
    assert map_header(" " + "".join(variant) + " ") == KNOWN[header]


@given(st.text(max_size=40))
def test_random_junk_never_maps_to_curp(text):
    assume("curp" not in simplify(text))
    assume(simplify(text) not in SYNONYMS["curp"])
    assert map_header(text) != "curp"


@given(st.lists(st.text(max_size=15), max_size=12))
def test_a_row_never_maps_two_columns_to_one_field(cells):
    targets = list(map_row(cells).values())
    assert len(targets) == len(set(targets))


def test_header_is_found_below_title_rows_and_merged_titles():
    grid = [["CBTIS 299", None, None], [None, None, None], ["Lista de alumnos", None, None],
            ["No.", "CURP", "Nombre del alumno", "Grupo"], [1, "X" * 18, "PÉREZ JUAN", "6A"]]
    header = find_header(grid)
    assert header is not None and header.index == 3 and header.lines == 1
    assert header.mapping == {1: "curp", 2: "full_name", 3: "group"}


def test_a_title_row_naming_group_and_shift_is_not_the_header():
    grid = [["Grupo:", "6A", "Turno:", "Matutino"],
            ["CURP", "Apellido paterno", "Apellido materno", "Nombre(s)"]]
    assert find_header(grid).index == 1


def test_a_two_line_header_is_joined():
    grid = [["CURP", "Apellidos", None, "Nombre(s)"], [None, "Paterno", "Materno", None],
            ["PEGJ900512HJCRRS04", "PÉREZ", "GARCÍA", "JESÚS"]]
    header = find_header(grid)
    assert header.lines == 2
    assert header.mapping == {0: "curp", 1: "first_surname", 2: "second_surname",
                              3: "given_names"}
    assert header.columns[1] == "Apellidos Paterno"


def test_a_lone_name_column_holds_the_whole_name():
    header = find_header([["CURP", "Nombre", "Grupo"]])
    assert header.mapping == {0: "curp", 1: "full_name", 2: "group"}


def test_no_header_in_the_first_thirty_rows_is_none():
    grid = [["dato", 1, 2]] * 30 + [["CURP", "Nombre(s)", "Primer apellido"]]
    assert find_header(grid) is None


@pytest.mark.parametrize("mapping, message", [
    ({1: "given_names", 2: "first_surname"}, "CURP"),
    ({0: "curp", 3: "group"}, "nombre"),
    ({0: "curp", 1: "curp", 2: "full_name"}, "asigne solo una"),
    ({0: "curp", 1: "full_name", 2: "shoe_size"}, "desconocido"),
])
def test_unusable_mappings_are_explained_in_spanish(mapping, message):
    assert message in mapping_problem(mapping)


def test_a_usable_mapping_has_no_problem():
    assert mapping_problem({0: "curp", 1: "full_name"}) is None
    assert mapping_problem({0: "curp", 1: "given_names", 2: "first_surname"}) is None
