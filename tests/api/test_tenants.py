"""/tenants, the initial state of a tenant, and hrefs built from the client's base URL
(stormpath-api.md §1.2, §2.3, §6.1, §9)."""

from __future__ import annotations

import base64
import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.domain.tenants import create_quickstart_application, create_tenant
from mockpath.server import ServerThread

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
TENANT_LINKS = (
    "customData",
    "organizations",
    "applications",
    "directories",
    "accounts",
    "agents",
    "groups",
    "idSites",
    "smtpServers",
)


def _tenant_doc(api: httpx.Client) -> dict[str, Any]:
    response = api.get("/tenants/current", follow_redirects=True)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _only(api: httpx.Client, href: str, **params: str) -> dict[str, Any]:
    page = api.get(href, params=params).json()
    assert page["size"] == 1, page
    item: dict[str, Any] = page["items"][0]
    return item


# --- /tenants/current and the tenant document ------------------------------------------


def test_current_redirects_under_the_base_url(api: httpx.Client, live_server, tenant) -> None:
    response = api.get("/tenants/current")
    assert response.status_code == 302
    assert response.headers["location"] == f"{live_server.base_url}/tenants/{tenant.id}"
    assert response.content == b""


def test_current_with_query_parameters_still_redirects(api: httpx.Client, tenant) -> None:
    response = api.get("/tenants/current", params={"expand": "applications", "nocache": "true"})
    assert response.status_code == 302
    assert response.headers["location"].endswith(f"/tenants/{tenant.id}")


def test_tenant_document(api: httpx.Client, tenant) -> None:
    body = _tenant_doc(api)
    assert body["href"] == tenant.href
    assert body["key"] and body["name"] == body["key"]
    assert re.fullmatch(r"[a-z0-9-]+", body["key"])
    assert TIMESTAMP.fullmatch(body["createdAt"]) and TIMESTAMP.fullmatch(body["modifiedAt"])
    for name in TENANT_LINKS:
        assert body[name] == {"href": f"{tenant.href}/{name}"}, name


def test_tenant_by_id_equals_the_redirect_target(api: httpx.Client, tenant) -> None:
    assert api.get(f"/tenants/{tenant.id}").json() == _tenant_doc(api)


def test_update_tenant_name_ignores_read_only_junk(api: httpx.Client, tenant) -> None:
    before = _tenant_doc(api)
    junk = {**before, "name": "Renamed Tenant", "key": "changed-key", "unknown": [1, 2]}
    response = api.post(f"/tenants/{tenant.id}", json=junk)
    assert response.status_code == 200
    after = response.json()
    assert after["name"] == "Renamed Tenant"
    assert after["key"] == before["key"]
    assert "unknown" not in after
    assert after["modifiedAt"] >= before["modifiedAt"]
    assert api.get(f"/tenants/{tenant.id}").json()["name"] == "Renamed Tenant"


def test_update_tenant_with_embedded_custom_data(api: httpx.Client, tenant) -> None:
    response = api.post(f"/tenants/{tenant.id}", json={"customData": {"plan": "free"}})
    assert response.status_code == 200
    assert api.get(f"/tenants/{tenant.id}/customData").json()["plan"] == "free"


def test_another_tenant_is_404(api: httpx.Client, live_server) -> None:
    app = live_server.app
    with app.state.store.write() as tx:
        other = create_tenant(tx, app.state.hasher).tenant
    for path in (f"/tenants/{other.id}", f"/tenants/{other.id}/applications"):
        response = api.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == 404
    assert api.post(f"/tenants/{other.id}", json={"name": "x"}).status_code == 404


def test_tenant_custom_data(api: httpx.Client, tenant) -> None:
    response = api.get(f"/tenants/{tenant.id}/customData")
    assert response.status_code == 200
    assert response.json()["href"] == f"{tenant.href}/customData"


def test_expand_tenant_collections(api: httpx.Client, tenant) -> None:
    body = api.get(
        f"/tenants/{tenant.id}", params={"expand": "applications(limit:1),idSites"}
    ).json()
    assert body["applications"]["limit"] == 1
    assert body["applications"]["size"] == 2
    assert len(body["applications"]["items"]) == 1
    assert body["idSites"]["size"] == 1
    assert body["directories"] == {"href": f"{tenant.href}/directories"}


@pytest.mark.parametrize("name", ["organizations", "agents", "smtpServers"])
def test_collections_mockpath_does_not_keep_are_empty(api: httpx.Client, tenant, name: str) -> None:
    page = api.get(f"/tenants/{tenant.id}/{name}", params={"limit": 5}).json()
    assert page == {
        "href": f"{tenant.href}/{name}",
        "offset": 0,
        "limit": 5,
        "size": 0,
        "items": [],
    }


# --- initial state (§9) -------------------------------------------------------------------


def test_exactly_one_id_site(api: httpx.Client, tenant) -> None:
    site = _only(api, f"/tenants/{tenant.id}/idSites")
    assert site["href"].startswith(api.base_url.join("/v1/idSites/").__str__())
    assert site["tenant"] == {"href": tenant.href}
    assert api.get(site["href"]).json() == site


def test_administrators_directory_holds_the_owner(api: httpx.Client, tenant) -> None:
    admins = _only(api, f"/tenants/{tenant.id}/directories", name="Stormpath Administrators")
    assert admins["name"] == "Stormpath Administrators"
    assert admins["status"] == "ENABLED"
    provider = api.get(admins["provider"]["href"]).json()
    assert provider["providerId"] == "stormpath"
    owner = _only(api, admins["accounts"]["href"])
    assert owner["status"] == "ENABLED"


def test_stormpath_application_is_mapped_to_the_administrators(api: httpx.Client, tenant) -> None:
    console = _only(api, f"/tenants/{tenant.id}/applications", name="Stormpath")
    admins = _only(api, f"/tenants/{tenant.id}/directories", name="Stormpath Administrators")
    mapping = _only(api, console["accountStoreMappings"]["href"])
    assert mapping["accountStore"] == {"href": admins["href"]}
    assert mapping["listIndex"] == 0
    assert mapping["isDefaultAccountStore"] is True
    assert console["defaultAccountStoreMapping"] == {"href": mapping["href"]}


def test_tenant_collections_count_the_seeded_resources(api: httpx.Client, tenant) -> None:
    base = f"/tenants/{tenant.id}"
    names = sorted(a["name"] for a in api.get(base + "/applications").json()["items"])
    assert names == ["Flask Test", "Stormpath"]
    directories = sorted(d["name"] for d in api.get(base + "/directories").json()["items"])
    assert directories == ["Flask Test", "Stormpath Administrators"]
    assert api.get(base + "/accounts").json()["size"] == 1


def test_quickstart_application_has_its_own_default_directory(api: httpx.Client, tenant) -> None:
    app = api.get(f"/applications/{tenant.application_id}").json()
    mapping = api.get(app["defaultAccountStoreMapping"]["href"]).json()
    assert mapping["accountStore"] == {"href": tenant.directory_href}
    assert app["defaultGroupStoreMapping"] == app["defaultAccountStoreMapping"]


# --- hrefs follow the base URL the client used (§1.2) --------------------------------------


def _hrefs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "href" and isinstance(item, str):
                yield item
            else:
                yield from _hrefs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _hrefs(item)


def _walk(client: httpx.Client, tenant_id: str, public: str | None = None) -> list[str]:
    """Every href of the tenant, its collections and their items (expanded).

    public: the base URL in the hrefs when it is not the one the client connects to.
    """

    def local(href: str) -> str:
        return href.replace(public, str(client.base_url).rstrip("/")) if public else href

    seen: list[str] = []
    tenant = client.get(f"/tenants/{tenant_id}").json()
    seen += _hrefs(tenant)
    for name in ("applications", "directories", "accounts", "idSites"):
        page = client.get(local(tenant[name]["href"])).json()
        seen += _hrefs(page)
        for item in page["items"]:
            expanded = client.get(
                local(item["href"]), params={"expand": "tenant,customData,accountStoreMappings"}
            ).json()
            seen += _hrefs(expanded)
    current = client.get("/tenants/current")
    seen.append(current.headers["location"])
    return seen


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_every_href_starts_with_the_base_url_of_the_client(live_server, tenant, host) -> None:
    base = f"http://{host}:{live_server.port}/v1"
    auth = (tenant.api_key_id, tenant.api_key_secret)
    with httpx.Client(base_url=base, auth=auth, timeout=10) as client:
        hrefs = _walk(client, tenant.id)
        created = client.post("/applications", json={"name": f"Via {host}"})
        hrefs += _hrefs(created.json())
        hrefs.append(created.headers["location"])
    assert len(hrefs) > 50
    assert all(href.startswith(base + "/") for href in hrefs), [
        h for h in hrefs if not h.startswith(base + "/")
    ]


def test_host_header_decides_the_base_url(live_server, tenant) -> None:
    auth = (tenant.api_key_id, tenant.api_key_secret)
    response = httpx.get(
        f"{live_server.base_url}/applications/{tenant.application_id}",
        auth=auth,
        headers={"Host": "emulator.example:9999"},
    )
    assert response.json()["href"] == (
        f"http://emulator.example:9999/v1/applications/{tenant.application_id}"
    )


def test_without_a_host_header_the_server_address_is_used(live_server, tenant) -> None:
    credentials = base64.b64encode(f"{tenant.api_key_id}:{tenant.api_key_secret}".encode())
    request = (
        f"GET /v1/applications/{tenant.application_id} HTTP/1.0\r\n"
        f"Authorization: Basic {credentials.decode()}\r\n\r\n"
    ).encode()
    with socket.create_connection((live_server.host, live_server.port), timeout=10) as sock:
        sock.sendall(request)
        raw = b""
        while chunk := sock.recv(65536):
            raw += chunk
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200"), head
    assert json.loads(body)["href"] == tenant.application_href


@pytest.fixture(scope="module")
def public_url_server() -> Iterator[tuple[ServerThread, tuple[str, str]]]:
    app = create_app(Settings(password_scheme="fast", public_url="http://mockpath:8080"))
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        create_quickstart_application(tx, made.tenant.id)
    with ServerThread(app) as server:
        yield server, (made.api_key.id, made.api_key.secret)


def test_public_url_is_used_for_every_href(public_url_server) -> None:
    server, auth = public_url_server
    with httpx.Client(base_url=server.base_url, auth=auth, timeout=10) as client:
        current = client.get("/tenants/current")
        assert current.status_code == 302
        location = current.headers["location"]
        assert location.startswith("http://mockpath:8080/v1/tenants/")
        tenant_id = location.rsplit("/", 1)[1]
        hrefs = _walk(client, tenant_id, public="http://mockpath:8080/v1")
    assert len(hrefs) > 50
    assert all(href.startswith("http://mockpath:8080/v1/") for href in hrefs)


def test_hrefs_sent_back_may_use_any_base(api: httpx.Client, tenant) -> None:
    """Clients send hrefs back; only the part after /v1 counts (§1.2)."""
    made = api.post("/applications", json={"name": "Foreign Hrefs"}).json()
    directory = api.post("/directories", json={"name": "Foreign Hrefs Dir"}).json()
    body = {
        "application": {"href": made["href"].replace("127.0.0.1", "elsewhere.example")},
        "accountStore": {"href": "https://other:1/v1/directories/" + directory["href"][-22:]},
    }
    response = api.post("/accountStoreMappings", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["accountStore"] == {"href": directory["href"]}


# --- path quirks (§2.4) --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/applications/{app}/",
        "//applications/{app}",
        "/applications//{app}",
        "/applications/{app}//",
    ],
)
def test_trailing_slash_and_double_slashes(api: httpx.Client, live_server, tenant, path) -> None:
    url = live_server.url + "/v1" + path.format(app=tenant.application_id)
    response = api.get(url)
    assert response.status_code == 200, response.text
    assert response.json()["href"] == tenant.application_href


def test_paths_are_case_sensitive(api: httpx.Client, tenant) -> None:
    response = api.get(f"/applications/{tenant.application_id}/accountstoremappings")
    assert response.status_code == 404
