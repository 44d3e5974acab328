"""HTTP Basic with an API key pair (stormpath-api.md §3.1)."""

from __future__ import annotations

import base64
import hmac


def parse_basic(value: str) -> tuple[str, str] | None:
    """(key id, secret) from `Basic base64(id:secret)`, or None when malformed."""
    scheme, _, encoded = value.partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except ValueError:  # binascii.Error, UnicodeDecodeError, and non-ASCII header text
        return None
    key_id, colon, secret = decoded.partition(":")
    if not colon or not key_id:
        return None
    return key_id, secret


def secrets_match(given: str, stored: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), stored.encode("utf-8"))
