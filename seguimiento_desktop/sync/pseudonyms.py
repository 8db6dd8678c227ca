"""The «seudonimizado» export profile: a keyed pseudonym instead of the CURP.

The pseudonym is HMAC-SHA256 of the normalised CURP under one subsystem-wide key that the
central office distributes in its configuration package (encrypted to the enrolled
installations). The same person gets the same pseudonym at every plantel and in every
year, so a student who moved and the three questionnaire waves still link at the central
office, which never sees the CURP, the names or the contact data.
"""

import base64
import hashlib
import hmac
import json
import os
import re

from orjson import loads

from seguimiento_desktop.privacy.retention import CONTACT_ANSWERS

PROFILES = {"completo": "Completo (con CURP, nombres y contacto)",
            "seudonimizado": "Seudonimizado (sin CURP, nombres ni contacto)"}
FULL, PSEUDONYMISED = "completo", "seudonimizado"
PSEUDONYM_PREFIX = "S-"
KEY_BYTES = 32
# Fields that stay at the plantel in the pseudonymised profile.
PRIVATE_STUDENT_FIELDS = ("given_names", "first_surname", "second_surname", "email", "phone",
                          "home_phone")
PRIVATE_ATTEMPT_FIELDS = ("note",)  # free text often holds a phone number or a name
# The questionnaires' «Datos para localizarte» answers (phones, e-mail, address, alternate
# contact) reach the person as surely as the directory's fields: they stay too.
PRIVATE_ANSWERS = CONTACT_ANSWERS
_PSEUDONYM = re.compile(r"S-[A-Z2-7]{22}")


def new_pseudonym_key() -> bytes:
    return os.urandom(KEY_BYTES)


def normalise_curp(curp: str) -> str:
    return re.sub(r"\s+", "", curp).upper()


def pseudonym(curp: str, key: bytes) -> str:
    """«S-» and 22 base32 characters (110 bits) derived from the CURP and the key."""
    digest = hmac.new(key, normalise_curp(curp).encode("utf-8"), hashlib.sha256).digest()
    return PSEUDONYM_PREFIX + base64.b32encode(digest).decode("ascii")[:22]


def is_pseudonym(text: str) -> bool:
    return bool(_PSEUDONYM.fullmatch(text))


def pseudonymise_student(record: dict, key: bytes) -> dict:
    """A student record as the pseudonymised profile sends it (a new dict)."""
    record = dict(record)
    if not is_pseudonym(record["curp"]):  # a main PC never pseudonymises twice
        record["curp"] = pseudonym(record["curp"], key)
    for name in PRIVATE_STUDENT_FIELDS:
        record[name] = ""
    return record


def pseudonymise_attempt(record: dict) -> dict:
    record = dict(record)
    for name in PRIVATE_ATTEMPT_FIELDS:
        record[name] = ""
    return record


def without_private_answers(text: str) -> str:
    """Stored answers (JSON text) without the contact answers; ``text`` itself when it
    holds none. Looked at with orjson (a few microseconds), rewritten with the json module,
    which reads every number exactly and writes the form the plantel stores."""
    try:
        answers = loads(text)
    except ValueError:  # what only the json module reads (NaN, a huge integer)
        answers = json.loads(text)
    if not isinstance(answers, dict) or PRIVATE_ANSWERS.isdisjoint(answers):
        return text
    answers = json.loads(text)
    return json.dumps({k: v for k, v in answers.items() if k not in PRIVATE_ANSWERS},
                      ensure_ascii=False, sort_keys=True)
