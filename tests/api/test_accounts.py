"""Accounts over HTTP: create, read, update, delete and the account collections (§6.10)."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from mockpath.domain.models import ACCOUNTS

FLASK_BODY = {
    "email": "jane@example.com",
    "password": "Passw0rdABC",
    "givenName": "Jane",
    "surname": "Doe",
    "username": "",
    "middleName": "",
    "customData": None,
    "status": "ENABLED",
}


def create(api: httpx.Client, owner: str, body: dict, query: str = "") -> httpx.Response:
    return api.post(f"{owner}/accounts{query}", json=body)


def create_ok(api: httpx.Client, tenant, **fields) -> dict:
    body = {"email": "jane@example.com", "password": "Passw0rdABC", **fields}
    response = create(api, f"/applications/{tenant.application_id}", body)
    assert response.status_code == 201, response.text
    return response.json()


def login(api: httpx.Client, tenant, login: str, password: str) -> httpx.Response:
    value = base64.b64encode(f"{login}:{password}".encode()).decode()
    return api.post(
        f"/applications/{tenant.application_id}/loginAttempts",
        json={"type": "basic", "value": value},
    )


def assert_error(response: httpx.Response, status: int, code: int, message: str | None = None):
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    if message is not None:
        assert body["message"] == message
    return body


def path_of(href: str) -> str:
    return href.split("/v1", 1)[1]


# --- create ------------------------------------------------------------------------


def test_flask_registration_body_creates_an_enabled_account(api, tenant) -> None:
    response = create(api, f"/applications/{tenant.application_id}", FLASK_BODY)
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == body["href"]
    assert body["username"] == "jane@example.com"  # "" defaults to the email
    assert body["email"] == "jane@example.com"
    assert body["fullName"] == "Jane Doe"  # the empty middle name is skipped
    assert body["middleName"] == ""
    assert body["status"] == "ENABLED"
    assert body["emailVerificationStatus"] == "UNVERIFIED"
    assert body["emailVerificationToken"] is None
    assert body["passwordModifiedAt"] == body["createdAt"]
    assert body["directory"] == {"href": tenant.directory_href}
    assert body["tenant"] == {"href": tenant.href}
    for name in ("customData", "providerData", "groups", "groupMemberships", "apiKeys"):
        assert body[name] == {"href": f"{body['href']}/{name}"}
    assert "password" not in body


def test_minimal_body_defaults_username_and_status(api, tenant) -> None:
    body = create_ok(api, tenant, givenName="J", middleName="Q", surname="Doe")
    assert body["username"] == "jane@example.com"
    assert body["fullName"] == "J Q Doe"
    assert body["status"] == "ENABLED"
    assert body["middleName"] == "Q"


def test_missing_names_are_null_and_full_name_is_empty(api, tenant) -> None:
    body = create_ok(api, tenant)
    assert body["givenName"] is None
    assert body["surname"] is None
    assert body["fullName"] == ""


def test_explicit_username_and_status_are_kept(api, tenant) -> None:
    body = create_ok(api, tenant, username="jdoe", status="disabled")
    assert body["username"] == "jdoe"
    assert body["status"] == "DISABLED"


def test_create_in_a_directory(api, tenant) -> None:
    response = create(
        api,
        f"/directories/{tenant.directory_id}",
        {"email": "d@example.com", "password": "Passw0rd"},
    )
    assert response.status_code == 201
    assert response.json()["directory"]["href"] == tenant.directory_href


def test_create_in_an_unknown_directory_is_404(api) -> None:
    response = create(api, "/directories/nope", {"email": "d@example.com", "password": "Passw0rd"})
    assert_error(response, 404, 404)


def test_create_in_an_unknown_application_is_404(api) -> None:
    response = create(api, "/applications/nope", {"email": "d@example.com", "password": "Passw0rd"})
    assert_error(response, 404, 404)


def test_embedded_custom_data_initialises_it_and_expand_works_on_create(api, tenant) -> None:
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {
            "email": "p@example.com",
            "password": "Passw0rdX",
            "customData": {"color": "red", "nested": {"a": 1}},
        },
        "?expand=customData",
    )
    assert response.status_code == 201
    data = response.json()["customData"]
    assert data["color"] == "red"
    assert data["nested"] == {"a": 1}
    assert data["href"].endswith("/customData")


def test_custom_data_key_errors_reject_the_create(api, tenant) -> None:
    body = {"email": "k@example.com", "password": "Passw0rdX", "customData": {"bad key": 1}}
    assert_error(create(api, f"/applications/{tenant.application_id}", body), 400, 3002)
    listed = api.get(f"/applications/{tenant.application_id}/accounts").json()
    assert listed["size"] == 0


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (
            {"password": "Passw0rdX"},
            2000,
            "Account email address is required; it cannot be null, empty, or blank.",
        ),
        (
            {"email": "  ", "password": "Passw0rdX"},
            2000,
            "Account email address is required; it cannot be null, empty, or blank.",
        ),
        (
            {"email": "x@example.com"},
            2000,
            "Account password is required; it cannot be null, empty, or blank.",
        ),
        (
            {"email": "x@example.com", "password": ""},
            2000,
            "Account password is required; it cannot be null, empty, or blank.",
        ),
        ({}, 2000, "Account email address is required; it cannot be null, empty, or blank."),
        ({"email": "no-at-sign", "password": "abc"}, 2006, None),
        ({"email": "x@example.com", "password": "Passw0rdX", "status": "foo"}, 2003, None),
        ({"email": "x@example.com", "password": "Ab1"}, 2007, None),
        ({"email": "x@example.com", "password": "Ab1" * 40}, 2008, None),
    ],
    ids=[
        "no-email",
        "blank-email",
        "no-password",
        "empty-password",
        "nothing",
        "bad-email",
        "bad-status",
        "short",
        "long",
    ],
)
def test_validation_errors(api, tenant, body, code, message) -> None:
    response = create(api, f"/applications/{tenant.application_id}", body)
    error = assert_error(response, 400, code, message)
    if code == 2006:
        assert error["message"] == "Account email address is in an invalid format."
    if code == 2007:
        assert error["message"] == "Account password minimum length not satisfied."
        assert error["developerMessage"] == "Account password minimum length not satisfied."
    if code == 2008:
        assert error["message"] == "Account password maximum length exceeded."


@pytest.mark.parametrize(
    ("password", "kind"),
    [
        ("abcdefghijkl", "uppercase"),
        ("ABCDEFGHIJKL", "lowercase"),
        ("abcdefGHIJKL", "numeric"),
    ],
)
def test_character_classes_are_400(api, tenant, password, kind) -> None:
    response = create(
        api, f"/applications/{tenant.application_id}", {"email": "c@x.com", "password": password}
    )
    assert_error(response, 400, 400, f"Password requires at least 1 {kind} character.")


def test_duplicate_email_is_409_even_in_another_case(api, tenant) -> None:
    create_ok(api, tenant)
    for email in ("jane@example.com", "JANE@Example.COM"):
        response = create(
            api,
            f"/applications/{tenant.application_id}",
            {"email": email, "password": "Passw0rdABC"},
        )
        body = assert_error(
            response,
            409,
            2001,
            "Account with that email already exists.  Please choose another email.",
        )
        assert body["developerMessage"] == body["message"]


def test_duplicate_username_is_409_with_the_username_text(api, tenant) -> None:
    create_ok(api, tenant, username="jdoe")
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "other@example.com", "username": "JDOE", "password": "Passw0rdABC"},
    )
    assert_error(
        response,
        409,
        2001,
        "Account with that username already exists.  Please choose another username.",
    )


def test_uniqueness_comes_before_password_rules(api, tenant) -> None:
    create_ok(api, tenant)
    body = {"email": "jane@example.com", "password": "abc"}
    assert_error(create(api, f"/applications/{tenant.application_id}", body), 409, 2001)


def test_required_comes_before_email_format(api, tenant) -> None:
    body = {"email": "no-at-sign"}
    assert_error(create(api, f"/applications/{tenant.application_id}", body), 400, 2000)


def test_the_same_email_may_exist_in_two_directories(api, tenant) -> None:
    create_ok(api, tenant)
    other = api.post("/directories", json={"name": "Other"}).json()
    response = create(
        api, path_of(other["href"]), {"email": "jane@example.com", "password": "Passw0rdABC"}
    )
    assert response.status_code == 201


def test_no_default_account_store_is_5100(api) -> None:
    app = api.post("/applications", json={"name": "Bare"}).json()
    response = create(api, path_of(app["href"]), {"email": "a@b.com", "password": "Passw0rdX"})
    assert_error(response, 400, 5100)


def test_disabled_default_directory_is_5101(api, tenant) -> None:
    api.post(f"/directories/{tenant.directory_id}", json={"status": "DISABLED"})
    response = create(
        api, f"/applications/{tenant.application_id}", {"email": "a@b.com", "password": "Passw0rdX"}
    )
    assert_error(response, 400, 5101)


def test_group_default_store_creates_in_its_directory_and_joins_the_group(api, tenant) -> None:
    app = api.post("/applications", json={"name": "Grouped"}).json()
    group = api.post(f"/directories/{tenant.directory_id}/groups", json={"name": "members"}).json()
    mapping = api.post(
        "/accountStoreMappings",
        json={
            "application": {"href": app["href"]},
            "accountStore": {"href": group["href"]},
            "isDefaultAccountStore": True,
        },
    )
    assert mapping.status_code == 201, mapping.text
    response = create(
        api, path_of(app["href"]), {"email": "g@example.com", "password": "Passw0rdX"}
    )
    assert response.status_code == 201, response.text
    account = response.json()
    assert account["directory"]["href"] == tenant.directory_href
    members = api.get(path_of(group["href"]) + "/accounts").json()
    assert [item["href"] for item in members["items"]] == [account["href"]]


def test_disabled_default_group_is_5101(api, tenant) -> None:
    app = api.post("/applications", json={"name": "Grouped"}).json()
    group = api.post(
        f"/directories/{tenant.directory_id}/groups", json={"name": "off", "status": "DISABLED"}
    ).json()
    api.post(
        "/accountStoreMappings",
        json={
            "application": {"href": app["href"]},
            "accountStore": {"href": group["href"]},
            "isDefaultAccountStore": True,
        },
    )
    response = create(
        api, path_of(app["href"]), {"email": "g@example.com", "password": "Passw0rdX"}
    )
    assert_error(response, 400, 5101)


def set_creation_policy(api, tenant, **values) -> None:
    response = api.post(f"/accountCreationPolicies/{tenant.directory_id}", json=values)
    assert response.status_code == 200, response.text


def test_verification_workflow_makes_the_account_unverified(api, tenant) -> None:
    set_creation_policy(api, tenant, verificationEmailStatus="ENABLED")
    body = create_ok(api, tenant, status="ENABLED")
    assert body["status"] == "UNVERIFIED"
    assert body["emailVerificationStatus"] == "UNVERIFIED"
    token_href = body["emailVerificationToken"]["href"]
    assert "/v1/accounts/emailVerificationTokens/" in token_href


def test_registration_workflow_disabled_skips_verification(api, tenant) -> None:
    set_creation_policy(api, tenant, verificationEmailStatus="ENABLED")
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "w@example.com", "password": "Passw0rdX"},
        "?registrationWorkflowEnabled=false",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "ENABLED"
    assert response.json()["emailVerificationToken"] is None


@pytest.mark.parametrize(
    ("policy", "email", "code"),
    [
        ({"emailDomainWhitelist": ["*example.com"]}, "a@other.org", 7206),
        ({"emailDomainWhitelist": ["*example.com"]}, "a@mail.EXAMPLE.com", None),
        ({"emailDomainWhitelist": ["example.com"]}, "a@mail.example.com", 7206),
        ({"emailDomainBlacklist": ["spam.test"]}, "a@SPAM.test", 7205),
        ({"emailDomainBlacklist": ["*.spam.test"]}, "a@ok.test", None),
    ],
)
def test_email_domain_lists(api, tenant, policy, email, code) -> None:
    set_creation_policy(api, tenant, **policy)
    response = create(
        api, f"/applications/{tenant.application_id}", {"email": email, "password": "Passw0rdX"}
    )
    if code is None:
        assert response.status_code == 201
    else:
        assert_error(response, 400, code)


def test_email_domain_lists_come_after_password_rules(api, tenant) -> None:
    set_creation_policy(api, tenant, emailDomainBlacklist=["spam.test"])
    body = {"email": "a@spam.test", "password": "abc"}
    assert_error(create(api, f"/applications/{tenant.application_id}", body), 400, 2007)


# --- imported hashes ---------------------------------------------------------------


def test_imported_bcrypt_hash_logs_in(api, tenant) -> None:
    import bcrypt

    hashed = bcrypt.hashpw(b"imported secret", bcrypt.gensalt(rounds=4)).decode()
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "imp@example.com", "password": hashed},
        "?passwordFormat=mcf&registrationWorkflowEnabled=false",
    )
    assert response.status_code == 201, response.text
    assert login(api, tenant, "imp@example.com", "imported secret").status_code == 200
    assert_error(login(api, tenant, "imp@example.com", "wrong"), 400, 7100)


def test_imported_stormpath2_hash_logs_in(api, tenant) -> None:
    import hashlib

    salt = b"0123456789abcdef"
    digest = hashlib.sha256(salt + b"weak but imported").digest()
    for _ in range(99):
        digest = hashlib.sha256(digest).digest()
    encoded_salt = base64.b64encode(salt).decode()
    value = f"$stormpath2$SHA-256$100${encoded_salt}${base64.b64encode(digest).decode()}"
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "sp2@example.com", "password": value},
        "?passwordFormat=mcf",
    )
    assert response.status_code == 201, response.text
    assert login(api, tenant, "sp2@example.com", "weak but imported").status_code == 200


def test_a_bad_mcf_value_is_2002_and_stores_nothing(api, tenant) -> None:
    response = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "bad@example.com", "password": "Passw0rdX"},
        "?passwordFormat=mcf",
    )
    assert_error(response, 400, 2002)
    assert api.get(f"/applications/{tenant.application_id}/accounts").json()["size"] == 0


# --- read ------------------------------------------------------------------------


def test_read_ignores_nocache_and_expands(api, tenant) -> None:
    account = create_ok(api, tenant, givenName="Jane", customData={"k": "v"})
    response = api.get(
        path_of(account["href"]), params={"nocache": "true", "expand": "customData,directory"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["customData"]["k"] == "v"
    assert body["directory"]["href"] == tenant.directory_href
    assert body["directory"]["name"] == "Flask Test"
    assert body["givenName"] == "Jane"


def test_unknown_account_is_404(api) -> None:
    assert_error(api.get("/accounts/doesNotExist"), 404, 404)


def test_provider_data_of_a_cloud_account(api, tenant) -> None:
    account = create_ok(api, tenant)
    response = api.get(path_of(account["href"]) + "/providerData")
    assert response.status_code == 200
    assert response.json()["providerId"] == "stormpath"
    assert response.json()["href"] == account["href"] + "/providerData"


def test_account_applications_and_api_keys(api, tenant) -> None:
    account = create_ok(api, tenant)
    apps = api.get(path_of(account["href"]) + "/applications").json()
    assert [item["name"] for item in apps["items"]] == ["Flask Test"]
    keys = api.get(path_of(account["href"]) + "/apiKeys").json()
    assert keys["size"] == 0 and keys["items"] == []
    assert_error(api.get("/accounts/nope/applications"), 404, 404)


# --- update ----------------------------------------------------------------------


def test_update_changes_names_and_ignores_junk(api, tenant) -> None:
    account = create_ok(api, tenant, givenName="Jane", surname="Doe")
    time.sleep(0.002)  # modifiedAt has millisecond resolution
    junk = {
        **account,
        "givenName": "Janet",
        "middleName": None,
        "customData": {"href": account["customData"]["href"]},
        "unknownAttribute": 1,
        "createdAt": "1999-01-01T00:00:00.000Z",
        "fullName": "ignored",
    }
    response = api.post(path_of(account["href"]), json=junk)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["givenName"] == "Janet"
    assert body["fullName"] == "Janet Doe"
    assert body["createdAt"] == account["createdAt"]
    assert body["modifiedAt"] > account["modifiedAt"]
    assert body["passwordModifiedAt"] == account["passwordModifiedAt"]


def test_update_status_including_unverified_to_enabled(api, tenant) -> None:
    set_creation_policy(api, tenant, verificationEmailStatus="ENABLED")
    account = create_ok(api, tenant)
    assert account["status"] == "UNVERIFIED"
    response = api.post(path_of(account["href"]), json={"status": "ENABLED"})
    assert response.json()["status"] == "ENABLED"
    assert login(api, tenant, "jane@example.com", "Passw0rdABC").status_code == 200
    response = api.post(path_of(account["href"]), json={"status": "disabled"})
    assert response.json()["status"] == "DISABLED"
    assert_error(api.post(path_of(account["href"]), json={"status": "gone"}), 400, 2003)


def test_update_email_and_username_are_rechecked_for_uniqueness(api, tenant) -> None:
    create_ok(api, tenant, email="taken@example.com", username="taken")
    account = create_ok(api, tenant)
    response = api.post(path_of(account["href"]), json={"email": "TAKEN@example.com"})
    assert_error(
        response, 409, 2001, "Account with that email already exists.  Please choose another email."
    )
    same_email = {"email": account["email"], "username": "TAKEN"}
    response = api.post(path_of(account["href"]), json=same_email)
    assert_error(
        response,
        409,
        2001,
        "Account with that username already exists.  Please choose another username.",
    )
    response = api.post(path_of(account["href"]), json={"email": "new@example.com"})
    assert response.json()["email"] == "new@example.com"
    assert_error(api.post(path_of(account["href"]), json={"email": "bad"}), 400, 2006)
    assert_error(api.post(path_of(account["href"]), json={"email": None}), 400, 2000)


def test_password_change_rechecks_strength_and_bumps_the_timestamp(api, tenant) -> None:
    account = create_ok(api, tenant)
    time.sleep(0.002)
    assert_error(api.post(path_of(account["href"]), json={"password": "abc"}), 400, 2007)
    assert_error(api.post(path_of(account["href"]), json={"password": "abcdefghijk"}), 400, 400)
    response = api.post(path_of(account["href"]), json={"password": "NewPassw0rd"})
    assert response.status_code == 200
    assert response.json()["passwordModifiedAt"] > account["passwordModifiedAt"]
    assert_error(login(api, tenant, "jane@example.com", "Passw0rdABC"), 400, 7100)
    assert login(api, tenant, "jane@example.com", "NewPassw0rd").status_code == 200


def test_prevent_reuse_refuses_recent_passwords(api, tenant) -> None:
    strength = api.post(
        f"/passwordPolicies/{tenant.directory_id}/strength", json={"preventReuse": 2}
    )
    assert strength.status_code == 200
    account = create_ok(api, tenant)
    path = path_of(account["href"])
    assert_error(api.post(path, json={"password": "Passw0rdABC"}), 400, 2012)
    assert api.post(path, json={"password": "Second1pass"}).status_code == 200
    assert api.post(path, json={"password": "Third1pass"}).status_code == 200
    assert_error(api.post(path, json={"password": "Second1pass"}), 400, 2012)
    # only the last two count: the first password may come back
    assert api.post(path, json={"password": "Passw0rdABC"}).status_code == 200


def test_embedded_custom_data_on_update_is_merged(api, tenant) -> None:
    account = create_ok(api, tenant, customData={"a": 1, "b": 2})
    body = {"customData": {"href": account["customData"]["href"], "b": None, "c": 3}}
    response = api.post(path_of(account["href"]) + "?expand=customData", json=body)
    data = response.json()["customData"]
    assert (data.get("a"), data.get("b"), data.get("c")) == (1, None, 3)
    assert "b" not in data


def test_update_of_an_unknown_account_is_404(api) -> None:
    assert_error(api.post("/accounts/nope", json={"givenName": "x"}), 404, 404)


# --- delete ------------------------------------------------------------------------


def test_delete_removes_the_account_and_what_it_owns(api, tenant, live_server) -> None:
    account = create_ok(api, tenant, customData={"a": 1})
    path = path_of(account["href"])
    response = api.delete(path)
    assert response.status_code == 204
    assert_error(api.get(path), 404, 404)
    assert_error(api.get(path + "/customData"), 404, 404)
    assert_error(api.delete(path), 404, 404)
    account_id = path.rsplit("/", 1)[1]
    with live_server.app.state.store.read() as tx:
        assert tx.password_history(tenant.id, account_id, 25) == []
    assert create_ok(api, tenant)["email"] == "jane@example.com"


def test_the_tenant_owner_cannot_be_deleted(api, tenant) -> None:
    admins = api.get(
        f"/tenants/{tenant.id}/directories", params={"name": "Stormpath Administrators"}
    )
    directory = admins.json()["items"][0]
    owner_href = api.get(path_of(directory["href"]) + "/accounts").json()["items"][0]["href"]
    assert_error(api.delete(path_of(owner_href)), 400, 4001)
    assert api.get(path_of(owner_href)).status_code == 200


# --- application account collections --------------------------------------------


def test_application_accounts_search_filter_and_order(api, tenant) -> None:
    for given, surname, email in [
        ("Ann", "Zeta", "ann@example.com"),
        ("Bob", "Alpha", "bob@example.com"),
        ("Cid", "Mid", "cid@other.org"),
    ]:
        create_ok(api, tenant, email=email, givenName=given, surname=surname)
    other = api.post("/directories", json={"name": "Unmapped"}).json()
    create(api, path_of(other["href"]), {"email": "dan@example.com", "password": "Passw0rdX"})
    path = f"/applications/{tenant.application_id}/accounts"

    by_email = api.get(path, params={"email": "*@example.com"}).json()
    assert sorted(item["email"] for item in by_email["items"]) == [
        "ann@example.com",
        "bob@example.com",
    ]
    assert api.get(path, params={"q": "mid"}).json()["items"][0]["givenName"] == "Cid"
    ordered = api.get(path, params={"orderBy": "surname desc"}).json()
    assert [item["surname"] for item in ordered["items"]] == ["Zeta", "Mid", "Alpha"]
    assert ordered["size"] == 3


# --- the password is write-only ----------------------------------------------------


def test_no_password_or_hash_ever_appears_in_a_response(api, tenant, live_server, caplog) -> None:
    first, second = "Secr3tPassw0rd", "An0therS3cret"
    bodies: list[str] = []

    def keep(response: httpx.Response) -> None:
        response.read()
        bodies.append(response.text)

    api.event_hooks = {"response": [keep]}
    expand = "?expand=customData,directory,tenant,groups,groupMemberships,applications,apiKeys"
    made = create(
        api,
        f"/applications/{tenant.application_id}",
        {"email": "leak@example.com", "password": first, "customData": {"k": 1}},
        expand,
    )
    assert made.status_code == 201
    path = path_of(made.json()["href"])
    api.get(path + expand)
    api.post(path + expand, json={"givenName": "Changed"})
    login(api, tenant, "leak@example.com", first)
    login(api, tenant, "leak@example.com", first + "x")
    api.post(path, json={"password": second})
    value = base64.b64encode(f"leak@example.com:{second}".encode()).decode()
    logged_in = api.post(
        f"/applications/{tenant.application_id}/loginAttempts?expand=account",
        json={"type": "basic", "value": value},
    )
    assert logged_in.status_code == 200
    for listing in (
        f"/applications/{tenant.application_id}/accounts",
        f"/directories/{tenant.directory_id}/accounts",
        f"/tenants/{tenant.id}/accounts",
    ):
        assert api.get(listing + "?expand=customData").status_code == 200
    create(api, f"/applications/{tenant.application_id}", {"email": "x@y.z", "password": "weak"})

    account_id = path.rsplit("/", 1)[1]
    with live_server.app.state.store.read() as tx:
        stored = tx.get(ACCOUNTS, tenant.id, account_id).password_hash
        history = tx.password_history(tenant.id, account_id, 25)
    assert stored and len(history) == 2
    secrets = [first, second, "weak", stored, *history]
    assert len(bodies) >= 10
    for body in bodies:
        for secret in secrets:
            assert secret not in body
        assert '"password"' not in body
    for record in caplog.records:
        for secret in secrets:
            assert secret not in record.getMessage()
