"""POST /applications/<id>/loginAttempts over HTTP (stormpath-api.md §7.1)."""

from __future__ import annotations

import base64

import httpx
import pytest

INVALID = "Invalid username or password."


def encode(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def attempt(api: httpx.Client, app_path: str, body: dict, query: str = "") -> httpx.Response:
    return api.post(f"{app_path}/loginAttempts{query}", json=body)


def login(api, app_path: str, login: str, password: str, **extra) -> httpx.Response:
    return attempt(
        api, app_path, {"type": "basic", "value": encode(f"{login}:{password}"), **extra}
    )


def assert_error(response: httpx.Response, code: int, status: int = 400) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert (body["status"], body["code"]) == (status, code)
    return body


def path_of(href: str) -> str:
    return href.split("/v1", 1)[1]


def make_account(api, owner: str, email: str, password: str = "Passw0rdABC", **fields) -> dict:
    response = api.post(f"{owner}/accounts", json={"email": email, "password": password, **fields})
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def app_path(tenant) -> str:
    return f"/applications/{tenant.application_id}"


@pytest.fixture
def jane(api, app_path) -> dict:
    return make_account(api, app_path, "jane@example.com", username="jdoe", givenName="Jane")


# --- success ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jane@example.com", "JANE@EXAMPLE.COM", "jdoe", "JDoe"])
def test_login_by_email_or_username_in_any_case(api, app_path, jane, name) -> None:
    response = login(api, app_path, name, "Passw0rdABC")
    assert response.status_code == 200
    assert response.json() == {"account": {"href": jane["href"]}}
    assert response.headers["location"] == jane["href"]


def test_expand_account_gives_the_full_account(api, app_path, jane) -> None:
    body = {"type": "basic", "value": encode("jdoe:Passw0rdABC")}
    response = attempt(api, app_path, body, "?expand=account")
    assert response.status_code == 200
    account = response.json()["account"]
    assert account["href"] == jane["href"]
    assert account["givenName"] == "Jane"
    assert "password" not in account


def test_the_password_may_contain_colons(api, app_path) -> None:
    make_account(api, app_path, "colon@example.com", "Pa:ss:w0rdX")
    assert login(api, app_path, "colon@example.com", "Pa:ss:w0rdX").status_code == 200


def test_the_type_is_case_insensitive(api, app_path, jane) -> None:
    body = {"type": "BASIC", "value": encode("jdoe:Passw0rdABC")}
    assert attempt(api, app_path, body).status_code == 200


# --- failures --------------------------------------------------------------------


def test_wrong_password_is_7100(api, app_path, jane) -> None:
    body = assert_error(login(api, app_path, "jane@example.com", "nope"), 7100)
    assert body["message"] == INVALID
    assert body["developerMessage"] == (
        "Login attempt failed because the specified password is incorrect."
    )


def test_unknown_login_is_7104_with_the_same_user_message(api, app_path, jane) -> None:
    body = assert_error(login(api, app_path, "nobody@example.com", "Passw0rdABC"), 7104)
    assert body["message"] == INVALID
    assert "no Account" in body["developerMessage"]


def test_a_wildcard_login_matches_nothing(api, app_path, jane) -> None:
    assert_error(login(api, app_path, "*@example.com", "Passw0rdABC"), 7104)


def test_disabled_account_is_7101_but_a_wrong_password_still_says_7100(api, app_path, jane) -> None:
    api.post(path_of(jane["href"]), json={"status": "DISABLED"})
    body = assert_error(login(api, app_path, "jdoe", "Passw0rdABC"), 7101)
    assert body["message"] == "Login attempt failed because the Account is disabled."
    assert_error(login(api, app_path, "jdoe", "wrong"), 7100)


def test_unverified_account_is_7102(api, app_path, tenant) -> None:
    api.post(
        f"/accountCreationPolicies/{tenant.directory_id}",
        json={"verificationEmailStatus": "ENABLED"},
    )
    account = make_account(api, app_path, "new@example.com")
    assert account["status"] == "UNVERIFIED"
    body = assert_error(login(api, app_path, "new@example.com", "Passw0rdABC"), 7102)
    assert body["message"] == "Login attempt failed because the Account is not verified."


def test_disabled_directory_is_7106(api, app_path, tenant, jane) -> None:
    api.post(f"/directories/{tenant.directory_id}", json={"status": "DISABLED"})
    assert_error(login(api, app_path, "jdoe", "Passw0rdABC"), 7106)


def test_disabled_group_store_is_7105(api, tenant) -> None:
    directory = api.post("/directories", json={"name": "Staff"}).json()
    member = make_account(api, path_of(directory["href"]), "staff@example.com")
    group = api.post(path_of(directory["href"]) + "/groups", json={"name": "ops"}).json()
    joined = api.post(
        "/groupMemberships",
        json={"account": {"href": member["href"]}, "group": {"href": group["href"]}},
    )
    assert joined.status_code == 201, joined.text
    app = api.post("/applications", json={"name": "Ops"}).json()
    api.post(
        "/accountStoreMappings",
        json={"application": {"href": app["href"]}, "accountStore": {"href": group["href"]}},
    )
    assert login(api, path_of(app["href"]), "staff@example.com", "Passw0rdABC").status_code == 200
    api.post(path_of(group["href"]), json={"status": "DISABLED"})
    assert_error(login(api, path_of(app["href"]), "staff@example.com", "Passw0rdABC"), 7105)


def test_disabled_application_is_refused(api, app_path, jane) -> None:
    api.post(app_path, json={"status": "DISABLED"})
    body = assert_error(login(api, app_path, "jdoe", "Passw0rdABC"), 400)
    assert "Application is disabled" in body["message"]


def test_application_without_stores_is_5105(api) -> None:
    app = api.post("/applications", json={"name": "Empty"}).json()
    assert_error(login(api, path_of(app["href"]), "a@b.c", "x"), 5105)


def test_unknown_application_is_404(api) -> None:
    assert_error(login(api, "/applications/nope", "a@b.c", "x"), 404, status=404)


# --- account stores ------------------------------------------------------------


def test_account_store_href_object_and_string(api, app_path, tenant, jane) -> None:
    as_object = login(
        api, app_path, "jdoe", "Passw0rdABC", accountStore={"href": tenant.directory_href}
    )
    assert as_object.status_code == 200
    as_string = login(api, app_path, "jdoe", "Passw0rdABC", accountStore=tenant.directory_href)
    assert as_string.status_code == 200


@pytest.mark.parametrize(
    ("store", "code"),
    [
        ({"nameKey": "some-org"}, 2014),
        ({"href": "/organizations/nope"}, 2014),
        ("not an href", 2002),
        ({"name": "x"}, 2002),
        (42, 2002),
    ],
)
def test_bad_account_stores(api, app_path, jane, store, code) -> None:
    assert_error(login(api, app_path, "jdoe", "Passw0rdABC", accountStore=store), code)


def test_an_unmapped_directory_is_2014(api, app_path, jane) -> None:
    other = api.post("/directories", json={"name": "Elsewhere"}).json()
    store = {"href": other["href"]}
    assert_error(login(api, app_path, "jdoe", "Passw0rdABC", accountStore=store), 2014)


def test_the_first_store_with_the_login_decides(api, app_path, tenant) -> None:
    make_account(api, app_path, "twin@example.com", "FirstPassw0rd")
    second = api.post("/directories", json={"name": "Second"}).json()
    make_account(api, path_of(second["href"]), "twin@example.com", "SecondPassw0rd")
    mapping = api.post(
        "/accountStoreMappings",
        json={"application": {"href": tenant.application_href}, "accountStore": second},
    ).json()
    assert login(api, app_path, "twin@example.com", "FirstPassw0rd").status_code == 200
    assert_error(login(api, app_path, "twin@example.com", "SecondPassw0rd"), 7100)
    named = login(
        api, app_path, "twin@example.com", "SecondPassw0rd", accountStore={"href": second["href"]}
    )
    assert named.status_code == 200
    api.post(path_of(mapping["href"]), json={"listIndex": 0})
    assert login(api, app_path, "twin@example.com", "SecondPassw0rd").status_code == 200


# --- malformed attempts --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"value": encode("a:b")}, 2000),
        ({"type": "basic"}, 2000),
        ({"type": "basic", "value": ""}, 2000),
        ({"type": "digest", "value": encode("a:b")}, 2003),
        ({"type": 1, "value": encode("a:b")}, 2003),
        ({"type": "basic", "value": "not base64!"}, 2002),
        ({"type": "basic", "value": encode("no colon")}, 2002),
        ({"type": "basic", "value": base64.b64encode(b"\xff\xfe:x").decode()}, 2002),
        ({"type": "basic", "value": ["a"]}, 2002),
    ],
)
def test_malformed_attempts(api, app_path, body, code) -> None:
    assert_error(attempt(api, app_path, body), code)


def test_malformed_json_is_400(api, app_path) -> None:
    response = api.post(
        f"{app_path}/loginAttempts",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    assert_error(response, 400)
