"""Uniqueness lives in the database, and tenants never see each other's records.

Concurrent writers race straight through SqlStore (one store shared by threads, and two
stores on one SQLite file); isolation is checked both in the store and over HTTP.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from mockpath.domain import ids
from mockpath.domain.common import stamped
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    APPLICATIONS,
    DIRECTORIES,
    ENABLED,
    AccountStoreMapping,
    Application,
    Directory,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.tenants import create_quickstart_application, create_tenant
from mockpath.store import StoreConflict, StoreNotFound, Where
from mockpath.store.sql import SqlStore


@pytest.fixture
def store() -> Iterator[SqlStore]:
    made = SqlStore("sqlite://")
    yield made
    made.close()


@pytest.fixture(scope="module")
def hasher() -> PasswordHasher:
    return PasswordHasher("fast")


def _tenant(store: SqlStore, hasher: PasswordHasher) -> str:
    with store.write() as tx:
        return create_tenant(tx, hasher).tenant.id


def _application(tenant_id: str, name: str) -> Application:
    return Application(
        id=ids.new_id(),
        tenant_id=tenant_id,
        name=name,
        description="",
        status=ENABLED,
        authorized_callback_uris=[],
        authorized_origin_uris=[],
        **stamped(),
    )


def _directory(tenant_id: str, name: str) -> Directory:
    return Directory(
        id=ids.new_id(),
        tenant_id=tenant_id,
        name=name,
        description="",
        status=ENABLED,
        provider={"providerId": "stormpath"},
        **stamped(),
    )


def _race(writers: list[Callable[[], None]]) -> tuple[int, list[StoreConflict]]:
    """Start every writer at once; (how many succeeded, the conflicts raised)."""
    barrier = threading.Barrier(len(writers))
    wins: list[None] = []
    conflicts: list[StoreConflict] = []
    failures: list[BaseException] = []

    def run(write: Callable[[], None]) -> None:
        barrier.wait()
        try:
            write()
            wins.append(None)
        except StoreConflict as exc:
            conflicts.append(exc)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return len(wins), conflicts


def _insert_app(store: SqlStore, tenant_id: str, name: str) -> Callable[[], None]:
    def write() -> None:
        with store.write() as tx:
            tx.insert(APPLICATIONS, _application(tenant_id, name))

    return write


def _names(store: SqlStore, tenant_id: str, name: str) -> list[str]:
    with store.read() as tx:
        page = tx.select(APPLICATIONS, tenant_id, Where())
    return [a.name for a in page.items if a.name.lower() == name.lower()]


# --- uniqueness --------------------------------------------------------------------------


@pytest.mark.parametrize("round_", range(5))
def test_two_threads_insert_the_same_application_name(
    store: SqlStore, hasher: PasswordHasher, round_: int
) -> None:
    tenant_id = _tenant(store, hasher)
    name = f"Race {round_}"
    wins, conflicts = _race([_insert_app(store, tenant_id, name) for _ in range(2)])
    assert wins == 1
    assert len(conflicts) == 1 and "name" in conflicts[0].fields
    assert _names(store, tenant_id, name) == [name]


def test_many_threads_and_spellings_one_winner(store: SqlStore, hasher: PasswordHasher) -> None:
    tenant_id = _tenant(store, hasher)
    spellings = ["Shop", "SHOP", "shop", "sHoP", "Shop", "shoP", "SHOp", "ShoP"]
    wins, conflicts = _race([_insert_app(store, tenant_id, s) for s in spellings])
    assert (wins, len(conflicts)) == (1, len(spellings) - 1)
    assert len(_names(store, tenant_id, "shop")) == 1


def test_two_stores_on_one_database_file(tmp_path: Path, hasher: PasswordHasher) -> None:
    """Two servers sharing a database file: SQLite itself must refuse the second."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = SqlStore(url), SqlStore(url)
    try:
        tenant_id = _tenant(first, hasher)
        for round_ in range(5):
            name = f"Shared {round_}"
            wins, conflicts = _race(
                [_insert_app(first, tenant_id, name), _insert_app(second, tenant_id, name)]
            )
            assert (wins, len(conflicts)) == (1, 1)
            assert _names(second, tenant_id, name) == [name]
    finally:
        first.close()
        second.close()


def test_same_name_in_two_tenants(store: SqlStore, hasher: PasswordHasher) -> None:
    a, b = _tenant(store, hasher), _tenant(store, hasher)
    wins, conflicts = _race([_insert_app(store, a, "Same"), _insert_app(store, b, "Same")])
    assert (wins, conflicts) == (2, [])
    with store.write() as tx:
        tx.insert(DIRECTORIES, _directory(a, "Same Dir"))
        tx.insert(DIRECTORIES, _directory(b, "Same Dir"))
    assert _names(store, a, "Same") == ["Same"] and _names(store, b, "Same") == ["Same"]


def test_seeded_names_repeat_in_every_tenant(store: SqlStore, hasher: PasswordHasher) -> None:
    tenants = [_tenant(store, hasher) for _ in range(3)]
    with store.write() as tx:
        for tenant_id in tenants:
            create_quickstart_application(tx, tenant_id)
    for tenant_id in tenants:
        assert _names(store, tenant_id, "Stormpath") == ["Stormpath"]
        assert _names(store, tenant_id, "Flask Test") == ["Flask Test"]


def test_directory_name_is_unique_case_insensitively(
    store: SqlStore, hasher: PasswordHasher
) -> None:
    tenant_id = _tenant(store, hasher)

    def insert(name: str) -> Callable[[], None]:
        def write() -> None:
            with store.write() as tx:
                tx.insert(DIRECTORIES, _directory(tenant_id, name))

        return write

    wins, conflicts = _race([insert("Customers"), insert("CUSTOMERS")])
    assert (wins, len(conflicts)) == (1, 1)
    assert "name" in conflicts[0].fields


def test_renaming_onto_a_taken_name_conflicts(store: SqlStore, hasher: PasswordHasher) -> None:
    tenant_id = _tenant(store, hasher)
    with store.write() as tx:
        tx.insert(APPLICATIONS, _application(tenant_id, "Taken"))
        other = tx.insert(APPLICATIONS, _application(tenant_id, "Free"))
    with pytest.raises(StoreConflict), store.write() as tx:
        tx.update(APPLICATIONS, tenant_id, other.id, {"name": "TAKEN"})
    with store.read() as tx:
        assert tx.get(APPLICATIONS, tenant_id, other.id).name == "Free"


def test_an_account_store_is_mapped_once_per_application(
    store: SqlStore, hasher: PasswordHasher
) -> None:
    tenant_id = _tenant(store, hasher)
    with store.write() as tx:
        app = tx.insert(APPLICATIONS, _application(tenant_id, "Mapped"))
        directory = tx.insert(DIRECTORIES, _directory(tenant_id, "Mapped Dir"))

    def insert(index: int) -> Callable[[], None]:
        def write() -> None:
            with store.write() as tx:
                tx.insert(
                    ACCOUNT_STORE_MAPPINGS,
                    AccountStoreMapping(
                        id=ids.new_id(),
                        tenant_id=tenant_id,
                        application_id=app.id,
                        store_type="directories",
                        store_id=directory.id,
                        list_index=index,
                        is_default_account_store=False,
                        is_default_group_store=False,
                        **stamped(),
                    ),
                )

        return write

    wins, conflicts = _race([insert(0), insert(1)])
    assert (wins, len(conflicts)) == (1, 1)


def test_a_failed_write_transaction_leaves_nothing(store: SqlStore, hasher: PasswordHasher) -> None:
    tenant_id = _tenant(store, hasher)
    with pytest.raises(StoreConflict), store.write() as tx:
        tx.insert(APPLICATIONS, _application(tenant_id, "Half"))
        tx.insert(DIRECTORIES, _directory(tenant_id, "Half Dir"))
        tx.insert(APPLICATIONS, _application(tenant_id, "HALF"))
    assert _names(store, tenant_id, "Half") == []
    with store.read() as tx:
        names = [d.name for d in tx.select(DIRECTORIES, tenant_id, Where()).items]
    assert "Half Dir" not in names


def test_concurrent_creates_over_http_one_201_the_rest_409(
    live_server, api: httpx.Client, tenant
) -> None:
    auth = (tenant.api_key_id, tenant.api_key_secret)
    barrier = threading.Barrier(6)
    responses: list[httpx.Response] = []

    def create(spelling: str) -> None:
        with httpx.Client(base_url=live_server.base_url, auth=auth, timeout=30) as client:
            barrier.wait()
            responses.append(
                client.post(
                    "/applications", params={"createDirectory": "true"}, json={"name": spelling}
                )
            )

    spellings = ["Busy", "BUSY", "busy", "Busy", "bUsY", "BUSY"]
    threads = [threading.Thread(target=create, args=(s,)) for s in spellings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201, 409, 409, 409, 409, 409]
    assert all(r.json()["code"] == 2001 for r in responses if r.status_code == 409)
    page = api.get(f"/tenants/{tenant.id}/applications", params={"name": "busy"}).json()
    assert page["size"] == 1
    directories = api.get(f"/tenants/{tenant.id}/directories", params={"name": "busy*"}).json()
    assert directories["size"] == 1  # the losers left no directory behind


# --- tenant isolation in the store ---------------------------------------------------------


def test_store_calls_are_scoped_by_tenant(store: SqlStore, hasher: PasswordHasher) -> None:
    a, b = _tenant(store, hasher), _tenant(store, hasher)
    with store.write() as tx:
        app = tx.insert(APPLICATIONS, _application(a, "Private"))
    with store.write() as tx:
        assert tx.find(APPLICATIONS, b, app.id) is None
        with pytest.raises(StoreNotFound):
            tx.get(APPLICATIONS, b, app.id)
        with pytest.raises(StoreNotFound):
            tx.update(APPLICATIONS, b, app.id, {"name": "Stolen"})
        with pytest.raises(StoreNotFound):
            tx.delete(APPLICATIONS, b, app.id)
        assert tx.delete_where(APPLICATIONS, b, Where.of(id=app.id)) == 0
        assert app.id not in {x.id for x in tx.select(APPLICATIONS, b, Where()).items}
    with store.read() as tx:
        assert tx.get(APPLICATIONS, a, app.id).name == "Private"


# --- tenant isolation over HTTP ------------------------------------------------------------


def test_another_tenant_cannot_read_or_change_an_application(
    api: httpx.Client, other_api: httpx.Client, tenant
) -> None:
    app = tenant.application_href
    for response in (
        other_api.get(app),
        other_api.post(app, json={"name": "Stolen"}),
        other_api.delete(app),
        other_api.get(app + "/accountStoreMappings"),
        other_api.get(app + "/customData"),
        other_api.get(tenant.directory_href),
        other_api.delete(tenant.directory_href),
        other_api.get(f"/tenants/{tenant.id}"),
        other_api.get(f"/tenants/{tenant.id}/applications"),
    ):
        assert response.status_code == 404, (response.request.url, response.text)
        assert response.json()["code"] == 404
    after = api.get(app).json()
    assert after["name"] == "Flask Test"


def test_another_tenant_does_not_list_or_find_it(
    api: httpx.Client, other_api: httpx.Client, tenant
) -> None:
    api.post("/applications", json={"name": "Only In A"})
    other = other_api.get("/tenants/current", follow_redirects=True).json()
    listing = other_api.get(other["applications"]["href"], params={"limit": 100}).json()
    assert tenant.application_id not in str(listing)
    assert sorted(a["name"] for a in listing["items"]) == ["Flask Test", "Stormpath"]
    for params in ({"name": "Only In A"}, {"q": "only in"}):
        assert other_api.get(other["applications"]["href"], params=params).json()["size"] == 0
    # the same name is free in the other tenant
    assert other_api.post("/applications", json={"name": "Only In A"}).status_code == 201


def test_another_tenant_cannot_map_a_foreign_store(other_api: httpx.Client, tenant) -> None:
    other = other_api.get("/tenants/current", follow_redirects=True).json()
    own_app = other_api.get(other["applications"]["href"], params={"name": "Flask Test"})
    body = {
        "application": {"href": own_app.json()["items"][0]["href"]},
        "accountStore": {"href": tenant.directory_href},
    }
    response = other_api.post("/accountStoreMappings", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == 2016
