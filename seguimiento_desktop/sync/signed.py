"""Small signed JSON files: enrollment requests, configuration packages, acknowledgements.

A signed document is one JSON object: ``{"format", "kind", "signer", "body", "signature"}``.
The signature covers a domain string naming the kind plus the canonical JSON of the body
(sorted keys, no spaces, UTF-8), so an acknowledgement can never pass for a configuration
package. Whether the signer is *trusted* is the caller's decision (a pinned key, an
enrolled installation); this module only checks that the file is whole and self-consistent.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seguimiento_desktop.storage.files import atomic_output
from seguimiento_desktop.sync.errors import SyncError
from seguimiento_desktop.sync.keys import (
    b64decode, b64encode, check_public_key, public_key_of, require_signature, sign)

DOCUMENT_FORMAT = 1
KIND_NAMES = {"enrollment": "la solicitud de registro", "config": "el paquete de configuración",
              "ack": "el acuse de recibo"}
SMALL_DOCUMENT = 256 * 1024
LARGE_DOCUMENT = 32 * 1024 * 1024


@dataclass(frozen=True)
class SignedDocument:
    """A verified document: ``signer`` signed ``body`` (trust is decided by the caller)."""

    kind: str
    signer: str
    body: dict


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value that is signed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def signed_bytes(kind: str, body: dict) -> bytes:
    return b"seguimiento-egresados/" + kind.encode() + b"/v1\n" + canonical_json(body)


def make_document(kind: str, body: dict, private_key: str) -> bytes:
    """The file content of ``body`` signed as ``kind`` with ``private_key``."""
    document = {"format": DOCUMENT_FORMAT, "kind": kind, "signer": public_key_of(private_key),
                "body": body, "signature": b64encode(sign(private_key, signed_bytes(kind, body)))}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def write_document(path: Path, content: bytes) -> Path:
    """Write a document atomically (temporary file, fsync, rename); Spanish errors on failure."""
    with atomic_output(path) as partial:
        partial.write_bytes(content)
    return path


def read_document(path: str | Path, kind: str, max_bytes: int = SMALL_DOCUMENT) -> SignedDocument:
    """Read and verify the signed document at ``path``, which must be of ``kind``."""
    path = Path(path)
    name = KIND_NAMES[kind]
    raw = _read_bounded(path, max_bytes, name)
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: JSON, huge ints
        raise SyncError(f"«{path.name}» no es {name}: el archivo está dañado o es de otro "
                        "tipo.") from None
    if not isinstance(document, dict) or not isinstance(document.get("body"), dict):
        raise SyncError(f"«{path.name}» no es {name}.")
    if isinstance(document.get("format"), int) and document["format"] > DOCUMENT_FORMAT:
        raise SyncError(f"«{path.name}» fue creado por una versión más nueva de Seguimiento de "
                        "Egresados. Actualice el programa en esta PC.")
    if document.get("kind") != kind:
        found = KIND_NAMES.get(str(document.get("kind")), "otro tipo de archivo")
        raise SyncError(f"«{path.name}» es {found}, no {name}.")
    signer = check_public_key(document.get("signer"), "la clave de quien firma")
    signature = b64decode(document.get("signature"), "la firma")
    require_signature(signer, signature, signed_bytes(kind, document["body"]), name)
    return SignedDocument(kind, signer, document["body"])


def _read_bounded(path: Path, max_bytes: int, name: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SyncError(f"No se encontró el archivo {path}.") from None
    except OSError as error:
        raise SyncError(f"No se pudo leer {path.name}: {error.strerror}. Revise que la "
                        "memoria USB siga conectada.") from None
    if len(raw) > max_bytes:
        raise SyncError(f"«{path.name}» es demasiado grande para ser {name}; no se abrió.")
    return raw


def field(body: dict, key: str, kind: type, what: str) -> Any:
    """``body[key]`` if it has the expected type; else a Spanish SyncError."""
    value = body.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise SyncError(f"El archivo no es válido: falta {what} o no está bien escrito.")
    return value
