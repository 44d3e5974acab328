"""/accountStoreMappings through real HTTP (stormpath-api.md §6.3)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.api.test_errors import assert_error


def _directory(api: httpx.Client) -> str:
    response = api.post("/directories", json={"name": f"Store {uuid.uuid4().hex[:8]}"})
    assert response.status_code == 201
    href: str = response.json()["href"]
    return href


def _group(api: httpx.Client, directory_href: str) -> str:
    response = api.post(directory_href + "/groups", json={"name": f"G {uuid.uuid4().hex[:6]}"})
    assert response.status_code == 201, response.text
    href: str = response.json()["href"]
    return href


def _create(api: httpx.Client, app_href: str, store_href: str, **extra: Any) -> httpx.Response:
    body = {"application": {"href": app_href}, "accountStore": {"href": store_href}, **extra}
    return api.post("/accountStoreMappings", json=body)


def _map(api: httpx.Client, app_href: str, store_href: str, **extra: Any) -> dict[str, Any]:
    response = _create(api, app_href, store_href, **extra)
    assert response.status_code == 201, response.text
    assert response.headers["location"] == response.json()["href"]
    mapping: dict[str, Any] = response.json()
    return mapping


def _order(api: httpx.Client, tenant) -> list[tuple[int, str, bool, bool]]:
    """(listIndex, store href, default account, default group) as listed, in order."""
    page = api.get(f"/applications/{tenant.application_id}/accountStoreMappings").json()
    assert page["size"] == len(page["items"])
    return [
        (
            m["listIndex"],
            m["accountStore"]["href"],
            m["isDefaultAccountStore"],
            m["isDefaultGroupStore"],
        )
        for m in page["items"]
    ]


def _stores(api: httpx.Client, tenant) -> list[str]:
    order = _order(api, tenant)
    assert [index for index, *_ in order] == list(range(len(order)))
    return [store for _, store, *_ in order]


def _defaults(api: httpx.Client, tenant) -> tuple[str | None, str | None]:
    app = api.get(tenant.application_href).json()
    links = (app["defaultAccountStoreMapping"], app["defaultGroupStoreMapping"])
    return (links[0] and links[0]["href"], links[1] and links[1]["href"])


# --- create -------------------------------------------------------------------------------


def test_create_document(api: httpx.Client, live_server, tenant) -> None:
    store = _directory(api)
    mapping = _map(api, tenant.application_href, store)
    assert mapping["href"].startswith(live_server.base_url + "/accountStoreMappings/")
    assert mapping["listIndex"] == 1
    assert mapping["isDefaultAccountStore"] is False
    assert mapping["isDefaultGroupStore"] is False
    assert mapping["application"] == {"href": tenant.application_href}
    assert mapping["accountStore"] == {"href": store}
    assert mapping["createdAt"] and mapping["modifiedAt"]
    assert api.get(mapping["href"]).json() == mapping


def test_default_list_index_is_the_end(api: httpx.Client, tenant) -> None:
    first, second = _directory(api), _directory(api)
    _map(api, tenant.application_href, first)
    _map(api, tenant.application_href, second)
    assert _stores(api, tenant) == [tenant.directory_href, first, second]


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, 0), (1, 1), (2, 2), (-5, 0), (99, 2), ("1", 1)],
    ids=["front", "middle", "end", "negative", "beyond", "string"],
)
def test_list_index_inserts_and_shifts(
    api: httpx.Client, tenant, index: Any, expected: int
) -> None:
    other = _directory(api)
    _map(api, tenant.application_href, other)
    new = _directory(api)
    mapping = _map(api, tenant.application_href, new, listIndex=index)
    assert mapping["listIndex"] == expected
    stores = [tenant.directory_href, other]
    stores.insert(expected, new)
    assert _stores(api, tenant) == stores


def test_new_default_account_store_takes_the_flag(api: httpx.Client, tenant) -> None:
    old_mapping, _ = _defaults(api, tenant)
    store = _directory(api)
    mapping = _map(api, tenant.application_href, store, isDefaultAccountStore=True)
    assert mapping["isDefaultAccountStore"] is True
    assert _defaults(api, tenant) == (mapping["href"], old_mapping)
    assert api.get(old_mapping).json()["isDefaultAccountStore"] is False
    assert api.get(old_mapping).json()["isDefaultGroupStore"] is True


def test_boolean_strings_are_accepted(api: httpx.Client, tenant) -> None:
    store = _directory(api)
    mapping = _map(
        api,
        tenant.application_href,
        store,
        isDefaultAccountStore="true",
        isDefaultGroupStore="TRUE",
    )
    assert mapping["isDefaultAccountStore"] is True and mapping["isDefaultGroupStore"] is True
    assert _defaults(api, tenant) == (mapping["href"], mapping["href"])


def test_group_store_mapping(api: httpx.Client, tenant) -> None:
    group = _group(api, _directory(api))
    mapping = _map(api, tenant.application_href, group, isDefaultAccountStore=True)
    assert mapping["accountStore"] == {"href": group}
    assert mapping["isDefaultAccountStore"] is True


def test_group_cannot_be_the_default_group_store(api: httpx.Client, tenant) -> None:
    group = _group(api, _directory(api))
    response = _create(api, tenant.application_href, group, isDefaultGroupStore=True)
    assert_error(response, 400, 5112)
    assert _stores(api, tenant) == [tenant.directory_href]
    mapping = _map(api, tenant.application_href, group)
    assert_error(api.post(mapping["href"], json={"isDefaultGroupStore": True}), 400, 5112)
    assert api.get(mapping["href"]).json()["isDefaultGroupStore"] is False


def test_duplicate_mapping_is_409_5104(api: httpx.Client, tenant) -> None:
    response = _create(api, tenant.application_href, tenant.directory_href)
    assert_error(response, 409, 5104)
    assert len(_order(api, tenant)) == 1


@pytest.mark.parametrize(
    "store",
    ["not-an-href", "", "/v1/", "http://localhost/v1/directories", "/v1/tenants/x/y"],
)
def test_store_that_is_not_an_href_is_400_2002(api: httpx.Client, tenant, store: str) -> None:
    assert_error(_create(api, tenant.application_href, store), 400, 2002)


@pytest.mark.parametrize("collection", ["directories", "groups"])
def test_unknown_store_is_400_2016(api: httpx.Client, live_server, tenant, collection: str) -> None:
    href = f"{live_server.base_url}/{collection}/NoSuchStore00000000001"
    error = assert_error(_create(api, tenant.application_href, href), 400, 2016)
    assert "accountStore" in error["message"]


def test_unknown_application_is_400_2016(api: httpx.Client, live_server, tenant) -> None:
    href = f"{live_server.base_url}/applications/NoSuchApp0000000000001"
    assert_error(_create(api, href, tenant.directory_href), 400, 2016)


def test_store_of_another_tenant_is_unknown(api: httpx.Client, live_server, tenant) -> None:
    from mockpath.domain.tenants import create_quickstart_application, create_tenant

    app = live_server.app
    with app.state.store.write() as tx:
        other = create_tenant(tx, app.state.hasher)
        foreign = create_quickstart_application(tx, other.tenant.id, "Foreign")
    foreign_app = f"{live_server.base_url}/applications/{foreign.id}"
    assert_error(_create(api, foreign_app, tenant.directory_href), 400, 2016)


# --- update -------------------------------------------------------------------------------


def test_move_list_index(api: httpx.Client, tenant) -> None:
    b, c = _directory(api), _directory(api)
    _map(api, tenant.application_href, b)
    mapping_c = _map(api, tenant.application_href, c)
    response = api.post(mapping_c["href"], json={"listIndex": 0})
    assert response.status_code == 200
    assert response.json()["listIndex"] == 0
    assert _stores(api, tenant) == [c, tenant.directory_href, b]
    api.post(mapping_c["href"], json={"listIndex": 50})
    assert _stores(api, tenant) == [tenant.directory_href, b, c]
    api.post(mapping_c["href"], json={"listIndex": -1})
    assert _stores(api, tenant) == [c, tenant.directory_href, b]


def test_update_flags_move_the_defaults(api: httpx.Client, tenant) -> None:
    original, _ = _defaults(api, tenant)
    mapping = _map(api, tenant.application_href, _directory(api))
    response = api.post(
        mapping["href"], json={"isDefaultAccountStore": True, "isDefaultGroupStore": "true"}
    )
    assert response.status_code == 200
    assert _defaults(api, tenant) == (mapping["href"], mapping["href"])
    flags = api.get(original).json()
    assert (flags["isDefaultAccountStore"], flags["isDefaultGroupStore"]) == (False, False)
    api.post(mapping["href"], json={"isDefaultAccountStore": False})
    assert _defaults(api, tenant) == (None, mapping["href"])


def test_update_ignores_junk_and_cannot_repoint(api: httpx.Client, tenant) -> None:
    other = _directory(api)
    mapping = _map(api, tenant.application_href, other)
    body = {
        **mapping,
        "accountStore": {"href": tenant.directory_href},
        "application": {"href": "http://elsewhere/v1/applications/x"},
        "createdAt": "2000-01-01T00:00:00.000Z",
        "unknown": 1,
    }
    response = api.post(mapping["href"], json=body)
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["accountStore"] == {"href": other}
    assert updated["application"] == {"href": tenant.application_href}
    assert updated["createdAt"] == mapping["createdAt"]
    assert "unknown" not in updated


# --- delete -------------------------------------------------------------------------------


def test_delete_renumbers(api: httpx.Client, tenant) -> None:
    b, c = _directory(api), _directory(api)
    mapping_b = _map(api, tenant.application_href, b)
    _map(api, tenant.application_href, c)
    response = api.delete(mapping_b["href"])
    assert response.status_code == 204 and response.content == b""
    assert _stores(api, tenant) == [tenant.directory_href, c]
    assert api.get(mapping_b["href"]).status_code == 404
    assert api.delete(mapping_b["href"]).status_code == 404
    assert api.get(b).status_code == 200  # the store itself stays


def test_deleting_a_mapped_group_renumbers(api: httpx.Client, tenant) -> None:
    group = _group(api, _directory(api))
    last = _directory(api)
    _map(api, tenant.application_href, group)
    _map(api, tenant.application_href, last)
    assert api.delete(group).status_code == 204
    assert _stores(api, tenant) == [tenant.directory_href, last]


def test_deleting_the_default_mapping_nulls_the_defaults(api: httpx.Client, tenant) -> None:
    default, _ = _defaults(api, tenant)
    assert api.delete(default).status_code == 204
    assert _defaults(api, tenant) == (None, None)
    assert _order(api, tenant) == []


# --- listing ------------------------------------------------------------------------------


def test_listing_is_ordered_by_list_index_not_creation(api: httpx.Client, tenant) -> None:
    stores = [_directory(api) for _ in range(3)]
    for store in stores:
        _map(api, tenant.application_href, store, listIndex=0)
    assert _stores(api, tenant) == [*reversed(stores), tenant.directory_href]


def test_expanded_mappings_of_an_application_are_in_list_index_order(
    api: httpx.Client, tenant
) -> None:
    stores = [_directory(api) for _ in range(3)]
    for store in stores:
        _map(api, tenant.application_href, store, listIndex=0)
    expected = [*reversed(stores), tenant.directory_href]
    app = api.get(tenant.application_href, params={"expand": "accountStoreMappings"}).json()
    items = app["accountStoreMappings"]["items"]
    assert [m["accountStore"]["href"] for m in items] == expected
    assert [m["listIndex"] for m in items] == [0, 1, 2, 3]
    directory = api.get(stores[0], params={"expand": "applicationMappings"}).json()
    assert directory["applicationMappings"]["items"][0]["listIndex"] == 2


def test_listing_with_expanded_account_store(api: httpx.Client, tenant) -> None:
    """express-stormpath reads the provider of every mapped store this way (§5.7)."""
    group = _group(api, tenant.directory_href)
    _map(api, tenant.application_href, group)
    page = api.get(
        f"/applications/{tenant.application_id}/accountStoreMappings",
        params={"expand": "accountStore"},
    ).json()
    assert page["size"] == 2
    directory, expanded_group = (m["accountStore"] for m in page["items"])
    assert directory["href"] == tenant.directory_href
    assert directory["name"] == "Flask Test"
    assert directory["provider"] == {"href": tenant.directory_href + "/provider"}
    assert expanded_group["href"] == group
    assert "provider" not in expanded_group
    assert page["items"][0]["application"] == {"href": tenant.application_href}


def test_expand_application_on_a_mapping(api: httpx.Client, tenant) -> None:
    default, _ = _defaults(api, tenant)
    mapping = api.get(default, params={"expand": "application,accountStore"}).json()
    assert mapping["application"]["name"] == "Flask Test"
    assert mapping["accountStore"]["name"] == "Flask Test"


def test_mappings_of_an_unknown_application_is_404(api: httpx.Client) -> None:
    response = api.get("/applications/NoSuchApp0000000000001/accountStoreMappings")
    assert_error(response, 404, 404)
