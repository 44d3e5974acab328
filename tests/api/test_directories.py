"""/directories and their provider through real HTTP (stormpath-api.md §6.4, §6.5, §8)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
COLLECTIONS = (
    "accounts",
    "groups",
    "applications",
    "applicationMappings",
    "organizations",
    "organizationMappings",
)


def _name(prefix: str = "Dir") -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _create(api: httpx.Client, body: dict[str, Any], **params: str) -> dict[str, Any]:
    response = api.post("/directories", json=body, params=params)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == response.json()["href"]
    document: dict[str, Any] = response.json()
    return document


def _map(api: httpx.Client, app_href: str, store_href: str, **flags: Any) -> dict[str, Any]:
    body = {"application": {"href": app_href}, "accountStore": {"href": store_href}, **flags}
    response = api.post("/accountStoreMappings", json=body)
    assert response.status_code == 201, response.text
    mapping: dict[str, Any] = response.json()
    return mapping


# --- create and read --------------------------------------------------------------------


def test_create_plain(api: httpx.Client, live_server, tenant) -> None:
    name = _name()
    directory = _create(api, {"name": name})
    dir_id = directory["href"].rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9A-Za-z]{22}", dir_id)
    base = live_server.base_url
    href = f"{base}/directories/{dir_id}"
    assert directory["href"] == href
    assert directory["name"] == name
    assert directory["description"] == ""
    assert directory["status"] == "ENABLED"
    assert TIMESTAMP.fullmatch(directory["createdAt"])
    assert directory["tenant"] == {"href": tenant.href}
    assert directory["provider"] == {"href": href + "/provider"}
    assert directory["customData"] == {"href": href + "/customData"}
    assert directory["passwordPolicy"] == {"href": f"{base}/passwordPolicies/{dir_id}"}
    assert directory["accountCreationPolicy"] == {
        "href": f"{base}/accountCreationPolicies/{dir_id}"
    }
    assert directory["accountSchema"]["href"].startswith(f"{base}/schemas/")
    for name in COLLECTIONS:
        assert directory[name] == {"href": f"{href}/{name}"}, name
        page = api.get(directory[name]["href"]).json()
        assert (page["size"], page["items"]) == (0, []), name
    assert api.get(href).json() == directory


def test_create_with_attributes_and_custom_data(api: httpx.Client) -> None:
    body = {
        "name": _name(),
        "description": "Users of the shop",
        "status": "Disabled",
        "customData": {"region": "eu"},
        "tenant": {"href": "http://elsewhere/v1/tenants/x"},
        "unknown": True,
    }
    directory = _create(api, body, expand="customData")
    assert directory["description"] == "Users of the shop"
    assert directory["status"] == "DISABLED"
    assert directory["customData"]["region"] == "eu"
    assert "unknown" not in directory
    assert "elsewhere" not in directory["tenant"]["href"]


def test_default_provider(api: httpx.Client) -> None:
    directory = _create(api, {"name": _name()})
    response = api.get(directory["provider"]["href"])
    assert response.status_code == 200
    provider = response.json()
    assert provider["href"] == directory["provider"]["href"]
    assert provider["providerId"] == "stormpath"
    assert TIMESTAMP.fullmatch(provider["createdAt"]) and TIMESTAMP.fullmatch(
        provider["modifiedAt"]
    )


def test_social_provider_embedded_on_create(api: httpx.Client) -> None:
    """Node creates directories with ?expand=provider and the provider embedded (§6.5)."""
    body = {
        "name": _name("Google"),
        "provider": {
            "providerId": "google",
            "clientId": "gid",
            "clientSecret": "gsecret",
            "redirectUri": "http://localhost/google",
            "scope": ["email", "profile"],
            "href": "ignored",
        },
    }
    directory = _create(api, body, expand="provider")
    provider = directory["provider"]
    assert provider["href"] == directory["href"] + "/provider"
    assert provider["providerId"] == "google"
    assert provider["clientId"] == "gid" and provider["clientSecret"] == "gsecret"
    assert provider["redirectUri"] == "http://localhost/google"
    assert provider["scope"] == ["email", "profile"]
    assert api.get(provider["href"]).json() == provider


def test_update_provider(api: httpx.Client) -> None:
    directory = _create(
        api, {"name": _name(), "provider": {"providerId": "github", "clientId": "a"}}
    )
    href = directory["provider"]["href"]
    response = api.post(
        href, json={"clientId": "b", "clientSecret": "s", "providerId": "google", "x": 1}
    )
    assert response.status_code == 200
    provider = response.json()
    assert provider["clientId"] == "b" and provider["clientSecret"] == "s"
    assert provider["providerId"] == "github"
    assert "x" not in provider
    assert api.get(href).json() == provider


@pytest.mark.parametrize(
    "expand",
    ["passwordPolicy,accountCreationPolicy", "passwordPolicy%2CaccountCreationPolicy"],
)
def test_policies_by_expansion(api: httpx.Client, live_server, tenant, expand: str) -> None:
    """express-stormpath start-up reads both policies from one expanded GET (§5.7)."""
    url = f"{tenant.directory_href}?expand={expand}"
    directory = api.get(url).json()
    base = live_server.base_url
    policy = directory["passwordPolicy"]
    assert policy["href"] == f"{base}/passwordPolicies/{tenant.directory_id}"
    assert policy["resetEmailStatus"] in ("ENABLED", "DISABLED")
    creation = directory["accountCreationPolicy"]
    assert creation["href"] == f"{base}/accountCreationPolicies/{tenant.directory_id}"
    assert creation["verificationEmailStatus"] in ("ENABLED", "DISABLED")
    assert api.get(policy["href"]).json()["href"] == policy["href"]
    assert api.get(creation["href"]).json()["href"] == creation["href"]


def test_policy_links_resolve(api: httpx.Client) -> None:
    directory = _create(api, {"name": _name()})
    for name in ("passwordPolicy", "accountCreationPolicy"):
        response = api.get(directory[name]["href"])
        assert response.status_code == 200, name
    strength = api.get(directory["passwordPolicy"]["href"]).json()["strength"]["href"]
    assert api.get(strength).status_code == 200


# --- update -------------------------------------------------------------------------------


def test_update_partial_with_junk(api: httpx.Client) -> None:
    directory = _create(api, {"name": _name(), "description": "before"})
    body = {
        **directory,
        "status": "disabled",
        "createdAt": "2001-01-01T00:00:00.000Z",
        "provider": {"href": directory["provider"]["href"]},
        "whatever": {"nested": 1},
    }
    response = api.post(directory["href"], json=body)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["status"] == "DISABLED"
    assert updated["description"] == "before"
    assert updated["name"] == directory["name"]
    assert updated["createdAt"] == directory["createdAt"]
    assert "whatever" not in updated
    assert api.get(directory["href"]).json() == updated


def test_update_name_description_and_custom_data(api: httpx.Client) -> None:
    directory = _create(api, {"name": _name()})
    new_name = _name("Renamed")
    response = api.post(
        directory["href"],
        json={"name": new_name, "description": None, "customData": {"k": "v"}},
    )
    assert response.status_code == 200
    assert response.json()["name"] == new_name
    assert response.json()["description"] is None
    assert api.get(directory["customData"]["href"]).json()["k"] == "v"


# --- delete -------------------------------------------------------------------------------


def test_delete_cascades_to_mappings_and_defaults(api: httpx.Client, tenant) -> None:
    app = api.get(tenant.application_href).json()
    assert app["defaultAccountStoreMapping"] is not None
    [mapping] = api.get(app["accountStoreMappings"]["href"]).json()["items"]
    directory = api.get(tenant.directory_href).json()

    response = api.delete(tenant.directory_href)
    assert response.status_code == 204
    assert response.content == b""

    app = api.get(tenant.application_href).json()
    assert app["defaultAccountStoreMapping"] is None
    assert app["defaultGroupStoreMapping"] is None
    assert api.get(app["accountStoreMappings"]["href"]).json()["size"] == 0
    for href in (
        tenant.directory_href,
        mapping["href"],
        directory["provider"]["href"],
        directory["customData"]["href"],
        directory["passwordPolicy"]["href"],
        directory["accountCreationPolicy"]["href"],
    ):
        assert api.get(href).status_code == 404, href
    assert api.delete(tenant.directory_href).status_code == 404


def test_delete_keeps_the_other_mappings_in_order(api: httpx.Client, tenant) -> None:
    second = _create(api, {"name": _name()})
    third = _create(api, {"name": _name()})
    _map(api, tenant.application_href, second["href"])
    _map(api, tenant.application_href, third["href"])
    assert api.delete(second["href"]).status_code == 204
    mappings = api.get(f"/applications/{tenant.application_id}/accountStoreMappings").json()
    stores = [(m["listIndex"], m["accountStore"]["href"]) for m in mappings["items"]]
    assert stores == [(0, tenant.directory_href), (1, third["href"])]


def test_delete_removes_groups_and_their_mappings(api: httpx.Client, tenant) -> None:
    directory = _create(api, {"name": _name()})
    response = api.post(directory["href"] + "/groups", json={"name": "Admins"})
    assert response.status_code == 201, response.text
    group = response.json()
    group_mapping = _map(api, tenant.application_href, group["href"])
    assert api.delete(directory["href"]).status_code == 204
    assert api.get(group["href"]).status_code == 404
    assert api.get(group_mapping["href"]).status_code == 404


def test_delete_frees_the_name(api: httpx.Client) -> None:
    name = _name()
    directory = _create(api, {"name": name})
    assert api.delete(directory["href"]).status_code == 204
    _create(api, {"name": name})


# --- collections of a directory -----------------------------------------------------------


def test_directory_applications_and_mappings(api: httpx.Client, tenant) -> None:
    directory = api.get(tenant.directory_href).json()
    apps = api.get(directory["applications"]["href"]).json()
    assert [a["href"] for a in apps["items"]] == [tenant.application_href]
    mappings = api.get(directory["applicationMappings"]["href"]).json()
    assert mappings["size"] == 1
    assert mappings["items"][0]["application"] == {"href": tenant.application_href}


def test_tenant_directories_list_new_ones(api: httpx.Client, tenant) -> None:
    name = _name()
    made = _create(api, {"name": name})
    page = api.get(f"/tenants/{tenant.id}/directories", params={"name": name}).json()
    assert [d["href"] for d in page["items"]] == [made["href"]]
