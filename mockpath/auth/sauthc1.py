"""Stormpath SAuthc1 request signatures (as made by the Python SDK 2.5.5): parse, verify, sign.

Verification rebuilds the canonical request from what was received: raw path and query,
header values and body bytes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

ALGORITHM = "HMAC-SHA-256"
ID_TERMINATOR = "sauthc1_request"
DATE_HEADER = "X-Stormpath-Date"
TIMESTAMP_FORMAT = "%Y%m%dT%H%M%SZ"
DATESTAMP_FORMAT = "%Y%m%d"
UNSIGNED_HEADERS = frozenset({"content-length", "connection"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

_AUTHORIZATION_RE = re.compile(
    r"SAuthc1 sauthc1Id=([^,]+), sauthc1SignedHeaders=([^,]+), sauthc1Signature=([0-9a-f]{64})"
)
_HEADER_NAME_RE = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+")


@dataclass(frozen=True, slots=True)
class SignedRequest:
    method: str
    raw_path: str
    raw_query: str
    headers: Sequence[tuple[str, str]]
    body: bytes


@dataclass(frozen=True, slots=True)
class Sauthc1Credentials:
    key_id: str
    datestamp: str
    nonce: str
    signed_headers: tuple[str, ...]
    signature: str


def parse_authorization(value: str) -> Sauthc1Credentials | None:
    """Parse an ``Authorization`` header value; None unless it is a well-formed SAuthc1 one."""
    match = _AUTHORIZATION_RE.fullmatch(value)
    if match is None:
        return None
    sauthc1_id, signed, digest = match.groups()
    parts = sauthc1_id.split("/")
    if len(parts) != 4 or parts[3] != ID_TERMINATOR or not all(parts[:3]):
        return None
    names = tuple(name.lower() for name in signed.split(";"))
    if not all(_HEADER_NAME_RE.fullmatch(name) for name in names):
        return None
    return Sauthc1Credentials(parts[0], parts[1], parts[2], names, digest)


def _encode(value: str) -> str:
    return value.replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def canonical_path(raw_path: str) -> str:
    return _encode(raw_path) if raw_path else "/"


def canonical_query(raw_query: str) -> str:
    return _encode("&".join(sorted(raw_query.split("&")))) if raw_query else ""


def canonical_request(
    method: str,
    raw_path: str,
    raw_query: str,
    headers: Sequence[tuple[str, str]],
    body: bytes,
) -> str:
    """``headers`` are the signed (name, value) pairs in signing order."""
    lines = "".join(f"{name.lower()}:{value}\n" for name, value in headers)
    names = ";".join(name.lower() for name, _ in headers)
    path, query = canonical_path(raw_path), canonical_query(raw_query)
    return "\n".join([method, path, query, lines, names, hashlib.sha256(body).hexdigest()])


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def signing_key(secret: str, datestamp: str, nonce: str) -> bytes:
    k_date = _hmac(("SAuthc1" + secret).encode("utf-8"), datestamp)
    return _hmac(_hmac(k_date, nonce), ID_TERMINATOR)


def string_to_sign(timestamp: str, sauthc1_id: str, canonical: str) -> str:
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return "\n".join([ALGORITHM, timestamp, sauthc1_id, digest])


def signature(
    secret: str, timestamp: str, key_id: str, datestamp: str, nonce: str, canonical: str
) -> str:
    sauthc1_id = f"{key_id}/{datestamp}/{nonce}/{ID_TERMINATOR}"
    message = string_to_sign(timestamp, sauthc1_id, canonical)
    return hmac.new(
        signing_key(secret, datestamp, nonce), message.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _single_header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    """The value of header ``name``; None when it is absent or sent more than once."""
    values = [value for key, value in headers if key.lower() == name]
    return values[0] if len(values) == 1 else None


def _as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def verify(
    request: SignedRequest,
    credentials: Sauthc1Credentials,
    secret: str,
    *,
    now: datetime,
    max_skew: timedelta | None = timedelta(minutes=15),
) -> bool:
    """True when ``credentials`` carry a valid signature of ``request`` (naive ``now`` = UTC)."""
    timestamp = _single_header(request.headers, DATE_HEADER.lower())
    if timestamp is None:
        return False
    try:
        signed_at = datetime.strptime(timestamp, TIMESTAMP_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return False
    if signed_at.strftime(TIMESTAMP_FORMAT) != timestamp:
        return False
    if timestamp[:8] != credentials.datestamp:
        return False
    if max_skew is not None and abs(_as_utc(now) - signed_at) > max_skew:
        return False
    signed: list[tuple[str, str]] = []
    for name in credentials.signed_headers:
        value = _single_header(request.headers, name.lower())
        if value is None:
            return False
        signed.append((name, value))
    canonical = canonical_request(
        request.method, request.raw_path, request.raw_query, signed, request.body
    )
    key_id, datestamp, nonce = credentials.key_id, credentials.datestamp, credentials.nonce
    expected = signature(secret, timestamp, key_id, datestamp, nonce, canonical)
    return hmac.compare_digest(expected.encode("utf-8"), credentials.signature.encode("utf-8"))


def sign(
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    key_id: str,
    secret: str,
    now: datetime,
    nonce: str,
) -> dict[str, str]:
    """Sign a request as the Python SDK does; returns ``headers`` plus the headers it adds."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = parts.netloc.rpartition("@")[2]
    moment = _as_utc(now)
    timestamp = moment.strftime(TIMESTAMP_FORMAT)
    datestamp = moment.strftime(DATESTAMP_FORMAT)
    replaced = {"host", DATE_HEADER.lower(), "authorization"}
    out = {name: value for name, value in headers.items() if name.lower() not in replaced}
    out["Host"] = host
    out[DATE_HEADER] = timestamp
    signed = sorted(
        (name, value) for name, value in out.items() if name.lower() not in UNSIGNED_HEADERS
    )
    canonical = canonical_request(method, parts.path, parts.query, signed, body)
    digest = signature(secret, timestamp, key_id, datestamp, nonce, canonical)
    out["Authorization"] = (
        f"SAuthc1 sauthc1Id={key_id}/{datestamp}/{nonce}/{ID_TERMINATOR}, "
        f"sauthc1SignedHeaders={';'.join(name.lower() for name, _ in signed)}, "
        f"sauthc1Signature={digest}"
    )
    return out
