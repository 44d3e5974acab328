"""Group memberships and an account's groups through real HTTP (stormpath-api.md §6.13)."""

from __future__ import annotations

import httpx
import pytest

from mockpath.domain.tenants import create_tenant
from tests.helpers import error, new_account


def new_group(api: httpx.Client, directory_id: str, name: str) -> str:
    response = api.post(f"/directories/{directory_id}/groups", json={"name": name})
    assert response.status_code == 201
    return response.json()["href"]


def membership_body(account: str, group: str) -> dict:
    return {"account": {"href": account}, "group": {"href": group}}


@pytest.fixture
def account(api, tenant) -> str:
    return new_account(api, tenant.directory_id, "jane@example.com")


@pytest.fixture
def group(api, tenant) -> str:
    return new_group(api, tenant.directory_id, "admins")


@pytest.fixture
def other(live_server):
    """A second tenant: (client with its key, its admin directory id)."""
    app = live_server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
    with httpx.Client(
        base_url=live_server.base_url, auth=(made.api_key.id, made.api_key.secret), timeout=10
    ) as client:
        yield client, made.owner.directory_id


def test_create_read_delete(api, live_server, account, group) -> None:
    response = api.post("/groupMemberships", json=membership_body(account, group))
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == body["href"]
    assert body["href"].startswith(f"{live_server.base_url}/groupMemberships/")
    assert body["account"] == {"href": account}
    assert body["group"] == {"href": group}
    assert api.get(body["href"]).json() == body
    deleted = api.delete(body["href"])
    assert deleted.status_code == 204
    assert error(api.get(body["href"])) == (404, 404)
    assert error(api.delete(body["href"])) == (404, 404)
    assert api.get(f"{group}/accounts").json()["size"] == 0


def test_relative_hrefs_are_accepted(api, account, group) -> None:
    relative_account, relative_group = ("/v1" + h.split("/v1", 1)[1] for h in (account, group))
    response = api.post("/groupMemberships", json=membership_body(relative_account, relative_group))
    assert response.status_code == 201


def test_read_with_expansion(api, account, group) -> None:
    href = api.post("/groupMemberships", json=membership_body(account, group)).json()["href"]
    body = api.get(href, params={"expand": "account,group"}).json()
    assert body["account"]["email"] == "jane@example.com"
    assert body["group"]["name"] == "admins"
    only_group = api.get(href, params={"expand": "group"}).json()
    assert set(only_group["account"]) == {"href"}


def test_listed_from_both_sides(api, tenant, account, group) -> None:
    second = new_group(api, tenant.directory_id, "users")
    new_group(api, tenant.directory_id, "unused")
    first_membership = api.post("/groupMemberships", json=membership_body(account, group)).json()
    api.post("/groupMemberships", json=membership_body(account, second))
    other_account = new_account(api, tenant.directory_id, "b@example.com")
    api.post("/groupMemberships", json=membership_body(other_account, group))

    groups = api.get(f"{account}/groups").json()
    assert groups["size"] == 2
    assert [g["name"] for g in groups["items"]] == ["admins", "users"]
    memberships = api.get(f"{account}/groupMemberships").json()
    assert [m["group"]["href"] for m in memberships["items"]] == [group, second]
    assert memberships["items"][0] == first_membership
    members = api.get(f"{group}/accounts").json()
    assert [a["email"] for a in members["items"]] == ["jane@example.com", "b@example.com"]
    by_group = api.get(f"{group}/accountMemberships").json()
    assert by_group["size"] == 2
    assert api.get(f"{second}/accountMemberships").json()["size"] == 1


def test_account_groups_by_name(api, tenant, account, group) -> None:
    """Flask-Stormpath's has_group asks with ?name= (client-call-sequences §2.9)."""
    api.post("/groupMemberships", json=membership_body(account, group))
    new_group(api, tenant.directory_id, "users")
    assert [g["name"] for g in api.get(f"{account}/groups?name=admins").json()["items"]] == [
        "admins"
    ]
    assert api.get(f"{account}/groups", params={"name": "Admins"}).json()["size"] == 1
    assert api.get(f"{account}/groups", params={"name": "users"}).json()["size"] == 0
    assert api.get(f"{account}/groups", params={"q": "adm"}).json()["size"] == 1


def test_expand_groups_on_account_collection(api, tenant, account, group) -> None:
    api.post("/groupMemberships", json=membership_body(account, group))
    page = api.get(
        f"/directories/{tenant.directory_id}/accounts",
        params={"expand": "groups(offset:0,limit:10),groupMemberships"},
    ).json()
    (item,) = page["items"]
    assert [g["name"] for g in item["groups"]["items"]] == ["admins"]
    assert item["groupMemberships"]["size"] == 1


@pytest.mark.parametrize("collection", ["groups", "groupMemberships"])
def test_account_collections_of_unknown_account_are_404(api, collection) -> None:
    assert error(api.get(f"/accounts/nope/{collection}")) == (404, 404)


def test_duplicate_is_409(api, account, group) -> None:
    assert api.post("/groupMemberships", json=membership_body(account, group)).status_code == 201
    response = api.post("/groupMemberships", json=membership_body(account, group))
    assert error(response) == (409, 2001)
    assert api.get(f"{group}/accountMemberships").json()["size"] == 1


def test_account_and_group_must_share_a_directory(api, account) -> None:
    elsewhere = api.post("/directories", json={"name": "Elsewhere"}).json()
    directory_id = elsewhere["href"].rsplit("/", 1)[1]
    foreign_group = new_group(api, directory_id, "admins")
    response = api.post("/groupMemberships", json=membership_body(account, foreign_group))
    assert error(response) == (400, 2014)
    assert response.json()["message"]


BAD_REFERENCES = [
    pytest.param({"group": "G"}, 2000, id="account-missing"),
    pytest.param({"account": None, "group": "G"}, 2000, id="account-null"),
    pytest.param({"account": "A"}, 2000, id="group-missing"),
    pytest.param({"account": "A", "group": None}, 2000, id="group-null"),
    pytest.param({"account": "not-an-object", "group": "G"}, 2002, id="account-string"),
    pytest.param({"account": {}, "group": "G"}, 2002, id="account-no-href"),
    pytest.param({"account": {"href": 5}, "group": "G"}, 2002, id="account-href-number"),
    pytest.param({"account": {"href": "nonsense"}, "group": "G"}, 2002, id="account-bad-href"),
    pytest.param({"account": "G", "group": "G"}, 2002, id="account-is-a-group"),
    pytest.param({"account": "A", "group": "A"}, 2002, id="group-is-an-account"),
    pytest.param({"account": "A", "group": {"href": "/groups"}}, 2002, id="group-collection"),
    pytest.param({"account": "/accounts/nope", "group": "G"}, 2016, id="account-unknown"),
    pytest.param({"account": "A", "group": "/groups/nope"}, 2016, id="group-unknown"),
]


@pytest.mark.parametrize("template, code", BAD_REFERENCES)
def test_bad_references(api, account, group, template, code) -> None:
    def fill(value):
        if value == "A":
            return {"href": account}
        if value == "G":
            return {"href": group}
        if isinstance(value, str) and value.startswith("/"):
            return {"href": value}
        return value

    body = {name: fill(value) for name, value in template.items()}
    response = api.post("/groupMemberships", json=body)
    assert error(response) == (400, code)
    assert api.get(f"{group}/accountMemberships").json()["size"] == 0


def test_no_update(api, account, group) -> None:
    href = api.post("/groupMemberships", json=membership_body(account, group)).json()["href"]
    response = api.post(href, json={"group": {"href": group}})
    assert error(response) == (405, 405)
    assert api.get(href).status_code == 200


def test_deleting_the_group_removes_memberships(api, account, group) -> None:
    href = api.post("/groupMemberships", json=membership_body(account, group)).json()["href"]
    assert api.delete(group).status_code == 204
    assert error(api.get(href)) == (404, 404)
    assert api.get(f"{account}/groupMemberships").json()["size"] == 0


def test_deleting_the_account_removes_memberships(api, account, group) -> None:
    href = api.post("/groupMemberships", json=membership_body(account, group)).json()["href"]
    assert api.delete(account).status_code == 204
    assert error(api.get(href)) == (404, 404)
    assert api.get(f"{group}/accounts").json()["size"] == 0
    assert api.get(f"{group}/accountMemberships").json()["size"] == 0


def test_other_tenants_resources_are_unknown(api, other, account, group) -> None:
    other_api, other_directory = other
    stranger = new_account(other_api, other_directory, "s@example.com")
    href = api.post("/groupMemberships", json=membership_body(account, group)).json()["href"]
    assert error(other_api.get(href)) == (404, 404)
    assert error(other_api.delete(href)) == (404, 404)
    assert error(other_api.get(f"{account}/groups")) == (404, 404)
    assert error(other_api.get(f"{account}/groupMemberships")) == (404, 404)
    response = other_api.post("/groupMemberships", json=membership_body(stranger, group))
    assert error(response) == (400, 2016)
    response = api.post("/groupMemberships", json=membership_body(stranger, group))
    assert error(response) == (400, 2016)
    assert api.get(href).status_code == 200
