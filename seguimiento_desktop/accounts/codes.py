"""The recovery code and user names: what people type, normalised and checked.

A recovery code is 120 random bits written as six groups of four characters from an
alphabet without look-alikes (no I, L, O, U): «7KQ2-MX9F-…». Typing it back forgives case,
spaces, dashes and the letters people confuse with digits (O→0, I/L→1).
"""

import os
import re
import unicodedata

from seguimiento_desktop.errors import InvalidData

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
GROUPS, GROUP_SIZE = 6, 4
CODE_LENGTH = GROUPS * GROUP_SIZE
_CONFUSED = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}")
MIN_PASSWORD = 8


def new_recovery_code() -> str:
    """A fresh code, grouped for reading aloud and copying by hand."""
    characters = "".join(ALPHABET[byte % 32] for byte in os.urandom(CODE_LENGTH))
    return "-".join(characters[i:i + GROUP_SIZE] for i in range(0, CODE_LENGTH, GROUP_SIZE))


def normalize_recovery_code(text: str) -> str:
    """The code as printed (groups with dashes) from what was typed; InvalidData if it
    cannot be one."""
    plain = re.sub(r"[\s\-_.]", "", text).upper().translate(_CONFUSED)
    if len(plain) != CODE_LENGTH or any(c not in ALPHABET for c in plain):
        raise InvalidData(f"El código de recuperación tiene {CODE_LENGTH} letras y números en "
                          f"{GROUPS} grupos de {GROUP_SIZE} (p. ej. 7KQ2-MX9F-…). Revíselo.")
    return "-".join(plain[i:i + GROUP_SIZE] for i in range(0, CODE_LENGTH, GROUP_SIZE))


def normalize_user_name(text: str) -> str:
    """A sign-in name: lower case, accents dropped, 2–32 of a-z 0-9 . _ -; InvalidData if
    not (the name of a slot, so it must be plain)."""
    folded = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    if not NAME_PATTERN.fullmatch(plain):
        raise InvalidData("El nombre de usuario lleva de 2 a 32 letras sin espacios, números, "
                          "punto, guion o guion bajo (p. ej. «ana.perez»).")
    return plain


def check_password(password: str) -> None:
    """InvalidData unless the password is long enough to be worth a slot."""
    if len(password) < MIN_PASSWORD:
        raise InvalidData(f"La contraseña debe tener al menos {MIN_PASSWORD} caracteres.")
