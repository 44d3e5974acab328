"""Other Python SDK 2.5.5 calls (client-call-sequences.md §1.5), replayed request by request.

As in test_python_sdk_sequences.py, the SDK cannot be installed, so these are replays of
its recorded requests (python_sdk_wire.py: SAuthc1, its headers, JSON text and query
encoding), asserting on what the SDK reads from each answer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import pytest
from passlib.hash import bcrypt

from tests.contract.python_sdk_wire import (
    FORM,
    PASSWORD,
    SdkWire,
    first_use,
    flask_login,
    flask_register,
    require_verification,
)


def create_account(sdk: SdkWire, collection: str, email: str, **fields: Any) -> dict[str, Any]:
    """`accounts.create({...})`: the given writable attributes in camelCase (§1.3)."""
    body = {"email": email, "password": PASSWORD, "givenName": "Given", "surname": "Doe"}
    response = sdk.post(collection, {**body, **fields})
    assert response.status_code == 201, response.text
    account: dict[str, Any] = response.json()
    return account


def _b64json(segment: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


# --- set-up calls: applications, directories, mappings, groups ------------------------


def test_create_application_directory_mapping_and_group(sdk: SdkWire, tenant: Any) -> None:
    # client.applications.create({...}, create_directory=True): tenant first (first use)
    assert sdk.get("/tenants/current").status_code == 200
    created = sdk.post(
        "/applications",
        {"name": "SDK Setup", "description": "made by replay"},
        createDirectory=True,
    )
    assert sdk.sent[-1][:2] == ("POST", f"{sdk.base_url}/applications?createDirectory=True")
    assert created.status_code == 201, created.text
    application = created.json()
    assert created.headers["location"] == application["href"]
    assert application["defaultAccountStoreMapping"] is not None
    mappings = sdk.get(application["accountStoreMappings"]["href"]).json()
    assert mappings["size"] == 1
    assert mappings["items"][0]["isDefaultAccountStore"] is True

    # client.directories.create({...})
    directory = sdk.post("/directories", {"name": "SDK Extra", "description": "second store"})
    assert directory.status_code == 201, directory.text
    assert directory.json()["provider"]["href"].endswith("/provider")

    # app.account_store_mappings.create({...}) with Flask-Stormpath's listIndex 99 (§2.11)
    body = {
        "application": {"href": application["href"]},
        "accountStore": {"href": directory.json()["href"]},
        "listIndex": 99,
        "isDefaultAccountStore": False,
        "isDefaultGroupStore": False,
    }
    mapping = sdk.post("/accountStoreMappings", body)
    assert mapping.status_code == 201, mapping.text
    assert mapping.json()["listIndex"] == 1  # beyond the end means last
    assert mapping.json()["accountStore"]["href"] == directory.json()["href"]
    listed = sdk.get(application["accountStoreMappings"]["href"]).json()
    assert [m["listIndex"] for m in listed["items"]] == [0, 1]
    assert listed["items"][1]["href"] == mapping.json()["href"]

    # directory.groups.create({'name': 'admins'})
    group = sdk.post(f"{directory.json()['href']}/groups", {"name": "admins"})
    assert group.status_code == 201, group.text
    assert group.json()["directory"]["href"] == directory.json()["href"]


# --- account.add_group / has_group, custom data, save ----------------------------------


def test_add_group_then_has_group(sdk: SdkWire, tenant: Any) -> None:
    account = create_account(sdk, f"{tenant.application_href}/accounts", "g@example.com")
    group = sdk.post(f"{tenant.directory_href}/groups", {"name": "admins"}).json()
    membership = sdk.post(
        "/groupMemberships",
        {"account": {"href": account["href"]}, "group": {"href": group["href"]}},
    )
    assert membership.status_code == 201, membership.text
    assert membership.json()["account"]["href"] == account["href"]
    # has_group('admins'): account, its directory, the directory's group, the account's
    loaded = sdk.get(account["href"]).json()
    directory = sdk.get(loaded["directory"]["href"]).json()
    named = sdk.get(directory["groups"]["href"], name="admins").json()
    assert [g["href"] for g in named["items"]] == [group["href"]]
    mine = sdk.get(loaded["groups"]["href"], name="admins").json()
    assert [g["href"] for g in mine["items"]] == [group["href"]]


def test_custom_data_save_and_delete_key(sdk: SdkWire, tenant: Any) -> None:
    account = create_account(
        sdk,
        f"{tenant.application_href}/accounts",
        "cd@example.com",
        customData={"color": "red", "nested": {"a": 1}},
    )
    href = account["customData"]["href"]
    # first access: custom_data['x'] reads the document
    first = sdk.get(href)
    assert first.status_code == 200
    assert {k: first.json()[k] for k in ("color", "nested")} == {"color": "red", "nested": {"a": 1}}
    # custom_data['x'] = 1; save(): every current key is posted
    saved = sdk.post(href, {"color": "red", "nested": {"a": 1}, "x": 1})
    assert saved.status_code == 200, saved.text
    assert saved.json()["x"] == 1
    # del custom_data['color']; save(): DELETE the key, then POST the remaining keys
    removed = sdk.delete(f"{href}/color")
    assert (removed.status_code, removed.content) == (204, b"")
    assert sdk.post(href, {"nested": {"a": 1}, "x": 1}).status_code == 200
    document = sdk.get(href).json()
    assert "color" not in document
    assert (document["nested"], document["x"]) == ({"a": 1}, 1)


def test_save_of_a_loaded_account_posts_links_and_nulls(sdk: SdkWire, tenant: Any) -> None:
    account = create_account(
        sdk, f"{tenant.application_href}/accounts", "save@example.com", customData={"x": 1}
    )
    loaded = sdk.get(account["href"]).json()
    custom = sdk.get(loaded["customData"]["href"]).json()  # custom data loaded, non-empty
    body = {
        "username": loaded["username"],
        "email": loaded["email"],
        "givenName": "Renamed",
        "middleName": None,
        "surname": loaded["surname"],
        "status": loaded["status"],
        "customData": {"href": loaded["customData"]["href"]},
        "providerData": {"href": loaded["providerData"]["href"]},
    }
    saved = sdk.post(account["href"], body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["givenName"] == "Renamed"
    assert saved.json()["fullName"] == "Renamed Doe"
    assert saved.json()["middleName"] is None
    assert saved.json()["providerData"]["href"] == loaded["providerData"]["href"]
    # then the custom data, because it was loaded and is non-empty
    assert sdk.post(loaded["customData"]["href"], {"x": custom["x"]}).status_code == 200
    after = sdk.get(loaded["customData"]["href"]).json()
    assert set(after) == {"href", "createdAt", "modifiedAt", "x"}
    assert after["href"] == loaded["customData"]["href"]
    # the password was not touched: login still works
    login = flask_login(sdk, {"href": tenant.application_href}, "save@example.com", PASSWORD)
    assert login.status_code == 200, login.text


# --- collections: search, iteration, slices, order, expand ----------------------------


@pytest.fixture
def thirty_two(sdk: SdkWire, tenant: Any) -> list[dict[str, Any]]:
    """30 accounts @example.com and 2 @example.org in the application, in creation order."""
    collection = f"{tenant.application_href}/accounts"
    made = [
        create_account(sdk, collection, f"user{i:02d}@example.com", surname=f"S{i:02d}")
        for i in range(30)
    ]
    made += [create_account(sdk, collection, f"org{i}@example.org") for i in range(2)]
    sdk.sent.clear()
    return made


def test_search_by_email_pages_while_pages_are_full(
    sdk: SdkWire, tenant: Any, thirty_two: list[dict[str, Any]]
) -> None:
    collection = f"{tenant.application_href}/accounts"
    found = list(sdk.iterate(collection, email="*@example.com"))
    assert sdk.sent == [
        ("GET", f"{collection}?email=%2A%40example.com", 200),
        ("GET", f"{collection}?email=%2A%40example.com&limit=25&offset=25", 200),
    ]
    assert [a["href"] for a in found] == [a["href"] for a in thirty_two[:30]]
    last = sdk.get(collection, email="*@example.com", limit=25, offset=25).json()
    assert (last["offset"], last["limit"], last["size"], len(last["items"])) == (25, 25, 30, 5)


def test_iterating_all_accounts_uses_size_to_stop(
    sdk: SdkWire, tenant: Any, thirty_two: list[dict[str, Any]]
) -> None:
    collection = f"{tenant.application_href}/accounts"
    first = sdk.get(collection).json()
    assert (first["offset"], first["limit"], first["size"], len(first["items"])) == (0, 25, 32, 25)
    found = list(sdk.iterate(collection))
    assert [query for _, query, _ in sdk.sent[1:]] == [
        collection,
        f"{collection}?limit=25&offset=25",
    ]
    assert [a["href"] for a in found] == [a["href"] for a in thirty_two]
    # a second traversal of the same object re-sends limit and offset (§5.2)
    again = sdk.get(collection, limit=25, offset=0).json()
    assert [a["href"] for a in again["items"]] == [a["href"] for a in thirty_two[:25]]


def test_slice_order_and_expand(
    sdk: SdkWire, tenant: Any, thirty_two: list[dict[str, Any]]
) -> None:
    collection = f"{tenant.application_href}/accounts"
    # app.accounts[2:7]
    sliced = sdk.get(collection, offset=2, limit=5)
    assert sdk.sent[-1][1] == f"{collection}?limit=5&offset=2"
    page = sliced.json()
    assert (page["offset"], page["limit"], page["size"]) == (2, 5, 32)
    assert [a["href"] for a in page["items"]] == [a["href"] for a in thirty_two[2:7]]

    # app.accounts.order('surname desc')
    ordered = sdk.get(collection, orderBy="surname desc")
    assert sdk.sent[-1][1] == f"{collection}?orderBy=surname+desc"
    surnames = [a["surname"] for a in ordered.json()["items"]]
    assert surnames == sorted(surnames, reverse=True)
    assert surnames[:2] == ["S29", "S28"]

    # client.applications.get(href, expand=Expansion('accounts', 'tenant')
    #     .add_property('accounts', offset=0, limit=5))
    expanded = sdk.get(tenant.application_href, expand="accounts(offset:0,limit:5),tenant")
    assert sdk.sent[-1][1] == (
        f"{tenant.application_href}?expand=accounts%28offset%3A0%2Climit%3A5%29%2Ctenant"
    )
    assert expanded.status_code == 200, expanded.text
    accounts = expanded.json()["accounts"]
    assert (accounts["offset"], accounts["limit"], accounts["size"]) == (0, 5, 32)
    assert [a["href"] for a in accounts["items"]] == [a["href"] for a in thirty_two[:5]]
    assert expanded.json()["tenant"]["href"] == tenant.href
    assert "key" in expanded.json()["tenant"]


# --- accounts.create query options ----------------------------------------------------


@pytest.mark.parametrize("spelling", ["false", "False"])
def test_registration_workflow_disabled(sdk: SdkWire, tenant: Any, spelling: str) -> None:
    require_verification(sdk, tenant.directory_href)
    collection = f"{tenant.application_href}/accounts"
    pending = create_account(sdk, collection, "pending@example.com")
    assert pending["status"] == "UNVERIFIED"
    # The SDK spells it `false`; a False passed through **params arrives as `False`.
    direct = create_account(sdk, f"{collection}?registrationWorkflowEnabled={spelling}", "d@x.io")
    assert direct["status"] == "ENABLED"
    assert direct["emailVerificationToken"] is None


def test_password_format_mcf_with_registration_workflow_disabled(sdk: SdkWire, tenant: Any) -> None:
    require_verification(sdk, tenant.directory_href)
    hashed = bcrypt.using(rounds=4, ident="2a").hash("Imported1Pass")
    body = {"email": "mcf@example.com", "password": hashed, "givenName": "M", "surname": "C"}
    response = sdk.post(
        f"{tenant.application_href}/accounts",
        body,
        registrationWorkflowEnabled="false",
        passwordFormat="mcf",
    )
    assert sdk.sent[-1][1].endswith(
        "/accounts?passwordFormat=mcf&registrationWorkflowEnabled=false"
    )
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "ENABLED"
    login = flask_login(sdk, {"href": tenant.application_href}, "mcf@example.com", "Imported1Pass")
    assert login.status_code == 200, login.text
    assert login.json()["account"]["href"] == response.json()["href"]


# --- OAuth: password and refresh grants, JwtAuthenticator -----------------------------


def test_password_refresh_and_jwt_authenticators(sdk: SdkWire, tenant: Any) -> None:
    application = first_use(sdk)
    account = flask_register(sdk, application, "oauth@example.com", PASSWORD).json()
    token_url = f"{application['href']}/oauth/token"

    # PasswordGrantAuthenticator(app).authenticate(u, p): a form body
    form = {"grant_type": "password", "username": "oauth@example.com", "password": PASSWORD}
    granted = sdk.request("POST", token_url, form=form)
    assert granted.status_code == 200, granted.text
    tokens = granted.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] > 0
    access, refresh = tokens["access_token"], tokens["refresh_token"]
    assert tokens["stormpath_access_token_href"].startswith(f"{sdk.base_url}/accessTokens/")

    # RefreshGrantAuthenticator(app).authenticate(rt): grant in the query, empty form body
    refreshed = sdk.request(
        "POST",
        token_url,
        params={"grant_type": "refresh_token", "refresh_token": refresh},
        form={},
    )
    assert refreshed.request.headers["content-type"] == FORM
    assert refreshed.request.content == b""
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["refresh_token"] == refresh  # read unconditionally by the SDK
    assert refreshed.json()["access_token"] != access

    # JwtAuthenticator(app).authenticate(at): authTokens 302 -> accessTokens/{jti}
    header, claims, _ = access.split(".")
    jti = _b64json(claims)["jti"]
    validated = sdk.get(f"{application['href']}/authTokens/{access}")
    assert [(m, status) for m, _, status in sdk.sent[-2:]] == [("GET", 302), ("GET", 200)]
    assert sdk.sent[-1][1] == f"{sdk.base_url}/accessTokens/{jti}"
    resource = validated.json()
    assert resource["account"]["href"] == account["href"]
    assert resource["application"]["href"] == application["href"]
    assert resource["jwt"] == access

    # local_validation=True: signature checked with the client's secret, then GET sub
    signing_input = access.rsplit(".", 1)[0].encode("ascii")
    digest = hmac.new(tenant.api_key_secret.encode(), signing_input, hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    assert access.rsplit(".", 1)[1] == signature
    assert _b64json(header)["kid"] == tenant.api_key_id
    subject = sdk.get(_b64json(claims)["sub"])
    assert (subject.status_code, subject.json()["href"]) == (200, account["href"])


# --- account.delete(), app.delete() ----------------------------------------------------


def test_delete_account_then_application(sdk: SdkWire, tenant: Any) -> None:
    account = create_account(sdk, f"{tenant.application_href}/accounts", "bye@example.com")
    deleted = sdk.delete(account["href"])
    assert deleted.request.headers["content-length"] == "0"
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert sdk.get(account["href"]).status_code == 404
    gone = sdk.delete(tenant.application_href)
    assert (gone.status_code, gone.content) == (204, b"")
    assert sdk.get(tenant.application_href).status_code == 404
    apps = sdk.get(f"{tenant.href}/applications", q="Flask Test").json()
    assert apps["size"] == 0
