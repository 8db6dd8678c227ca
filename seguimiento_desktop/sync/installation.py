"""This installation's own keys, and the enrollment request it hands to the central office.

Each installation (a plantel's main PC, each capture PC) has an id (``Store``), an Ed25519
key that signs its bundles, and an age X25519 key the central office uses to send it the
pseudonym key inside configuration packages. Keys are created on first use and kept in the
database's settings (docs/bundle-format.md explains why, and what a stolen PC means).
"""

import platform
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from seguimiento_desktop import __version__
from seguimiento_desktop.domain.cct import cct_problem, normalize_cct
from seguimiento_desktop.domain.models import School
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.storage import schools, sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.sync import fields
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.keys import (
    Fingerprint, age_recipient_of, check_public_key, fingerprint, new_age_identity,
    new_signing_key, parse_recipient, public_key_of)
from seguimiento_desktop.sync.models import EnrollmentInfo
from seguimiento_desktop.sync.signed import field, make_document, read_document, write_document

SIGNING_KEY, AGE_IDENTITY = "sync.signing_key", "sync.age_identity"


@dataclass(frozen=True)
class InstallationKeys:
    installation_id: str
    signing_key: str
    public_key: str
    age_identity: str
    age_recipient: str

    @property
    def fingerprint(self) -> Fingerprint:
        return fingerprint(self.public_key)


def installation_keys(store: Store) -> InstallationKeys:
    """This installation's keys, created (and saved) the first time they are needed."""
    signing = sync_state.get_setting(store.db, SIGNING_KEY)
    age = sync_state.get_setting(store.db, AGE_IDENTITY)
    if signing is None or age is None:
        signing, age = signing or new_signing_key(), age or new_age_identity()
        with store.transaction() as db:
            sync_state.set_setting(db, SIGNING_KEY, signing)
            sync_state.set_setting(db, AGE_IDENTITY, age)
    return InstallationKeys(store.installation_id, signing, public_key_of(signing), age,
                            age_recipient_of(age))


def own_school(store: Store) -> School:
    school = schools.own_school(store.db)
    if school is None:
        raise SyncError("Primero registre los datos del plantel (CCT y nombre) con el asistente "
                        "inicial o con «seguimiento init».")
    return school


def write_enrollment(store: Store, out: Path) -> EnrollmentInfo:
    """Write the signed enrollment request (CCT, installation id, public keys, plantel)."""
    school, keys = own_school(store), installation_keys(store)
    body = {"installation_id": keys.installation_id, "cct": school.cct,
            "school": {"name": school.name, "subsystem": school.subsystem,
                       "state": school.state, "municipality": school.municipality,
                       "shift": school.shift},
            "signing_key": keys.public_key, "age_recipient": keys.age_recipient,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "app_version": __version__, "pc_name": _clean_pc_name(platform.node())}
    write_document(out, make_document("enrollment", body, keys.signing_key))
    return EnrollmentInfo(keys.installation_id, school.cct, school.name, keys.fingerprint, out)


@dataclass(frozen=True)
class EnrollmentRequest:
    """A verified enrollment request, as the central office reads it."""

    installation_id: str
    cct: str
    school: dict
    signing_key: str
    age_recipient: str
    pc_name: str = ""  # the computer's name, how the office tells a plantel's PCs apart

    @property
    def info(self) -> EnrollmentInfo:
        from seguimiento_desktop.sync.central_views import pc_label
        return EnrollmentInfo(self.installation_id, self.cct, str(self.school.get("name", "")),
                              fingerprint(self.signing_key),
                              pc_label=pc_label(self.installation_id, self.pc_name))


def read_enrollment(path: str | Path) -> EnrollmentRequest:
    """Read an enrollment request; its self-signature proves it holds the private key."""
    document = read_document(path, "enrollment")
    body = document.body
    installation_id = field(body, "installation_id", str, "el identificador de la instalación")
    cct = normalize_cct(field(body, "cct", str, "la CCT"))
    if cct_problem(cct) or not fields.matches(fields.ID, installation_id):
        raise SyncError(f"La solicitud {Path(path).name} no tiene una CCT o un identificador "
                        "válidos.")
    signing_key = check_public_key(body.get("signing_key"), "la clave de firma")
    if signing_key != document.signer:
        raise SyncError("La solicitud de registro no está firmada por la clave que declara.")
    recipient = field(body, "age_recipient", str, "la clave de cifrado")
    parse_recipient(recipient)
    school = body.get("school") if isinstance(body.get("school"), dict) else {}
    # Shown before anyone compared the fingerprint: no escape sequence reaches the terminal.
    school = {k: clean_spaces(v)[:200] for k, v in school.items() if isinstance(v, str)}
    pc_name = _clean_pc_name(body.get("pc_name"))  # absent in requests of older versions
    return EnrollmentRequest(installation_id, cct, school, signing_key, recipient, pc_name)


def _clean_pc_name(raw: object) -> str:
    """A computer's name as shown at the office: printable, one line, at most 40 characters."""
    text = "".join(c for c in str(raw or "") if c.isprintable())
    return " ".join(text.split())[:40]
