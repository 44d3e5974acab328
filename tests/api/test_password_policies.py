"""Password policy, password strength and account creation policy (§6.6-§6.8)."""

from __future__ import annotations

import httpx
import pytest


def assert_error(response: httpx.Response, status: int, code: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    return body


def new_account(api, tenant, password: str, email: str = "p@example.com") -> httpx.Response:
    return api.post(
        f"/applications/{tenant.application_id}/accounts",
        json={"email": email, "password": password},
    )


# --- password policy -------------------------------------------------------------


def test_password_policy_defaults_and_links(api, tenant) -> None:
    response = api.get(f"/passwordPolicies/{tenant.directory_id}")
    assert response.status_code == 200
    body = response.json()
    href = f"{tenant.directory_href.replace('/directories/', '/passwordPolicies/')}"
    assert body["href"] == href
    assert body["resetTokenTtl"] == 24
    assert body["resetEmailStatus"] == "ENABLED"
    assert body["resetSuccessEmailStatus"] == "ENABLED"
    assert body["strength"] == {"href": href + "/strength"}
    assert body["resetEmailTemplates"] == {"href": href + "/resetEmailTemplates"}
    assert body["resetSuccessEmailTemplates"] == {"href": href + "/resetSuccessEmailTemplates"}
    assert "createdAt" in body and "modifiedAt" in body


def test_the_directory_links_its_policies(api, tenant) -> None:
    directory = api.get(
        f"/directories/{tenant.directory_id}",
        params={"expand": "passwordPolicy,accountCreationPolicy"},
    ).json()
    assert directory["passwordPolicy"]["resetTokenTtl"] == 24
    assert directory["accountCreationPolicy"]["verificationEmailStatus"] == "DISABLED"


def test_node_posts_the_whole_password_policy_back(api, tenant) -> None:
    path = f"/passwordPolicies/{tenant.directory_id}"
    document = api.get(path).json()
    document.update(resetEmailStatus="DISABLED", resetTokenTtl=48)
    response = api.post(path, json=document)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["resetEmailStatus"], body["resetTokenTtl"]) == ("DISABLED", 48)
    assert body["resetSuccessEmailStatus"] == "ENABLED"
    assert body["href"] == document["href"]
    assert api.get(path).json()["resetEmailStatus"] == "DISABLED"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"resetEmailStatus": "MAYBE"}, 2003),
        ({"resetSuccessEmailStatus": 1}, 2003),
        ({"resetTokenTtl": 0}, 2002),
        ({"resetTokenTtl": 169}, 2002),
        ({"resetTokenTtl": "soon"}, 2002),
    ],
)
def test_password_policy_validation(api, tenant, body, code) -> None:
    assert_error(api.post(f"/passwordPolicies/{tenant.directory_id}", json=body), 400, code)


def test_reset_token_ttl_bounds_are_allowed(api, tenant) -> None:
    path = f"/passwordPolicies/{tenant.directory_id}"
    assert api.post(path, json={"resetTokenTtl": 1}).json()["resetTokenTtl"] == 1
    assert api.post(path, json={"resetTokenTtl": 168}).json()["resetTokenTtl"] == 168


def test_unknown_directory_policies_are_404(api) -> None:
    for path in (
        "/passwordPolicies/nope",
        "/passwordPolicies/nope/strength",
        "/accountCreationPolicies/nope",
        "/passwordPolicies/nope/resetEmailTemplates",
    ):
        assert_error(api.get(path), 404, 404)
    assert_error(api.post("/passwordPolicies/nope", json={"resetTokenTtl": 2}), 404, 404)
    assert_error(api.post("/passwordPolicies/nope/strength", json={"minLength": 2}), 404, 404)
    assert_error(api.post("/accountCreationPolicies/nope", json={}), 404, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/passwordPolicies/{id}/resetEmailTemplates",
        "/passwordPolicies/{id}/resetSuccessEmailTemplates",
        "/accountCreationPolicies/{id}/verificationEmailTemplates",
        "/accountCreationPolicies/{id}/verificationSuccessEmailTemplates",
        "/accountCreationPolicies/{id}/welcomeEmailTemplates",
    ],
)
def test_template_collections_are_empty(api, tenant, path) -> None:
    response = api.get(path.format(id=tenant.directory_id))
    assert response.status_code == 200
    body = response.json()
    assert (body["size"], body["items"]) == (0, [])
    assert body["href"].endswith(path.format(id=tenant.directory_id))


def test_unknown_template_collection_is_404(api, tenant) -> None:
    assert_error(api.get(f"/passwordPolicies/{tenant.directory_id}/other"), 404, 404)


# --- strength --------------------------------------------------------------------


def test_strength_defaults(api, tenant) -> None:
    body = api.get(f"/passwordPolicies/{tenant.directory_id}/strength").json()
    assert {k: body[k] for k in body if k.startswith(("min", "max", "prevent"))} == {
        "minLength": 8,
        "maxLength": 100,
        "minLowerCase": 1,
        "minUpperCase": 1,
        "minNumeric": 1,
        "minSymbol": 0,
        "minDiacritic": 0,
        "preventReuse": 0,
    }
    assert body["href"].endswith(f"/passwordPolicies/{tenant.directory_id}/strength")


def test_strength_update_applies_to_new_accounts(api, tenant) -> None:
    path = f"/passwordPolicies/{tenant.directory_id}/strength"
    document = api.get(path).json()
    document.update(minLength=4, minUpperCase=0, minNumeric=0, minSymbol=2)
    response = api.post(path, json=document)
    assert response.status_code == 200, response.text
    assert response.json()["minSymbol"] == 2
    assert new_account(api, tenant, "abc!").status_code == 400
    error = new_account(api, tenant, "abcd!").json()
    assert error["message"] == "Password requires at least 2 symbol characters."
    assert new_account(api, tenant, "ab!?").status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        {"minLength": 0},
        {"maxLength": 256},
        {"minUpperCase": -1},
        {"preventReuse": 26},
        {"minLength": True},
        {"minLength": "8"},
        {"minLength": 50, "maxLength": 10},
    ],
)
def test_strength_validation(api, tenant, body) -> None:
    path = f"/passwordPolicies/{tenant.directory_id}/strength"
    assert_error(api.post(path, json=body), 400, 2002)
    assert api.get(path).json()["minLength"] == 8


def test_strength_min_length_above_the_current_max_is_refused(api, tenant) -> None:
    path = f"/passwordPolicies/{tenant.directory_id}/strength"
    assert api.post(path, json={"maxLength": 20}).status_code == 200
    assert_error(api.post(path, json={"minLength": 21}), 400, 2002)


# --- account creation policy -----------------------------------------------------


def test_account_creation_policy_defaults(api, tenant) -> None:
    body = api.get(f"/accountCreationPolicies/{tenant.directory_id}").json()
    for name in ("verificationEmailStatus", "verificationSuccessEmailStatus", "welcomeEmailStatus"):
        assert body[name] == "DISABLED"
    assert body["emailDomainWhitelist"] == []
    assert body["emailDomainBlacklist"] == []
    assert body["welcomeEmailTemplates"]["href"].endswith("/welcomeEmailTemplates")


def test_node_posts_the_whole_account_creation_policy_back(api, tenant) -> None:
    path = f"/accountCreationPolicies/{tenant.directory_id}"
    document = api.get(path).json()
    document.update(verificationEmailStatus="enabled", emailDomainBlacklist=["spam.test"])
    response = api.post(path, json=document)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["verificationEmailStatus"] == "ENABLED"
    assert body["emailDomainBlacklist"] == ["spam.test"]
    assert body["welcomeEmailStatus"] == "DISABLED"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"verificationEmailStatus": "SOMETIMES"}, 2003),
        ({"welcomeEmailStatus": ""}, 2003),
        ({"emailDomainWhitelist": "example.com"}, 2002),
        ({"emailDomainBlacklist": [1, 2]}, 2002),
    ],
)
def test_account_creation_policy_validation(api, tenant, body, code) -> None:
    path = f"/accountCreationPolicies/{tenant.directory_id}"
    assert_error(api.post(path, json=body), 400, code)
