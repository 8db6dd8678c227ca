"""The bundle manifest: who sent it, which number it is, and the hash of its payload.

The manifest travels in clear next to the encrypted payload and is signed by the sending
installation. Everything the receiver checks *before* decrypting comes from here: the
format version, the installation, the recipients and the payload's size and SHA-256.
"""

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from seguimiento_desktop.sync import fields
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.pseudonyms import PROFILES

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

    @property
    def created(self) -> datetime:
        """``created_at`` as a UTC datetime (checked when the manifest was parsed)."""
        moment = fields.utc_timestamp(self.created_at)
        assert moment is not None, "a Manifest is built from a checked created_at"
        return moment

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
    """Every field checked for type and range (a signed manifest may still be hostile)."""
    problems = [name for name, check in _FIELDS.items() if not check(data.get(name))]
    if problems or data["base_seq"] >= data["seq"] or not _counts(data.get("counts")) \
            or not _recipients(data.get("recipients")):
        raise _damaged(file_name)
    known = {k: data[k] for k in _FIELDS}
    return Manifest(**known, recipients=tuple(data["recipients"]), counts=dict(data["counts"]),
                    format=data["format"])


def _counts(value: object) -> bool:
    return (isinstance(value, dict) and set(value) == set(RECORD_KINDS)
            and all(fields.is_int(v) for v in value.values()))


def _recipients(value: object) -> bool:
    return (isinstance(value, list) and 0 < len(value) <= 64
            and all(fields.matches(fields.AGE_RECIPIENT, r) for r in value))


def _text(pattern: "re.Pattern") -> Callable[[object], bool]:
    return lambda value: fields.matches(pattern, value)


_FIELDS: dict[str, Callable[[object], bool]] = {
    "installation_id": _text(fields.ID), "cct": _text(fields.CCT),
    "seq": lambda v: fields.is_int(v, 1), "base_seq": fields.is_int,
    "created_at": lambda v: fields.utc_timestamp(v) is not None,
    "destination": _text(fields.ID), "profile": lambda v: isinstance(v, str) and v in PROFILES,
    "payload_size": fields.is_int, "payload_sha256": _text(fields.SHA256),
    "plain_size": fields.is_int, "app_version": _text(fields.VERSION),
    "compression": lambda v: v == "gzip", "encryption": lambda v: v == "age-x25519"}


def _damaged(file_name: str) -> BundleRejected:
    return BundleRejected("formato", f"{file_name} no es un paquete de Seguimiento de Egresados "
                          "o su encabezado está dañado. Pida que lo exporten de nuevo.")
