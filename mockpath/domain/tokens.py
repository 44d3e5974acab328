"""JWTs, API-key secret encryption and OAuth durations (stormpath-api.md §6.14-§6.16, §7.4).

* Access and refresh tokens are compact JWS signed with HS256; the key is the UTF-8 bytes
  of an API key secret, used as is.
* An API key secret returned with ``encryptSecret=true`` is AES-CBC encrypted under a key
  derived with PBKDF2-HMAC-SHA1 from the requesting key's secret; the wire form is standard
  base64 of ``iv || ciphertext``.
* OAuth policy TTLs are ISO-8601 durations (``PT1H``, ``P60D``, ``PT1.5S``).

Pure code: no web framework, no storage.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from mockpath import errors

__all__ = [
    "Jwt",
    "decrypt_secret",
    "encode_jwt",
    "encrypt_secret",
    "format_duration",
    "new_token_id",
    "parse_duration",
    "parse_jwt",
    "verify_jwt",
]

# --- JSON Web Tokens ---------------------------------------------------------

ALGORITHM = "HS256"

_B64URL = re.compile(r"[A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class Jwt:
    """A decoded compact JWS; nothing about it is verified unless it came from verify_jwt."""

    header: dict[str, object]
    claims: dict[str, object]
    signature: str  # base64url signature part
    raw: str  # the compact token

    @property
    def signing_input(self) -> str:
        """``<header>.<payload>`` exactly as it appears in the token."""
        return self.raw.rsplit(".", 1)[0]


def _b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _b64url_decode(text: str) -> bytes:
    """Strict unpadded base64url; ValueError on anything else."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json_compact(value: Mapping[str, object]) -> bytes:
    return json.dumps(
        dict(value), separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _json_object(part: str, what: str) -> dict[str, object]:
    try:
        value: object = json.loads(
            _b64url_decode(part).decode("utf-8"), parse_constant=_reject_constant
        )
    except (ValueError, RecursionError) as exc:  # binascii.Error and JSON errors included
        raise errors.TokenInvalid(developer_message=f"The JWT {what} is not valid.") from exc
    if not isinstance(value, dict):
        raise errors.TokenInvalid(developer_message=f"The JWT {what} is not a JSON object.")
    return value


def _sign(signing_input: str, secret: str) -> str:
    mac = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256)
    return _b64url_encode(mac.digest())


def encode_jwt(
    claims: Mapping[str, object],
    secret: str,
    *,
    kid: str | None = None,
    extra_header: Mapping[str, object] | None = None,
) -> str:
    """An HS256 compact JWS over `claims`, keyed with the UTF-8 bytes of `secret`.

    The header is ``kid`` (when given), then `extra_header` (e.g. ``{"stt": "access"}``),
    then ``"alg": "HS256"``, which `extra_header` cannot override. JSON is compact and the
    parts are base64url without padding.
    """
    header: dict[str, object] = {}
    if kid is not None:
        header["kid"] = kid
    if extra_header:
        header.update(extra_header)
    header["alg"] = ALGORITHM
    header_part = _b64url_encode(_json_compact(header))
    signing_input = f"{header_part}.{_b64url_encode(_json_compact(claims))}"
    return f"{signing_input}.{_sign(signing_input, secret)}"


def parse_jwt(token: str) -> Jwt:
    """Split and decode `token` without verifying it; TokenInvalid (10017) if malformed."""
    parts = token.split(".")
    if len(parts) != 3:
        raise errors.TokenInvalid(
            developer_message="A JWT must have exactly three dot-separated parts."
        )
    header_part, claims_part, signature = parts
    header = _json_object(header_part, "header")
    claims = _json_object(claims_part, "payload")
    try:
        _b64url_decode(signature)
    except ValueError as exc:
        raise errors.TokenInvalid(developer_message="The JWT signature is not valid.") from exc
    return Jwt(header=header, claims=claims, signature=signature, raw=token)


def verify_jwt(token: str, secret: str, *, now: float) -> Jwt:
    """Parse `token`, check its HS256 signature against `secret`, then its expiry.

    Raises TokenInvalid (10017) when the token is malformed, its ``alg`` is not HS256 or the
    signature does not match, or ``exp`` is present but not a number; TokenExpired (10011)
    when ``exp <= now``. ``exp`` and ``iat`` may be fractional; a token without ``exp`` does
    not expire.
    """
    jwt = parse_jwt(token)
    if jwt.header.get("alg") != ALGORITHM:
        raise errors.TokenInvalid(developer_message="The JWT is not signed with HS256.")
    expected = _sign(jwt.signing_input, secret)
    if not hmac.compare_digest(expected.encode("ascii"), jwt.signature.encode("ascii")):
        raise errors.TokenInvalid()
    if "exp" in jwt.claims:
        exp = jwt.claims["exp"]
        if isinstance(exp, bool) or not isinstance(exp, int | float):
            raise errors.TokenInvalid(developer_message="The JWT exp claim is not a number.")
        if exp <= now:
            raise errors.TokenExpired()
    return jwt


# --- API key secret encryption ---------------------------------------------------

_BLOCK = 16
_KEY_SIZES = (128, 192, 256)
_MAX_ITERATIONS = 65536


def _check_parameters(key_size: int, iterations: int) -> None:
    if isinstance(key_size, bool) or key_size not in _KEY_SIZES:
        raise errors.InvalidValue(
            "The encryptionKeySize value is invalid. It must be 128, 192 or 256."
        )
    if (
        isinstance(iterations, bool)
        or not isinstance(iterations, int)
        or not 1 <= iterations <= _MAX_ITERATIONS
    ):
        raise errors.InvalidValue(
            f"The encryptionKeyIterations value is invalid. "
            f"It must be between 1 and {_MAX_ITERATIONS}."
        )


def _decode_salt(salt: str) -> bytes:
    """base64url in either alphabet, with or without padding."""
    text = salt.rstrip("=").replace("+", "-").replace("/", "_")
    try:
        raw = _b64url_decode(text)
    except ValueError:
        raw = b""
    if not raw:
        raise errors.InvalidValue("The encryptionKeySalt value is not valid base64url text.")
    return raw


def _derive_key(password: str, salt: str, key_size: int, iterations: int) -> bytes:
    _check_parameters(key_size, iterations)
    return hashlib.pbkdf2_hmac(
        "sha1", password.encode("utf-8"), _decode_salt(salt), iterations, key_size // 8
    )


def encrypt_secret(
    plaintext: str,
    password: str,
    *,
    salt: str,
    key_size: int = 128,
    iterations: int = 1024,
    iv: bytes | None = None,
) -> str:
    """Encrypt `plaintext` as described in stormpath-api.md §6.14.

    key = PBKDF2-HMAC-SHA1(UTF-8 `password`, base64url-decoded `salt`, `iterations`,
    `key_size` / 8 bytes); AES-CBC under a random 16-byte iv (or `iv`) over the PKCS#7-padded
    UTF-8 plaintext. Returns standard base64 of ``iv || ciphertext``. InvalidValue for a key
    size other than 128/192/256, iterations outside 1..65536 or an undecodable salt.
    """
    key = _derive_key(password, salt, key_size, iterations)
    if iv is None:
        iv = secrets.token_bytes(_BLOCK)
    elif len(iv) != _BLOCK:
        raise ValueError("iv must be 16 bytes")
    data = plaintext.encode("utf-8")
    pad = _BLOCK - len(data) % _BLOCK
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    body = encryptor.update(data + bytes([pad]) * pad) + encryptor.finalize()
    return base64.b64encode(iv + body).decode("ascii")


def decrypt_secret(
    ciphertext_b64: str,
    password: str,
    *,
    salt: str,
    key_size: int = 128,
    iterations: int = 1024,
) -> str:
    """The inverse of encrypt_secret; InvalidValue when the input cannot be decrypted."""
    key = _derive_key(password, salt, key_size, iterations)
    try:
        blob = base64.b64decode(ciphertext_b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise errors.InvalidValue("The encrypted secret is not valid base64 text.") from exc
    if len(blob) < 2 * _BLOCK or len(blob) % _BLOCK:
        raise errors.InvalidValue("The encrypted secret has an invalid length.")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(blob[:_BLOCK])).decryptor()
    padded = decryptor.update(blob[_BLOCK:]) + decryptor.finalize()
    pad = padded[-1]
    if not 1 <= pad <= _BLOCK or padded[-pad:] != bytes([pad]) * pad:
        raise errors.InvalidValue("The encrypted secret could not be decrypted.")
    try:
        return padded[:-pad].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise errors.InvalidValue("The encrypted secret could not be decrypted.") from exc


# --- ISO-8601 durations ---------------------------------------------------------------

_DURATION = re.compile(
    r"P(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<weeks>[0-9]+)W)?"
    r"(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?"
    r"(?:(?P<seconds>[0-9]+(?:[.,][0-9]+)?)S)?)?"
)
_DAYS_PER = {"years": 365, "months": 30, "weeks": 7, "days": 1}
_SECONDS_PER = {"hours": 3600, "minutes": 60}
_MICROS = Decimal(1_000_000)


def _invalid_duration(text: str) -> errors.InvalidValue:
    return errors.InvalidValue(
        f"'{text}' is not a valid ISO-8601 duration (for example PT1H, P60D or PT1.5S)."
    )


def parse_duration(text: str) -> timedelta:
    """An ISO-8601 duration ``PnYnMnWnDTnHnMnS``; seconds may be fractional.

    A year counts 365 days and a month 30 days. InvalidValue on anything else, including
    ``P``, ``PT``, a ``T`` with nothing after it, signs and lower-case designators.
    """
    match = _DURATION.fullmatch(text)
    if match is None or text.endswith(("P", "T")):
        raise _invalid_duration(text)
    parts = match.groupdict()
    try:
        days = sum(int(parts[name] or 0) * per for name, per in _DAYS_PER.items())
        whole = sum(int(parts[name] or 0) * per for name, per in _SECONDS_PER.items())
        fraction = Decimal((parts["seconds"] or "0").replace(",", "."))
        micros = int((fraction * _MICROS).to_integral_value(rounding=ROUND_HALF_EVEN))
        return timedelta(days=days, seconds=whole, microseconds=micros)
    except (ValueError, OverflowError, InvalidOperation) as exc:
        raise _invalid_duration(text) from exc


def format_duration(value: timedelta) -> str:
    """Canonical ISO-8601 text: days, hours, minutes, seconds, zero parts left out.

    ``PT1H``, ``P60D``, ``PT30M``, ``PT1.5S``, ``P1DT2H``; zero is ``PT0S``. Years, months
    and weeks are written as days. ValueError for a negative duration.
    """
    if value < timedelta(0):
        raise ValueError("a duration cannot be negative")
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    date = f"{value.days}D" if value.days else ""
    time = ""
    if hours:
        time += f"{hours}H"
    if minutes:
        time += f"{minutes}M"
    if seconds or value.microseconds:
        fraction = f".{value.microseconds:06d}".rstrip("0") if value.microseconds else ""
        time += f"{seconds}{fraction}S"
    if not date and not time:
        return "PT0S"
    return f"P{date}" + (f"T{time}" if time else "")


# --- identifiers -------------------------------------------------------------------------

_BASE62 = string.digits + string.ascii_letters


def new_token_id() -> str:
    """22 characters of base62 from `secrets`: a token ``jti`` and its resource id."""
    return "".join(secrets.choice(_BASE62) for _ in range(22))
