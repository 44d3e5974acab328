"""OAuth 2.0 tokens of an application: the grants, validation, revocation and the OAuth
policy (stormpath-api.md §6.15, §6.16, §7.4, §7.5).

Tokens are HS256 JWTs with ``kid`` = the API key that asked for them, signed with that
key's secret; ``jti`` is the id of the ``/accessTokens/<jti>`` or ``/refreshTokens/<jti>``
resource stored next to it. A token is valid while its signature verifies, it has not
expired and its resource still exists (deleting it revokes it).

Decisions where the reference is silent:

* A refresh grant answers with a new access token that expires ``accessTokenTtl`` after
  issue, even if the refresh token expires sooner.
* ``stormpath_token`` JWTs are verified with a key of an account in the tenant's
  `Stormpath Administrators` directory: the one named by ``kid``, else by ``aud``, else
  the key that made the request. End-user keys never verify one, so the holder of an
  account key cannot mint a token for someone else.
"""

from __future__ import annotations

import hmac
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from mockpath.domain import tokens
from mockpath.domain.api_keys import account_in_application
from mockpath.domain.common import fetch, stamped, touched
from mockpath.domain.login import authenticate_login
from mockpath.domain.models import (
    ACCOUNTS,
    ADMIN_DIRECTORY,
    API_KEYS,
    APPLICATIONS,
    DIRECTORIES,
    DISABLED,
    ENABLED,
    OAUTH_TOKENS,
    POLICIES,
    UNVERIFIED,
    Account,
    ApiKey,
    OAuthToken,
    Policy,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.policies import OAUTH_POLICY, get_policy
from mockpath.errors import (
    AccountDisabled,
    AccountUnverified,
    ApiKeyInvalid,
    ApplicationDisabled,
    GrantTypeMissing,
    InvalidValue,
    NotFound,
    OAuthError,
    OAuthParameterRequired,
    StormpathError,
    TokenAccountDisabled,
    TokenAccountNotMapped,
    TokenApplicationDisabled,
    TokenExpired,
    TokenInvalid,
    TokenNotFound,
    TokenStatusInvalid,
    TokenWrongApplication,
    UnsupportedGrantType,
)
from mockpath.hrefs import path_of, split_path
from mockpath.store import Tx, Where

ACCESS = "access"
REFRESH = "refresh"
MAX_TTL = timedelta(days=3650)
AUTHENTICATED_STATUSES = ("AUTHENTICATED", "REGISTERED")


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who asks for tokens and when: the request's API key, its href builder and clock."""

    api_key: ApiKey
    href: Callable[[str], str]
    now: float


@dataclass(frozen=True, slots=True)
class Issued:
    """The outcome of a grant: what the token response describes."""

    access: OAuthToken
    refresh: OAuthToken | None
    expires_in: int


# --- the OAuth policy ------------------------------------------------------------------


def _seconds(value: timedelta) -> int:
    return math.ceil(value.total_seconds())


def token_ttls(tx: Tx, tenant_id: str, application_id: str) -> tuple[int, int]:
    """(access, refresh) lifetimes in seconds; refresh 0 means no refresh tokens."""
    data = get_policy(tx, tenant_id, OAUTH_POLICY, application_id).data
    access = tokens.parse_duration(str(data.get("accessTokenTtl", "PT1H")))
    refresh = tokens.parse_duration(str(data.get("refreshTokenTtl", "P60D")))
    return max(1, _seconds(access)), _seconds(refresh)


def _ttl(body: Mapping[str, object], name: str, *, allow_zero: bool) -> str:
    value = body[name]
    if not isinstance(value, str):
        raise InvalidValue(f"The {name} property value must be an ISO-8601 duration.")
    duration = tokens.parse_duration(value)
    if duration > MAX_TTL or (not allow_zero and duration < timedelta(seconds=1)):
        lowest = "PT0S" if allow_zero else "PT1S"
        raise InvalidValue(f"The {name} property value must be between {lowest} and P10Y.")
    return tokens.format_duration(duration)


def update_oauth_policy(
    tx: Tx, tenant_id: str, application_id: str, body: Mapping[str, object]
) -> Policy:
    """Change the TTLs; each is written back in canonical form (``PT30M``, ``P7D``)."""
    policy = get_policy(tx, tenant_id, OAUTH_POLICY, application_id)
    data = dict(policy.data)
    if body.get("accessTokenTtl") is not None:
        data["accessTokenTtl"] = _ttl(body, "accessTokenTtl", allow_zero=False)
    if body.get("refreshTokenTtl") is not None:
        data["refreshTokenTtl"] = _ttl(body, "refreshTokenTtl", allow_zero=True)
    return tx.update(POLICIES, tenant_id, policy.id, {"data": data, **touched()})


# --- minting ---------------------------------------------------------------------------


def _mint(
    tx: Tx,
    issuer: Issuer,
    kind: str,
    application_id: str,
    account_id: str,
    ttl: int,
    refresh_id: str | None = None,
) -> OAuthToken:
    jti = tokens.new_token_id()
    iat = int(issuer.now)
    claims: dict[str, object] = {
        "jti": jti,
        "iat": iat,
        "iss": issuer.href(f"/applications/{application_id}"),
        "sub": issuer.href(f"/accounts/{account_id}"),
        "exp": iat + ttl,
    }
    if refresh_id is not None:
        claims["rti"] = refresh_id
    key = issuer.api_key
    jwt = tokens.encode_jwt(claims, key.secret, kid=key.id, extra_header={"stt": kind})
    record = OAuthToken(
        id=jti,
        tenant_id=key.tenant_id,
        kind=kind,
        application_id=application_id,
        account_id=account_id,
        api_key_id=key.id,
        jwt=jwt,
        refresh_id=refresh_id,
        expires_at=float(iat + ttl),
        **stamped(),
    )
    return tx.insert(OAUTH_TOKENS, record)


def issue_tokens(
    tx: Tx,
    issuer: Issuer,
    application_id: str,
    account_id: str,
    *,
    refresh: OAuthToken | None = None,
    with_refresh: bool = True,
) -> Issued:
    """An access token, with a new refresh token unless the policy disables them,
    `with_refresh` is False or an existing `refresh` token is being used."""
    access_ttl, refresh_ttl = token_ttls(tx, issuer.api_key.tenant_id, application_id)
    if refresh is None and with_refresh and refresh_ttl > 0:
        refresh = _mint(tx, issuer, REFRESH, application_id, account_id, refresh_ttl)
    refresh_id = refresh.id if refresh is not None else None
    access = _mint(tx, issuer, ACCESS, application_id, account_id, access_ttl, refresh_id)
    return Issued(access, refresh, access_ttl)


# --- verifying -------------------------------------------------------------------------


def stored_token(tx: Tx, tenant_id: str, kind: str, jwt: str, now: float) -> OAuthToken:
    """The live token resource of a JWT this tenant issued.

    10017 when malformed or the signature fails with the ``kid`` key's secret, 10011 when
    expired, 10013 when its resource is gone (revoked) or of the other kind.
    """
    parsed = tokens.parse_jwt(jwt)
    kid = parsed.header.get("kid")
    key = tx.find(API_KEYS, tenant_id, kid) if isinstance(kid, str) else None
    if key is None:
        raise TokenInvalid()
    tokens.verify_jwt(jwt, key.secret, now=now)
    jti = parsed.claims.get("jti")
    record = tx.find(OAUTH_TOKENS, tenant_id, jti) if isinstance(jti, str) else None
    if record is None or record.kind != kind or record.jwt != jwt:
        raise TokenNotFound()
    if record.expires_at <= now:
        raise TokenExpired()
    return record


def validate_access_token(
    tx: Tx, tenant_id: str, application_id: str, jwt: str, now: float
) -> OAuthToken:
    """The access token behind ``/applications/<id>/authTokens/<jwt>`` (§7.5).

    Errors: 10017, 10011, 404/10013 (revoked or unknown), 10014 (another application),
    10015 (application disabled), 10010 (account disabled), 10016 (account unmapped).
    """
    application = fetch(tx, APPLICATIONS, tenant_id, application_id)
    try:
        record = stored_token(tx, tenant_id, ACCESS, jwt, now)
    except TokenNotFound:
        raise TokenNotFound(status=404) from None
    if record.application_id != application_id:
        raise TokenWrongApplication()
    if application.status != ENABLED:
        raise TokenApplicationDisabled()
    account = tx.find(ACCOUNTS, tenant_id, record.account_id)
    if account is None:
        raise TokenNotFound(status=404)
    if account.status != ENABLED:
        raise TokenAccountDisabled()
    if not account_in_application(tx, tenant_id, application_id, account.id):
        raise TokenAccountNotMapped()
    return record


# --- grants ----------------------------------------------------------------------------


def _param(params: Mapping[str, str], name: str) -> str:
    value = params.get(name, "")
    if not value.strip():
        raise OAuthParameterRequired(name)
    return value


def _grant_error(error: StormpathError) -> OAuthError:
    """A login failure as the token endpoint reports it: same status, code and texts."""
    oauth_error = "invalid_request" if 2000 <= error.error_code < 3000 else "invalid_grant"
    return OAuthError(
        error.user_text,
        error.developer_text,
        oauth_error=oauth_error,
        status=error.http_status,
        code=error.error_code,
    )


def _login_account(tx: Tx, tenant_id: str, application_id: str, account: Account) -> None:
    """The checks a login makes on an account already identified by a token."""
    if account.status == DISABLED:
        raise _grant_error(AccountDisabled())
    if account.status == UNVERIFIED:
        raise _grant_error(AccountUnverified())
    if not account_in_application(tx, tenant_id, application_id, account.id):
        raise TokenAccountNotMapped()


def _password_grant(
    tx: Tx, hasher: PasswordHasher, tenant_id: str, application_id: str, p: Mapping[str, str]
) -> Account:
    username = p.get("username") or p.get("login") or ""
    if not username.strip():
        raise OAuthParameterRequired("username")
    password = _param(p, "password")
    store = p.get("accountStore") or None
    try:
        return authenticate_login(
            tx, hasher, tenant_id, application_id, username, password, account_store=store
        )
    except OAuthError:
        raise
    except NotFound:
        raise
    except StormpathError as exc:
        raise _grant_error(exc) from None


def _client_credentials(
    tx: Tx, tenant_id: str, application_id: str, p: Mapping[str, str]
) -> Account:
    key_id, secret = _param(p, "client_id"), _param(p, "client_secret")
    key = tx.find(API_KEYS, tenant_id, key_id)
    if key is None or key.status != ENABLED:
        raise ApiKeyInvalid()
    if not hmac.compare_digest(key.secret.encode("utf-8"), secret.encode("utf-8")):
        raise ApiKeyInvalid()
    account = tx.find(ACCOUNTS, tenant_id, key.account_id)
    if account is None or account.status != ENABLED:
        raise ApiKeyInvalid()
    if not account_in_application(tx, tenant_id, application_id, account.id):
        raise ApiKeyInvalid()
    return account


def _admin_key(tx: Tx, tenant_id: str, key_id: object) -> ApiKey | None:
    key = tx.find(API_KEYS, tenant_id, key_id) if isinstance(key_id, str) else None
    if key is None:
        return None
    account = tx.find(ACCOUNTS, tenant_id, key.account_id)
    if account is None:
        return None
    directory = tx.find(DIRECTORIES, tenant_id, account.directory_id)
    return key if directory is not None and directory.name == ADMIN_DIRECTORY else None


def _stormpath_token(
    tx: Tx, issuer: Issuer, tenant_id: str, application_id: str, p: Mapping[str, str]
) -> Account:
    jwt = _param(p, "token")
    parsed = tokens.parse_jwt(jwt)
    if "kid" in parsed.header:
        key = _admin_key(tx, tenant_id, parsed.header["kid"])
    else:
        key = _admin_key(tx, tenant_id, parsed.claims.get("aud")) or issuer.api_key
    if key is None:
        raise TokenInvalid()
    claims = tokens.verify_jwt(jwt, key.secret, now=issuer.now).claims
    if claims.get("status") not in AUTHENTICATED_STATUSES:
        raise TokenStatusInvalid()
    sub = claims.get("sub")
    path = path_of(sub) if isinstance(sub, str) else None
    parts = split_path(path) if path else None
    account = tx.find(ACCOUNTS, tenant_id, parts[1]) if parts and parts[0] == "accounts" else None
    if account is None:
        raise TokenInvalid(developer_message="The token's sub is not an account of this tenant.")
    _login_account(tx, tenant_id, application_id, account)
    return account


def _refresh_grant(
    tx: Tx, issuer: Issuer, tenant_id: str, application_id: str, p: Mapping[str, str]
) -> Issued:
    refresh = stored_token(tx, tenant_id, REFRESH, _param(p, "refresh_token"), issuer.now)
    if refresh.application_id != application_id:
        raise TokenWrongApplication()
    account = fetch(tx, ACCOUNTS, tenant_id, refresh.account_id)
    _login_account(tx, tenant_id, application_id, account)
    return issue_tokens(tx, issuer, application_id, account.id, refresh=refresh)


def exchange(
    tx: Tx,
    hasher: PasswordHasher,
    issuer: Issuer,
    application_id: str,
    params: Mapping[str, str],
) -> Issued:
    """Run the grant named by ``grant_type`` (§7.4) and store the tokens it yields."""
    tenant_id = issuer.api_key.tenant_id
    application = fetch(tx, APPLICATIONS, tenant_id, application_id)
    grant = params.get("grant_type", "").strip()
    if not grant:
        raise GrantTypeMissing()
    if grant == "password":
        account = _password_grant(tx, hasher, tenant_id, application_id, params)
        return issue_tokens(tx, issuer, application_id, account.id)
    if grant not in ("refresh_token", "client_credentials", "stormpath_token", "id_site_token"):
        raise UnsupportedGrantType()
    if application.status != ENABLED:
        raise _grant_error(ApplicationDisabled())
    if grant == "refresh_token":
        return _refresh_grant(tx, issuer, tenant_id, application_id, params)
    if grant == "client_credentials":
        account = _client_credentials(tx, tenant_id, application_id, params)
        return issue_tokens(tx, issuer, application_id, account.id, with_refresh=False)
    account = _stormpath_token(tx, issuer, tenant_id, application_id, params)
    return issue_tokens(tx, issuer, application_id, account.id)


# --- reading and revoking ----------------------------------------------------------------


def live_token(tx: Tx, tenant_id: str, kind: str, jti: str, now: float) -> OAuthToken:
    """The unexpired token resource, or 404."""
    record = tx.find(OAUTH_TOKENS, tenant_id, jti)
    if record is None or record.kind != kind or record.expires_at <= now:
        raise NotFound()
    return record


def revoke_token(tx: Tx, tenant_id: str, kind: str, jti: str, now: float) -> None:
    """Delete the token; a refresh token takes the access tokens minted from it along."""
    live_token(tx, tenant_id, kind, jti, now)
    if kind == REFRESH:
        tx.delete_where(OAUTH_TOKENS, tenant_id, Where.of(kind=ACCESS, refresh_id=jti))
    tx.delete(OAUTH_TOKENS, tenant_id, jti)


def account_tokens(
    tx: Tx,
    tenant_id: str,
    account_id: str,
    kind: str,
    application_id: str | None,
    now: float,
) -> list[OAuthToken]:
    """The account's unexpired tokens of one kind, optionally of one application."""
    fetch(tx, ACCOUNTS, tenant_id, account_id)
    scope = Where.of(account_id=account_id, kind=kind)
    if application_id is not None:
        scope = Where.of(account_id=account_id, kind=kind, application_id=application_id)
    return [t for t in tx.select(OAUTH_TOKENS, tenant_id, scope).items if t.expires_at > now]
