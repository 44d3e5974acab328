"""/applications through real HTTP (stormpath-api.md §6.2, §8)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
COLLECTION_LINKS = (
    "accounts",
    "groups",
    "accountStoreMappings",
    "loginAttempts",
    "passwordResetTokens",
    "apiKeys",
    "verificationEmails",
    "authTokens",
)


def _name(prefix: str = "App") -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def _create(api: httpx.Client, body: dict[str, Any], **params: str) -> dict[str, Any]:
    response = api.post("/applications", json=body, params=params)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == response.json()["href"]
    document: dict[str, Any] = response.json()
    return document


def _mappings(api: httpx.Client, application: dict[str, Any]) -> list[dict[str, Any]]:
    page = api.get(application["accountStoreMappings"]["href"]).json()
    items: list[dict[str, Any]] = page["items"]
    assert page["size"] == len(items)
    return items


def _directory_names(api: httpx.Client, tenant) -> set[str]:
    page = api.get(f"/tenants/{tenant.id}/directories", params={"limit": 100}).json()
    return {item["name"] for item in page["items"]}


# --- create -------------------------------------------------------------------------------


def test_create_plain(api: httpx.Client, live_server, tenant) -> None:
    name = _name()
    app = _create(api, {"name": name})
    app_id = app["href"].rsplit("/", 1)[1]
    assert re.fullmatch(r"[0-9A-Za-z]{22}", app_id)
    base = f"{live_server.base_url}/applications/{app_id}"
    assert app["href"] == base
    assert app["name"] == name
    assert app["description"] == ""
    assert app["status"] == "ENABLED"
    assert TIMESTAMP.fullmatch(app["createdAt"]) and app["modifiedAt"] == app["createdAt"]
    assert app["authorizedCallbackUris"] == [] and app["authorizedOriginUris"] == []
    assert app["tenant"] == {"href": tenant.href}
    assert app["defaultAccountStoreMapping"] is None
    assert app["defaultGroupStoreMapping"] is None
    assert app["customData"] == {"href": base + "/customData"}
    assert app["oAuthPolicy"] == {"href": f"{live_server.base_url}/oAuthPolicies/{app_id}"}
    for link in COLLECTION_LINKS:
        assert app[link] == {"href": f"{base}/{link}"}, link
    assert _mappings(api, app) == []


def test_create_with_all_writable_attributes(api: httpx.Client) -> None:
    body = {
        "name": _name(),
        "description": "Described",
        "status": "disabled",
        "authorizedCallbackUris": ["http://localhost/cb"],
        "authorizedOriginUris": ["http://localhost"],
        "customData": {"color": "blue", "count": 3},
    }
    app = _create(api, body, expand="customData")
    assert app["description"] == "Described"
    assert app["status"] == "DISABLED"
    assert app["authorizedCallbackUris"] == ["http://localhost/cb"]
    assert app["authorizedOriginUris"] == ["http://localhost"]
    assert app["customData"]["color"] == "blue" and app["customData"]["count"] == 3


def test_create_ignores_read_only_and_unknown_attributes(api: httpx.Client, tenant) -> None:
    body = {
        "name": _name(),
        "href": "http://elsewhere/v1/applications/chosenByClient0000001",
        "createdAt": "2000-01-01T00:00:00.000Z",
        "tenant": {"href": "http://elsewhere/v1/tenants/other"},
        "defaultAccountStoreMapping": {"href": "http://x/v1/accountStoreMappings/y"},
        "somethingUnknown": {"deep": [1]},
        "customData": None,
    }
    app = _create(api, body)
    assert "chosenByClient" not in app["href"]
    assert app["createdAt"] != "2000-01-01T00:00:00.000Z"
    assert app["tenant"] == {"href": tenant.href}
    assert app["defaultAccountStoreMapping"] is None
    assert "somethingUnknown" not in app


@pytest.mark.parametrize("flag", ["true", "True", "TRUE"])
def test_create_directory_flag(api: httpx.Client, tenant, flag: str) -> None:
    name = _name("With Dir")
    app = _create(api, {"name": name}, createDirectory=flag)
    [mapping] = _mappings(api, app)
    assert mapping["listIndex"] == 0
    assert mapping["isDefaultAccountStore"] is True
    assert mapping["isDefaultGroupStore"] is True
    assert mapping["application"] == {"href": app["href"]}
    assert app["defaultAccountStoreMapping"] == {"href": mapping["href"]}
    assert app["defaultGroupStoreMapping"] == {"href": mapping["href"]}
    directory = api.get(mapping["accountStore"]["href"]).json()
    assert directory["name"] == name
    assert "/directories/" in directory["href"]


def test_create_directory_with_a_name(api: httpx.Client) -> None:
    dir_name = _name("Named Dir")
    app = _create(api, {"name": _name()}, createDirectory=dir_name)
    [mapping] = _mappings(api, app)
    assert api.get(mapping["accountStore"]["href"]).json()["name"] == dir_name


@pytest.mark.parametrize("flag", ["false", "False", ""])
def test_create_directory_false_or_empty_makes_none(api: httpx.Client, tenant, flag: str) -> None:
    before = _directory_names(api, tenant)
    app = _create(api, {"name": _name()}, createDirectory=flag)
    assert _mappings(api, app) == []
    assert _directory_names(api, tenant) == before


def test_create_directory_when_the_name_is_taken_derives_one(api: httpx.Client, tenant) -> None:
    name = _name("Taken")
    assert api.post("/directories", json={"name": name}).status_code == 201
    first = _create(api, {"name": name}, createDirectory="true")
    [mapping] = _mappings(api, first)
    assert api.get(mapping["accountStore"]["href"]).json()["name"] == f"{name} (2)"
    api.delete(first["href"])
    second = _create(api, {"name": name.upper()}, createDirectory="true")
    [mapping] = _mappings(api, second)
    assert api.get(mapping["accountStore"]["href"]).json()["name"] == f"{name.upper()} (3)"


def test_create_directory_for_an_app_named_after_the_quickstart(api: httpx.Client, tenant) -> None:
    """A name that is a prefix of existing directories is not treated as taken."""
    assert api.post("/directories", json={"name": "Shop Backend"}).status_code == 201
    app = _create(api, {"name": "Shop"}, createDirectory="true")
    [mapping] = _mappings(api, app)
    assert api.get(mapping["accountStore"]["href"]).json()["name"] == "Shop"


def test_create_with_expand_on_post(api: httpx.Client, tenant) -> None:
    app = _create(api, {"name": _name()}, createDirectory="true", expand="tenant")
    assert app["tenant"]["href"] == tenant.href
    assert app["tenant"]["key"]


# --- read ---------------------------------------------------------------------------------


def test_read_equals_the_created_document(api: httpx.Client) -> None:
    app = _create(api, {"name": _name()}, createDirectory="true")
    assert api.get(app["href"]).json() == app


def test_read_ignores_unknown_query_parameters(api: httpx.Client, tenant) -> None:
    response = api.get(tenant.application_href, params={"nocache": "true", "x": "y"})
    assert response.status_code == 200
    assert response.json()["name"] == "Flask Test"


def test_application_collections(api: httpx.Client, tenant) -> None:
    app = api.get(tenant.application_href).json()
    for name in ("accounts", "groups", "accountStoreMappings"):
        page = api.get(app[name]["href"]).json()
        assert page["href"] == app[name]["href"]
        assert page["offset"] == 0 and page["limit"] == 25
    assert api.get(app["accountStoreMappings"]["href"]).json()["size"] == 1


# --- update -------------------------------------------------------------------------------


def test_update_partial(api: httpx.Client) -> None:
    app = _create(api, {"name": _name(), "description": "old"})
    response = api.post(app["href"], json={"description": "new"})
    assert response.status_code == 200
    updated = response.json()
    assert updated["description"] == "new"
    assert updated["name"] == app["name"]
    assert updated["status"] == "ENABLED"
    assert updated["modifiedAt"] >= app["modifiedAt"]
    assert updated["createdAt"] == app["createdAt"]
    assert api.get(app["href"]).json() == updated


def test_update_with_the_whole_document_as_node_posts_it(api: httpx.Client, tenant) -> None:
    """Node posts back everything it received: links, hrefs, stamps, expansions (§6)."""
    app = api.get(tenant.application_href, params={"expand": "customData,tenant"}).json()
    junk = {
        **app,
        "status": "DISABLED",
        "createdAt": "1999-01-01T00:00:00.000Z",
        "href": "http://elsewhere/v1/applications/other",
        "unknownAttribute": "ignored",
        "tenant": {"href": "http://x/v1/tenants/elsewhere", "name": "Other"},
        "defaultAccountStoreMapping": None,
        "meta": {"href": "x"},
    }
    response = api.post(tenant.application_href, json=junk)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["status"] == "DISABLED"
    assert updated["href"] == tenant.application_href
    assert updated["createdAt"] == app["createdAt"]
    assert updated["tenant"] == {"href": tenant.href}
    assert updated["defaultAccountStoreMapping"] is not None
    assert "unknownAttribute" not in updated and "meta" not in updated


def test_update_with_python_style_body(api: httpx.Client, tenant) -> None:
    """Python posts its writable attributes with links reduced to {"href": ...} (§6)."""
    body = {
        "name": "Flask Test",
        "description": None,
        "status": "ENABLED",
        "customData": {"href": tenant.application_href + "/customData"},
        "authorizedCallbackUris": [],
        "authorizedOriginUris": ["http://localhost:5000"],
    }
    response = api.post(tenant.application_href, json=body)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["description"] is None
    assert updated["authorizedOriginUris"] == ["http://localhost:5000"]


def test_update_to_own_name_in_another_case(api: httpx.Client, tenant) -> None:
    response = api.post(tenant.application_href, json={"name": "FLASK TEST"})
    assert response.status_code == 200
    assert response.json()["name"] == "FLASK TEST"


def test_update_embedded_custom_data_merges(api: httpx.Client) -> None:
    app = _create(api, {"name": _name(), "customData": {"a": 1, "b": 2}})
    response = api.post(app["href"], json={"customData": {"b": 3, "c": 4}})
    assert response.status_code == 200
    data = api.get(app["customData"]["href"]).json()
    assert (data["a"], data["b"], data["c"]) == (1, 3, 4)


# --- delete -------------------------------------------------------------------------------


def test_delete_cascades_to_mappings_but_not_directories(api: httpx.Client) -> None:
    app = _create(api, {"name": _name()}, createDirectory="true")
    [mapping] = _mappings(api, app)
    directory_href = mapping["accountStore"]["href"]
    app_id = app["href"].rsplit("/", 1)[1]

    response = api.delete(app["href"])
    assert response.status_code == 204
    assert response.content == b""

    for href in (
        app["href"],
        mapping["href"],
        app["customData"]["href"],
        app["accountStoreMappings"]["href"],
        app["oAuthPolicy"]["href"],
    ):
        assert api.get(href).status_code == 404, href
    directory = api.get(directory_href)
    assert directory.status_code == 200
    mappings = api.get(directory.json()["applicationMappings"]["href"]).json()
    assert mappings["size"] == 0
    applications = api.get(directory.json()["applications"]["href"]).json()
    assert app_id not in str(applications)

    second = api.delete(app["href"])
    assert second.status_code == 404
    assert second.json()["code"] == 404


def test_delete_frees_the_name(api: httpx.Client) -> None:
    name = _name()
    app = _create(api, {"name": name})
    assert api.delete(app["href"]).status_code == 204
    _create(api, {"name": name})


def test_post_with_method_override_deletes(api: httpx.Client) -> None:
    app = _create(api, {"name": _name()})
    response = api.post(app["href"], params={"_method": "DELETE"})
    assert response.status_code == 204
    assert api.get(app["href"]).status_code == 404
    again = api.post(app["href"], params={"_method": "delete"})
    assert again.status_code == 404


def test_method_override_other_than_delete_is_an_update(api: httpx.Client) -> None:
    app = _create(api, {"name": _name()})
    response = api.post(app["href"], params={"_method": "GET"}, json={"description": "x"})
    assert response.status_code == 200
    assert response.json()["description"] == "x"
