"""The sala's own TLS certificate: self-signed, for the PC's address, kept beside the plantel.

Nobody on a school's lab network can get a certificate from a public authority for
«192.168.1.20», so the sala makes its own and the projector shows its SHA-256 fingerprint
for students to compare with what their browser shows. It is reused from one session to
the next (the browsers that accepted it once see the same fingerprint) and made anew only
when the address changes, when it nears its end, or when its key cannot be read.

The private key is stored encrypted with a key derived from the plantel's database key
(the session's), so a thief of the PC, or of a copy of the folder, gets a key they cannot
read without an account's password, as with the database itself. A plantel without
accounts (no session key) keeps it readable by its owner only.
"""

import datetime
import hashlib
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from seguimiento_desktop.sala.subkeys import subkey
from seguimiento_desktop.storage.files import atomic_output

CERT_SUFFIX, KEY_SUFFIX = ".sala.crt", ".sala.key"
VALID_DAYS = 730
RENEW_BEFORE_DAYS = 30  # a session must not end with a certificate that expired mid-class
_KDF_INFO = b"seguimiento sala tls key v1"


@dataclass(frozen=True)
class SalaCertificate:
    """The files the server loads and what the projector shows."""

    cert_path: Path
    key_path: Path
    password: bytes | None
    fingerprint: str  # «3F:2A:…», 32 byte pairs: as Firefox and `openssl x509` show it

    @property
    def fingerprint_lines(self) -> str:
        """The fingerprint in four lines of eight pairs, to read aloud or compare."""
        pairs = self.fingerprint.split(":")
        return "\n".join(" ".join(pairs[i:i + 8]) for i in range(0, len(pairs), 8))


def fingerprint(der: bytes) -> str:
    """The SHA-256 fingerprint of a DER certificate, as «3F:2A:…»."""
    return ":".join(f"{byte:02X}" for byte in hashlib.sha256(der).digest())


def key_password(session_key: bytes | None) -> bytes | None:
    """The password of the stored private key: derived from the plantel's key, so it is
    never written anywhere; None without accounts."""
    derived = subkey(session_key, _KDF_INFO)
    return derived.hex().encode() if derived else None


def sala_certificate(database: str | Path, host: str, session_key: bytes | None,
                     now: datetime.datetime | None = None) -> SalaCertificate:
    """The certificate for ``host`` beside ``database``: the stored one while it still
    fits, else a new one (written atomically, key encrypted)."""
    database = Path(database)
    cert_path = database.with_name(database.name + CERT_SUFFIX)
    key_path = database.with_name(database.name + KEY_SUFFIX)
    password = key_password(session_key)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    certificate = _usable(cert_path, key_path, password, host, now)
    if certificate is None:
        certificate = _generate(cert_path, key_path, password, host, now)
    return SalaCertificate(cert_path, key_path, password,
                           fingerprint(certificate.public_bytes(serialization.Encoding.DER)))


def _usable(cert_path: Path, key_path: Path, password: bytes | None, host: str,
            now: datetime.datetime) -> x509.Certificate | None:
    try:
        certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password)
    except (OSError, ValueError, TypeError):  # missing, damaged, or another plantel key
        return None
    if key.public_key() != certificate.public_key():
        return None
    if certificate.not_valid_after_utc - now < datetime.timedelta(days=RENEW_BEFORE_DAYS):
        return None
    return certificate if host in addresses_of(certificate) else None


def addresses_of(certificate: x509.Certificate) -> list[str]:
    """The IP addresses in the certificate's subjectAltName."""
    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return []
    return [str(address) for address in names.value.get_values_for_type(x509.IPAddress)]


def _generate(cert_path: Path, key_path: Path, password: bytes | None, host: str,
              now: datetime.datetime) -> x509.Certificate:
    # P-256: the cheapest handshake for sixty browsers on two cores, and every browser a
    # lab PC or a phone may have speaks it.
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                         "Seguimiento de Egresados (sala de cómputo)")])
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))  # a lab PC's clock a bit behind
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256()))
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    with atomic_output(key_path) as partial:  # private (0600) from its first byte
        partial.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                              serialization.PrivateFormat.PKCS8, encryption))
    with atomic_output(cert_path) as partial:
        partial.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return certificate
