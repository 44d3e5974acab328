"""Collection behaviour, tested once for every list endpoint (stormpath-api.md §5, §2.5).

Everything goes through one tenant's `applications` collection (plus a few others where
a rule is about the member type), queried with raw query strings so that the exact
encodings of the Python SDK (`+`, `%2A`) and of Node (`%20`) reach the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from mockpath.domain.tenants import create_quickstart_application, create_tenant
from tests.api.test_errors import assert_error

SEEDED = ["Stormpath", "Flask Test"]  # in creation order (§9)


def _list(api: httpx.Client, path: str, query: str = "") -> dict[str, Any]:
    """GET path?query with the query string sent exactly as written."""
    url = api.base_url.copy_with(raw_path=(str(api.base_url.path) + path.lstrip("/")).encode())
    if query:
        url = url.copy_with(query=query.encode())
    response = api.get(url)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _apps(api: httpx.Client, tenant, query: str = "") -> dict[str, Any]:
    return _list(api, f"/tenants/{tenant.id}/applications", query)


def _names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["items"]]


def _make(api: httpx.Client, name: str, **attributes: Any) -> dict[str, Any]:
    response = api.post("/applications", json={"name": name, **attributes})
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


@dataclass(frozen=True)
class Shared:
    """A tenant of its own, set up once per module and only read by the tests."""

    api: httpx.Client
    tenant: SimpleNamespace
    names: list[str]  # application names in creation order


@contextmanager
def _shared_tenant(live_server, names: list[tuple[str, dict[str, Any]]]) -> Iterator[Shared]:
    app = live_server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        create_quickstart_application(tx, made.tenant.id)
    base = live_server.base_url
    tenant = SimpleNamespace(id=made.tenant.id, href=f"{base}/tenants/{made.tenant.id}")
    auth = (made.api_key.id, made.api_key.secret)
    with httpx.Client(base_url=base, auth=auth, timeout=10) as api:
        for name, attributes in names:
            _make(api, name, **attributes)
        yield Shared(api, tenant, SEEDED + [name for name, _ in names])


@pytest.fixture(scope="module")
def paged(live_server) -> Iterator[Shared]:
    """30 more applications than the seeded two."""
    with _shared_tenant(live_server, [(f"Paged {i:02d}", {}) for i in range(30)]) as shared:
        yield shared


@pytest.fixture(scope="module")
def shop(live_server) -> Iterator[Shared]:
    catalogue: list[tuple[str, dict[str, Any]]] = [
        ("Flask Shop", {"description": "the SHOP front"}),
        ("flask admin", {"status": "DISABLED"}),
        ("Node Shop", {"description": "express based"}),
        ("Old Flask", {"status": "DISABLED", "description": "retired"}),
        ("100% Done", {}),
        ("100x Done", {}),
        ("a_c one", {}),
        ("abc one", {}),
    ]
    with _shared_tenant(live_server, catalogue) as shared:
        yield shared


# --- paging (§5.1, §5.2) ------------------------------------------------------------------


def test_defaults(paged: Shared) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    page = _apps(api, tenant)
    assert page["href"] == f"{tenant.href}/applications"
    assert (page["offset"], page["limit"], page["size"]) == (0, 25, 32)
    assert _names(page) == thirty[:25]


def test_size_is_the_total_not_the_page_length(paged: Shared) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    page = _apps(api, tenant, "offset=30&limit=10")
    assert (page["offset"], page["limit"], page["size"]) == (30, 10, 32)
    assert _names(page) == thirty[30:]
    beyond = _apps(api, tenant, "offset=500")
    assert (beyond["offset"], beyond["size"], beyond["items"]) == (500, 32, [])


@pytest.mark.parametrize(
    ("query", "offset", "limit"),
    [
        ("limit=0", 0, 1),
        ("limit=-3", 0, 1),
        ("limit=1", 0, 1),
        ("limit=100", 0, 100),
        ("limit=101", 0, 100),
        ("limit=100000", 0, 100),
        ("offset=-5", 0, 25),
        ("offset=-5&limit=-5", 0, 1),
        ("offset=&limit=", 0, 25),
        ("offset=3&limit=4", 3, 4),
        ("offset=99999999999999999999999", 2**31 - 1, 25),  # past the end, not a 500
    ],
)
def test_offset_and_limit_clamps(paged: Shared, query: str, offset: int, limit: int) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    page = _apps(api, tenant, query)
    assert (page["offset"], page["limit"], page["size"]) == (offset, limit, 32)
    assert _names(page) == thirty[offset : offset + limit]


@pytest.mark.parametrize("limit", [1, 7, 25])
def test_paging_is_stable_and_complete(paged: Shared, limit: int) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    seen: list[str] = []
    offset = 0
    while True:
        page = _apps(api, tenant, f"offset={offset}&limit={limit}")
        assert page["limit"] == limit and page["size"] == 32
        seen += _names(page)
        if len(page["items"]) < limit:
            break
        offset += len(page["items"])
    assert seen == thirty


def test_paging_a_filtered_collection(paged: Shared) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    page = _apps(api, tenant, "name=paged*&offset=25&limit=10")
    assert (page["size"], _names(page)) == (30, thirty[27:])


# --- q= (§5.3) ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=flask", ["Flask Test", "Flask Shop", "flask admin", "Old Flask"]),
        ("q=FLASK+T", ["Flask Test"]),  # Python encodes a space as +
        ("q=FLASK%20T", ["Flask Test"]),  # Node as %20
        ("q=shop", ["Flask Shop", "Node Shop"]),  # name or description
        ("q=express", ["Node Shop"]),  # description only
        ("q=disabled", ["flask admin", "Old Flask"]),  # status
        ("q=abled", SEEDED + ["Flask Shop", "flask admin", "Node Shop", "Old Flask"]),
        ("q=100%25", ["100% Done"]),  # % is literal
        ("q=a_c", ["a_c one"]),  # so is _
        ("q=nothing-like-this", []),
        ("q=customData.omg%3Dnoway", []),  # plain text, no syntax (§5.3)
        ("q=", SEEDED + ["Flask Shop", "flask admin", "Node Shop", "Old Flask"]),
    ],
)
def test_q_is_a_case_insensitive_substring_search(
    shop: Shared, query: str, expected: list[str]
) -> None:
    api, tenant = shop.api, shop.tenant
    page = _apps(api, tenant, query + "&limit=100")
    names = [n for n in _names(page) if not n.startswith(("100", "a_c", "abc"))]
    if query.startswith(("q=100", "q=a_c")):
        names = _names(page)
    assert names == expected
    if query != "q=":
        assert page["size"] == len(page["items"])


def test_q_puts_exact_name_matches_first_unless_ordered(api: httpx.Client, tenant) -> None:
    # Flask-Stormpath uses items[0] of `?q=<name>` (§2.2 of the call sequences)
    for name, description in [
        ("Customers EU", ""),
        ("Archive", "old customers"),
        ("CUSTOMERS", ""),
    ]:
        body = {"name": name, "description": description}
        assert api.post("/directories", json=body).status_code == 201
        assert api.post(f"/directories/{tenant.directory_id}/groups", json=body).status_code == 201
    for path in (f"/tenants/{tenant.id}/directories", f"/directories/{tenant.directory_id}/groups"):
        assert _names(_list(api, path, "q=customers")) == ["CUSTOMERS", "Customers EU", "Archive"]
        assert _names(_list(api, path, "q=customers&offset=1&limit=1")) == ["Customers EU"]
        ordered = _list(api, path, "q=customers&orderBy=name+desc")
        assert _names(ordered) == ["Customers EU", "CUSTOMERS", "Archive"]
        assert _names(_list(api, path, "q=custom")) == ["Customers EU", "Archive", "CUSTOMERS"]


# --- attribute filters (§5.4) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("name=flask+test", ["Flask Test"]),  # exact, case-insensitive, Python's +
        ("name=FLASK%20TEST", ["Flask Test"]),  # Node's %20
        ("name=Flask", []),  # no * means equality
        ("name=flask*", ["Flask Test", "Flask Shop", "flask admin"]),
        ("name=flask%2A", ["Flask Test", "Flask Shop", "flask admin"]),  # Python's %2A
        ("name=*shop", ["Flask Shop", "Node Shop"]),
        ("name=*LAS*", ["Flask Test", "Flask Shop", "flask admin", "Old Flask"]),
        ("name=%2Aflask%2A", ["Flask Test", "Flask Shop", "flask admin", "Old Flask"]),
        ("name=100%25*", ["100% Done"]),
        ("name=a_c*", ["a_c one"]),
        ("status=disabled", ["flask admin", "Old Flask"]),
        ("status=DISABLED&name=old*", ["Old Flask"]),  # filters combine with AND
        ("name=*flask*&description=retired", ["Old Flask"]),
        ("description=*SHOP*", ["Flask Shop"]),
        ("name=", SEEDED),  # an empty filter is ignored
    ],
)
def test_attribute_filters(shop: Shared, query: str, expected: list[str]) -> None:
    api, tenant = shop.api, shop.tenant
    page = _apps(api, tenant, query + "&limit=100")
    names = _names(page)
    if query == "name=":
        names = names[:2]
    assert names == expected


def test_filters_on_other_collections(api: httpx.Client, tenant) -> None:
    api.post("/directories", json={"name": "Customers EU", "description": "Europe"})
    api.post("/directories", json={"name": "Customers US", "status": "DISABLED"})
    directories = f"/tenants/{tenant.id}/directories"
    assert _names(_list(api, directories, "name=customers*")) == ["Customers EU", "Customers US"]
    assert _names(_list(api, directories, "q=europe")) == ["Customers EU"]
    assert _names(_list(api, directories, "status=disabled")) == ["Customers US"]
    groups = f"/directories/{tenant.directory_id}/groups"
    for name in ("Admins", "Editors", "Readers"):
        assert api.post(groups, json={"name": name}).status_code == 201
    assert _names(_list(api, groups, "q=ad")) == ["Admins", "Readers"]
    assert _names(_list(api, groups, "name=*s&orderBy=name+desc")) == [
        "Readers",
        "Editors",
        "Admins",
    ]


# --- orderBy (§5.6) -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("name", ["100% Done", "100x Done", "a_c one", "abc one"]),
        ("name+asc", ["100% Done", "100x Done", "a_c one", "abc one"]),
        ("name%20desc", ["abc one", "a_c one", "100x Done", "100% Done"]),
        ("name+DESC", ["abc one", "a_c one", "100x Done", "100% Done"]),
    ],
)
def test_order_by_one_key(shop: Shared, order: str, expected: list[str]) -> None:
    api, tenant = shop.api, shop.tenant
    page = _apps(api, tenant, f"orderBy={order}&limit=100")
    names = [n for n in _names(page) if n.startswith(("100", "a"))]
    assert names == expected


def test_order_by_is_case_insensitive_on_names(shop: Shared) -> None:
    api, tenant = shop.api, shop.tenant
    page = _apps(api, tenant, "name=*flask*&orderBy=name")
    assert _names(page) == ["flask admin", "Flask Shop", "Flask Test", "Old Flask"]


def test_order_by_several_keys(shop: Shared) -> None:
    api, tenant = shop.api, shop.tenant
    page = _apps(api, tenant, "q=flask&orderBy=status+asc%2Cname+desc")
    assert _names(page) == ["Old Flask", "flask admin", "Flask Test", "Flask Shop"]
    page = _apps(api, tenant, "q=flask&orderBy=status%20desc,%20name")
    assert _names(page) == ["Flask Shop", "Flask Test", "flask admin", "Old Flask"]


def test_order_by_timestamps(paged: Shared) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    page = _apps(api, tenant, "orderBy=createdAt+desc&limit=100")
    stamps = [item["createdAt"] for item in page["items"]]
    assert stamps == sorted(stamps, reverse=True)
    assert sorted(_names(page)) == sorted(thirty)
    assert _names(page)[-1] == "Stormpath"
    again = _apps(api, tenant, "orderBy=createdAt+desc&limit=100")
    assert _names(again) == _names(page)


@pytest.mark.parametrize(
    "order",
    ["bogus", "name+sideways", "name+asc+extra", "name,,status", "customData", "password"],
)
def test_order_by_unknown_attribute_is_400_2106(api: httpx.Client, tenant, order: str) -> None:
    response = api.get(f"{tenant.href}/applications?orderBy={order}")
    assert_error(response, 400, 2106)


# --- expand (§5.7) ------------------------------------------------------------------------


def test_expand_single_links(api: httpx.Client, tenant) -> None:
    app = _list(
        api,
        f"/applications/{tenant.application_id}",
        "expand=tenant,defaultAccountStoreMapping,customData",
    )
    assert app["tenant"]["href"] == tenant.href and app["tenant"]["key"]
    mapping = app["defaultAccountStoreMapping"]
    assert mapping["listIndex"] == 0 and mapping["isDefaultAccountStore"] is True
    assert mapping["accountStore"] == {"href": tenant.directory_href}  # one level only
    assert app["customData"]["href"] == tenant.application_href + "/customData"
    assert "createdAt" in app["customData"]
    assert app["defaultGroupStoreMapping"] == {"href": mapping["href"]}  # not asked for
    assert app["accountStoreMappings"] == {
        "href": tenant.application_href + "/accountStoreMappings"
    }


@pytest.mark.parametrize(
    "query",
    [
        "expand=passwordPolicy,accountCreationPolicy",
        "expand=passwordPolicy%2CaccountCreationPolicy",
        "expand=passwordPolicy&expand=accountCreationPolicy&expand=passwordPolicy"
        "%2CaccountCreationPolicy",
    ],
)
def test_expand_policies_of_a_directory(api: httpx.Client, tenant, query: str) -> None:
    directory = _list(api, f"/directories/{tenant.directory_id}", query)
    assert directory["passwordPolicy"]["resetEmailStatus"] in ("ENABLED", "DISABLED")
    assert directory["accountCreationPolicy"]["verificationEmailStatus"] in (
        "ENABLED",
        "DISABLED",
    )
    assert set(directory["provider"]) == {"href"}


def test_expand_a_collection_with_paging(paged: Shared) -> None:
    api, tenant, thirty = paged.api, paged.tenant, paged.names
    body = _list(api, f"/tenants/{tenant.id}", "expand=applications%28offset%3A5%2Climit%3A3%29")
    page = body["applications"]
    assert page["href"] == f"{tenant.href}/applications"
    assert (page["offset"], page["limit"], page["size"]) == (5, 3, 32)
    assert _names(page) == thirty[5:8]
    body = _list(api, f"/tenants/{tenant.id}", "expand=applications(limit:500,offset:-1)")
    assert (body["applications"]["offset"], body["applications"]["limit"]) == (0, 100)
    body = _list(api, f"/tenants/{tenant.id}", "expand=applications(offset:9999999999999999999)")
    assert (body["applications"]["size"], body["applications"]["items"]) == (32, [])
    body = _list(api, f"/tenants/{tenant.id}", "expand=applications")
    assert (body["applications"]["offset"], body["applications"]["limit"]) == (0, 25)


def test_expand_custom_data(api: httpx.Client, tenant) -> None:
    api.post(tenant.directory_href, json={"customData": {"favourite": [1, 2]}})
    directory = _list(api, f"/directories/{tenant.directory_id}", "expand=customData")
    assert directory["customData"]["favourite"] == [1, 2]
    assert directory["customData"]["href"] == tenant.directory_href + "/customData"


def test_expanding_a_null_link_stays_null(api: httpx.Client, tenant) -> None:
    app = _make(api, "No Stores")
    expanded = _list(
        api,
        "/applications/" + app["href"].rsplit("/", 1)[1],
        "expand=defaultAccountStoreMapping,defaultGroupStoreMapping",
    )
    assert expanded["defaultAccountStoreMapping"] is None
    assert expanded["defaultGroupStoreMapping"] is None


@pytest.mark.parametrize(
    "expand", ["bogus", "bogus,tenant", "tenant,", "(((", "tenant(offset:x)", "%20tenant%20"]
)
def test_unknown_or_odd_expand_items_are_ignored(api: httpx.Client, tenant, expand: str) -> None:
    app = _list(api, f"/applications/{tenant.application_id}", f"expand={expand}")
    assert app["href"] == tenant.application_href
    assert "bogus" not in app
    if "tenant" in expand and "(((" not in expand:
        assert app["tenant"]["key"]


def test_expand_applies_to_every_item_of_a_collection(api: httpx.Client, tenant) -> None:
    page = _apps(api, tenant, "expand=tenant")
    assert page["size"] == 2
    assert all(item["tenant"]["key"] for item in page["items"])
    assert all(set(item["customData"]) == {"href"} for item in page["items"])


# --- tolerance (§2.5) ---------------------------------------------------------------------


def test_unknown_query_parameters_are_ignored(api: httpx.Client, tenant) -> None:
    plain = _apps(api, tenant)
    assert _apps(api, tenant, "nocache=true&encryptSecret=true&foo=bar&email=x") == plain
    app = _list(api, f"/applications/{tenant.application_id}", "nocache=true")
    assert app["name"] == "Flask Test"


def test_every_list_endpoint_pages_the_same_way(api: httpx.Client, tenant) -> None:
    for path in (
        f"/tenants/{tenant.id}/applications",
        f"/tenants/{tenant.id}/directories",
        f"/tenants/{tenant.id}/accounts",
        f"/tenants/{tenant.id}/groups",
        f"/tenants/{tenant.id}/idSites",
        f"/tenants/{tenant.id}/organizations",
        f"/applications/{tenant.application_id}/accountStoreMappings",
        f"/applications/{tenant.application_id}/accounts",
        f"/applications/{tenant.application_id}/groups",
        f"/directories/{tenant.directory_id}/accounts",
        f"/directories/{tenant.directory_id}/groups",
        f"/directories/{tenant.directory_id}/applications",
        f"/directories/{tenant.directory_id}/applicationMappings",
        f"/directories/{tenant.directory_id}/organizations",
    ):
        page = _list(api, path, "offset=-1&limit=1000&nocache=true")
        assert page["href"].endswith(path), path
        assert (page["offset"], page["limit"]) == (0, 100), path
        assert page["size"] == len(page["items"]), path
