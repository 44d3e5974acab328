"""The real Node SDK (stormpath@0.20.1) on accounts and login attempts.

node/accounts.js runs the whole flow in one process; the test checks what the SDK
handed back at each step (stormpath-api.md §6.10, §7.1, §4).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.node

PASSWORD = "Passw0rdXYZ"
INVALID = "Invalid username or password."


def test_accounts_and_login_through_the_node_sdk(run_node, sdk_env, tenant) -> None:
    email, second = "node.person@example.com", "other.person@example.com"
    result = run_node("accounts.js", sdk_env, tenant.application_href, email, PASSWORD, second)
    assert result["failedStep"] is None, result
    steps = result["steps"]

    created = steps["created"]
    assert created["href"].startswith(tenant.application_href.split("/applications/")[0])
    assert created["email"] == email
    assert created["username"] == email
    assert created["fullName"] == "Node Person"
    assert created["status"] == "ENABLED"
    assert created["directory"]["href"] == tenant.directory_href
    assert "password" not in created

    duplicate = steps["duplicate"]["error"]
    assert duplicate["status"] == 409
    assert duplicate["code"] == 2001
    assert duplicate["userMessage"] == (
        "Account with that email already exists.  Please choose another email."
    )
    assert duplicate["developerMessage"] == duplicate["userMessage"]
    assert duplicate["requestId"]
    assert duplicate["moreInfo"]

    weak = steps["weak"]["error"]
    assert (weak["status"], weak["code"]) == (400, 2007)
    assert weak["userMessage"] == "Account password minimum length not satisfied."

    # Node asks for ?expand=account: the result carries the full account.
    authenticated = steps["authenticated"]
    assert authenticated["account"]["href"] == created["href"]
    assert authenticated["account"]["email"] == email
    assert steps["authenticatedAccount"]["href"] == created["href"]
    assert steps["authenticatedAccount"]["givenName"] == "Node"
    assert steps["byUsername"] == steps["second"]["href"]

    wrong = steps["wrongPassword"]["error"]
    assert (wrong["status"], wrong["code"], wrong["userMessage"]) == (400, 7100, INVALID)
    unknown = steps["unknownLogin"]["error"]
    assert (unknown["status"], unknown["code"], unknown["userMessage"]) == (400, 7104, INVALID)

    assert steps["search"] == {"size": 2, "emails": sorted([email, second])}
