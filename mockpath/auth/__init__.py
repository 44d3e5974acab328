"""Authenticating /v1 calls: pick the scheme, find the key, check it (stormpath-api.md §3).

Pure of any web framework: the caller hands in what arrived on the wire.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from mockpath.auth import sauthc1
from mockpath.auth.basic import parse_basic, secrets_match
from mockpath.domain.models import ACCOUNTS, ADMIN_DIRECTORY, DIRECTORIES, ENABLED, ApiKey
from mockpath.errors import AuthenticationRequired
from mockpath.store import Tx


@dataclass(frozen=True, slots=True)
class Caller:
    """Who made a request: the tenant and the API key that authenticated it."""

    tenant_id: str
    api_key: ApiKey


def _management_key(tx: Tx, key_id: str) -> ApiKey:
    """The key if it may authenticate management calls (§3.6), else 401.

    Only ENABLED keys of an account in the tenant's `Stormpath Administrators`
    directory qualify; end-user account keys do not.
    """
    key = tx.find_api_key(key_id)
    if key is None or key.status != ENABLED:
        raise AuthenticationRequired()
    account = tx.find(ACCOUNTS, key.tenant_id, key.account_id)
    if account is None or account.status != ENABLED:
        raise AuthenticationRequired()
    directory = tx.find(DIRECTORIES, key.tenant_id, account.directory_id)
    if directory is None or directory.name != ADMIN_DIRECTORY:
        raise AuthenticationRequired()
    return key


def authenticate(
    tx: Tx,
    request: sauthc1.SignedRequest,
    *,
    now: datetime,
    max_skew: timedelta | None,
) -> Caller:
    """The Caller for a request, or AuthenticationRequired (401)."""
    header = _header(request.headers, "authorization")
    if not header:
        raise AuthenticationRequired()
    credentials = sauthc1.parse_authorization(header)
    if credentials is not None:
        key = _management_key(tx, credentials.key_id)
        if not sauthc1.verify(request, credentials, key.secret, now=now, max_skew=max_skew):
            raise AuthenticationRequired()
        return Caller(key.tenant_id, key)
    pair = parse_basic(header)
    if pair is None:
        raise AuthenticationRequired()
    key = _management_key(tx, pair[0])
    if not secrets_match(pair[1], key.secret):
        raise AuthenticationRequired()
    return Caller(key.tenant_id, key)


def _header(headers: Sequence[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None
