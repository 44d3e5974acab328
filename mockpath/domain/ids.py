"""Identifier and timestamp factories (stormpath-api.md §1.3, §1.4)."""

from __future__ import annotations

import secrets
import string
from datetime import datetime, timezone

_BASE62 = string.digits + string.ascii_letters
_KEY_ID = string.ascii_uppercase + string.digits


def new_id() -> str:
    """A resource id: 22 characters of base62."""
    return "".join(secrets.choice(_BASE62) for _ in range(22))


def new_api_key_id() -> str:
    """An API key id: 25 upper-case alphanumerics."""
    return "".join(secrets.choice(_KEY_ID) for _ in range(25))


def new_api_key_secret() -> str:
    """An API key secret: 43 characters of standard base64 (may hold + and /)."""
    import base64

    return base64.b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")


def new_token() -> str:
    """An opaque token safe in paths and query strings ([A-Za-z0-9._-])."""
    return f"{secrets.token_urlsafe(12)}.{secrets.token_urlsafe(18)}"


def now() -> datetime:
    return datetime.now(timezone.utc)


def timestamp(moment: datetime | None = None) -> str:
    """ISO-8601 UTC with milliseconds and Z, the only timestamp form on the wire."""
    moment = moment or now()
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )
