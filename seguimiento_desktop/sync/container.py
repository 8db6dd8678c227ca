"""Locating the three members of a bundle file, strictly, before anything is decrypted.

A bundle is a plain ustar archive of exactly three regular members (``manifest.json``,
``manifest.sig``, ``payload.jsonl.gz.age``) and the end-of-archive marker. Headers are
checked by hand (checksum, name, type, no prefix), sizes are bounded before anything is
read, and nothing but zero blocks may follow the payload.
"""

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.manifest import MAX_MANIFEST_BYTES

MANIFEST_NAME, SIGNATURE_NAME, PAYLOAD_NAME = "manifest.json", "manifest.sig", "payload.jsonl.gz.age"
BLOCK = 512
MAX_BUNDLE_BYTES = 4 * 1024 ** 3
MAX_END_BLOCKS = 40  # zero blocks allowed after the payload (a tar record is 20 blocks)


@dataclass(frozen=True)
class Container:
    """Where the parts of a bundle file are (nothing decrypted yet)."""

    manifest_raw: bytes
    signature: bytes
    payload_offset: int
    payload_size: int


def incomplete(file_name: str) -> BundleRejected:
    return BundleRejected("incompleto", f"El paquete {file_name} está incompleto: el archivo se "
                          "cortó (¿se retiró la memoria USB antes de terminar de copiarlo?). Pida "
                          "que lo copien o exporten de nuevo.")


def not_a_bundle(file_name: str) -> BundleRejected:
    return BundleRejected("formato", f"{file_name} no es un paquete de Seguimiento de Egresados "
                          "o está dañado. Pida que lo exporten de nuevo.")


def _read_header(handle: BinaryIO, expected: str, file_name: str) -> int:
    block = handle.read(BLOCK)
    if len(block) < BLOCK:
        raise incomplete(file_name)
    stored = block[148:156].replace(b"\0", b" ").strip()
    checksum = sum(block[:148]) + 8 * 32 + sum(block[156:])
    name = block[:100].rstrip(b"\0")
    try:
        ok = int(stored or b"-1", 8) == checksum
        size = int(block[124:136].replace(b"\0", b" ").strip() or b"0", 8)
    except ValueError:
        raise not_a_bundle(file_name) from None
    if not ok or name != expected.encode() or block[156:157] not in (b"0", b"\0") \
            or block[257:262] != b"ustar" or block[345:500].strip(b"\0"):
        raise not_a_bundle(file_name)
    return size


def read_container(path: Path) -> Container:
    """Locate the three members, checking order, types and sizes; nothing is decrypted."""
    name = path.name
    try:
        total = path.stat().st_size
        if total > MAX_BUNDLE_BYTES:
            raise BundleRejected("limite", f"{name} es demasiado grande para ser un paquete "
                                 f"({total // 1024 ** 2} MB); no se abrió.")
        with open(path, "rb") as handle:
            parts = []
            for member, limit in ((MANIFEST_NAME, MAX_MANIFEST_BYTES), (SIGNATURE_NAME, 64)):
                size = _read_header(handle, member, name)
                if size > limit:
                    raise not_a_bundle(name)
                data = handle.read(size + (-size % BLOCK))
                if len(data) < size + (-size % BLOCK):
                    raise incomplete(name)
                if data[size:].strip(b"\0"):  # the padding is outside the signature
                    raise not_a_bundle(name)
                parts.append(data[:size])
            size = _read_header(handle, PAYLOAD_NAME, name)
            offset = handle.tell()
            if offset + size > total:
                raise incomplete(name)
            _check_end(handle, offset + size, total, name)
    except FileNotFoundError:
        raise BundleRejected("formato", f"No se encontró el archivo {path}.") from None
    except OSError as error:
        raise BundleRejected("incompleto", f"No se pudo leer {name}: {error.strerror}. Revise "
                             "que la memoria USB siga conectada.") from None
    if len(parts[1]) != 64:
        raise not_a_bundle(name)
    return Container(parts[0], parts[1], offset, size)


def _check_end(handle: BinaryIO, payload_end: int, total: int, name: str) -> None:
    """After the payload only its zero padding and the end-of-archive marker, nothing else.

    The format is exactly three members; bytes or members smuggled after the payload are
    outside the signature, so they are refused rather than ignored. Writers pad with two
    zero blocks (this app) or up to a 10 KiB record (GNU tar).
    """
    tail = total - payload_end - (-payload_end % BLOCK)
    if tail < 2 * BLOCK:
        raise incomplete(name)
    if tail > MAX_END_BLOCKS * BLOCK or tail % BLOCK:
        raise not_a_bundle(name)
    handle.seek(payload_end)
    if handle.read(total - payload_end).strip(b"\0"):
        raise not_a_bundle(name)


def payload_matches(path: Path, container: Container, sha256: str) -> bool:
    """Whether the payload's bytes hash to ``sha256`` (streamed, constant-time compare)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        handle.seek(container.payload_offset)
        left = container.payload_size
        while left:
            chunk = handle.read(min(left, 1024 * 1024))
            if not chunk:
                return False
            digest.update(chunk)
            left -= len(chunk)
    return hmac.compare_digest(digest.hexdigest(), sha256)
