"""The bundle file: a plain tar (ustar) of manifest, signature and age-encrypted payload.

    manifest.json          the Manifest (JSON), in clear
    manifest.sig           64-byte Ed25519 signature of manifest.json by the installation
    payload.jsonl.gz.age   JSON lines, gzip-compressed, encrypted with age to the recipients

Standard tools open it: ``tar -xf`` then ``age -d -i clave.txt payload.jsonl.gz.age | gunzip``.
Both directions stream: the payload is compressed and encrypted in 8 KiB steps
(``pyrage.encrypt_io``/``decrypt_io``) and parsed line by line on arrival, so memory stays
flat whatever the bundle's size. Reading is strict (``container``): exactly three regular
members in order, sizes bounded before anything is read; decompression is capped by the
manifest.
"""

import hashlib
import os
import tarfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyrage

from seguimiento_desktop.storage.files import atomic_output
from seguimiento_desktop.sync.container import (  # noqa: F401  (callers read them here)
    BLOCK, MANIFEST_NAME, PAYLOAD_NAME, SIGNATURE_NAME, Container, incomplete, not_a_bundle,
    payload_matches, read_container)
from seguimiento_desktop.sync.errors import BundleRejected
from seguimiento_desktop.sync.records import parse_lines

MAX_PLAIN_BYTES = 8 * 1024 ** 3   # decompressed payload, whatever the manifest says
MAX_LINE_BYTES = 1024 * 1024
GZIP_LEVEL = 1   # fast: the payload is small next to a USB stick, and CPU time is not
BATCH_LINES = 500


@dataclass(frozen=True)
class PayloadInfo:
    """What encrypting the payload produced: sizes and the ciphertext's SHA-256."""

    size: int
    sha256: str
    plain_size: int


# --- Writing ---------------------------------------------------------------------------


class _CompressedLines:
    """A file-like reader over gzip-compressed lines, pulled by pyrage.encrypt_io."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._zip = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
        self._buffer = bytearray()
        self._done = False
        self.plain_size = 0

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            self._refill()
        size = len(self._buffer) if size < 0 else min(size, len(self._buffer))
        chunk = bytes(self._buffer[:size])
        del self._buffer[:size]
        return chunk

    def _refill(self) -> None:
        group, length = [], 0
        for line in self._lines:
            group.append(line)
            length += len(line)
            if length > 256 * 1024:
                break
        if not group:
            self._buffer += self._zip.flush()
            self._done = True
            return
        plain = ("\n".join(group) + "\n").encode("utf-8")
        self.plain_size += len(plain)
        self._buffer += self._zip.compress(plain)


class _HashingWriter:
    def __init__(self, target: BinaryIO):
        self._target, self._sha, self.size = target, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self._sha.update(data)
        self.size += len(data)
        return self._target.write(data)

    def flush(self) -> None:
        self._target.flush()

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


def encrypt_lines(lines: Iterator[str], recipients: list, target: BinaryIO) -> PayloadInfo:
    """Compress and encrypt ``lines`` into ``target`` (streamed); sizes and hash back."""
    source, sink = _CompressedLines(lines), _HashingWriter(target)
    pyrage.encrypt_io(source, sink, recipients)
    return PayloadInfo(sink.size, sink.hexdigest(), source.plain_size)


def _header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o644
    return info.tobuf(tarfile.USTAR_FORMAT, "utf-8", "strict")


def _pad(out: BinaryIO, size: int) -> None:
    out.write(b"\0" * (-size % BLOCK))


def write_bundle(path: Path, manifest_raw: bytes, signature: bytes, payload: BinaryIO,
                 payload_size: int, mtime: int) -> None:
    """Write the bundle file whole or not at all (temporary file, fsync, rename)."""
    with atomic_output(path) as partial:
        with open(partial, "wb") as out:
            for name, data in ((MANIFEST_NAME, manifest_raw), (SIGNATURE_NAME, signature)):
                out.write(_header(name, len(data), mtime) + data)
                _pad(out, len(data))
            out.write(_header(PAYLOAD_NAME, payload_size, mtime))
            payload.seek(0)
            while chunk := payload.read(1024 * 1024):
                out.write(chunk)
            _pad(out, payload_size)
            out.write(b"\0" * (2 * BLOCK))
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too (POSIX only; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def forget_cached(path: Path) -> None:
    """Ask the OS to drop its cached copy, so a re-read really reads the stick."""
    if hasattr(os, "posix_fadvise"):
        with open(path, "rb") as handle:
            os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)


# --- Reading the payload -------------------------------------------------------------


class _Slice:
    """A reader over the payload member only."""

    def __init__(self, handle: BinaryIO, size: int):
        self._handle, self._left = handle, size

    def read(self, size: int = -1) -> bytes:
        size = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        return data


class _LineSink:
    """A writer for pyrage.decrypt_io: gunzip with a cap, split lines, parse, hand on batches."""

    def __init__(self, on_batch: Callable[[list], None], plain_limit: int, file_name: str):
        self._unzip = zlib.decompressobj(31)
        self._partial = b""
        self._batch: list = []
        self._on_batch, self._limit, self._name = on_batch, plain_limit, file_name
        self.plain_size = 0

    def write(self, data: bytes) -> int:
        length = len(data)
        while data:
            if self._unzip.eof:
                raise not_a_bundle(self._name)  # bytes after the end of the gzip stream
            try:
                out = self._unzip.decompress(data, 256 * 1024)
            except zlib.error:
                raise not_a_bundle(self._name) from None
            data = self._unzip.unconsumed_tail or self._unzip.unused_data
            self._take(out)
        return length

    def flush(self) -> None:
        pass

    def _take(self, out: bytes) -> None:
        self.plain_size += len(out)
        if self.plain_size > self._limit:
            raise BundleRejected("limite", f"El contenido de {self._name} descomprimido supera el "
                                 f"tamaño declarado ({self._limit} bytes): posible archivo "
                                 "malicioso. No se fusionó nada.")
        pieces = (self._partial + out).split(b"\n")
        self._partial = pieces.pop()
        if len(self._partial) > MAX_LINE_BYTES:
            raise BundleRejected("limite", f"{self._name} tiene una línea demasiado larga: "
                                 "posible archivo malicioso. No se fusionó nada.")
        try:
            self._batch.extend(parse_lines(pieces))
        except (ValueError, RecursionError):
            raise not_a_bundle(self._name) from None
        if len(self._batch) >= BATCH_LINES:
            batch, self._batch = self._batch, []
            self._on_batch(batch)

    def finish(self) -> None:
        if not self._unzip.eof or self._partial:
            raise incomplete(self._name)
        if self._batch:
            batch, self._batch = self._batch, []
            self._on_batch(batch)


def stream_payload(path: Path, container: Container, identities: list, plain_limit: int,
                   on_batch: Callable[[list], None]) -> int:
    """Decrypt, decompress and parse the payload, calling ``on_batch`` with parsed lines.

    Call only after the signature and the payload hash were verified. Returns the size of
    the decompressed payload. Any problem raises BundleRejected (the caller's transaction rolls back).
    """
    sink = _LineSink(on_batch, min(plain_limit, MAX_PLAIN_BYTES), path.name)
    with open(path, "rb") as handle:
        handle.seek(container.payload_offset)
        try:
            pyrage.decrypt_io(_Slice(handle, container.payload_size), sink, identities)
        except pyrage.DecryptError:
            raise BundleRejected("destinatario", f"{path.name} no fue cifrado para esta oficina "
                                 "central: el plantel usa una configuración de otra oficina. "
                                 "Envíele el paquete de configuración vigente.") from None
        except OSError:
            raise incomplete(path.name) from None
    sink.finish()
    return sink.plain_size
