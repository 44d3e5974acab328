"""Groups through real HTTP (stormpath-api.md §6.12)."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import error, new_account


def make_group(api: httpx.Client, directory_id: str, name: str, **fields) -> dict:
    response = api.post(f"/directories/{directory_id}/groups", json={"name": name, **fields})
    assert response.status_code == 201, response.text
    return response.json()


def join(api: httpx.Client, account: str, group: dict) -> None:
    body = {"account": {"href": account}, "group": {"href": group["href"]}}
    assert api.post("/groupMemberships", json=body).status_code == 201


# --- create -----------------------------------------------------------------------


def test_create_in_directory(api, tenant, live_server) -> None:
    response = api.post(f"/directories/{tenant.directory_id}/groups", json={"name": "admins"})
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == body["href"]
    assert body["href"].startswith(f"{live_server.base_url}/groups/")
    href = body["href"]
    assert body["name"] == "admins"
    assert body["description"] is None
    assert body["status"] == "ENABLED"
    assert body["createdAt"] and body["modifiedAt"]
    assert body["directory"] == {"href": tenant.directory_href}
    assert body["tenant"] == {"href": tenant.href}
    for name in ("customData", "accounts", "accountMemberships", "applications"):
        assert body[name] == {"href": f"{href}/{name}"}


def test_create_with_every_writable_attribute(api, tenant) -> None:
    body = make_group(
        api,
        tenant.directory_id,
        "editors",
        description="People who edit",
        status="disabled",
        customData={"level": 3, "href": "ignored"},
        href="http://junk/v1/groups/x",
        tenant={"href": "http://junk"},
    )
    assert (body["description"], body["status"]) == ("People who edit", "DISABLED")
    data = api.get(f"{body['href']}/customData").json()
    assert data["level"] == 3
    assert data["href"] == f"{body['href']}/customData"


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param({}, (400, 2000), id="missing"),
        pytest.param({"name": None}, (400, 2000), id="null"),
        pytest.param({"name": "  "}, (400, 2000), id="blank"),
        pytest.param({"name": 7}, (400, 2002), id="not-a-string"),
        pytest.param({"name": "n" * 256}, (400, 2008), id="too-long"),
        pytest.param({"name": "ok", "description": "d" * 1001}, (400, 2008), id="long-description"),
        pytest.param({"name": "ok", "status": "ACTIVE"}, (400, 2003), id="bad-status"),
        pytest.param({"name": "ok", "customData": {"meta": 1}}, (400, 3003), id="reserved-key"),
    ],
)
def test_create_refuses_bad_bodies(api, tenant, body, expected) -> None:
    response = api.post(f"/directories/{tenant.directory_id}/groups", json=body)
    assert error(response) == expected
    assert api.get(f"/directories/{tenant.directory_id}/groups").json()["size"] == 0


def test_missing_name_message(api, tenant) -> None:
    body = api.post(f"/directories/{tenant.directory_id}/groups", json={}).json()
    assert body["message"] == "Group name is required; it cannot be null, empty, or blank."


def test_name_is_unique_per_directory_ignoring_case(api, tenant) -> None:
    make_group(api, tenant.directory_id, "admins")
    again = api.post(f"/directories/{tenant.directory_id}/groups", json={"name": "ADMINS"})
    assert error(again) == (409, 2001)
    other = api.post("/directories", json={"name": "Elsewhere"}).json()
    make_group(api, other["href"].rsplit("/", 1)[1], "admins")


def test_create_in_unknown_directory_is_404(api) -> None:
    assert error(api.post("/directories/nope/groups", json={"name": "x"})) == (404, 404)


def test_create_through_application_uses_default_group_store(api, tenant) -> None:
    response = api.post(f"/applications/{tenant.application_id}/groups", json={"name": "ops"})
    assert response.status_code == 201
    assert response.json()["directory"] == {"href": tenant.directory_href}


def test_application_without_default_group_store(api) -> None:
    app = api.post("/applications", json={"name": "No stores"}).json()
    assert error(api.post(f"{app['href']}/groups", json={"name": "x"})) == (400, 5102)


def test_application_with_disabled_default_group_store(api, tenant) -> None:
    api.post(tenant.directory_href, json={"status": "DISABLED"})
    response = api.post(f"{tenant.application_href}/groups", json={"name": "x"})
    assert error(response) == (400, 5103)


def test_create_through_unknown_application_is_404(api) -> None:
    assert error(api.post("/applications/nope/groups", json={"name": "x"})) == (404, 404)


# --- read, update, delete ------------------------------------------------------------


def test_read_with_expansion(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    body = api.get(group["href"], params={"expand": "directory,customData"}).json()
    assert body["name"] == "admins"
    assert body["directory"]["href"] == tenant.directory_href
    assert body["directory"]["name"]
    assert body["customData"]["href"] == f"{group['href']}/customData"


def test_unknown_group_is_404(api) -> None:
    assert error(api.get("/groups/nope")) == (404, 404)
    assert error(api.post("/groups/nope", json={"name": "x"})) == (404, 404)
    assert error(api.delete("/groups/nope")) == (404, 404)


def test_update_is_partial_and_ignores_junk(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins", description="before")
    posted = dict(group, status="DISABLED", directory={"href": "http://junk"}, unknown=1)
    posted["createdAt"] = "1999-01-01T00:00:00.000Z"
    response = api.post(group["href"], json=posted)
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["description"], body["status"]) == ("admins", "before", "DISABLED")
    assert body["createdAt"] == group["createdAt"]
    assert body["directory"] == {"href": tenant.directory_href}
    renamed = api.post(group["href"], json={"name": "owners", "description": None}).json()
    assert (renamed["name"], renamed["description"], renamed["status"]) == (
        "owners",
        None,
        "DISABLED",
    )
    assert api.get(group["href"]).json()["name"] == "owners"


@pytest.mark.parametrize(
    "body, expected",
    [
        pytest.param({"name": ""}, (400, 2000), id="blank-name"),
        pytest.param({"name": None}, (400, 2000), id="null-name"),
        pytest.param({"status": "nope"}, (400, 2003), id="bad-status"),
        pytest.param({"customData": {"": 1}}, (400, 3000), id="empty-key"),
    ],
)
def test_update_refuses_bad_values(api, tenant, body, expected) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    assert error(api.post(group["href"], json=body)) == expected
    assert api.get(group["href"]).json()["name"] == "admins"


def test_rename_to_a_taken_name_is_409(api, tenant) -> None:
    make_group(api, tenant.directory_id, "admins")
    group = make_group(api, tenant.directory_id, "users")
    assert error(api.post(group["href"], json={"name": "Admins"})) == (409, 2001)


def test_update_merges_embedded_custom_data(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins", customData={"a": 1, "b": 2})
    api.post(group["href"], json={"customData": {"href": "whatever"}})
    api.post(group["href"], json={"customData": {"b": None, "c": 3}})
    data = api.get(f"{group['href']}/customData").json()
    assert {k: data[k] for k in data if k in "abc"} == {"a": 1, "c": 3}


def test_delete_cascades(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    account = new_account(api, tenant.directory_id, "m@example.com")
    membership = api.post(
        "/groupMemberships", json={"account": {"href": account}, "group": {"href": group["href"]}}
    ).json()
    mapping = api.post(
        "/accountStoreMappings",
        json={"application": {"href": tenant.application_href}, "accountStore": group},
    )
    assert mapping.status_code == 201
    response = api.delete(group["href"])
    assert response.status_code == 204
    assert error(api.get(group["href"])) == (404, 404)
    assert error(api.delete(group["href"])) == (404, 404)
    assert error(api.get(membership["href"])) == (404, 404)
    assert error(api.get(f"{group['href']}/customData")) == (404, 404)
    assert error(api.get(mapping.json()["href"])) == (404, 404)
    assert api.get(f"{account}/groups").json()["size"] == 0
    assert api.get(f"{account}/groupMemberships").json()["size"] == 0
    stores = api.get(f"{tenant.application_href}/accountStoreMappings").json()
    assert [m["accountStore"]["href"] for m in stores["items"]] == [tenant.directory_href]


# --- collections -----------------------------------------------------------------------


@pytest.mark.parametrize("owner", ["directory", "application"])
def test_group_lists_search_by_name(api, tenant, owner) -> None:
    for name in ("admins", "administrators", "users"):
        make_group(api, tenant.directory_id, name, description=f"the {name}")
    base = tenant.directory_href if owner == "directory" else tenant.application_href

    def names(**params) -> list[str]:
        page = api.get(f"{base}/groups", params=params).json()
        assert page["size"] == len(page["items"])
        return [item["name"] for item in page["items"]]

    assert names() == ["admins", "administrators", "users"]
    assert names(name="admins") == ["admins"]
    assert names(name="ADMINS") == ["admins"]
    assert names(name="admin*") == ["admins", "administrators"]
    assert names(name="nobody") == []
    assert names(q="USER") == ["users"]
    assert names(description="*istrators") == ["administrators"]
    assert names(status="enabled", orderBy="name desc") == ["users", "admins", "administrators"]


def test_members_are_listed_and_searchable(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    dir_id = tenant.directory_id
    jane = new_account(api, dir_id, "jane@example.com", givenName="Jane")
    new_account(api, dir_id, "outsider@example.com")
    bob = new_account(api, dir_id, "bob@corp.test", username="bobby", surname="Builder")
    join(api, jane, group)
    join(api, bob, group)

    def emails(**params) -> list[str]:
        page = api.get(f"{group['href']}/accounts", params=params).json()
        assert page["size"] == len(page["items"])
        return [item["email"] for item in page["items"]]

    assert emails() == ["jane@example.com", "bob@corp.test"]
    assert emails(q="builder") == ["bob@corp.test"]
    assert emails(q="JANE") == ["jane@example.com"]
    assert emails(q="outsider") == []
    assert emails(email="*@example.com") == ["jane@example.com"]
    assert emails(username="BOBBY") == ["bob@corp.test"]
    assert emails(givenName="jane", surname="builder") == []
    page = api.get(f"{group['href']}/accounts", params={"limit": 1, "offset": 1}).json()
    assert (page["offset"], page["limit"], page["size"]) == (1, 1, 2)
    assert [item["email"] for item in page["items"]] == ["bob@corp.test"]


def test_group_memberships_and_applications_collections(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    account = new_account(api, tenant.directory_id, "a@example.com")
    join(api, account, group)
    memberships = api.get(f"{group['href']}/accountMemberships").json()
    assert memberships["size"] == 1
    assert memberships["items"][0]["account"] == {"href": account}
    assert memberships["items"][0]["group"] == {"href": group["href"]}
    assert api.get(f"{group['href']}/applications").json()["size"] == 0
    api.post(
        "/accountStoreMappings",
        json={"application": {"href": tenant.application_href}, "accountStore": group},
    )
    apps = api.get(f"{group['href']}/applications").json()
    assert [a["href"] for a in apps["items"]] == [tenant.application_href]


def test_expand_accounts_on_a_group(api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    for n in range(3):
        join(api, new_account(api, tenant.directory_id, f"u{n}@x.test"), group)
    body = api.get(group["href"], params={"expand": "accounts(offset:1,limit:1)"}).json()
    page = body["accounts"]
    assert (page["offset"], page["limit"], page["size"]) == (1, 1, 3)
    assert [a["email"] for a in page["items"]] == ["u1@x.test"]


@pytest.mark.parametrize("collection", ["accounts", "accountMemberships", "applications"])
def test_collections_of_unknown_group_are_404(api, collection) -> None:
    assert error(api.get(f"/groups/nope/{collection}")) == (404, 404)


# --- tenants -------------------------------------------------------------------------


def test_other_tenant_cannot_see_or_touch_the_group(api, other_api, tenant) -> None:
    group = make_group(api, tenant.directory_id, "admins")
    href = group["href"]
    assert error(other_api.get(href)) == (404, 404)
    assert error(other_api.post(href, json={"name": "mine"})) == (404, 404)
    assert error(other_api.delete(href)) == (404, 404)
    for collection in ("accounts", "accountMemberships", "applications", "customData"):
        assert error(other_api.get(f"{href}/{collection}")) == (404, 404)
    response = other_api.post(f"{tenant.directory_href}/groups", json={"name": "x"})
    assert error(response) == (404, 404)
    assert error(other_api.post(f"{tenant.application_href}/groups", json={"name": "x"})) == (
        404,
        404,
    )
    assert api.get(href).json()["name"] == "admins"
    assert api.get(f"{tenant.directory_href}/groups").json()["size"] == 1
