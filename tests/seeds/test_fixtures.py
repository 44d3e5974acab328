"""The seed files shipped in fixtures/, loaded into their own server and read over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.seeds import SeededTenant, load_seed_files
from mockpath.server import ServerThread
from tests.seeds.conftest import FIXTURES, login, path_of


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[ServerThread, dict[str, SeededTenant]]]:
    app = create_app(Settings(password_scheme="fast"))
    paths = [FIXTURES / "quickstart.yaml", FIXTURES / "example.yaml"]
    tenants = load_seed_files(app.state.store, app.state.hasher, paths)
    with ServerThread(app) as server:
        yield server, {t.key: t for t in tenants}


def connect(server: ServerThread, key_id: str, secret: str) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, auth=(key_id, secret), timeout=10)


@pytest.fixture
def quickstart(seeded) -> Iterator[httpx.Client]:
    server, _ = seeded
    key = ("MOCKPATHQUICKSTART0000001", "bW9ja3BhdGgtcXVpY2tzdGFydC1zZWNyZXQtMDAwMDE")
    with connect(server, *key) as client:
        yield client


@pytest.fixture
def example(seeded) -> Iterator[httpx.Client]:
    server, _ = seeded
    key = ("MOCKPATHEXAMPLEKEY0000001", "bW9ja3BhdGgtZXhhbXBsZS1zZWNyZXQtMDAwMDAwMDE")
    with connect(server, *key) as client:
        yield client


def application(api: httpx.Client, name: str) -> dict:
    tenant = api.get("/tenants/current", follow_redirects=True).json()
    found = api.get(f"{path_of(tenant['applications']['href'])}", params={"name": name}).json()
    assert found["size"] == 1, found
    return found["items"][0]


def test_quickstart_key_reaches_its_tenant(quickstart) -> None:
    response = quickstart.get("/tenants/current")
    assert response.status_code == 302
    tenant = quickstart.get(path_of(response.headers["location"])).json()
    assert tenant["key"] == "quickstart"
    assert tenant["name"] == "Quickstart"


def test_quickstart_flask_test_registers_and_logs_in(quickstart) -> None:
    app = application(quickstart, "Flask Test")
    stores = quickstart.get(path_of(app["accountStoreMappings"]["href"])).json()["items"]
    assert [(s["isDefaultAccountStore"], s["isDefaultGroupStore"]) for s in stores] == [
        (True, True)
    ]
    created = quickstart.post(
        f"{path_of(app['href'])}/accounts",
        json={"email": "jane@example.com", "password": "Passw0rdABC", "givenName": "Jane"},
    )
    assert created.status_code == 201, created.text
    directory = quickstart.get(path_of(created.json()["directory"]["href"])).json()
    assert directory["name"] == "Flask Test"
    app_id = app["href"].rsplit("/", 1)[1]
    assert login(quickstart, app_id, "jane@example.com", "Passw0rdABC").status_code == 200


def test_example_accounts_log_in_with_plain_and_imported_passwords(example) -> None:
    app_id = application(example, "Web Shop")["href"].rsplit("/", 1)[1]
    assert login(example, app_id, "ada@example.com", "Analytical-Engine1").status_code == 200
    assert login(example, app_id, "grace@example.com", "Imported1Pass").status_code == 200
    assert login(example, app_id, "grace@example.com", "wrong").status_code == 400
    disabled = login(example, app_id, "alan", "Enigma-Machine42")
    assert disabled.status_code == 400


def test_example_groups_memberships_and_custom_data(example) -> None:
    app_id = application(example, "Web Shop")["href"].rsplit("/", 1)[1]
    ada = login(example, app_id, "ada@example.com", "Analytical-Engine1").json()["account"]
    account = example.get(path_of(ada["href"]), params={"expand": "customData,groups"}).json()
    assert sorted(g["name"] for g in account["groups"]["items"]) == ["admins", "beta"]
    assert account["customData"]["favouriteColor"] == "green"
    assert account["customData"]["address"] == {"city": "London", "country": "GB"}
    directory = example.get(path_of(account["directory"]["href"])).json()
    groups = example.get(path_of(directory["groups"]["href"]), params={"name": "beta"}).json()
    beta = example.get(path_of(groups["items"][0]["customData"]["href"])).json()
    assert beta["features"] == ["new-dashboard", "dark-mode"]
    tenant = example.get("/tenants/current", follow_redirects=True).json()
    assert example.get(path_of(tenant["customData"]["href"])).json()["plan"] == "enterprise"


def test_example_directory_policies(example) -> None:
    tenant = example.get("/tenants/current", follow_redirects=True).json()
    found = example.get(path_of(tenant["directories"]["href"]), params={"name": "Customers"})
    directory = found.json()["items"][0]
    policy = example.get(path_of(directory["passwordPolicy"]["href"])).json()
    assert policy["resetTokenTtl"] == 48
    strength = example.get(path_of(policy["strength"]["href"])).json()
    assert (strength["minLength"], strength["minSymbol"], strength["minNumeric"]) == (10, 1, 1)
    creation = example.get(path_of(directory["accountCreationPolicy"]["href"])).json()
    assert creation["emailDomainBlacklist"] == ["*.invalid"]


def test_example_back_office_maps_a_directory_and_a_group(example) -> None:
    app = application(example, "Back Office")
    mappings = example.get(
        path_of(app["accountStoreMappings"]["href"]), params={"expand": "accountStore"}
    )
    stores = [
        (m["accountStore"]["name"], m["isDefaultAccountStore"], m["isDefaultGroupStore"])
        for m in mappings.json()["items"]
    ]
    assert stores == [("Staff", True, True), ("admins", False, False)]
    app_id = app["href"].rsplit("/", 1)[1]
    assert login(example, app_id, "ada@example.com", "Analytical-Engine1").status_code == 200
    assert login(example, app_id, "operator@example.com", "Operator-Pass1").status_code == 200


def test_example_second_key_is_disabled(seeded) -> None:
    server, _ = seeded
    key = ("MOCKPATHEXAMPLEKEY0000002", "bW9ja3BhdGgtZXhhbXBsZS1zZWNyZXQtMDAwMDAwMDI")
    with connect(server, *key) as client:
        assert client.get("/tenants/current").status_code == 401


def test_loading_the_same_files_again_keeps_the_tenants(seeded) -> None:
    server, first = seeded
    app = server.app
    paths = [FIXTURES / "quickstart.yaml", FIXTURES / "example.yaml"]
    again = load_seed_files(app.state.store, app.state.hasher, paths)
    assert [t.created for t in again] == [False, False]
    assert [t.tenant_id for t in again] == [
        first["quickstart"].tenant_id,
        first["example"].tenant_id,
    ]
    assert again[1].applications == first["example"].applications
