"""/applications/<id>/passwordResetTokens through real HTTP (stormpath-api.md §7.2),
and the outbox the reset emails land in (GET /__mockpath/outbox, the plugin handle)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.bootstrap import KeyPair
from mockpath.domain.models import PASSWORD_RESET_TOKENS, OutboxMessage
from mockpath.domain.outbox import list_outbox
from mockpath.server import ServerThread
from mockpath.testing import open_server
from tests.helpers import PASSWORD, error, new_account

NEW_PASSWORD = "NewPassw0rd9"
TOKEN_GONE = "This password reset request does not exist. Please request a new password reset."
Outbox = Callable[[], list[OutboxMessage]]


@pytest.fixture
def outbox(live_server, tenant) -> Outbox:
    """The test tenant's emails, read through the domain function."""

    def read() -> list[OutboxMessage]:
        with live_server.app.state.store.read() as tx:
            return list_outbox(tx, tenant.id)

    return read


@pytest.fixture
def jane(api: httpx.Client, tenant) -> str:
    return new_account(api, tenant.directory_id, "jane@example.com", username="jane")


def _start(api: httpx.Client, tenant, **body: Any) -> httpx.Response:
    return api.post(f"/applications/{tenant.application_id}/passwordResetTokens", json=body)


def _token_url(tenant, token: str) -> str:
    return f"/applications/{tenant.application_id}/passwordResetTokens/{token}"


def _sptoken(api: httpx.Client, tenant, email: str = "jane@example.com") -> str:
    response = _start(api, tenant, email=email)
    assert response.status_code == 200, response.text
    return str(response.json()["href"]).rsplit("/", 1)[1]


def _login(api: httpx.Client, tenant, login: str, password: str) -> httpx.Response:
    value = base64.b64encode(f"{login}:{password}".encode()).decode()
    return api.post(
        f"/applications/{tenant.application_id}/loginAttempts",
        json={"type": "basic", "value": value},
    )


def _set_policy(api: httpx.Client, tenant, path: str, **changes: Any) -> None:
    response = api.post(f"{path}/{tenant.directory_id}", json=changes)
    assert response.status_code == 200, response.text


def _expire(live_server, tenant, token: str) -> None:
    with live_server.app.state.store.write() as tx:
        tx.update(PASSWORD_RESET_TOKENS, tenant.id, token, {"expires_at": time.time() - 1})


# --- starting a reset -------------------------------------------------------------------


def test_start_returns_the_token_and_records_the_email(
    api: httpx.Client, tenant, jane: str, outbox: Outbox
) -> None:
    response = _start(api, tenant, email="jane@example.com")
    assert response.status_code == 200
    body = response.json()
    token = body["href"].rsplit("/", 1)[1]
    assert body == {
        "href": f"{tenant.application_href}/passwordResetTokens/{token}",
        "email": "jane@example.com",
        "account": {"href": jane},
    }
    [email] = outbox()
    assert (email.kind, email.to, email.token) == ("passwordReset", "jane@example.com", token)
    assert email.account_id == jane.rsplit("/", 1)[1]
    assert email.link == f"http://localhost:3000/change?sptoken={token}"


def test_the_email_is_matched_in_any_case(api: httpx.Client, tenant, jane: str) -> None:
    response = _start(api, tenant, email="JANE@Example.COM")
    assert response.status_code == 200
    assert response.json()["email"] == "jane@example.com"
    assert response.json()["account"]["href"] == jane


def test_the_token_lives_reset_token_ttl_hours(api, live_server, tenant, jane) -> None:
    _set_policy(api, tenant, "/passwordPolicies", resetTokenTtl=2)
    before = time.time()
    token = _sptoken(api, tenant)
    after = time.time()
    with live_server.app.state.store.read() as tx:
        record = tx.get(PASSWORD_RESET_TOKENS, tenant.id, token)
    assert before + 7200 <= record.expires_at <= after + 7200


def test_no_email_when_the_directory_sends_none(api, tenant, jane, outbox: Outbox) -> None:
    _set_policy(api, tenant, "/passwordPolicies", resetEmailStatus="DISABLED")
    token = _sptoken(api, tenant)
    assert outbox() == []
    assert api.get(_token_url(tenant, token)).status_code == 200


@pytest.mark.parametrize(
    ("body", "expected", "message"),
    [
        ({}, (400, 2000), "email property is required; it cannot be null, empty, or blank."),
        ({"email": "  "}, (400, 2000), None),
        ({"email": None}, (400, 2000), None),
        ({"email": 7}, (400, 2002), None),
        (
            {"email": "nobody@example.com"},
            (400, 2016),
            "The email property value nobody@example.com does not match a known resource.",
        ),
        ({"email": "jane"}, (400, 2016), None),  # a username is no email
    ],
)
def test_start_errors(api, tenant, jane, outbox: Outbox, body, expected, message) -> None:
    response = _start(api, tenant, **body)
    assert error(response) == expected
    if message is not None:
        assert response.json()["message"] == message
    assert outbox() == []


def test_unknown_application(api: httpx.Client, jane: str) -> None:
    response = api.post(
        "/applications/NoSuchApplication00000/passwordResetTokens",
        json={"email": "jane@example.com"},
    )
    assert error(response) == (404, 404)


def _second_store(api: httpx.Client, tenant, email: str) -> tuple[str, str]:
    """A second directory mapped to the application (listIndex 1) holding `email`."""
    directory = api.post("/directories", json={"name": f"Second {tenant.id}"}).json()
    mapping = api.post(
        "/accountStoreMappings",
        json={
            "application": {"href": tenant.application_href},
            "accountStore": {"href": directory["href"]},
        },
    ).json()
    directory_id = directory["href"].rsplit("/", 1)[1]
    return new_account(api, directory_id, email), mapping["href"]


def test_the_first_store_in_list_order_holds_the_account(api, tenant, jane) -> None:
    second, mapping = _second_store(api, tenant, "jane@example.com")
    assert _start(api, tenant, email="jane@example.com").json()["account"]["href"] == jane
    assert api.post(mapping, json={"listIndex": 0}).status_code == 200
    assert _start(api, tenant, email="jane@example.com").json()["account"]["href"] == second


def test_an_account_store_narrows_the_search(api, tenant, jane) -> None:
    second, _ = _second_store(api, tenant, "jane@example.com")
    directory = api.get(second).json()["directory"]["href"]
    node = _start(api, tenant, email="jane@example.com", accountStore={"href": directory})
    python = _start(api, tenant, email="jane@example.com", account_store=directory)
    assert node.json()["account"]["href"] == python.json()["account"]["href"] == second
    unmapped = api.post("/directories", json={"name": f"Unmapped {tenant.id}"}).json()["href"]
    refused = _start(api, tenant, email="jane@example.com", accountStore={"href": unmapped})
    assert error(refused) == (400, 2014)


# --- checking a token -------------------------------------------------------------------


def test_get_returns_the_token(api: httpx.Client, tenant, jane: str) -> None:
    token = _sptoken(api, tenant)
    response = api.get(_token_url(tenant, token))
    assert response.status_code == 200
    assert response.json() == {
        "href": f"{tenant.application_href}/passwordResetTokens/{token}",
        "email": "jane@example.com",
        "account": {"href": jane},
    }
    expanded = api.get(_token_url(tenant, token), params={"expand": "account"}).json()
    assert expanded["account"]["href"] == jane
    assert expanded["account"]["username"] == "jane"


def _gone(response: httpx.Response) -> None:
    assert error(response) == (404, 404)
    assert response.json()["message"] == TOKEN_GONE


def test_unknown_and_expired_tokens_are_gone(api, live_server, tenant, jane) -> None:
    _gone(api.get(_token_url(tenant, "no.such-token")))
    _gone(api.post(_token_url(tenant, "no.such-token"), json={"password": NEW_PASSWORD}))
    token = _sptoken(api, tenant)
    _expire(live_server, tenant, token)
    _gone(api.get(_token_url(tenant, token)))
    _gone(api.post(_token_url(tenant, token), json={"password": NEW_PASSWORD}))
    assert _login(api, tenant, "jane@example.com", PASSWORD).status_code == 200


def test_a_token_belongs_to_its_application(api: httpx.Client, tenant, jane: str) -> None:
    token = _sptoken(api, tenant)
    other = api.post("/applications", json={"name": f"Other {tenant.id}"}).json()
    _gone(api.get(f"{other['href']}/passwordResetTokens/{token}"))


def test_a_token_belongs_to_its_tenant(api, other_api, tenant, jane) -> None:
    token = _sptoken(api, tenant)
    assert error(other_api.get(_token_url(tenant, token)))[0] == 404
    stolen = other_api.post(_token_url(tenant, token), json={"password": NEW_PASSWORD})
    assert error(stolen)[0] == 404
    app = other_api.get("/tenants/current", follow_redirects=True).json()["applications"]
    own = other_api.get(app["href"]).json()["items"][0]["href"]
    _gone(other_api.get(f"{own}/passwordResetTokens/{token}"))
    _gone(other_api.post(f"{own}/passwordResetTokens/{token}", json={"password": NEW_PASSWORD}))
    assert api.get(_token_url(tenant, token)).status_code == 200


# --- completing a reset -----------------------------------------------------------------


def test_complete_as_node_posts_it(api, tenant, jane, outbox: Outbox) -> None:
    token = _sptoken(api, tenant)
    other = _sptoken(api, tenant)
    before = api.get(jane).json()["passwordModifiedAt"]
    whole = api.get(_token_url(tenant, token)).json()
    response = api.post(
        _token_url(tenant, token),
        params={"expand": "account"},
        json={**whole, "password": NEW_PASSWORD},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["href"] == whole["href"]
    assert body["email"] == "jane@example.com"
    assert body["account"]["href"] == jane and body["account"]["email"] == "jane@example.com"
    assert _login(api, tenant, "jane@example.com", NEW_PASSWORD).status_code == 200
    assert error(_login(api, tenant, "jane@example.com", PASSWORD)) == (400, 7100)
    assert api.get(jane).json()["passwordModifiedAt"] >= before
    _gone(api.get(_token_url(tenant, token)))
    _gone(api.get(_token_url(tenant, other)))
    assert [m.kind for m in outbox()] == ["passwordReset", "passwordReset", "passwordResetSuccess"]
    success = outbox()[-1]
    assert (success.to, success.token, success.link) == ("jane@example.com", None, None)


def test_complete_as_python_posts_it(api, tenant, jane, outbox: Outbox) -> None:
    token = _sptoken(api, tenant)
    response = api.post(_token_url(tenant, token), json={"password": NEW_PASSWORD})
    assert response.status_code == 200
    assert response.json()["account"] == {"href": jane}
    assert _login(api, tenant, "jane", NEW_PASSWORD).status_code == 200


def test_no_success_email_when_the_directory_sends_none(api, tenant, jane, outbox) -> None:
    _set_policy(api, tenant, "/passwordPolicies", resetSuccessEmailStatus="DISABLED")
    token = _sptoken(api, tenant)
    assert api.post(_token_url(tenant, token), json={"password": NEW_PASSWORD}).status_code == 200
    assert [m.kind for m in outbox()] == ["passwordReset"]


@pytest.mark.parametrize(
    ("password", "expected", "message"),
    [
        (None, (400, 2000), "Account password is required; it cannot be null, empty, or blank."),
        ("Pw1", (400, 2007), "Account password minimum length not satisfied."),
        ("alllowercase1", (400, 400), "Password requires at least 1 uppercase character."),
        (PASSWORD, (400, 2012), None),  # preventReuse
    ],
)
def test_a_refused_password_keeps_the_token(
    api, tenant, jane, outbox: Outbox, password, expected, message
) -> None:
    strength = f"/passwordPolicies/{tenant.directory_id}/strength"
    assert api.post(strength, json={"preventReuse": 3}).status_code == 200
    token = _sptoken(api, tenant)
    response = api.post(_token_url(tenant, token), json={"password": password})
    assert error(response) == expected
    if message is not None:
        assert response.json()["message"] == message
    assert api.get(_token_url(tenant, token)).status_code == 200
    assert _login(api, tenant, "jane", PASSWORD).status_code == 200
    assert [m.kind for m in outbox()] == ["passwordReset"]


def test_deleting_the_account_or_application_removes_its_tokens(
    api, live_server, tenant, jane
) -> None:
    by_account = _sptoken(api, tenant)
    assert api.delete(jane).status_code == 204
    _gone(api.get(_token_url(tenant, by_account)))
    new_account(api, tenant.directory_id, "jane@example.com")
    by_application = _sptoken(api, tenant)
    assert api.delete(tenant.application_href).status_code == 204
    with live_server.app.state.store.read() as tx:
        assert tx.find(PASSWORD_RESET_TOKENS, tenant.id, by_account) is None
        assert tx.find(PASSWORD_RESET_TOKENS, tenant.id, by_application) is None


def test_the_collection_cannot_be_read(api: httpx.Client, tenant) -> None:
    response = api.get(f"/applications/{tenant.application_id}/passwordResetTokens")
    assert error(response) == (405, 405)


# --- the outbox over HTTP and through the plugin handle ---------------------------------

ADMIN_TOKEN = "outbox-admin-token"


@pytest.fixture(scope="module")
def admin_server() -> Iterator[ServerThread]:
    app = create_app(Settings(password_scheme="fast", admin_token=ADMIN_TOKEN))
    with ServerThread(app) as server:
        yield server


def test_the_outbox_endpoint_needs_the_admin_token(live_server, admin_server, tenant) -> None:
    absent = httpx.get(f"{live_server.url}/__mockpath/outbox", params={"tenant": tenant.id})
    assert error(absent) == (404, 404)
    url = f"{admin_server.url}/__mockpath/outbox"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic eDp5"}):
        assert error(httpx.get(url, params={"tenant": "x"}, headers=headers)) == (401, 401)


def test_the_outbox_endpoint_lists_a_tenant_s_emails(admin_server, tmp_path: Path) -> None:
    bearer = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    url = f"{admin_server.url}/__mockpath/outbox"
    made = httpx.post(f"{admin_server.url}/__mockpath/tenants", headers=bearer).json()
    key = (made["apiKey"]["id"], made["apiKey"]["secret"])
    app = made["application"]["href"]
    with httpx.Client(auth=key) as api:
        account = api.post(f"{app}/accounts", json={"email": "a@example.com", "password": PASSWORD})
        token = api.post(f"{app}/passwordResetTokens", json={"email": "a@example.com"})
    sptoken = token.json()["href"].rsplit("/", 1)[1]
    listing = httpx.get(url, params={"tenant": made["tenant"]["id"]}, headers=bearer)
    assert listing.status_code == 200
    body = listing.json()
    assert body["tenant"] == {"href": made["tenant"]["href"]}
    assert body["size"] == 1
    [item] = body["items"]
    assert item["kind"] == "passwordReset" and item["to"] == "a@example.com"
    assert item["account"] == {"href": account.json()["href"]}
    assert (item["token"], item["link"]) == (
        sptoken,
        f"http://localhost:3000/change?sptoken={sptoken}",
    )
    assert item["id"] and item["createdAt"]
    assert error(httpx.get(url, headers=bearer)) == (400, 2000)
    assert error(httpx.get(url, params={"tenant": "NoSuchTenant"}, headers=bearer)) == (404, 404)
    # the plugin handle of a server at a URL reads the same list with the admin token
    with open_server(
        tmp_path, url=admin_server.url, key=KeyPair(*key), admin_token=ADMIN_TOKEN
    ) as handle:
        assert [(m.kind, m.token) for m in handle.outbox()] == [("passwordReset", sptoken)]


def test_the_plugin_handle_reads_the_outbox(tmp_path: Path) -> None:
    with open_server(tmp_path) as handle:
        account = handle.create_account("b@example.com", PASSWORD)
        with httpx.Client(auth=(handle.api_key_id, handle.api_key_secret)) as api:
            response = api.post(
                f"{handle.application.href}/passwordResetTokens", json={"email": "b@example.com"}
            )
        sptoken = response.json()["href"].rsplit("/", 1)[1]
        [email] = handle.outbox()
    assert (email.kind, email.to, email.token) == ("passwordReset", "b@example.com", sptoken)
    assert email.account_id == account.rsplit("/", 1)[1]
