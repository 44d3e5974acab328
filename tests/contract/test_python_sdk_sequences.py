"""Flask-Stormpath 0.4.8 on the Python SDK 2.5.5: its recorded request sequences, replayed.

Neither package can be installed any more, so each test sends, request by request, what
client-call-sequences.md §1.2-§1.4 and §2 record them sending (SAuthc1-signed, the SDK's
headers, JSON text and query encoding, its way of following redirects: see
python_sdk_wire.py), and asserts on the statuses and fields the SDK and Flask-Stormpath
read from the answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from mockpath.server import ServerThread
from tests.contract.python_sdk_wire import (
    PASSWORD,
    USER_AGENT,
    SdkWire,
    first_use,
    flask_login,
    flask_register,
    login_value,
    require_verification,
)


@pytest.fixture
def restart(live_server: ServerThread, tenant: Any) -> Iterator[Any]:
    """Start another Flask process: a new SDK client with nothing cached."""
    made: list[SdkWire] = []

    def new() -> SdkWire:
        made.append(SdkWire(live_server.base_url, tenant.api_key_id, tenant.api_key_secret))
        return made[-1]

    yield new
    for wire in made:
        wire.close()


# --- the wire format itself -----------------------------------------------------------

SDK_SIGNED = "accept;accept-encoding;content-type;host;user-agent;x-stormpath-date"


def test_requests_go_out_as_the_sdk_sends_them(sdk: SdkWire, tenant: Any) -> None:
    got = sdk.get("/tenants/current")
    post = sdk.post(f"{tenant.application_href}/loginAttempts", {"type": "basic", "value": "eDp5"})
    for request, extra in ((got.request, []), (post.request, ["Content-Length"])):
        names = [name.decode() for name, _ in request.headers.raw]
        assert names == [
            "User-Agent",
            "Accept-Encoding",
            "Accept",
            "Connection",
            "Content-Type",
            *extra,
            "Host",
            "X-Stormpath-Date",
            "Authorization",
        ]
        assert request.headers["user-agent"] == USER_AGENT
        assert request.headers["content-type"] == "application/json"
        authorization = request.headers["authorization"]
        assert authorization.startswith(f"SAuthc1 sauthc1Id={tenant.api_key_id}/")
        assert f", sauthc1SignedHeaders={SDK_SIGNED}, sauthc1Signature=" in authorization
    assert post.request.content == b'{"type": "basic", "value": "eDp5"}'
    assert post.status_code == 400  # the server took the signature and read the body


def test_a_wrong_secret_is_refused(live_server: ServerThread, tenant: Any) -> None:
    wire = SdkWire(live_server.base_url, tenant.api_key_id, tenant.api_key_secret + "x")
    try:
        response = wire.get("/tenants/current")
    finally:
        wire.close()
    assert (response.status_code, response.json()["code"]) == (401, 401)


# --- §1.2 / §2.2 first use ----------------------------------------------------------


def test_first_use_finds_the_configured_application(sdk: SdkWire, tenant: Any) -> None:
    application = first_use(sdk)
    assert application["href"] == tenant.application_href
    assert application["name"] == "Flask Test"
    assert application["status"] == "ENABLED"
    assert application["accounts"]["href"] == f"{tenant.application_href}/accounts"
    assert application["loginAttempts"]["href"] == f"{tenant.application_href}/loginAttempts"


def test_first_use_puts_the_exact_name_before_older_partial_matches(
    sdk: SdkWire, restart: Any, tenant: Any
) -> None:
    # Set up with the SDK's own calls (§1.5): the fixture's application becomes
    # "Flask Test Old", another one mentions "Flask Test" in its description, and only
    # then is the application Flask-Stormpath is configured with created.
    renamed = sdk.post(tenant.application_href, {"name": "Flask Test Old"})
    assert renamed.status_code == 200, renamed.text
    mention = {"name": "Legacy site", "description": "Replaced by the new Flask Test site"}
    assert sdk.post("/applications", mention, createDirectory=True).status_code == 201
    created = sdk.post(
        "/applications", {"name": "Flask Test", "description": "The site"}, createDirectory=True
    )
    assert created.status_code == 201, created.text
    assert sdk.sent[-1][1] == f"{sdk.base_url}/applications?createDirectory=True"

    flask = restart()
    application = first_use(flask)
    assert application["href"] == created.json()["href"]
    assert application["name"] == "Flask Test"

    everything = flask.get(f"{tenant.href}/applications", q="Flask Test").json()
    assert everything["size"] == 3
    names = [item["name"] for item in everything["items"]]
    assert names[0] == "Flask Test"
    assert sorted(names[1:]) == ["Flask Test Old", "Legacy site"]


def test_search_by_name_attribute_sends_name_instead_of_q(sdk: SdkWire, tenant: Any) -> None:
    created = sdk.post("/applications", {"name": "Flask Test Admin"}, createDirectory=True)
    assert created.status_code == 201, created.text
    found = sdk.get(f"{tenant.href}/applications", name="Flask Test")
    assert sdk.sent[-1][1].endswith("/applications?name=Flask+Test")
    assert found.status_code == 200
    assert [item["href"] for item in found.json()["items"]] == [tenant.application_href]


def test_first_use_without_a_matching_application_returns_an_empty_page(sdk: SdkWire) -> None:
    tenant = sdk.get("/tenants/current").json()
    page = sdk.get(tenant["applications"]["href"], q="No Such Site")
    assert page.status_code == 200
    assert (page.json()["size"], page.json()["items"]) == (0, [])


# --- §2.4 POST /register -------------------------------------------------------------


def test_register_with_the_flask_body(sdk: SdkWire, tenant: Any) -> None:
    application = first_use(sdk)
    response = flask_register(sdk, application, "jane@example.com", PASSWORD)
    assert response.status_code == 201, response.text
    account = response.json()
    assert response.headers["location"] == account["href"]
    assert account["username"] == "jane@example.com"  # "" means: use the email
    assert account["email"] == "jane@example.com"
    assert (account["givenName"], account["surname"]) == ("Jane", "Doe")
    assert account["fullName"] == "Jane Doe"
    assert account["status"] == "ENABLED"
    assert account["directory"]["href"] == tenant.directory_href
    assert "password" not in account

    # #5: the user_created signal reads the account back
    again = sdk.get(account["href"])
    assert again.status_code == 200
    assert again.json()["href"] == account["href"]
    assert again.json()["status"] == "ENABLED"

    # "customData": null made no custom data keys
    custom = sdk.get(account["customData"]["href"]).json()
    assert set(custom) == {"href", "createdAt", "modifiedAt"}


@pytest.mark.parametrize(
    ("password", "status", "code", "developer_message"),
    [
        ("abc", 400, 2007, "Account password minimum length not satisfied."),
        ("abcdefghijkl", 400, 400, "Password requires at least 1 uppercase character."),
        ("ABCDEFGHIJKL", 400, 400, "Password requires at least 1 lowercase character."),
        ("abcdefGHIJKL", 400, 400, "Password requires at least 1 numeric character."),
    ],
)
def test_register_errors_flash_the_developer_message(
    sdk: SdkWire, password: str, status: int, code: int, developer_message: str
) -> None:
    application = first_use(sdk)
    response = flask_register(sdk, application, "weak@example.com", password)
    assert response.status_code == status, response.text
    error = response.json()
    assert (error["status"], error["code"]) == (status, code)
    assert error["developerMessage"] == developer_message  # what Flask-Stormpath flashes
    assert error["message"]


def test_register_twice_flashes_the_duplicate_email_message(sdk: SdkWire) -> None:
    application = first_use(sdk)
    assert flask_register(sdk, application, "jane@example.com", PASSWORD).status_code == 201
    response = flask_register(sdk, application, "JANE@example.com", PASSWORD)
    assert response.status_code == 409, response.text
    error = response.json()
    assert error["code"] == 2001
    assert (
        error["developerMessage"]
        == "Account with that email already exists.  Please choose another email."
    )


def test_register_into_a_verifying_directory_comes_back_unverified(
    sdk: SdkWire, tenant: Any
) -> None:
    require_verification(sdk, tenant.directory_href)
    application = first_use(sdk)
    response = flask_register(sdk, application, "new@example.com", PASSWORD)
    assert response.status_code == 201, response.text
    account = response.json()
    assert account["status"] == "UNVERIFIED"  # overrides the "ENABLED" Flask sends
    assert account["emailVerificationToken"]["href"].startswith(
        f"{sdk.base_url}/accounts/emailVerificationTokens/"
    )
    login = flask_login(sdk, application, "new@example.com", PASSWORD)
    assert (login.status_code, login.json()["code"]) == (400, 7102)


# --- §2.8 POST /login, §2.5 a request while logged in ---------------------------------


def test_login_then_the_account_is_read_back_enabled(sdk: SdkWire, restart: Any) -> None:
    account = flask_register(sdk, first_use(sdk), "jane@example.com", PASSWORD).json()

    flask = restart()  # a later process: nothing cached
    application = first_use(flask)
    response = flask_login(flask, application, "jane@example.com", PASSWORD)
    assert response.status_code == 200, response.text
    assert response.json() == {"account": {"href": account["href"]}}

    loaded = flask.get(response.json()["account"]["href"])
    assert loaded.status_code == 200
    assert loaded.json()["status"] == "ENABLED"  # Flask-Login's is_active

    # §2.5: the user loader reads the href stored in the session
    session = flask.get(account["href"])
    assert (session.status_code, session.json()["email"]) == (200, "jane@example.com")


def test_login_with_the_username_and_a_password_with_colons(sdk: SdkWire) -> None:
    application = first_use(sdk)
    body_password = "Pa:ss:w0rdABC"
    created = flask_register(sdk, application, "colon@example.com", body_password)
    assert created.status_code == 201, created.text
    response = flask_login(sdk, application, "colon@example.com", body_password)
    assert response.status_code == 200, response.text
    assert response.json()["account"]["href"] == created.json()["href"]


@pytest.mark.parametrize(
    ("login", "password", "code", "developer_message"),
    [
        (
            "jane@example.com",
            "WrongPassw0rd",
            7100,
            "Login attempt failed because the specified password is incorrect.",
        ),
        (
            "nobody@example.com",
            PASSWORD,
            7104,
            "Login attempt failed because there is no Account in the Application's "
            "associated Account Stores with the specified username or email.",
        ),
    ],
)
def test_login_failures_flash_the_developer_message(
    sdk: SdkWire, login: str, password: str, code: int, developer_message: str
) -> None:
    application = first_use(sdk)
    assert flask_register(sdk, application, "jane@example.com", PASSWORD).status_code == 201
    response = flask_login(sdk, application, login, password)
    assert response.status_code == 400, response.text
    error = response.json()
    assert (error["status"], error["code"]) == (400, code)
    assert error["message"] == "Invalid username or password."
    assert error["developerMessage"] == developer_message


def test_authenticate_account_with_an_account_store_and_expand(sdk: SdkWire, tenant: Any) -> None:
    # application.authenticate_account(login, password, account_store=..., expand=...)
    application = first_use(sdk)
    account = flask_register(sdk, application, "jane@example.com", PASSWORD).json()
    body = {
        "type": "basic",
        "value": login_value("jane@example.com", PASSWORD),
        "accountStore": {"href": tenant.directory_href},
    }
    response = sdk.post(f"{application['href']}/loginAttempts", body, expand="account")
    assert sdk.sent[-1][1].endswith("/loginAttempts?expand=account")
    assert response.status_code == 200, response.text
    expanded = response.json()["account"]
    assert (expanded["href"], expanded["status"]) == (account["href"], "ENABLED")

    unmapped = sdk.post("/directories", {"name": "Not mapped"}).json()
    body["accountStore"] = {"href": unmapped["href"]}
    refused = sdk.post(f"{application['href']}/loginAttempts", body)
    assert (refused.status_code, refused.json()["code"]) == (400, 2014)


# --- §2.9 @groups_required(['admins']) and account.has_group (§1.5) ------------------


def test_groups_required_for_a_member_and_a_non_member(sdk: SdkWire, restart: Any) -> None:
    application = first_use(sdk)
    member = flask_register(sdk, application, "admin@example.com", PASSWORD).json()
    other = flask_register(sdk, application, "user@example.com", PASSWORD).json()
    directory_href = member["directory"]["href"]
    # directory.groups.create({'name': 'admins'}) and account.add_group(group)
    group = sdk.post(f"{directory_href}/groups", {"name": "admins"})
    assert group.status_code == 201, group.text
    membership = sdk.post(
        "/groupMemberships",
        {"account": {"href": member["href"]}, "group": {"href": group.json()["href"]}},
    )
    assert membership.status_code == 201, membership.text

    flask = restart()
    for account, expected in ((member, [group.json()["href"]]), (other, [])):
        # #1: the account's directory (not cached in this process yet)
        directory = flask.get(account["directory"]["href"])
        assert directory.status_code == 200
        groups_href = directory.json()["groups"]["href"]
        for _ in range(2):  # #2-#3, then #4-#5: has_groups is evaluated twice
            named = flask.get(groups_href, name="admins")
            assert named.status_code == 200
            assert [g["name"] for g in named.json()["items"]] == ["admins"]
            mine = flask.get(account["groups"]["href"], name="admins")
            assert mine.status_code == 200
            assert [g["href"] for g in mine.json()["items"]] == expected
            assert mine.json()["size"] == len(expected)
    assert flask.sent[-1][1] == f"{other['groups']['href']}?name=admins"


def test_groups_required_with_no_group_of_that_name(sdk: SdkWire, tenant: Any) -> None:
    # The SDK raises ValueError on an empty page; the server's part is a 200 page.
    named = sdk.get(f"{tenant.directory_href}/groups", name="admins")
    assert named.status_code == 200
    assert (named.json()["size"], named.json()["items"]) == (0, [])
