"""Password hashing and verification.

One passlib ``CryptContext`` handles bcrypt and pbkdf2_sha256; Stormpath's own
``$stormpath2$`` import format is checked by a small branch in front of it.

Two quirks are dealt with here rather than left to callers:

* bcrypt reads only the first 72 bytes of a password. bcrypt >= 5 raises on
  longer input instead of ignoring the rest, so the secret is cut to 72 bytes
  before it reaches a bcrypt hash. The result is the one every earlier bcrypt
  (and Stormpath itself) produced, and imported hashes keep verifying.
* ``verify`` on an unknown account still performs a full check against a
  dummy hash, so response time does not tell which accounts exist.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from passlib.context import CryptContext
from passlib.exc import PasswordValueError

from mockpath import errors

Scheme = Literal["bcrypt", "fast"]

BCRYPT_ROUNDS = 10
"""Cost of new bcrypt hashes (2**10 rounds, Stormpath's setting)."""

FAST_ROUNDS = 100
"""PBKDF2 iterations of the "fast" scheme: salted, but cheap enough for fixtures."""

BCRYPT_MAX_BYTES = 72
"""bcrypt ignores everything after this many bytes of the password."""

MAX_STORMPATH2_ITERATIONS = 1_000_000
"""Upper bound for imported ``$stormpath2$`` hashes, so one login cannot hang the server."""

_PASSLIB_SCHEMES = {"bcrypt": "bcrypt", "fast": "pbkdf2_sha256"}

# $2a$/$2b$/$2y$, two-digit cost 04-31, 22 characters of salt and 31 of checksum.
_BCRYPT_MCF = re.compile(
    r"\$2[aby]\$(?:0[4-9]|[12][0-9]|3[01])\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})"
)
# The last salt character carries 4 unused bits and the last checksum character 2;
# bcrypt refuses salts whose unused bits are set, so such a hash could never verify.
_BCRYPT_SALT_LAST = frozenset(".Oeu")
_BCRYPT_CHECKSUM_LAST = frozenset(".CGKOSWaeimquy26")

_STORMPATH2_PREFIX = "$stormpath2$"
_STORMPATH2_DIGESTS = {
    "MD5": "md5",
    "SHA-1": "sha1",
    "SHA1": "sha1",
    "SHA-256": "sha256",
    "SHA256": "sha256",
    "SHA-512": "sha512",
    "SHA512": "sha512",
}
_DECIMAL = re.compile(r"[0-9]+")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")

_MCF_REJECTED = "Account password is not a supported Modular Crypt Format (MCF) hash."
_MCF_REJECTED_DETAIL = (
    "With passwordFormat=mcf the password must be a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31) "
    "or $stormpath2$<algorithm>$<iterations>$<base64 salt>$<base64 hash> with algorithm "
    f"MD5, SHA-1, SHA-256 or SHA-512 and 1 to {MAX_STORMPATH2_ITERATIONS} iterations."
)


class PasswordHasher:
    """Hashes and verifies passwords through one passlib CryptContext.

    ``scheme="bcrypt"`` (realistic, as Stormpath used; cost 10) or ``"fast"``
    (for tests and fixtures: pbkdf2_sha256 with very few rounds, still salted).
    Both hashers verify every supported format (bcrypt ``$2a$``/``$2b$``/``$2y$``,
    pbkdf2_sha256 and ``$stormpath2$``), so a database written with one setting
    logs in with the other.
    """

    def __init__(self, scheme: Scheme = "bcrypt") -> None:
        if scheme not in _PASSLIB_SCHEMES:
            raise ValueError(f"unknown password scheme {scheme!r}; use 'bcrypt' or 'fast'")
        self.scheme: Scheme = scheme
        self._default = _PASSLIB_SCHEMES[scheme]
        self._context = CryptContext(
            schemes=["bcrypt", "pbkdf2_sha256"],
            default=self._default,
            bcrypt__default_rounds=BCRYPT_ROUNDS,
            pbkdf2_sha256__default_rounds=FAST_ROUNDS,
        )
        self._dummy_hash: str | None = None

    def hash(self, password: str) -> str:
        """A new salted hash of `password` in this hasher's scheme."""
        try:
            result: str = self._context.hash(_secret(password, self._default))
        except PasswordValueError as exc:  # e.g. a NUL character, which bcrypt cannot take
            raise errors.InvalidValue(
                "Account password contains characters that cannot be stored.", str(exc)
            ) from exc
        return result

    def verify(self, password: str, stored_hash: str | None) -> bool:
        """Whether `password` matches `stored_hash`.

        ``None`` (no such account) and unrecognised hashes cost as much time as a
        real check against a hash of this hasher's scheme, then return False.
        """
        if stored_hash is not None:
            if stored_hash.startswith(_STORMPATH2_PREFIX):
                parsed = _Stormpath2.parse(stored_hash)
                if parsed is not None:
                    return parsed.verify(password)
            else:
                scheme = self._context.identify(stored_hash, required=False)
                if scheme is not None:
                    return self._verify_passlib(password, stored_hash, scheme)
        self._verify_passlib(password, self._dummy(), self._default)
        return False

    def import_mcf(self, value: str) -> str:
        """Validate a hash given with ``passwordFormat=mcf``; return the value to store.

        Accepts well-formed bcrypt (``$2a$``/``$2b$``/``$2y$``) and ``$stormpath2$``
        hashes; anything else raises :class:`errors.InvalidValue`.
        """
        if _is_bcrypt_mcf(value) or _Stormpath2.parse(value) is not None:
            return value
        raise errors.InvalidValue(_MCF_REJECTED, _MCF_REJECTED_DETAIL)

    def matches_any(self, password: str, hashes: Sequence[str]) -> bool:
        """Whether `password` matches one of `hashes` (the ``preventReuse`` history)."""
        return any(self.verify(password, stored) for stored in hashes)

    def _verify_passlib(self, password: str, stored_hash: str, scheme: str) -> bool:
        try:
            return bool(self._context.verify(_secret(password, scheme), stored_hash))
        except ValueError:  # malformed hash, NUL in a bcrypt password, oversized secret
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = str(self._context.hash("dummy password for unknown accounts"))
        return self._dummy_hash


def _secret(password: str, scheme: str) -> bytes:
    """The bytes handed to passlib: UTF-8, cut to what bcrypt actually reads."""
    secret = password.encode("utf-8")
    if scheme == "bcrypt":
        return secret[:BCRYPT_MAX_BYTES]
    return secret


def _is_bcrypt_mcf(value: str) -> bool:
    match = _BCRYPT_MCF.fullmatch(value)
    return (
        match is not None
        and match.group(1)[-1] in _BCRYPT_SALT_LAST
        and match.group(2)[-1] in _BCRYPT_CHECKSUM_LAST
    )


def _b64decode(text: str) -> bytes | None:
    """Standard base64, padding optional; None when `text` is not base64."""
    if _BASE64.fullmatch(text) is None:
        return None
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        return None


@dataclass(frozen=True)
class _Stormpath2:
    """``$stormpath2$<algorithm>$<iterations>$<base64 salt>$<base64 hash>``.

    hash = digest(salt + password), then ``iterations - 1`` more rounds of
    hash = digest(hash).
    """

    digest: str
    iterations: int
    salt: bytes
    checksum: bytes

    @classmethod
    def parse(cls, value: str) -> _Stormpath2 | None:
        parts = value.split("$")
        if len(parts) != 6 or parts[0] != "" or parts[1] != "stormpath2":
            return None
        _, _, algorithm, iterations, salt_text, checksum_text = parts
        digest = _STORMPATH2_DIGESTS.get(algorithm.upper())
        if digest is None or _DECIMAL.fullmatch(iterations) is None:
            return None
        rounds = int(iterations)
        if not 1 <= rounds <= MAX_STORMPATH2_ITERATIONS:
            return None
        salt = _b64decode(salt_text)
        checksum = _b64decode(checksum_text)
        if salt is None or checksum is None:
            return None
        if len(checksum) != hashlib.new(digest).digest_size:
            return None
        return cls(digest, rounds, salt, checksum)

    def verify(self, password: str) -> bool:
        result = hashlib.new(self.digest, self.salt + password.encode("utf-8")).digest()
        for _ in range(self.iterations - 1):
            result = hashlib.new(self.digest, result).digest()
        return hmac.compare_digest(result, self.checksum)
