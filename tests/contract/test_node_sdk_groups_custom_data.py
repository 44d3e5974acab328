"""The real Node SDK (stormpath@0.20.1) on custom data, groups and group memberships.

node/groups_custom_data.js runs the whole flow in one process; the test checks what the
SDK handed back at each step (stormpath-api.md §6.9, §6.12, §6.13).
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.node

READ_ONLY = ("href", "createdAt", "modifiedAt")


def data_of(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in READ_ONLY}


def test_groups_and_custom_data_through_the_node_sdk(run_node, sdk_env, live_server, tenant):
    group_name = f"admins-{uuid.uuid4().hex[:8]}"
    result = run_node(
        "groups_custom_data.js",
        sdk_env,
        tenant.application_href,
        "first.member@example.com",
        "second.member@example.com",
        group_name,
    )
    failed = result["failedStep"]
    assert failed is None, f"step {failed!r} failed: {result['steps'].get(failed)}"
    steps = result["steps"]
    first, second = steps["accounts"]
    assert [first["email"], second["email"]] == [
        "first.member@example.com",
        "second.member@example.com",
    ]
    for account in (first, second):
        assert account["href"].startswith(f"{live_server.base_url}/accounts/")
        assert account["directory"] == {"href": tenant.directory_href}
    assert steps["directory"]["href"] == tenant.directory_href
    first_href, second_href = first["href"], second["href"]

    check_custom_data(steps, first_href)
    group_href = check_group_created(steps, group_name, tenant.directory_href)
    check_memberships(steps, group_href, group_name, first_href, second_href)


def check_custom_data(steps, account_href):
    saved = steps["customDataSaved"]
    expected = {"favoriteColor": "blue", "preferences": {"theme": "dark", "beta": True}}
    assert data_of(saved) == {**expected, "score": 1000}
    assert saved["href"] == f"{account_href}/customData"

    read = steps["customDataRead"]
    assert data_of(read) == {**expected, "score": 1000}
    assert read["href"] == f"{account_href}/customData"
    assert read["createdAt"] and read["modifiedAt"]

    assert data_of(steps["keyRemoved"]) == {"preferences": expected["preferences"], "score": 1001}
    after = steps["customDataAfterRemove"]
    assert data_of(after) == {"preferences": expected["preferences"], "score": 1001}

    error = steps["badKey"]["error"]
    assert (error["status"], error["code"]) == (400, 3002)
    assert error["userMessage"] and error["developerMessage"] and error["requestId"]


def check_group_created(steps, group_name, directory_href):
    group = steps["groupCreated"]
    assert group["name"] == group_name
    assert group["description"] == "Made by the Node SDK"
    assert group["status"] == "ENABLED"
    assert group["directory"]["href"] == directory_href
    assert group["customData"]["href"] == f"{group['href']}/customData"
    custom = steps["groupCustomData"]
    assert custom["href"] == f"{group['href']}/customData"
    assert data_of(custom) == {"level": 3}
    return group["href"]


def check_memberships(steps, group_href, group_name, first_href, second_href):
    added = steps["addedToGroup"]
    assert added["account"] == {"href": first_href}
    assert added["group"] == {"href": group_href}
    assert "/groupMemberships/" in added["href"]
    by_group = steps["groupAddedAccount"]
    assert (by_group["account"], by_group["group"]) == ({"href": second_href}, {"href": group_href})

    duplicate = steps["duplicateMembership"]["error"]
    assert (duplicate["status"], duplicate["code"]) == (409, 2001)

    groups = steps["accountGroups"]
    assert groups["size"] == 1
    assert [(g["href"], g["name"]) for g in groups["items"]] == [(group_href, group_name)]
    assert steps["accountGroupsByName"]["size"] == 1
    assert steps["accountGroupsByName"]["items"][0]["href"] == group_href
    assert steps["accountGroupsOtherName"]["size"] == 0
    assert steps["accountGroupsOtherName"]["items"] == []

    memberships = steps["accountMemberships"]
    assert [m["href"] for m in memberships["items"]] == [added["href"]]
    assert memberships["items"][0]["group"]["name"] == group_name

    members = steps["groupAccounts"]
    assert members["size"] == 2
    assert [a["href"] for a in members["items"]] == [first_href, second_href]
    found = steps["groupAccountsSearch"]
    assert [a["href"] for a in found["items"]] == [second_href]

    listed = steps["groupMemberships"]
    assert [m["href"] for m in listed["items"]] == [added["href"], by_group["href"]]
    assert [m["account"]["email"] for m in listed["items"]] == [
        "first.member@example.com",
        "second.member@example.com",
    ]
