"""Keys the sala derives from the plantel's database key, one per purpose.

The sala keeps two secrets beside the plantel (its TLS key's password, the keyed hashes of
the printed codes); deriving both from the database key, which only an account's password
unwraps, means neither is ever written down, and a copy of the folder opens neither.
"""

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def subkey(session_key: bytes | None, purpose: bytes) -> bytes | None:
    """32 bytes for ``purpose`` (HKDF-SHA256, the purpose as its info, so keys for two
    purposes are unrelated); None for a plantel without accounts (no database key)."""
    if not session_key:
        return None
    return HKDF(hashes.SHA256(), 32, salt=None, info=purpose).derive(session_key)
