"""The Spanish collation key: the order in which every list and report prints names."""

from hypothesis import given, strategies as st

from seguimiento_desktop.domain.text import collation_key, person_key

ALPHABET = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"  # Ñ is a letter of its own, after N
ACCENTED = {"Á": "A", "É": "E", "Í": "I", "Ó": "O", "Ú": "U", "Ü": "U"}
LETTERS = ALPHABET + "".join(ACCENTED)
names = st.text(alphabet=LETTERS + LETTERS.lower() + " ", max_size=12)


def reference(name: str) -> tuple[int, ...]:
    """What a person does with a dictionary: drop accents, then letter by letter in the
    Spanish alphabet (a space before any letter)."""
    upper = name.upper()
    return tuple(-1 if ch == " " else ALPHABET.index(ACCENTED.get(ch, ch)) for ch in upper)


@given(names, names)
def test_the_key_orders_names_as_the_spanish_alphabet(a, b):
    assert (collation_key(a) < collation_key(b)) == (reference(a) < reference(b))
    assert (collation_key(a) == collation_key(b)) == (reference(a) == reference(b))


@given(names)
def test_case_and_accents_do_not_change_the_key(name):
    plain = "".join(ACCENTED.get(ch, ch) for ch in name.upper())
    assert collation_key(name) == collation_key(name.lower()) == collation_key(plain)


@given(names, names, names)
def test_enie_is_between_n_and_o(prefix, one, other):
    assert collation_key(prefix + "N" + one) < collation_key(prefix + "Ñ" + other)
    assert collation_key(prefix + "Ñ" + one) < collation_key(prefix + "O" + other)


def test_surnames_of_the_issue_in_order():
    surnames = ["YÁÑEZ", "ÁVILA", "NUÑO", "NÚÑEZ", "NUNEZ", "OCHOA", "ÑECO", "ZAVALA", "ávila"]
    assert sorted(surnames, key=collation_key) == [
        "ÁVILA", "ávila", "NUNEZ", "NÚÑEZ", "NUÑO", "ÑECO", "OCHOA", "YÁÑEZ", "ZAVALA"]


def test_a_decomposed_enie_sorts_as_the_composed_one():
    assert collation_key("NUN\u0303EZ") == collation_key("NUÑEZ")  # as some keyboards type it


def test_people_by_first_surname_then_second_then_names():
    people = [("DE LA CRUZ", "ÁVILA", "ANA"), ("DEL ÁNGEL", "RUIZ", "LUIS"),
              ("ÁLVAREZ", "ZAVALA", "ÓSCAR"), ("ÁLVAREZ", "ÑECO", "JOSÉ")]
    assert sorted(people, key=lambda p: person_key(*p)) == [
        ("ÁLVAREZ", "ÑECO", "JOSÉ"), ("ÁLVAREZ", "ZAVALA", "ÓSCAR"),
        ("DE LA CRUZ", "ÁVILA", "ANA"), ("DEL ÁNGEL", "RUIZ", "LUIS")]
