"""SHA-1 and SHA-256 hex digests, without loading OpenSSL.

``import hashlib`` loads OpenSSL's ``_hashlib`` (about 2 ms, a fortieth of a whole export of a short policy)
even when only a name or an id is hashed. CPython also builds its own implementations of both algorithms into
small modules; they give the same digests. We use them where this Python has them, and hashlib where it doesn't.
"""

from __future__ import annotations

try:
    from _sha1 import sha1 as _sha1  # type: ignore[import-not-found]
except ImportError:  # a build without it: hashlib's is the same algorithm
    from hashlib import sha1 as _sha1
try:
    from _sha256 import sha256 as _sha256  # type: ignore[import-not-found]  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # type: ignore[import-not-found]  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256 as _sha256


def sha1_hex(text: str) -> str:
    """The SHA-1 of ``text`` in UTF-8, as hex (names and ids, not security)."""
    return _sha1(text.encode("utf-8")).hexdigest()


def sha256_hex(text: str) -> str:
    """The SHA-256 of ``text`` in UTF-8, as hex."""
    return _sha256(text.encode("utf-8")).hexdigest()
