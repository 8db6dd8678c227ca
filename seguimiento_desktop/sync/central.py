"""The receiving side's identity: the central office (or a plantel's main PC acting as one).

``central init`` creates an age X25519 identity that bundles are encrypted to and an
Ed25519 key that signs configuration packages and acknowledgements; optional escrow
recipients (age public keys whose private halves are kept offline, e.g. printed in a safe)
also receive every bundle, so the data survive the loss of the central key. A signing key
rotation is a statement «old → new» signed by the old key; packages carry the whole chain.
"""

import base64
import json
from dataclasses import dataclass

from seguimiento_desktop.storage import contact_purge, sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.keys import (
    Fingerprint, age_recipient_of, b64encode, fingerprint, new_age_identity, new_signing_key,
    parse_recipient, public_key_of, sign, signature_is_valid)
from seguimiento_desktop.sync.pseudonyms import FULL, PROFILES, PSEUDONYMISED, new_pseudonym_key

PREFIX = "central."
PROFILE_SETTING = contact_purge.PROFILE_SETTING  # the purge reads it below this layer
ROTATION_DOMAIN = b"seguimiento-egresados/rotacion/v1\n"


@dataclass(frozen=True)
class CentralIdentity:
    """Keys and policy of a receiving database."""

    central_id: str
    name: str
    signing_key: str
    rotations: tuple[dict, ...]
    age_identities: tuple[str, ...]   # newest first; older ones still decrypt old bundles
    escrow: tuple[str, ...]
    profile: str
    pseudonym_key: bytes

    @property
    def public_key(self) -> str:
        return public_key_of(self.signing_key)

    @property
    def fingerprint(self) -> Fingerprint:
        return fingerprint(self.public_key)

    @property
    def own_recipients(self) -> tuple[str, ...]:
        return tuple(age_recipient_of(identity) for identity in self.age_identities)

    @property
    def recipients(self) -> tuple[str, ...]:
        """Whom planteles encrypt to: the current central key and every escrow key."""
        return (self.own_recipients[0],) + self.escrow


def _get(store: Store, key: str) -> str | None:
    return sync_state.get_setting(store.db, PREFIX + key)


def is_initialised(store: Store) -> bool:
    return _get(store, "signing_key") is not None


def default_profile(store: Store) -> str:
    """Data minimisation: an office receives pseudonymised data unless it chooses «completo»;
    a plantel's own main PC (the same body responsible for the data) receives everything."""
    from seguimiento_desktop.storage import schools
    return FULL if schools.own_school(store.db) is not None else PSEUDONYMISED


def init_central(store: Store, name: str, escrow: tuple[str, ...] = (),
                 profile: str | None = None) -> CentralIdentity:
    """Create the keys (once): a second init would orphan every enrolled plantel.
    Without ``profile``, the default_profile."""
    profile = profile or default_profile(store)
    if is_initialised(store):
        raise SyncError("Esta base ya tiene llaves de oficina central; no se crearon otras. Use "
                        "«central status» para verlas.")
    name = " ".join(name.split())
    if not name:
        raise SyncError("Escriba el nombre de la oficina central (p. ej. «Oficina estatal "
                        "UEMSTIS Jalisco»).")
    check_profile(profile)
    for recipient in escrow:
        parse_recipient(recipient)
    with store.transaction() as db:
        for key, value in (("name", name), ("signing_key", new_signing_key()),
                           ("age_identities", json.dumps([new_age_identity()])),
                           ("escrow", json.dumps(list(dict.fromkeys(escrow)))),
                           ("rotations", "[]"), ("profile", profile),
                           ("pseudonym_key", b64encode(new_pseudonym_key()))):
            sync_state.set_setting(db, PREFIX + key, value)
    return central_identity(store)


def central_identity(store: Store) -> CentralIdentity:
    """The receiving identity of this database; a Spanish error if it was never created."""
    if not is_initialised(store):
        raise SyncError("Esta base de datos no es de oficina central. Créela con "
                        "«seguimiento central --db ARCHIVO init --nombre …».")
    return CentralIdentity(
        store.installation_id, _get(store, "name") or "", _get(store, "signing_key") or "",
        tuple(json.loads(_get(store, "rotations") or "[]")),
        tuple(json.loads(_get(store, "age_identities") or "[]")),
        tuple(json.loads(_get(store, "escrow") or "[]")), _get(store, "profile") or FULL,
        base64.b64decode(_get(store, "pseudonym_key") or ""))


def set_profile(store: Store, profile: str) -> CentralIdentity:
    """Choose the export profile that the next configuration package sets."""
    check_profile(profile)
    central_identity(store)
    with store.transaction() as db:
        sync_state.set_setting(db, PROFILE_SETTING, profile)
    return central_identity(store)


def rotate_signing_key(store: Store) -> CentralIdentity:
    """Replace the signing key; the old key signs the hand-over so planteles follow it."""
    identity = central_identity(store)
    new_key = new_signing_key()
    old_public, new_public = identity.public_key, public_key_of(new_key)
    statement = {"old": old_public, "new": new_public, "signature": b64encode(
        sign(identity.signing_key, rotation_bytes(old_public, new_public)))}
    with store.transaction() as db:
        sync_state.set_setting(db, PREFIX + "signing_key", new_key)
        sync_state.set_setting(db, PREFIX + "rotations",
                               json.dumps(list(identity.rotations) + [statement]))
    return central_identity(store)


def rotation_bytes(old_public: str, new_public: str) -> bytes:
    return ROTATION_DOMAIN + old_public.encode() + b"\n" + new_public.encode()


def follow_rotations(pinned: str, signer: str, rotations: list) -> bool:
    """Whether a chain of signed hand-overs leads from the ``pinned`` key to ``signer``."""
    current = pinned
    for step in rotations:
        if not isinstance(step, dict) or step.get("old") != current:
            continue
        try:
            signature = base64.b64decode(str(step.get("signature")), validate=True)
        except ValueError:
            return False
        new = str(step.get("new"))
        if not signature_is_valid(current, signature, rotation_bytes(current, new)):
            return False
        current = new
    return current == signer


def check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise SyncError(f"Perfil de exportación desconocido: «{profile}». Elija «completo» o "
                        "«seudonimizado».")
