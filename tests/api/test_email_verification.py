"""Email verification through real HTTP (stormpath-api.md §6.8, §7.3): the emails an
account creation records, POST /accounts/emailVerificationTokens/<token>, and
POST /applications/<id>/verificationEmails."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mockpath.domain.models import OutboxMessage
from mockpath.domain.outbox import list_outbox
from tests.helpers import PASSWORD, error, new_account

Outbox = Callable[[], list[OutboxMessage]]
NOT_FOUND = "The requested resource does not exist."
VERIFY_BASE = "https://api.stormpath.com/emailVerificationTokens"


@pytest.fixture
def outbox(live_server, tenant) -> Outbox:
    def read() -> list[OutboxMessage]:
        with live_server.app.state.store.read() as tx:
            return list_outbox(tx, tenant.id)

    return read


def _policy(api: httpx.Client, tenant, **changes: str) -> None:
    response = api.post(f"/accountCreationPolicies/{tenant.directory_id}", json=changes)
    assert response.status_code == 200, response.text


@pytest.fixture
def verifying(api: httpx.Client, tenant) -> None:
    """The test directory runs the verification workflow."""
    _policy(api, tenant, verificationEmailStatus="ENABLED")


def _token_of(account: dict[str, Any]) -> str:
    return str(account["emailVerificationToken"]["href"]).rsplit("/", 1)[1]


def _verify_url(token: str) -> str:
    return f"/accounts/emailVerificationTokens/{token}"


def _unverified(api: httpx.Client, tenant, email: str = "jane@example.com") -> dict[str, Any]:
    account = api.get(new_account(api, tenant.directory_id, email, username="jane")).json()
    assert account["status"] == "UNVERIFIED"
    return dict(account)


def _resend(api: httpx.Client, tenant, **body: Any) -> httpx.Response:
    return api.post(f"/applications/{tenant.application_id}/verificationEmails", json=body)


def _login(api: httpx.Client, tenant, login: str) -> httpx.Response:
    value = base64.b64encode(f"{login}:{PASSWORD}".encode()).decode()
    return api.post(
        f"/applications/{tenant.application_id}/loginAttempts",
        json={"type": "basic", "value": value},
    )


# --- what a creation sends ----------------------------------------------------------------


def test_creation_records_the_verification_email(api, tenant, verifying, outbox) -> None:
    account = _unverified(api, tenant)
    token = _token_of(account)
    [email] = outbox()
    assert (email.kind, email.to, email.token) == ("verification", "jane@example.com", token)
    assert email.account_id == account["href"].rsplit("/", 1)[1]
    assert email.link == f"{VERIFY_BASE}?sptoken={token}"


def test_no_email_without_a_workflow(api, tenant, outbox: Outbox) -> None:
    new_account(api, tenant.directory_id, "plain@example.com")
    assert outbox() == []


def test_welcome_email_on_creation_when_verification_is_off(api, tenant, outbox) -> None:
    _policy(api, tenant, welcomeEmailStatus="ENABLED")
    href = new_account(api, tenant.directory_id, "welcome@example.com")
    response = api.post(
        f"/directories/{tenant.directory_id}/accounts",
        params={"registrationWorkflowEnabled": "false"},
        json={"email": "quiet@example.com", "password": PASSWORD},
    )
    assert response.status_code == 201
    assert [(m.kind, m.to, m.token, m.link) for m in outbox()] == [
        ("welcome", "welcome@example.com", None, None)
    ]
    assert outbox()[0].account_id == href.rsplit("/", 1)[1]


def test_registration_workflow_disabled_sends_no_verification(api, tenant, verifying, outbox):
    response = api.post(
        f"/applications/{tenant.application_id}/accounts",
        params={"registrationWorkflowEnabled": "false"},
        json={"email": "quiet@example.com", "password": PASSWORD},
    )
    assert response.json()["status"] == "ENABLED"
    assert outbox() == []


# --- verifying --------------------------------------------------------------------------


@pytest.mark.parametrize("client", ["node", "python"])
def test_verify_enables_the_account(api, tenant, verifying, outbox, client: str) -> None:
    account = _unverified(api, tenant)
    assert error(_login(api, tenant, "jane")) == (400, 7102)
    url = _verify_url(_token_of(account))
    # Node posts no body and no Content-Type; Python posts {}
    response = api.post(url) if client == "node" else api.post(url, json={})
    assert response.status_code == 200
    assert response.json() == {"href": account["href"]}
    assert response.headers["location"] == account["href"]
    after = api.get(account["href"], params={"nocache": "true"}).json()
    assert after["status"] == "ENABLED"
    assert after["emailVerificationStatus"] == "VERIFIED"
    assert after["emailVerificationToken"] is None
    assert _login(api, tenant, "jane").status_code == 200
    assert [m.kind for m in outbox()] == ["verification"]


def test_a_used_or_unknown_token_is_404(api, tenant, verifying) -> None:
    url = _verify_url(_token_of(_unverified(api, tenant)))
    assert api.post(url).status_code == 200
    for response in (api.post(url), api.post(_verify_url("no.such-token"))):
        assert error(response) == (404, 404)
        assert response.json()["message"] == NOT_FOUND


def test_success_and_welcome_emails_follow_the_policy(api, tenant, verifying, outbox) -> None:
    _policy(api, tenant, verificationSuccessEmailStatus="ENABLED", welcomeEmailStatus="ENABLED")
    account = _unverified(api, tenant)
    assert [m.kind for m in outbox()] == ["verification"]  # no welcome before verification
    assert api.post(_verify_url(_token_of(account))).status_code == 200
    kinds = [(m.kind, m.to, m.token) for m in outbox()]
    assert kinds[1:] == [
        ("verificationSuccess", "jane@example.com", None),
        ("welcome", "jane@example.com", None),
    ]


def test_verifying_a_disabled_account_keeps_it_disabled(api, tenant, verifying) -> None:
    account = _unverified(api, tenant)
    assert api.post(account["href"], json={"status": "DISABLED"}).status_code == 200
    assert api.post(_verify_url(_token_of(account))).status_code == 200
    after = api.get(account["href"]).json()
    assert (after["status"], after["emailVerificationStatus"]) == ("DISABLED", "VERIFIED")


def test_a_token_works_only_in_its_tenant(api, other_api, tenant, verifying) -> None:
    account = _unverified(api, tenant)
    url = _verify_url(_token_of(account))
    response = other_api.post(url)
    assert error(response) == (404, 404)
    assert api.get(account["href"]).json()["status"] == "UNVERIFIED"
    assert api.post(url).status_code == 200


def test_the_token_path_is_no_account_path(api, tenant) -> None:
    assert error(api.get(_verify_url("some.token"))) == (405, 405)
    assert error(api.delete(_verify_url("some.token"))) == (405, 405)


# --- re-sending ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("login", "store"),
    [
        ("jane@example.com", None),
        ("JANE", None),
        ("jane@example.com", "node"),  # accountStore: {"href": ...}
        ("jane@example.com", "python"),  # account_store: "<href>"
    ],
    ids=["email", "username", "node-store", "python-store"],
)
def test_resend_records_the_current_token_again(api, tenant, verifying, outbox, login, store):
    account = _unverified(api, tenant)
    body: dict[str, Any] = {"login": login}
    if store == "node":
        body["accountStore"] = {"href": tenant.directory_href}
    elif store == "python":
        body["account_store"] = tenant.directory_href
    response = _resend(api, tenant, **body)
    assert response.status_code == 202
    assert response.content == b""
    token = _token_of(account)
    assert [(m.kind, m.token) for m in outbox()] == [("verification", token)] * 2
    assert api.post(_verify_url(token)).status_code == 200


@pytest.mark.parametrize(
    ("body", "expected", "message"),
    [
        ({}, (400, 2000), "login property is required; it cannot be null, empty, or blank."),
        ({"login": ""}, (400, 2000), None),
        ({"login": None}, (400, 2000), None),
        ({"login": ["x"]}, (400, 2002), None),
        (
            {"login": "nobody@example.com"},
            (400, 2016),
            "The login property value nobody@example.com does not match a known resource.",
        ),
    ],
)
def test_resend_errors(api, tenant, verifying, outbox, body, expected, message) -> None:
    _unverified(api, tenant)
    response = _resend(api, tenant, **body)
    assert error(response) == expected
    if message is not None:
        assert response.json()["message"] == message
    assert len(outbox()) == 1


def test_resend_to_a_verified_account_sends_nothing(api, tenant, verifying, outbox) -> None:
    account = _unverified(api, tenant)
    assert api.post(_verify_url(_token_of(account))).status_code == 200
    response = _resend(api, tenant, login="jane@example.com")
    assert (response.status_code, response.content) == (202, b"")
    assert [m.kind for m in outbox()] == ["verification"]


def test_resend_without_the_workflow_is_6101(api, tenant, outbox: Outbox) -> None:
    new_account(api, tenant.directory_id, "plain@example.com")
    assert error(_resend(api, tenant, login="plain@example.com")) == (400, 6101)
    assert outbox() == []


def test_resend_gives_an_unverified_account_without_a_token_one(api, tenant, outbox) -> None:
    response = api.post(
        f"/directories/{tenant.directory_id}/accounts",
        params={"registrationWorkflowEnabled": "false"},
        json={"email": "late@example.com", "password": PASSWORD, "status": "UNVERIFIED"},
    )
    href = response.json()["href"]
    assert response.json()["emailVerificationToken"] is None
    _policy(api, tenant, verificationEmailStatus="ENABLED")
    assert _resend(api, tenant, login="late@example.com").status_code == 202
    token = _token_of(api.get(href).json())
    assert [(m.kind, m.token) for m in outbox()] == [("verification", token)]
    assert api.post(_verify_url(token)).status_code == 200
    assert api.get(href).json()["status"] == "ENABLED"


def test_resend_across_tenants_and_methods(api, other_api, tenant, verifying, outbox) -> None:
    _unverified(api, tenant)
    url = f"/applications/{tenant.application_id}/verificationEmails"
    assert error(other_api.post(url, json={"login": "jane@example.com"})) == (404, 404)
    assert error(api.get(url)) == (405, 405)
    assert len(outbox()) == 1
