"""Error paths through real HTTP: every failure is a Stormpath error document (§4)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.domain.tenants import create_tenant
from mockpath.server import ServerThread

JSON_TYPE = "application/json;charset=UTF-8"
ERROR_MEMBERS = {"status", "code", "message", "developerMessage", "moreInfo", "requestId"}


def assert_error(response: httpx.Response, status: int, code: int) -> dict[str, Any]:
    """The response is a Stormpath error document with this status and code."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == JSON_TYPE
    body: dict[str, Any] = response.json()
    assert ERROR_MEMBERS <= set(body), body
    assert (body["status"], body["code"]) == (status, code), body
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["developerMessage"], str) and body["developerMessage"]
    assert isinstance(body["moreInfo"], str) and body["moreInfo"]
    assert str(uuid.UUID(body["requestId"])) == body["requestId"]
    assert response.headers["stormpath-request-id"] == body["requestId"]
    return body


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


# --- the table ----------------------------------------------------------------------------
# (method, path, body) -> (status, code). "{app}", "{dir}", "{tenant}" are filled in.

MAPPING = {
    "application": {"href": "{app_href}"},
    "accountStore": {"href": "{dir_href}"},
}

CASES: list[Any] = [
    pytest.param("GET", "/applications/NoSuchApp000000000000001", None, 404, 404, id="unknown-app"),
    pytest.param("GET", "/directories/NoSuchDir000000000000001", None, 404, 404, id="unknown-dir"),
    pytest.param("GET", "/accountStoreMappings/Nope", None, 404, 404, id="unknown-mapping"),
    pytest.param("GET", "/tenants/NoSuchTenant0000000001", None, 404, 404, id="unknown-tenant"),
    pytest.param("GET", "/tenants/{tenant}/nothing", None, 404, 404, id="unknown-tenant-list"),
    pytest.param("GET", "/no/such/path", None, 404, 404, id="unknown-path"),
    pytest.param("GET", "/applications/{app}/noSuchThing", None, 404, 404, id="unknown-sub"),
    pytest.param("GET", "/directories/{dir}/nope", None, 404, 404, id="unknown-dir-sub"),
    pytest.param("POST", "/applications/NoSuchApp0000000000001", {}, 404, 404, id="update-404"),
    pytest.param("DELETE", "/applications/NoSuchApp000000001", None, 404, 404, id="delete-404"),
    pytest.param("DELETE", "/directories/NoSuchDir000000001", None, 404, 404, id="delete-dir-404"),
    pytest.param("DELETE", "/accountStoreMappings/Nope", None, 404, 404, id="delete-map-404"),
    pytest.param("GET", "/applications/Nope/accountStoreMappings", None, 404, 404, id="list-404"),
    pytest.param("GET", "/directories/Nope/provider", None, 404, 404, id="provider-404"),
    pytest.param("POST", "/directories/Nope/provider", {}, 404, 404, id="provider-post-404"),
    pytest.param("PUT", "/applications/{app}", {"name": "x"}, 405, 405, id="put"),
    pytest.param("PATCH", "/directories/{dir}", {"name": "x"}, 405, 405, id="patch"),
    pytest.param("DELETE", "/tenants/current", None, 405, 405, id="delete-tenant"),
    pytest.param("PUT", "/applications", {"name": "x"}, 405, 405, id="put-collection"),
    # bodies that are not a JSON object
    pytest.param("POST", "/applications", b"{", 400, 400, id="malformed-json"),
    pytest.param("POST", "/applications", b'{"name": "x",}', 400, 400, id="trailing-comma"),
    pytest.param("POST", "/applications", b"[1, 2]", 400, 400, id="json-array"),
    pytest.param("POST", "/applications", b'"name"', 400, 400, id="json-string"),
    pytest.param("POST", "/applications", b"null", 400, 400, id="json-null"),
    pytest.param("POST", "/applications", b"\xff\xfe{}", 400, 400, id="not-utf8"),
    pytest.param("POST", "/applications", b"[" * 100_000, 400, 400, id="deeply-nested"),
    pytest.param("POST", "/applications", b'{"name": "\\ud800"}', 400, 400, id="lone-surrogate"),
    pytest.param("POST", "/applications", b'{"name": NaN}', 400, 400, id="nan"),
    pytest.param(
        "POST", "/applications", b'{"name": "x", "customData": {"n": Infinity}}', 400, 400, id="inf"
    ),
    pytest.param(
        "POST", "/directories/{dir}", b'{"customData": {"n": 1e999}}', 400, 400, id="overflow"
    ),
    pytest.param("POST", "/directories/{dir}", b"[]", 400, 400, id="array-update"),
    pytest.param("POST", "/accountStoreMappings", b"{", 400, 400, id="mapping-malformed"),
    # wrong types and values
    pytest.param("POST", "/applications", {"name": 5}, 400, 2002, id="name-number"),
    pytest.param("POST", "/applications", {"name": ["x"]}, 400, 2002, id="name-array"),
    pytest.param("POST", "/applications", {"name": {"a": 1}}, 400, 2002, id="name-object"),
    pytest.param("POST", "/applications", {"name": True}, 400, 2002, id="name-bool"),
    pytest.param("POST", "/applications", {"name": "x" * 256}, 400, 2008, id="name-too-long"),
    pytest.param(
        "POST", "/applications", {"name": "{unique}", "status": "BOGUS"}, 400, 2003, id="status"
    ),
    pytest.param(
        "POST", "/applications", {"name": "{unique}", "status": 1}, 400, 2003, id="status-number"
    ),
    pytest.param(
        "POST", "/applications", {"name": "{unique}", "description": 5}, 400, 2002, id="descr"
    ),
    pytest.param(
        "POST",
        "/applications",
        {"name": "{unique}", "authorizedCallbackUris": "http://x"},
        400,
        2002,
        id="uris-not-list",
    ),
    pytest.param(
        "POST",
        "/applications",
        {"name": "{unique}", "authorizedOriginUris": [1]},
        400,
        2002,
        id="uris-not-strings",
    ),
    pytest.param("POST", "/applications/{app}", {"status": "BOGUS"}, 400, 2003, id="upd-status"),
    pytest.param("POST", "/applications/{app}", {"name": 5}, 400, 2002, id="upd-name-number"),
    pytest.param("POST", "/applications/{app}", {"name": None}, 400, 2000, id="upd-name-null"),
    pytest.param("POST", "/applications/{app}", {"name": " "}, 400, 2000, id="upd-name-blank"),
    pytest.param("POST", "/directories", {"name": 5}, 400, 2002, id="dir-name-number"),
    pytest.param(
        "POST", "/directories", {"name": "{unique}", "status": "on"}, 400, 2003, id="dir-status"
    ),
    pytest.param("POST", "/directories/{dir}", {"status": "BOGUS"}, 400, 2003, id="dir-upd"),
    pytest.param("POST", "/directories/{dir}", {"description": []}, 400, 2002, id="dir-descr"),
    pytest.param(
        "POST",
        "/directories",
        {"name": "{unique}", "provider": {"providerId": {"a": 1}}},
        400,
        2002,
        id="provider-id-object",
    ),
    pytest.param(
        "POST",
        "/directories",
        {"name": "{unique}", "provider": {"providerId": "google", "scope": "email"}},
        400,
        2002,
        id="provider-scope-string",
    ),
    pytest.param(
        "POST", "/directories/{dir}/provider", {"clientId": [1]}, 400, 2002, id="provider-upd"
    ),
    pytest.param(
        "POST", "/applications?createDirectory=%20", {"name": "{unique}"}, 400, 2000, id="cd-blank"
    ),
    pytest.param(
        "POST",
        "/applications?createDirectory=" + "d" * 256,
        {"name": "{unique}"},
        400,
        2008,
        id="createDirectory-too-long",
    ),
    pytest.param("POST", "/tenants/{tenant}", {"name": 5}, 400, 2002, id="tenant-name"),
    pytest.param(
        "POST", "/accountStoreMappings", {**MAPPING, "listIndex": "x"}, 400, 2002, id="listIndex"
    ),
    pytest.param(
        "POST", "/accountStoreMappings", {**MAPPING, "listIndex": 1.5}, 400, 2002, id="float-idx"
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {**MAPPING, "isDefaultAccountStore": 3},
        400,
        2002,
        id="isDefaultAccountStore",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {**MAPPING, "isDefaultGroupStore": "yes"},
        400,
        2002,
        id="isDefaultGroupStore",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "{app_href}"}, "accountStore": "not-an-object"},
        400,
        2002,
        id="store-not-object",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "{app_href}"}, "accountStore": {"href": 5}},
        400,
        2002,
        id="store-href-number",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "nonsense"}, "accountStore": {"href": "{dir_href}"}},
        400,
        2002,
        id="application-not-href",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "{dir_href}"}, "accountStore": {"href": "{dir_href}"}},
        400,
        2002,
        id="application-is-a-directory",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "{app_href}"}, "accountStore": {"href": "{app_href}"}},
        400,
        2002,
        id="store-is-an-application",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"accountStore": {"href": "{dir_href}"}},
        400,
        2000,
        id="no-application",
    ),
    pytest.param(
        "POST",
        "/accountStoreMappings",
        {"application": {"href": "{app_href}"}},
        400,
        2000,
        id="no-store",
    ),
    pytest.param("POST", "/accountStoreMappings/Nope", {}, 404, 404, id="mapping-update-404"),
    # query parameters
    pytest.param("GET", "/tenants/{tenant}/applications?offset=abc", None, 400, 2100, id="off"),
    pytest.param("GET", "/tenants/{tenant}/applications?limit=1.5", None, 400, 2100, id="limit"),
    pytest.param(
        "GET", "/tenants/{tenant}/applications?orderBy=bogus", None, 400, 2106, id="orderBy"
    ),
    pytest.param(
        "GET",
        "/tenants/{tenant}/applications?orderBy=name+sideways",
        None,
        400,
        2106,
        id="orderBy-direction",
    ),
]


def _fill(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**names)
    if isinstance(value, dict):
        return {k: _fill(v, names) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), CASES)
def test_error_table(
    api: httpx.Client, tenant, method: str, path: str, body: Any, status: int, code: int
) -> None:
    names = {
        "app": tenant.application_id,
        "dir": tenant.directory_id,
        "tenant": tenant.id,
        "app_href": tenant.application_href,
        "dir_href": tenant.directory_href,
        "unique": _unique("Error Table"),
    }
    kwargs: dict[str, Any] = {}
    if isinstance(body, bytes):
        kwargs = {"content": body, "headers": {"Content-Type": "application/json"}}
    elif body is not None:
        kwargs = {"json": _fill(body, names)}
    response = api.request(method, path.format(**names), **kwargs)
    assert_error(response, status, code)


# --- messages and specific rules -----------------------------------------------------------


@pytest.mark.parametrize("body", [{}, {"name": None}, {"name": ""}, {"name": "   "}])
def test_missing_application_name(api: httpx.Client, body: dict[str, Any]) -> None:
    error = assert_error(api.post("/applications", json=body), 400, 2000)
    assert re.fullmatch(r"Application name is required; .*", error["message"])
    assert "null, empty, or blank" in error["developerMessage"]


def test_missing_directory_name(api: httpx.Client) -> None:
    error = assert_error(api.post("/directories", json={"description": "x"}), 400, 2000)
    assert error["message"].startswith("Directory name is required")


def test_not_found_message(api: httpx.Client) -> None:
    error = assert_error(api.get("/applications/missing"), 404, 404)
    assert error["message"] == "The requested resource does not exist."


def test_method_not_allowed_message(api: httpx.Client, tenant) -> None:
    error = assert_error(api.put(f"/applications/{tenant.application_id}", json={}), 405, 405)
    assert error["message"] == "The specified HTTP request method is not supported."


def test_enum_message_names_the_allowed_values(api: httpx.Client) -> None:
    response = api.post("/applications", json={"name": _unique("Enum"), "status": "BOGUS"})
    error = assert_error(response, 400, 2003)
    assert "ENABLED" in error["message"] and "DISABLED" in error["message"]


@pytest.mark.parametrize("spelling", ["{name}", "{lower}", "{upper}"])
def test_duplicate_application_name_case_insensitive(api: httpx.Client, spelling: str) -> None:
    name = _unique("Duplicate App")
    assert api.post("/applications", json={"name": name}).status_code == 201
    again = spelling.format(name=name, lower=name.lower(), upper=name.upper())
    error = assert_error(api.post("/applications", json={"name": again}), 409, 2001)
    assert "Application" in error["message"]


def test_renaming_an_application_onto_another_is_409(api: httpx.Client, tenant) -> None:
    other = api.post("/applications", json={"name": _unique("Other")}).json()
    response = api.post(other["href"], json={"name": "flask test"})
    assert_error(response, 409, 2001)
    assert api.get(other["href"]).json()["name"] == other["name"]


@pytest.mark.parametrize("spelling", ["{name}", "{lower}"])
def test_duplicate_directory_name(api: httpx.Client, spelling: str) -> None:
    name = _unique("Duplicate Dir")
    assert api.post("/directories", json={"name": name}).status_code == 201
    again = spelling.format(name=name, lower=name.lower())
    error = assert_error(api.post("/directories", json={"name": again}), 409, 2001)
    assert "Directory" in error["message"]


def test_renaming_a_directory_onto_another_is_409(api: httpx.Client) -> None:
    first = api.post("/directories", json={"name": _unique("First")}).json()
    second = api.post("/directories", json={"name": _unique("Second")}).json()
    assert_error(api.post(second["href"], json={"name": first["name"].upper()}), 409, 2001)


def _application_names(api: httpx.Client, tenant) -> list[str]:
    page = api.get(f"/tenants/{tenant.id}/applications", params={"limit": 100}).json()
    return [item["name"] for item in page["items"]]


def _counts(api: httpx.Client, tenant) -> dict[str, int]:
    base = f"/tenants/{tenant.id}"
    return {
        "applications": api.get(base + "/applications").json()["size"],
        "directories": api.get(base + "/directories").json()["size"],
    }


def test_create_directory_name_taken_is_409_5010_and_writes_nothing(
    api: httpx.Client, tenant
) -> None:
    before = _counts(api, tenant)
    name = _unique("Half Written")
    response = api.post(
        "/applications", params={"createDirectory": "Flask Test"}, json={"name": name}
    )
    assert_error(response, 409, 5010)
    assert name not in _application_names(api, tenant)
    assert _counts(api, tenant) == before
    # the name is still free: nothing of the failed create is left behind
    assert api.post("/applications", json={"name": name}).status_code == 201


def test_failed_mapping_create_writes_nothing(api: httpx.Client, tenant) -> None:
    mappings = f"/applications/{tenant.application_id}/accountStoreMappings"
    before = api.get(mappings).json()
    body = {
        "application": {"href": tenant.application_href},
        "accountStore": {"href": tenant.directory_href},
        "listIndex": 0,
    }
    assert_error(api.post("/accountStoreMappings", json=body), 409, 5104)
    assert api.get(mappings).json() == before


def test_failed_update_changes_nothing(api: httpx.Client, tenant) -> None:
    before = api.get(f"/applications/{tenant.application_id}").json()
    response = api.post(
        f"/applications/{tenant.application_id}",
        json={"description": "changed", "status": "BOGUS"},
    )
    assert_error(response, 400, 2003)
    assert api.get(f"/applications/{tenant.application_id}").json() == before


def test_administrators_directory_cannot_be_deleted(api: httpx.Client, tenant) -> None:
    listing = api.get(
        f"/tenants/{tenant.id}/directories", params={"name": "Stormpath Administrators"}
    ).json()
    href = listing["items"][0]["href"]
    error = assert_error(api.delete(href), 400, 4001)
    assert "Administrators" in error["message"]
    assert api.get(href).status_code == 200
    # the tenant key (an administrator's key) still works
    assert api.get("/tenants/current").status_code == 302


def test_every_error_has_a_fresh_request_id(api: httpx.Client) -> None:
    ids = {api.get("/applications/missing").json()["requestId"] for _ in range(3)}
    assert len(ids) == 3


def test_successful_responses_carry_a_request_id_too(api: httpx.Client, tenant) -> None:
    response = api.get(f"/applications/{tenant.application_id}")
    assert response.status_code == 200
    uuid.UUID(response.headers["stormpath-request-id"])


def test_json_content_type_on_get_and_delete_is_accepted(api: httpx.Client) -> None:
    made = api.post("/applications", json={"name": _unique("Typed")}).json()
    headers = {"Content-Type": "application/json"}
    assert api.get(made["href"], headers=headers).status_code == 200
    assert api.delete(made["href"], headers=headers).status_code == 204


def test_post_without_body_or_content_type_is_an_empty_object(api: httpx.Client, tenant) -> None:
    response = api.post(f"/applications/{tenant.application_id}")
    assert response.status_code == 200
    assert response.json()["name"] == "Flask Test"
    assert_error(api.post("/applications"), 400, 2000)


def test_non_json_content_type_is_still_read_as_json(api: httpx.Client) -> None:
    name = _unique("Plain Text")
    response = api.post(
        "/applications", content=f'{{"name": "{name}"}}', headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 201
    assert response.json()["name"] == name


@pytest.fixture(scope="module")
def crashing_server() -> Iterator[tuple[ServerThread, httpx.Client]]:
    """A server with one extra route that fails unexpectedly."""
    app = create_app(Settings(password_scheme="fast"))

    @app.get("/v1/crash")
    def crash() -> None:
        raise RuntimeError("boom")

    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
    with ServerThread(app) as server:
        auth = (made.api_key.id, made.api_key.secret)
        with httpx.Client(base_url=server.base_url, auth=auth, timeout=10) as client:
            yield server, client


def test_unexpected_failure_is_a_500_error_document(
    crashing_server: tuple[ServerThread, httpx.Client], caplog: pytest.LogCaptureFixture
) -> None:
    _, client = crashing_server
    error = assert_error(client.get("/crash"), 500, 500)
    assert "boom" not in str(error)
    assert any("boom" in record.getMessage() for record in caplog.records)
