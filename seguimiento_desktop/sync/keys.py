"""Keys and fingerprints: Ed25519 for signatures (cryptography), X25519 age keys (pyrage).

Keys are kept as text: an Ed25519 key as the base64 of its 32 raw bytes, an age key in its
usual «AGE-SECRET-KEY-1…» / «age1…» form, so they fit in the settings table and in JSON.
A fingerprint (huella) is what two people compare by phone before trusting a key: twelve
bytes of a SHA-256, shown as hex in groups of four and as twelve Spanish words.
"""

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

from seguimiento_desktop.sync.errors import SyncError, TrustError
from seguimiento_desktop.sync.wordlist import WORDS

FINGERPRINT_BYTES = 12
_FINGERPRINT_DOMAIN = b"seguimiento-egresados/huella/v1\x00"
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: object, what: str) -> bytes:
    """Decode base64 from a file; a Spanish SyncError naming ``what`` if it is not valid."""
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise SyncError(f"El archivo no es válido: no se pudo leer {what}.") from None


@dataclass(frozen=True)
class Fingerprint:
    """A key's fingerprint, to compare by phone: ``hex`` («3F2A 91BC …») and ``words``."""

    hex: str
    words: str

    def matches(self, typed: str) -> bool:
        """Whether ``typed`` (the hex or the words, any spacing or case) is this fingerprint."""
        folded = re.sub(r"[\s\-:]+", "", typed).lower()
        return bool(folded) and folded in (self.hex.replace(" ", "").lower(),
                                           self.words.replace(" ", ""))

    def __str__(self) -> str:
        return f"{self.hex} ({self.words})"


def fingerprint(public_key: str) -> Fingerprint:
    """The fingerprint of a public key given as text (Ed25519 base64 or an age recipient)."""
    digest = hashlib.sha256(_FINGERPRINT_DOMAIN + public_key.encode("ascii")).digest()
    head = digest[:FINGERPRINT_BYTES]
    hex_text = head.hex().upper()
    return Fingerprint(" ".join(hex_text[i:i + 4] for i in range(0, len(hex_text), 4)),
                       " ".join(WORDS[b] for b in head))


# --- Ed25519 -------------------------------------------------------------------------


def new_signing_key() -> str:
    """A fresh Ed25519 private key (base64 of the 32-byte seed)."""
    from cryptography.hazmat.primitives.serialization import (
        Encoding, NoEncryption, PrivateFormat)
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                     NoEncryption())
    return b64encode(raw)


def _private(private_key: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(private_key))


def public_key_of(private_key: str) -> str:
    """The base64 public key of a base64 Ed25519 private key."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    raw = _private(private_key).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return b64encode(raw)


def sign(private_key: str, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return _private(private_key).sign(data)


def signature_is_valid(public_key: str, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s signature of ``data`` (never raises)."""
    try:
        raw = base64.b64decode(public_key, validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True


def check_public_key(public_key: object, what: str) -> str:
    """``public_key`` if it is a well-formed base64 Ed25519 key, else a SyncError."""
    if not isinstance(public_key, str) or len(b64decode(public_key, what)) != 32:
        raise SyncError(f"El archivo no es válido: {what} no es una clave pública.")
    return public_key


# --- age (X25519) ----------------------------------------------------------------------


def new_age_identity() -> str:
    """A fresh age X25519 identity («AGE-SECRET-KEY-1…»)."""
    return str(x25519.Identity.generate())


def age_recipient_of(identity: str) -> str:
    """The «age1…» recipient of an identity."""
    return str(x25519.Identity.from_str(identity).to_public())


def parse_recipient(text: object) -> x25519.Recipient:
    """An age recipient from text, or a Spanish SyncError."""
    if not isinstance(text, str) or not _AGE_RECIPIENT.fullmatch(text):
        raise SyncError(f"«{str(text)[:70]}» no es una clave pública age (debe empezar con «age1» "
                        "y tener 62 caracteres).")
    try:
        return x25519.Recipient.from_str(text)
    except Exception:  # pyrage raises its own RecipientError types
        raise SyncError(f"«{text}» no es una clave pública age válida.") from None


def parse_identities(texts: list[str]) -> list[x25519.Identity]:
    return [x25519.Identity.from_str(t) for t in texts]


def same_key(a: str, b: str) -> bool:
    """Constant-time comparison of two key texts."""
    return hmac.compare_digest(a.encode(), b.encode())


def of(phrase: str) -> str:
    """«de» + ``phrase`` with Spanish's contraction: «del paquete», «de la solicitud»."""
    return "del " + phrase[3:] if phrase.startswith("el ") else "de " + phrase


def require_signature(public_key: str, signature: bytes, data: bytes, what: str) -> None:
    """Raise TrustError (Spanish) unless the signature verifies."""
    if not signature_is_valid(public_key, signature, data):
        raise TrustError(f"La firma {of(what)} no es válida: el archivo fue alterado o no lo "
                         "firmó quien dice. No lo use y pida uno nuevo.")
