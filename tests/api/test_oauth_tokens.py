"""Validating, reading, listing and revoking issued tokens over HTTP (stormpath-api.md
§6.16, §7.5)."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from mockpath.domain import tokens

PASSWORD = "Passw0rdXYZ"


def _password_grant(api: httpx.Client, app_id: str, email: str) -> dict[str, Any]:
    response = api.post(
        f"/applications/{app_id}/oauth/token",
        data={"grant_type": "password", "username": email, "password": PASSWORD},
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.fixture
def user(api: httpx.Client, tenant) -> dict[str, Any]:
    body = {"givenName": "Jane", "surname": "Doe", "email": "jane@example.com"}
    response = api.post(
        f"/applications/{tenant.application_id}/accounts", json={**body, "password": PASSWORD}
    )
    assert response.status_code == 201
    return dict(response.json())


@pytest.fixture
def grant(api: httpx.Client, tenant, user) -> dict[str, Any]:
    return _password_grant(api, tenant.application_id, user["email"])


@pytest.fixture
def other_app(api: httpx.Client, tenant) -> dict[str, Any]:
    """A second application sharing the "Flask Test" directory."""
    app = api.post("/applications", json={"name": "Second"}).json()
    mapping = {
        "application": {"href": app["href"]},
        "accountStore": {"href": tenant.directory_href},
    }
    assert api.post("/accountStoreMappings", json=mapping).status_code == 201
    return dict(app, id=app["href"].rsplit("/", 1)[1])


def _jti(jwt: str) -> str:
    return str(tokens.parse_jwt(jwt).claims["jti"])


def _auth_token(api: httpx.Client, app_id: str, jwt: str) -> httpx.Response:
    return api.get(f"/applications/{app_id}/authTokens/{jwt}")


def _error(response: httpx.Response, status: int, code: int) -> None:
    assert response.status_code == status, response.text
    assert (response.json()["status"], response.json()["code"]) == (status, code)


# --- authTokens --------------------------------------------------------------------------


def test_valid_access_token_redirects_to_its_resource(api, tenant, grant) -> None:
    response = _auth_token(api, tenant.application_id, grant["access_token"])
    assert response.status_code == 302
    assert response.headers["location"] == grant["stormpath_access_token_href"]
    followed = _auth_token(api, tenant.application_id, grant["access_token"])
    assert api.get(followed.headers["location"]).json()["jwt"] == grant["access_token"]


def test_node_cache_bypass_parameter_is_ignored(api, tenant, grant) -> None:
    response = api.get(
        f"/applications/{tenant.application_id}/authTokens/{grant['access_token']}",
        params={"nocache": "true"},
    )
    assert response.status_code == 302


def _expired_access(tenant, grant) -> str:
    claims = dict(tokens.parse_jwt(grant["access_token"]).claims)
    claims["exp"] = int(time.time()) - 5
    return tokens.encode_jwt(
        claims, tenant.api_key_secret, kid=tenant.api_key_id, extra_header={"stt": "access"}
    )


@pytest.mark.parametrize(
    ("make", "status", "code"),
    [
        (lambda t, g: g["access_token"][:-2] + "xx", 400, 10017),
        (lambda t, g: "a.b.c", 400, 10017),
        (lambda t, g: "nonsense", 400, 10017),
        (_expired_access, 400, 10011),
        (lambda t, g: g["refresh_token"], 404, 10013),
    ],
    ids=["bad-signature", "not-json", "one-part", "expired", "refresh-token"],
)
def test_invalid_access_tokens(api, tenant, grant, make, status, code) -> None:
    _error(_auth_token(api, tenant.application_id, make(tenant, grant)), status, code)


def test_revoked_access_token_is_404(api, tenant, grant) -> None:
    assert api.delete(grant["stormpath_access_token_href"]).status_code == 204
    _error(_auth_token(api, tenant.application_id, grant["access_token"]), 404, 10013)
    assert api.get(grant["stormpath_access_token_href"]).status_code == 404


def test_token_of_another_application_is_10014(api, tenant, user, other_app) -> None:
    issued = _password_grant(api, other_app["id"], user["email"])
    _error(_auth_token(api, tenant.application_id, issued["access_token"]), 400, 10014)
    assert _auth_token(api, other_app["id"], issued["access_token"]).status_code == 302


def test_disabled_account_is_10010(api, tenant, user, grant) -> None:
    api.post(user["href"], json={"status": "DISABLED"})
    _error(_auth_token(api, tenant.application_id, grant["access_token"]), 400, 10010)


def test_disabled_application_is_10015(api, tenant, grant) -> None:
    api.post(tenant.application_href, json={"status": "DISABLED"})
    _error(_auth_token(api, tenant.application_id, grant["access_token"]), 400, 10015)


def test_account_no_longer_mapped_is_10016(api, tenant, user, other_app) -> None:
    issued = _password_grant(api, other_app["id"], user["email"])
    mappings = api.get(f"/applications/{other_app['id']}/accountStoreMappings").json()
    assert api.delete(mappings["items"][0]["href"]).status_code == 204
    _error(_auth_token(api, other_app["id"], issued["access_token"]), 400, 10016)


def test_unknown_application_is_404(api, grant) -> None:
    assert _auth_token(api, "NoSuchApplication00000", grant["access_token"]).status_code == 404


# --- resources and revocation ----------------------------------------------------------------


def test_refresh_token_resource(api, tenant, user, grant) -> None:
    rjti = _jti(grant["refresh_token"])
    response = api.get(f"/refreshTokens/{rjti}")
    assert response.status_code == 200
    doc = response.json()
    assert doc["href"].endswith(f"/refreshTokens/{rjti}")
    assert doc["expandedJwt"]["header"] == {
        "kid": tenant.api_key_id,
        "stt": "refresh",
        "alg": "HS256",
    }
    assert "rti" not in doc["expandedJwt"]["claims"]
    assert doc["account"] == {"href": user["href"]}


def test_expanded_account_of_a_token(api, user, grant) -> None:
    doc = api.get(grant["stormpath_access_token_href"], params={"expand": "account"}).json()
    assert doc["account"]["email"] == user["email"]


def test_deleting_a_refresh_token_revokes_its_access_tokens(api, tenant, grant) -> None:
    rjti = _jti(grant["refresh_token"])
    refreshed = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]},
    ).json()
    assert api.delete(f"/refreshTokens/{rjti}").status_code == 204
    for href in (grant["stormpath_access_token_href"], refreshed["stormpath_access_token_href"]):
        assert api.get(href).status_code == 404
    assert api.get(f"/refreshTokens/{rjti}").status_code == 404
    assert api.delete(f"/refreshTokens/{rjti}").status_code == 404


def test_deleting_an_access_token_keeps_the_refresh_token(api, tenant, grant) -> None:
    assert api.delete(grant["stormpath_access_token_href"]).status_code == 204
    assert api.get(f"/refreshTokens/{_jti(grant['refresh_token'])}").status_code == 200
    again = api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]},
    )
    assert again.status_code == 200


def test_unknown_tokens_are_404(api) -> None:
    for path in ("/accessTokens/NoSuchToken00000000000", "/refreshTokens/NoSuchToken00000000000"):
        assert api.get(path).status_code == 404
        assert api.delete(path).status_code == 404


# --- lists -----------------------------------------------------------------------------------


def test_account_token_lists(api, tenant, user, other_app) -> None:
    first = _password_grant(api, tenant.application_id, user["email"])
    _password_grant(api, other_app["id"], user["email"])
    access = api.get(f"{user['href']}/accessTokens").json()
    assert access["size"] == 2
    assert access["href"] == f"{user['href']}/accessTokens"
    refresh = api.get(f"{user['href']}/refreshTokens").json()
    assert refresh["size"] == 2
    assert all("/refreshTokens/" in item["href"] for item in refresh["items"])
    mine = api.get(
        f"{user['href']}/accessTokens", params={"application.href": tenant.application_href}
    ).json()
    assert [item["jwt"] for item in mine["items"]] == [first["access_token"]]
    nowhere = api.get(
        f"{user['href']}/accessTokens", params={"application.href": "https://elsewhere/x"}
    ).json()
    assert nowhere["size"] == 0
    paged = api.get(f"{user['href']}/accessTokens", params={"limit": 1, "offset": 1}).json()
    assert (paged["offset"], paged["limit"], paged["size"], len(paged["items"])) == (1, 1, 2, 1)


def test_token_lists_of_an_unknown_account_are_404(api) -> None:
    assert api.get("/accounts/NoSuchAccount000000000/accessTokens").status_code == 404


def test_revoked_tokens_leave_the_lists(api, user, grant) -> None:
    api.delete(grant["stormpath_access_token_href"])
    assert api.get(f"{user['href']}/accessTokens").json()["size"] == 0


# --- other tenants ---------------------------------------------------------------------------


def test_another_tenant_cannot_use_or_revoke_your_tokens(other_api, api, tenant, user, grant):
    jti, rjti = _jti(grant["access_token"]), _jti(grant["refresh_token"])
    for path in (f"/accessTokens/{jti}", f"/refreshTokens/{rjti}"):
        assert other_api.get(path).status_code == 404
        assert other_api.delete(path).status_code == 404
    assert _auth_token(other_api, tenant.application_id, grant["access_token"]).status_code == 404
    assert other_api.get(f"{user['href']}/accessTokens").status_code == 404
    refreshed = other_api.post(
        f"/applications/{tenant.application_id}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]},
    )
    assert refreshed.status_code == 404
    assert api.get(f"/accessTokens/{jti}").status_code == 200


def test_your_tokens_mean_nothing_to_another_tenants_application(other_api, grant) -> None:
    found = other_api.get("/applications", params={"name": "Flask Test"}).json()
    foreign_app = found["items"][0]["href"].rsplit("/", 1)[1]
    _error(_auth_token(other_api, foreign_app, grant["access_token"]), 400, 10017)
    refreshed = other_api.post(
        f"/applications/{foreign_app}/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]},
    )
    _error(refreshed, 400, 10017)
