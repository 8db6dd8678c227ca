"""Key slots: the database key, wrapped once per user and once for the recovery code.

The database has one random 32-byte key. A *slot* holds that key encrypted (AES-256-GCM)
with a key derived from one secret (a user's password, or the recovery code printed at
set-up) by scrypt, with its own random salt and parameters. A password is right exactly
when its slot opens, and the key it yields is the one that opens the encrypted database
(storage/encryption.py): signing in unwraps it before the database is opened.

Slots live in a small JSON file beside the database (``plantel.sqlite.llaves``), not in
it: an encrypted database cannot be read before it is opened, and the slots are what opens
it (docs/architecture.md, «Cuentas y llaves»). The file is written aside and renamed, 0600.
"""

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage import private

KEY_BYTES = 32
SIDECAR_SUFFIX = ".llaves"
FORMAT = 1
RECOVERY_SLOT = "*recuperacion*"  # never a user name: names are checked (accounts/names)
# scrypt: n=2**17, r=8 takes ~0.25 s and 128 MiB on the development PC (docs/architecture.md).
REAL_KDF = {"n": 2 ** 17, "r": 8, "p": 1}
# Tests (and only tests) set this variable to derive with cheap parameters: a slot made
# under it says so in its own stored parameters, and is as weak as they are.
TEST_KDF_ENV = "SEGUIMIENTO_KDF_DE_PRUEBA"
TEST_KDF = {"n": 2 ** 10, "r": 8, "p": 1}


def kdf_parameters() -> dict[str, int]:
    """Parameters for a new slot: the real ones, or the test hook's cheap ones."""
    return dict(TEST_KDF if os.environ.get(TEST_KDF_ENV) == "1" else REAL_KDF)


def derive(secret: str, salt: bytes, parameters: dict[str, int]) -> bytes:
    """A 32-byte wrapping key from ``secret`` (scrypt with the slot's own parameters)."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    n, r, p = parameters["n"], parameters["r"], parameters["p"]
    return Scrypt(salt=salt, length=KEY_BYTES, n=n, r=r, p=p).derive(secret.encode("utf-8"))


def new_database_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_check(key: bytes) -> str:
    """What the sidecar keeps to recognise the database key without storing it."""
    import hashlib  # here: loading OpenSSL is 2.5 ms of a start on a clear database
    import hmac
    return hmac.new(key, b"seguimiento: llave de la base", hashlib.sha256).hexdigest()


def wrap(key: bytes, secret: str, slot_name: str) -> dict:
    """A slot for ``slot_name``: ``key`` encrypted under ``secret``; the name is bound in
    (associated data), so a slot copied under another name does not open."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    salt, nonce, parameters = os.urandom(16), os.urandom(12), kdf_parameters()
    wrapped = AESGCM(derive(secret, salt, parameters)).encrypt(nonce, key, slot_name.encode())
    return {"kdf": "scrypt", **parameters, "sal": salt.hex(), "nonce": nonce.hex(),
            "llave": wrapped.hex()}


def unwrap(slot: dict, secret: str, slot_name: str) -> bytes | None:
    """The database key if ``secret`` opens the slot, else None."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    parameters = {name: int(slot[name]) for name in ("n", "r", "p")}
    wrapping = derive(secret, bytes.fromhex(slot["sal"]), parameters)
    try:
        return AESGCM(wrapping).decrypt(bytes.fromhex(slot["nonce"]),
                                        bytes.fromhex(slot["llave"]), slot_name.encode())
    except InvalidTag:
        return None


@dataclass
class KeyFile:
    """The sidecar's content: the key check, the slots and the failed sign-in count."""

    check: str
    slots: dict[str, dict] = field(default_factory=dict)
    failures: int = 0
    last_failure: float = 0.0  # time.time() of the latest failure
    # Failed sign-ins not yet in the bitácora: an encrypted one cannot be written before
    # its key is known, so they wait here for the next successful sign-in.
    pending: list[dict] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps({"formato": FORMAT, "comprobacion": self.check, "ranuras": self.slots,
                           "fallos": self.failures, "ultimo_fallo": self.last_failure,
                           "pendientes": self.pending},
                          ensure_ascii=False, indent=1, sort_keys=True)


def sidecar_path(database: Path) -> Path:
    return database.with_name(database.name + SIDECAR_SUFFIX)


def read_key_file(database: Path) -> KeyFile | None:
    """The slots beside ``database``; None when it has no accounts yet."""
    path = sidecar_path(database)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DatabaseError(f"No se pudo leer el archivo de llaves {path.name} ({error}). "
                            "Restaure la copia de ese archivo junto con la base de datos.")
    if data.get("formato") != FORMAT:
        raise DatabaseError(f"El archivo de llaves {path.name} es de otra versión del programa.")
    return KeyFile(data["comprobacion"], dict(data["ranuras"]), int(data.get("fallos", 0)),
                   float(data.get("ultimo_fallo", 0.0)), list(data.get("pendientes", [])))


def write_key_file(database: Path, keys: KeyFile) -> None:
    """Write the sidecar whole or not at all (aside, fsync, rename), readable by the user only."""
    path = sidecar_path(database)
    partial = path.with_name(f".{path.name}.parcial")
    try:
        partial.unlink(missing_ok=True)
        private.create_private(partial)
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(keys.to_json())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"No se pudo guardar el archivo de llaves {path.name}: "
                            f"{error.strerror or error}.") from error


PENDING_KEPT = 200  # failures waiting for the bitácora; older ones only stay counted


def note_failure(keys: KeyFile, entry: dict, now: float | None = None,
                 counted: bool = True) -> None:
    """Remember a failed attempt (``entry``: action, user, target, detail) for the bitácora;
    ``counted`` ones also make the next attempt wait longer."""
    now = time.time() if now is None else now
    if counted:
        keys.failures, keys.last_failure = keys.failures + 1, now
    keys.pending = [*keys.pending, {**entry, "momento": now}][-PENDING_KEPT:]


def failure_delay(failures: int) -> float:
    """Seconds to wait after ``failures`` failed sign-ins in a row: none for the first
    three, then 2, 4, 8… up to five minutes."""
    return 0.0 if failures < 3 else float(min(2 ** (failures - 2), 300))


def seconds_to_wait(keys: KeyFile, now: float | None = None) -> float:
    """How long before the next attempt is allowed (0 when it may be tried now)."""
    now = time.time() if now is None else now
    return max(0.0, keys.last_failure + failure_delay(keys.failures) - now)
