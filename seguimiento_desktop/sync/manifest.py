"""The bundle manifest: who sent it, which number it is, and the hash of its payload.

The manifest travels in clear next to the encrypted payload and is signed by the sending
installation. Everything the receiver checks *before* decrypting comes from here: the
format version, the installation, the recipients and the payload's size and SHA-256.
"""

import json
from dataclasses import asdict, dataclass

from seguimiento_desktop.sync.errors import BundleRejected

FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 64 * 1024
RECORD_KINDS = ("students", "responses", "contact_attempts")


@dataclass(frozen=True)
class Manifest:
    """What a bundle declares about itself (all of it covered by the signature)."""

    installation_id: str
    cct: str
    seq: int
    base_seq: int
    created_at: str
    destination: str
    recipients: tuple[str, ...]
    profile: str
    counts: dict[str, int]
    payload_size: int
    payload_sha256: str
    plain_size: int
    app_version: str
    format: int = FORMAT_VERSION
    kind: str = "bundle"
    compression: str = "gzip"
    encryption: str = "age-x25519"

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def to_bytes(self) -> bytes:
        data = asdict(self)
        data["recipients"] = list(self.recipients)
        return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def parse_manifest(raw: bytes, file_name: str) -> Manifest:
    """The manifest in ``raw``; BundleRejected (Spanish) if it is damaged or too new."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged(file_name) from None
    if not isinstance(data, dict) or data.get("kind") != "bundle":
        raise _damaged(file_name)
    version = data.get("format")
    if type(version) is not int:
        raise _damaged(file_name)
    if version > FORMAT_VERSION:
        raise BundleRejected("version", f"El paquete {file_name} fue creado por una versión más "
                             f"nueva de Seguimiento de Egresados (formato {version}; esta versión "
                             f"lee hasta el {FORMAT_VERSION}). Actualice el programa y vuelva a "
                             "fusionarlo.")
    return _build(data, file_name)


def _build(data: dict, file_name: str) -> Manifest:
    strings = ("installation_id", "cct", "created_at", "destination", "profile",
               "payload_sha256", "app_version", "compression", "encryption")
    numbers = ("seq", "base_seq", "payload_size", "plain_size")
    if not all(isinstance(data.get(k), str) and len(data[k]) <= 200 for k in strings):
        raise _damaged(file_name)
    if not all(type(data.get(k)) is int and data[k] >= 0 for k in numbers) or data["seq"] < 1:
        raise _damaged(file_name)
    counts, recipients = data.get("counts"), data.get("recipients")
    if not (isinstance(counts, dict) and set(counts) == set(RECORD_KINDS)
            and all(type(v) is int and v >= 0 for v in counts.values())):
        raise _damaged(file_name)
    if not (isinstance(recipients, list) and 0 < len(recipients) <= 64
            and all(isinstance(r, str) and len(r) < 100 for r in recipients)):
        raise _damaged(file_name)
    if data["compression"] != "gzip" or data["encryption"] != "age-x25519":
        raise _damaged(file_name)
    known = {k: data[k] for k in strings + numbers}
    return Manifest(**known, recipients=tuple(recipients), counts=dict(counts),
                    format=data["format"])


def _damaged(file_name: str) -> BundleRejected:
    return BundleRejected("formato", f"{file_name} no es un paquete de Seguimiento de Egresados "
                          "o su encabezado está dañado. Pida que lo exporten de nuevo.")
