"""The configuration package: what the central office publishes and planteles trust.

It carries the recipients bundles must be encrypted to, the central signing key (and the
chain of signed rotations), the export profile, the questionnaire definitions in force and
the catalogs. For the pseudonymised profile it also carries the subsystem-wide pseudonym
key, encrypted with age to every enrolled installation, so a lost stick does not leak it.

The first import pins the signing key (after the user compares its fingerprint by phone);
later packages must be signed by the pinned key or reach it through signed rotations, and
may not be older than the one in force.
"""

import base64
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyrage

from seguimiento_desktop import __version__
from seguimiento_desktop.datafiles import load_json, resource
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.storage import sync_central, sync_state
from seguimiento_desktop.storage.database import Store
from seguimiento_desktop.sync import fields
from seguimiento_desktop.sync.central import (
    PROFILE_SETTING, CentralIdentity, check_profile, follow_rotations)
from seguimiento_desktop.sync.errors import SyncError, TrustError
from seguimiento_desktop.sync.installation import installation_keys
from seguimiento_desktop.sync.keys import fingerprint, parse_identities, parse_recipient
from seguimiento_desktop.sync.models import ConfigInfo
from seguimiento_desktop.sync.pseudonyms import PROFILES, PSEUDONYMISED
from seguimiento_desktop.sync.signed import (
    LARGE_DOCUMENT, field, make_document, read_document, write_document)

CONFIG, PINNED, PSEUDONYM_KEY = "sync.config", "sync.pinned_key", "sync.pseudonym_key"
SERIAL = "central.config_serial"


# --- Publishing (central office) ----------------------------------------------------


def definitions_in_force(store: Store) -> tuple[dict, dict]:
    """Questionnaires and catalogs to publish: those of an imported package, else bundled."""
    imported = sync_state.get_json(store.db, CONFIG)
    if imported and imported.get("questionnaires"):
        return imported["questionnaires"], imported.get("catalogs", {})
    from seguimiento_desktop.questionnaires.loader import available_definitions
    questionnaires = {q: load_json("questionnaires", f"{q}.json") for q in available_definitions()}
    catalogs = {entry.name[:-5]: load_json("catalogs", entry.name)
                for entry in resource("catalogs").iterdir() if entry.name.endswith(".json")}
    return questionnaires, catalogs


def write_package(store: Store, identity: CentralIdentity, out: Path,
                  profile: str | None = None) -> ConfigInfo:
    """Sign and write the configuration package (a new serial number each time); with
    ``profile``, the office changes to it only once the package is written: the profile
    decides which bundles the office accepts, so a package that failed to reach the stick
    must not leave the office refusing every plantel's bundle for a change none received."""
    profile = profile or identity.profile
    check_profile(profile)
    serial = int(sync_state.get_setting(store.db, SERIAL) or 0) + 1
    enrolled = [row.age_recipient for row in sync_central.installations(store.db)
                if row.revoked_at is None]
    questionnaires, catalogs = definitions_in_force(store)
    body = {"central_id": identity.central_id, "central_name": identity.name, "serial": serial,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "app_version": __version__, "signing_key": identity.public_key,
            "rotations": list(identity.rotations), "recipients": list(identity.recipients),
            "profile": profile, "questionnaires": questionnaires, "catalogs": catalogs}
    if profile == PSEUDONYMISED:
        if not enrolled:
            raise SyncError("Registre primero las PC de los planteles: el perfil seudonimizado "
                            "cifra su clave para cada PC registrada.")
        recipients = [parse_recipient(r) for r in dict.fromkeys(enrolled)]
        body["pseudonym_key"] = pyrage.encrypt(identity.pseudonym_key, recipients,
                                               armored=True).decode("ascii")
    write_document(out, make_document("config", body, identity.signing_key))
    with store.transaction() as db:
        sync_state.set_setting(db, SERIAL, str(serial))
        sync_state.set_setting(db, PROFILE_SETTING, profile)
    return _info(body, first_import=False, path=out)


# --- Importing (plantel) --------------------------------------------------------------


@dataclass(frozen=True)
class ConfigPackage:
    body: dict
    signer: str


def read_package(path: str | Path) -> ConfigPackage:
    """A configuration package whose content is complete and signed by the key it names."""
    document = read_document(path, "config", LARGE_DOCUMENT)
    body = document.body
    if body.get("signing_key") != document.signer:
        raise TrustError("El paquete de configuración no está firmado por la clave que declara.")
    central_id = field(body, "central_id", str, "el identificador de la oficina central")
    serial = field(body, "serial", int, "el número del paquete")
    if not fields.matches(fields.ID, central_id) or not fields.is_int(serial, 1):
        raise SyncError("El paquete de configuración no es válido: el identificador de la "
                        "oficina o el número del paquete están fuera de rango.")
    if body.get("profile") not in PROFILES:
        raise SyncError("El paquete de configuración pide un perfil de exportación desconocido; "
                        "actualice el programa.")
    recipients = field(body, "recipients", list, "las claves de cifrado")
    if not recipients:
        raise SyncError("El paquete de configuración no trae claves de cifrado.")
    for recipient in recipients:
        parse_recipient(recipient)
    _check_definitions(field(body, "questionnaires", dict, "los cuestionarios"))
    field(body, "catalogs", dict, "los catálogos")
    field(body, "rotations", list, "las rotaciones de clave")
    return ConfigPackage(body, document.signer)


def _check_definitions(questionnaires: dict) -> None:
    from seguimiento_desktop.questionnaires.loader import parse_definition
    for name, data in questionnaires.items():
        parse_definition(data, source=f"{name} (paquete de configuración)", expected_id=name)


def preview(store: Store, path: str | Path) -> ConfigInfo:
    """Read a package and say how it relates to the one in force (nothing is saved)."""
    package = read_package(path)
    pinned = sync_state.get_setting(store.db, PINNED)
    rotated = _check_trust(store, package, pinned)
    return _info(package.body, first_import=pinned is None, rotated=rotated, path=Path(path))


def import_package(store: Store, path: str | Path, accept_fingerprint: str | None) -> ConfigInfo:
    """Trust and store a package. The first one needs the fingerprint the user compared."""
    package = read_package(path)
    body = package.body
    pinned = sync_state.get_setting(store.db, PINNED)
    rotated = _check_trust(store, package, pinned)
    if pinned is None and not (accept_fingerprint and
                               fingerprint(package.signer).matches(accept_fingerprint)):
        raise TrustError("Antes de confiar en esta oficina central, compare por teléfono la "
                         f"huella {fingerprint(package.signer)} y confírmela.")
    key = _pseudonym_key(store, body) if body["profile"] == PSEUDONYMISED else None
    stored = {k: v for k, v in body.items() if k != "pseudonym_key"}
    with store.transaction() as db:
        sync_state.set_json(db, CONFIG, stored)
        sync_state.set_setting(db, PINNED, package.signer)
        if key is not None:
            sync_state.set_setting(db, PSEUDONYM_KEY, base64.b64encode(key).decode())
    return _info(body, first_import=pinned is None, rotated=rotated, path=Path(path))


def _check_trust(store: Store, package: ConfigPackage, pinned: str | None) -> bool:
    """True when the package follows a signed key rotation; raise if it is not trusted."""
    body = package.body
    current = sync_state.get_json(store.db, CONFIG) or {}
    if pinned is None:
        return False
    rotated = package.signer != pinned
    if rotated and not follow_rotations(pinned, package.signer, body["rotations"]):
        raise TrustError("Este paquete de configuración NO lo firmó la oficina central "
                         "registrada en esta PC (la huella no coincide). No lo importe y avise "
                         "a la oficina central.")
    if current.get("central_id") == body["central_id"] and body["serial"] < current.get("serial", 0):
        raise SyncError(f"Este paquete de configuración (número {body['serial']}) es más antiguo "
                        f"que el que ya usa esta PC (número {current['serial']}); no se importó.")
    return rotated


def _pseudonym_key(store: Store, body: dict) -> bytes:
    keys = installation_keys(store)
    try:
        key = pyrage.decrypt(str(body.get("pseudonym_key", "")).encode("ascii"),
                             parse_identities([keys.age_identity]))
    except Exception:  # pyrage.DecryptError and friends: not encrypted to this PC
        raise SyncError("Este paquete no trae la clave de seudónimos para esta PC: la oficina "
                        "central debe registrar esta PC y después generar un paquete nuevo.") from None
    if len(key) != 32:
        raise SyncError("La clave de seudónimos del paquete no es válida; pida uno nuevo.")
    return key


def _info(body: dict, first_import: bool, rotated: bool = False,
          path: Path | None = None) -> ConfigInfo:
    # The name is shown before the fingerprint is compared: no escape sequence in it.
    name = clean_spaces(str(body.get("central_name", "")))[:200]
    return ConfigInfo(body["central_id"], name, body["serial"],
                      body["profile"], fingerprint(body["signing_key"]), first_import, rotated,
                      tuple(sorted(body.get("questionnaires", {}))),
                      tuple(sorted(body.get("catalogs", {}))), path)


def config_in_force(store: Store) -> dict | None:
    """The imported package's content (without the pseudonym key), or None."""
    return sync_state.get_json(store.db, CONFIG)


def pseudonym_key(store: Store) -> bytes | None:
    value = sync_state.get_setting(store.db, PSEUDONYM_KEY)
    return base64.b64decode(value) if value else None


def destination_id(config: dict) -> str:
    return str(config["central_id"])
