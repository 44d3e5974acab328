"""<owner>/customData through real HTTP (stormpath-api.md §6.9)."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import error

BIG = 6 * 1024 * 1024


def new_account(api: httpx.Client, tenant, email: str) -> str:
    """An account created through the API in the quickstart directory; returns its href."""
    body = {"email": email, "password": "Passw0rdABC", "givenName": "Given", "surname": "Surname"}
    response = api.post(f"/directories/{tenant.directory_id}/accounts", json=body)
    assert response.status_code == 201, response.text
    return response.json()["href"]


@pytest.fixture
def group(api: httpx.Client, tenant) -> str:
    response = api.post(f"/directories/{tenant.directory_id}/groups", json={"name": "admins"})
    assert response.status_code == 201
    return response.json()["href"]


@pytest.fixture
def account(api, tenant) -> str:
    return new_account(api, tenant, "jane@example.com")


@pytest.fixture(params=["tenant", "application", "directory", "group", "account"])
def owner(request, tenant) -> str:
    """The href of each kind of custom data owner."""
    if request.param == "tenant":
        return tenant.href
    if request.param == "application":
        return tenant.application_href
    if request.param == "directory":
        return tenant.directory_href
    return request.getfixturevalue(request.param)


def user_keys(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in ("href", "createdAt", "modifiedAt")}


def test_every_owner_has_an_empty_document(api, owner, live_server) -> None:
    response = api.get(f"{owner}/customData")
    assert response.status_code == 200
    body = response.json()
    assert body["href"] == f"{live_server.base_url}{owner.split('/v1', 1)[-1]}/customData"
    assert body["createdAt"] and body["modifiedAt"]
    assert user_keys(body) == {}


def test_owner_links_to_its_custom_data(api, owner) -> None:
    document = api.get(owner).json()
    assert document["customData"] == {"href": f"{document['href']}/customData"}


def test_post_merges_into_every_owner(api, owner) -> None:
    first = api.post(f"{owner}/customData", json={"color": "blue", "score": 1})
    assert first.status_code == 200
    assert user_keys(first.json()) == {"color": "blue", "score": 1}
    second = api.post(f"{owner}/customData", json={"score": 2})
    assert user_keys(second.json()) == {"color": "blue", "score": 2}
    assert user_keys(api.get(f"{owner}/customData").json()) == {"color": "blue", "score": 2}


def test_merge_replaces_whole_values_removes_nulls_and_ignores_read_only(api, account) -> None:
    path = f"{account}/customData"
    created = api.post(
        path, json={"keep": True, "prefs": {"theme": "dark", "beta": True}, "gone": [1, 2]}
    ).json()
    response = api.post(
        path,
        json={
            "prefs": {"theme": "light"},
            "gone": None,
            "never": None,
            "href": "http://elsewhere/v1/accounts/x/customData",
            "createdAt": "1999-01-01T00:00:00.000Z",
            "modifiedAt": "1999-01-01T00:00:00.000Z",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert user_keys(body) == {"keep": True, "prefs": {"theme": "light"}}
    assert body["href"] == created["href"]
    assert body["createdAt"] == created["createdAt"]
    assert body["modifiedAt"] != "1999-01-01T00:00:00.000Z"


def test_values_may_be_any_json(api, account) -> None:
    values = {"n": 1.5, "i": -3, "b": False, "s": "", "a": [None, {"x": [1]}], "o": {}}
    body = api.post(f"{account}/customData", json=values).json()
    assert user_keys(body) == values


def test_empty_post_changes_nothing(api, account) -> None:
    api.post(f"{account}/customData", json={"x": 1})
    response = api.post(f"{account}/customData", content=b"")
    assert response.status_code == 200
    assert user_keys(response.json()) == {"x": 1}


def test_delete_empties_the_document_and_keeps_the_owner(api, owner) -> None:
    api.post(f"{owner}/customData", json={"a": 1, "b": 2})
    response = api.delete(f"{owner}/customData")
    assert response.status_code == 204
    assert response.content == b""
    after = api.get(f"{owner}/customData")
    assert after.status_code == 200
    assert user_keys(after.json()) == {}
    assert api.get(owner).status_code == 200


def test_delete_one_key(api, owner) -> None:
    api.post(f"{owner}/customData", json={"a": 1, "b": 2})
    response = api.delete(f"{owner}/customData/a")
    assert response.status_code == 204
    assert user_keys(api.get(f"{owner}/customData").json()) == {"b": 2}


def test_delete_unknown_key_is_204(api, account) -> None:
    api.post(f"{account}/customData", json={"a": 1})
    assert api.delete(f"{account}/customData/nothing").status_code == 204
    assert user_keys(api.get(f"{account}/customData").json()) == {"a": 1}


def test_delete_through_method_override(api, account) -> None:
    api.post(f"{account}/customData", json={"a": 1, "b": 2})
    assert api.post(f"{account}/customData/a?_method=DELETE").status_code == 204
    assert user_keys(api.get(f"{account}/customData").json()) == {"b": 2}


@pytest.mark.parametrize("collection", ["applications", "directories", "groups", "accounts"])
@pytest.mark.parametrize(
    "method, suffix",
    [("GET", ""), ("POST", ""), ("DELETE", ""), ("DELETE", "/color")],
)
def test_unknown_owner_is_404(api, collection, method, suffix) -> None:
    response = api.request(method, f"/{collection}/nosuchid/customData{suffix}", json={"a": 1})
    assert error(response) == (404, 404)


@pytest.mark.parametrize("kind", ["group", "account"])
def test_deleted_owner_custom_data_is_404(api, request, kind) -> None:
    owner = request.getfixturevalue(kind)
    api.post(f"{owner}/customData", json={"a": 1})
    assert api.delete(owner).status_code == 204
    assert error(api.get(f"{owner}/customData")) == (404, 404)
    assert error(api.post(f"{owner}/customData", json={"a": 1})) == (404, 404)


def test_other_tenants_custom_data_is_404(api, other_api, tenant, group, account) -> None:
    api.post(f"{account}/customData", json={"secret": "x"})
    for owner in (tenant.href, tenant.application_href, group, account):
        assert error(other_api.get(f"{owner}/customData")) == (404, 404)
        assert error(other_api.post(f"{owner}/customData", json={"a": 1})) == (404, 404)
        assert error(other_api.delete(f"{owner}/customData")) == (404, 404)
        assert error(other_api.delete(f"{owner}/customData/secret")) == (404, 404)
    assert user_keys(api.get(f"{account}/customData").json()) == {"secret": "x"}


KEY_ERRORS = [
    pytest.param("", 3000, id="empty"),
    pytest.param("k" * 256, 3001, id="too-long"),
    pytest.param("has space", 3002, id="space"),
    pytest.param("-leading", 3002, id="leading-dash"),
    pytest.param("dot.ted", 3002, id="dot"),
    pytest.param("ünicode", 3002, id="non-ascii"),
    pytest.param("meta", 3003, id="meta"),
    pytest.param("spMeta", 3003, id="spMeta"),
    pytest.param("spmeta", 3003, id="spmeta"),
    pytest.param("ionmeta", 3003, id="ionmeta"),
    pytest.param("ionMeta", 3003, id="ionMeta"),
]


@pytest.mark.parametrize("key, code", KEY_ERRORS)
def test_bad_keys_are_refused(api, account, key, code) -> None:
    api.post(f"{account}/customData", json={"before": 1})
    response = api.post(f"{account}/customData", json={"fine": 1, key: "v"})
    assert error(response) == (400, code)
    body = response.json()
    assert body["message"] and body["developerMessage"] and body["requestId"]
    assert user_keys(api.get(f"{account}/customData").json()) == {"before": 1}


@pytest.mark.parametrize("key", ["k" * 255, "_under", "with-dash", "Mixed09", "9lives", "x"])
def test_good_keys_are_accepted(api, account, key) -> None:
    response = api.post(f"{account}/customData", json={key: 1})
    assert response.status_code == 200
    assert response.json()[key] == 1


def test_reserved_key_given_as_null_is_still_refused(api, account) -> None:
    assert error(api.post(f"{account}/customData", json={"meta": None})) == (400, 3003)


def test_size_over_10_mb_is_refused(api, account) -> None:
    response = api.post(f"{account}/customData", json={"blob": "x" * (10 * 1024 * 1024)})
    assert error(response) == (400, 3004)


def test_size_is_checked_after_merging(api, account) -> None:
    assert api.post(f"{account}/customData", json={"one": "x" * BIG}).status_code == 200
    assert error(api.post(f"{account}/customData", json={"two": "y" * BIG})) == (400, 3004)
    # replacing the big value keeps the document small enough
    response = api.post(f"{account}/customData", json={"one": None, "two": "y" * BIG})
    assert response.status_code == 200
    assert set(user_keys(response.json())) == {"two"}


def test_expand_custom_data_on_an_account(api, account) -> None:
    api.post(f"{account}/customData", json={"color": "red"})
    body = api.get(account, params={"expand": "customData"}).json()
    assert body["customData"]["color"] == "red"
    assert body["customData"]["href"] == f"{body['href']}/customData"


def test_expand_custom_data_on_an_application(api, tenant) -> None:
    api.post(f"{tenant.application_href}/customData", json={"plan": "pro"})
    body = api.get(tenant.application_href, params={"expand": "customData"}).json()
    assert user_keys(body["customData"]) == {"plan": "pro"}


def test_expand_custom_data_on_each_item_of_a_collection(api, tenant) -> None:
    first = new_account(api, tenant, "u1@example.com")
    new_account(api, tenant, "u2@example.com")
    api.post(f"{first}/customData", json={"n": 1})
    page = api.get(
        f"/directories/{tenant.directory_id}/accounts", params={"expand": "customData"}
    ).json()
    documents = {item["email"]: user_keys(item["customData"]) for item in page["items"]}
    assert documents == {"u1@example.com": {"n": 1}, "u2@example.com": {}}


@pytest.mark.parametrize("collection", ["applications", "directories"])
def test_embedded_custom_data_on_create(api, collection) -> None:
    response = api.post(
        f"/{collection}",
        json={"name": f"With data {collection}", "customData": {"a": 1, "href": "ignored"}},
    )
    assert response.status_code == 201
    href = response.json()["href"]
    assert user_keys(api.get(f"{href}/customData").json()) == {"a": 1}


@pytest.mark.parametrize("collection", ["applications", "directories"])
def test_embedded_custom_data_on_create_is_validated(api, collection) -> None:
    response = api.post(
        f"/{collection}", json={"name": f"Bad data {collection}", "customData": {"spMeta": 1}}
    )
    assert error(response) == (400, 3003)
    listed = api.get(f"/{collection}", params={"name": f"Bad data {collection}"}).json()
    assert listed["size"] == 0
