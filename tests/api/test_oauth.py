"""The OAuth token endpoint and the token resources over HTTP (stormpath-api.md §6.15,
§6.16, §7.4, §7.5)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import pytest

from mockpath.domain import tokens

PASSWORD = "Passw0rdXYZ"
INVALID_LOGIN = "Invalid username or password."


def _token(api: httpx.Client, app_id: str, **params: str) -> httpx.Response:
    return api.post(f"/applications/{app_id}/oauth/token", data=params)


def _new_account(api: httpx.Client, store: str, email: str, **extra: Any) -> dict[str, Any]:
    body = {"givenName": "Jane", "surname": "Doe", "email": email, "password": PASSWORD}
    response = api.post(f"{store}/accounts", json={**body, **extra})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def user(api: httpx.Client, tenant) -> dict[str, Any]:
    """An enabled account of the "Flask Test" application."""
    return _new_account(api, f"/applications/{tenant.application_id}", "jane@example.com")


@pytest.fixture
def grant(api: httpx.Client, tenant, user) -> dict[str, Any]:
    """A password-grant token response for `user`."""
    response = _token(
        api, tenant.application_id, grant_type="password", username=user["email"], password=PASSWORD
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def _claims(jwt: str) -> dict[str, Any]:
    return dict(tokens.parse_jwt(jwt).claims)


def _signed(secret: str, claims: dict[str, Any], **header: Any) -> str:
    kid = header.pop("kid", None)
    return tokens.encode_jwt(claims, secret, kid=kid, extra_header=header or None)


def _error(response: httpx.Response, status: int, code: int, error: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = dict(response.json())
    assert (body["status"], body["code"], body["error"]) == (status, code, error)
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    return body


# --- password grant --------------------------------------------------------------------


def test_password_grant_response_and_jwts(api, tenant, user, grant) -> None:
    assert set(grant) == {
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
        "stormpath_access_token_href",
    }
    assert grant["token_type"] == "Bearer"
    assert grant["expires_in"] == 3600
    now = time.time()
    access = tokens.verify_jwt(grant["access_token"], tenant.api_key_secret, now=now)
    refresh = tokens.verify_jwt(grant["refresh_token"], tenant.api_key_secret, now=now)
    assert access.header == {"kid": tenant.api_key_id, "stt": "access", "alg": "HS256"}
    assert refresh.header == {"kid": tenant.api_key_id, "stt": "refresh", "alg": "HS256"}
    a, r = access.claims, refresh.claims
    assert list(a) == ["jti", "iat", "iss", "sub", "exp", "rti"]
    assert list(r) == ["jti", "iat", "iss", "sub", "exp"]
    assert isinstance(a["iat"], int) and abs(a["iat"] - now) < 60
    assert a["exp"] - a["iat"] == 3600
    assert r["exp"] - r["iat"] == 60 * 86400
    assert a["iss"] == r["iss"] == tenant.application_href
    assert a["sub"] == r["sub"] == user["href"]
    assert a["rti"] == r["jti"]
    assert grant["stormpath_access_token_href"].endswith(f"/accessTokens/{a['jti']}")
    with pytest.raises(Exception, match="signature"):
        tokens.verify_jwt(grant["access_token"], tenant.api_key_secret + "x", now=now)


def test_password_grant_as_express_sends_it(api, tenant, user) -> None:
    body = f"login=jane%40example.com&password={PASSWORD}&username=jane%40example.com"
    response = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        content=body + "&grant_type=password",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert _claims(response.json()["access_token"])["sub"] == user["href"]


def test_a_form_body_labelled_as_json_is_read_as_a_form(api, tenant, user) -> None:
    body = f"grant_type=password&username=jane%40example.com&password={PASSWORD}"
    response = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200
    assert _claims(response.json()["access_token"])["sub"] == user["href"]


def test_parameters_may_come_in_the_query_string(api, tenant, user) -> None:
    params = {"grant_type": "password", "username": user["email"], "password": PASSWORD}
    response = api.post(f"/applications/{tenant.application_id}/oauth/token", params=params)
    assert response.status_code == 200


def test_password_grant_with_an_account_store(api, tenant, user) -> None:
    common = {"grant_type": "password", "username": user["email"], "password": PASSWORD}
    good = _token(api, tenant.application_id, **common, accountStore=tenant.directory_href)
    assert good.status_code == 200
    directory = api.post("/directories", json={"name": "Unmapped"}).json()
    bad = _token(api, tenant.application_id, **common, accountStore=directory["href"])
    _error(bad, 400, 2014, "invalid_request")


def test_tokens_are_stored_as_resources(api, tenant, user, grant) -> None:
    access, refresh = _claims(grant["access_token"]), _claims(grant["refresh_token"])
    resource = api.get(grant["stormpath_access_token_href"])
    assert resource.status_code == 200
    doc = resource.json()
    assert doc["jwt"] == grant["access_token"]
    assert doc["expandedJwt"]["claims"] == access
    assert doc["expandedJwt"]["header"]["stt"] == "access"
    assert doc["account"] == {"href": user["href"]}
    assert doc["application"] == {"href": tenant.application_href}
    assert doc["tenant"] == {"href": tenant.href}
    refresh_doc = api.get(f"/refreshTokens/{refresh['jti']}").json()
    assert refresh_doc["jwt"] == grant["refresh_token"]
    # an access token is not a refresh token and the other way round
    assert api.get(f"/refreshTokens/{access['jti']}").status_code == 404
    assert api.get(f"/accessTokens/{refresh['jti']}").status_code == 404


def test_zero_refresh_ttl_gives_no_refresh_token(api, tenant, user) -> None:
    policy = api.post(f"/oAuthPolicies/{tenant.application_id}", json={"refreshTokenTtl": "PT0M"})
    assert policy.json()["refreshTokenTtl"] == "PT0S"
    response = _token(
        api, tenant.application_id, grant_type="password", username=user["email"], password=PASSWORD
    )
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    assert "rti" not in _claims(response.json()["access_token"])


def test_access_ttl_follows_the_policy(api, tenant, user) -> None:
    api.post(f"/oAuthPolicies/{tenant.application_id}", json={"accessTokenTtl": "PT30M"})
    response = _token(
        api, tenant.application_id, grant_type="password", username=user["email"], password=PASSWORD
    )
    assert response.json()["expires_in"] == 1800
    claims = _claims(response.json()["access_token"])
    assert claims["exp"] - claims["iat"] == 1800


# --- refresh grant ---------------------------------------------------------------------


def test_refresh_grant_returns_the_same_refresh_token(api, tenant, grant) -> None:
    response = _token(
        api, tenant.application_id, grant_type="refresh_token", refresh_token=grant["refresh_token"]
    )
    assert response.status_code == 200
    body = response.json()
    assert body["refresh_token"] == grant["refresh_token"]
    assert body["access_token"] != grant["access_token"]
    claims = tokens.verify_jwt(body["access_token"], tenant.api_key_secret, now=time.time()).claims
    assert claims["rti"] == _claims(grant["refresh_token"])["jti"]
    assert api.get(body["stormpath_access_token_href"]).status_code == 200


def test_refresh_grant_in_the_query_string(api, tenant, grant) -> None:
    params = {"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]}
    response = api.post(f"/applications/{tenant.application_id}/oauth/token", params=params)
    assert response.status_code == 200
    assert response.json()["refresh_token"] == grant["refresh_token"]


def test_refresh_grant_still_answers_refresh_token_when_ttl_became_zero(api, tenant, grant) -> None:
    api.post(f"/oAuthPolicies/{tenant.application_id}", json={"refreshTokenTtl": "PT0S"})
    response = _token(
        api, tenant.application_id, grant_type="refresh_token", refresh_token=grant["refresh_token"]
    )
    assert response.json()["refresh_token"] == grant["refresh_token"]


def test_revoked_refresh_token_is_refused(api, tenant, grant) -> None:
    rjti = _claims(grant["refresh_token"])["jti"]
    assert api.delete(f"/refreshTokens/{rjti}").status_code == 204
    response = _token(
        api, tenant.application_id, grant_type="refresh_token", refresh_token=grant["refresh_token"]
    )
    _error(response, 400, 10013, "invalid_grant")


def _forged_refresh(tenant, user, **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "jti": "NoSuchTokenId000000000",
        "iat": now,
        "iss": tenant.application_href,
        "sub": user["href"],
        "exp": now + 3600,
        **changes,
    }
    return _signed(tenant.api_key_secret, claims, kid=tenant.api_key_id, stt="refresh")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda t, u, g: _forged_refresh(t, u), 10013),
        (lambda t, u, g: _forged_refresh(t, u, exp=int(time.time()) - 10), 10011),
        (lambda t, u, g: g["refresh_token"][:-3] + "abc", 10017),
        (lambda t, u, g: g["access_token"], 10013),
        (lambda t, u, g: "not.a.jwt", 10017),
        (lambda t, u, g: "garbage", 10017),
        (lambda t, u, g: _signed("wrong", _claims(g["refresh_token"]), kid=t.api_key_id), 10017),
        (lambda t, u, g: _signed(t.api_key_secret, _claims(g["refresh_token"])), 10017),
    ],
    ids=[
        "unknown",
        "expired",
        "bad-signature",
        "access-token",
        "not-json",
        "one-part",
        "wrong-secret",
        "no-kid",
    ],
)
def test_bad_refresh_tokens(api, tenant, user, grant, make, code) -> None:
    response = _token(
        api,
        tenant.application_id,
        grant_type="refresh_token",
        refresh_token=make(tenant, user, grant),
    )
    _error(response, 400, code, "invalid_grant")


def test_refresh_token_of_another_application_is_refused(api, tenant, user) -> None:
    other = api.post("/applications", json={"name": "Other"}).json()
    other_id = other["href"].rsplit("/", 1)[1]
    api.post(
        "/accountStoreMappings",
        json={
            "application": {"href": other["href"]},
            "accountStore": {"href": tenant.directory_href},
        },
    )
    issued = _token(
        api, other_id, grant_type="password", username=user["email"], password=PASSWORD
    ).json()
    response = _token(
        api,
        tenant.application_id,
        grant_type="refresh_token",
        refresh_token=issued["refresh_token"],
    )
    _error(response, 400, 10014, "invalid_grant")


def test_refresh_for_a_disabled_account_is_refused(api, tenant, user, grant) -> None:
    api.post(user["href"], json={"status": "DISABLED"})
    response = _token(
        api, tenant.application_id, grant_type="refresh_token", refresh_token=grant["refresh_token"]
    )
    _error(response, 400, 7101, "invalid_grant")


# --- client credentials ----------------------------------------------------------------


@pytest.fixture
def user_key(api, user) -> dict[str, Any]:
    return dict(api.post(f"{user['href']}/apiKeys").json())


def test_client_credentials_give_an_access_token_only(api, tenant, user, user_key) -> None:
    response = _token(
        api,
        tenant.application_id,
        grant_type="client_credentials",
        client_id=user_key["id"],
        client_secret=user_key["secret"],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "refresh_token" not in body
    assert body["token_type"] == "Bearer"
    jwt = tokens.verify_jwt(body["access_token"], tenant.api_key_secret, now=time.time())
    assert jwt.header["kid"] == tenant.api_key_id
    assert jwt.claims["sub"] == user["href"]
    assert "rti" not in jwt.claims


@pytest.mark.parametrize(
    "case", ["wrong-secret", "unknown-key", "disabled-key", "disabled-account"]
)
def test_bad_client_credentials(api, tenant, user, user_key, case) -> None:
    key_id, secret = user_key["id"], user_key["secret"]
    if case == "wrong-secret":
        secret = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    elif case == "unknown-key":
        key_id = "NOSUCHKEY0000000000000000"
    elif case == "disabled-key":
        api.post(user_key["href"], json={"status": "DISABLED"})
    else:
        api.post(user["href"], json={"status": "DISABLED"})
    response = _token(
        api,
        tenant.application_id,
        grant_type="client_credentials",
        client_id=key_id,
        client_secret=secret,
    )
    body = _error(response, 400, 10019, "invalid_client")
    assert body["message"] == (
        "API Key Authentication failed because the API key or secret submitted is invalid."
    )


def test_client_credentials_of_an_account_outside_the_application(api, tenant) -> None:
    directory = api.post("/directories", json={"name": "Elsewhere"}).json()
    stranger = _new_account(api, directory["href"], "stranger@example.com")
    key = api.post(f"{stranger['href']}/apiKeys").json()
    response = _token(
        api,
        tenant.application_id,
        grant_type="client_credentials",
        client_id=key["id"],
        client_secret=key["secret"],
    )
    _error(response, 400, 10019, "invalid_client")


# --- stormpath_token / id_site_token ---------------------------------------------------


def _assertion(tenant, user, **changes: Any) -> dict[str, Any]:
    now = time.time()
    return {
        "sub": user["href"],
        "iat": now,  # fractional, as Node writes it
        "iss": tenant.application_href,
        "status": "AUTHENTICATED",
        "aud": tenant.api_key_id,
        "jti": str(uuid.uuid4()),
        "exp": now + 60,
        **changes,
    }


@pytest.mark.parametrize("grant_type", ["stormpath_token", "id_site_token"])
@pytest.mark.parametrize("status", ["AUTHENTICATED", "REGISTERED"])
def test_stormpath_token_grant(api, tenant, user, grant_type, status) -> None:
    token = _signed(tenant.api_key_secret, _assertion(tenant, user, status=status), typ="JWT")
    assert "kid" not in tokens.parse_jwt(token).header
    response = _token(api, tenant.application_id, grant_type=grant_type, token=token)
    assert response.status_code == 200, response.text
    body = response.json()
    assert _claims(body["access_token"])["sub"] == user["href"]
    assert _claims(body["refresh_token"])["sub"] == user["href"]


def test_stormpath_token_with_the_tenant_kid(api, tenant, user) -> None:
    token = _signed(tenant.api_key_secret, _assertion(tenant, user), kid=tenant.api_key_id)
    assert _token(api, tenant.application_id, grant_type="stormpath_token", token=token).is_success


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("wrong-secret", 10017),
        ("expired", 10011),
        ("logged-out", 12002),
        ("no-status", 12002),
        ("unknown-account", 10017),
        ("end-user-key", 10017),
    ],
)
def test_bad_stormpath_tokens(api, tenant, user, user_key, case, code) -> None:
    secret, header = tenant.api_key_secret, {"typ": "JWT"}
    claims = _assertion(tenant, user)
    if case == "wrong-secret":
        secret = "not the tenant secret"
    elif case == "expired":
        claims["exp"] = time.time() - 1
    elif case == "logged-out":
        claims["status"] = "LOGOUT"
    elif case == "no-status":
        del claims["status"]
    elif case == "unknown-account":
        claims["sub"] = user["href"].rsplit("/", 1)[0] + "/NoSuchAccount000000000"
    else:  # an end user's key cannot vouch for anyone
        secret, header = user_key["secret"], {"kid": user_key["id"]}
    token = _signed(secret, claims, **header)
    response = _token(api, tenant.application_id, grant_type="stormpath_token", token=token)
    _error(response, 400, code, "invalid_grant")


def test_stormpath_token_for_a_disabled_account(api, tenant, user) -> None:
    api.post(user["href"], json={"status": "DISABLED"})
    token = _signed(tenant.api_key_secret, _assertion(tenant, user))
    response = _token(api, tenant.application_id, grant_type="stormpath_token", token=token)
    _error(response, 400, 7101, "invalid_grant")


# --- request errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code", "error", "message"),
    [
        ({}, 400, "invalid_request", None),
        ({"grant_type": "magic"}, 400, "unsupported_grant_type", None),
        (
            {"grant_type": "password", "password": PASSWORD},
            2000,
            "invalid_request",
            "username parameter is required; it cannot be null, empty, or blank.",
        ),
        (
            {"grant_type": "password", "username": "jane@example.com"},
            2000,
            "invalid_request",
            "password parameter is required; it cannot be null, empty, or blank.",
        ),
        (
            {"grant_type": "stormpath_token"},
            2000,
            "invalid_request",
            "token parameter is required; it cannot be null, empty, or blank.",
        ),
        ({"grant_type": "refresh_token"}, 2000, "invalid_request", None),
        ({"grant_type": "client_credentials"}, 2000, "invalid_request", None),
        (
            {"grant_type": "password", "username": "jane@example.com", "password": "Wr0ngPass"},
            7100,
            "invalid_grant",
            INVALID_LOGIN,
        ),
        (
            {"grant_type": "password", "username": "nobody@example.com", "password": PASSWORD},
            7104,
            "invalid_grant",
            INVALID_LOGIN,
        ),
    ],
    ids=[
        "no-grant",
        "unknown-grant",
        "no-username",
        "no-password",
        "no-token",
        "no-refresh",
        "no-client",
        "wrong-password",
        "no-such-account",
    ],
)
def test_token_request_errors(api, tenant, user, params, code, error, message) -> None:
    body = _error(_token(api, tenant.application_id, **params), 400, code, error)
    if message is not None:
        assert body["message"] == message


@pytest.mark.parametrize(
    ("status", "code", "message"),
    [
        ("DISABLED", 7101, "Login attempt failed because the Account is disabled."),
        ("UNVERIFIED", 7102, "Login attempt failed because the Account is not verified."),
    ],
)
def test_password_grant_for_inactive_accounts(api, tenant, user, status, code, message) -> None:
    api.post(user["href"], json={"status": status})
    response = _token(
        api, tenant.application_id, grant_type="password", username=user["email"], password=PASSWORD
    )
    assert _error(response, 400, code, "invalid_grant")["message"] == message


def test_token_request_for_an_unknown_application_is_404(api) -> None:
    response = _token(api, "NoSuchApplication00000", grant_type="password")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [b"%%%", b"grant_type=password&username=%FF%FE&password=x", b"\xff\xfe", b"a=b=c&&"],
)
def test_odd_bodies_never_give_a_500(api, tenant, body) -> None:
    response = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "error" in response.json()


def test_json_body_is_accepted_too(api, tenant, user) -> None:
    response = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        json={"grant_type": "password", "username": user["email"], "password": PASSWORD},
    )
    assert response.status_code == 200
