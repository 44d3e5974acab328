"""The real Node SDK (stormpath@0.20.1) on tenants, applications, directories and mappings.

One node process runs the whole flow of node/foundation.js; the test then checks, step
by step, what the SDK handed back (stormpath-api.md §2, §5.3, §6.1-§6.4).
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.node


DESCRIPTION = "Described by the Node SDK: ünïcode & symbols"


def test_foundation_flow_through_the_node_sdk(run_node, sdk_env, live_server, tenant):
    # A space, a plus and a non-ASCII letter check how the SDK's query encoding
    # (%20, %2B, UTF-8) is decoded; the suffix keeps the name unique.
    name = f"Node SDK + Foundation é {uuid.uuid4().hex[:8]}"
    result = run_node("foundation.js", sdk_env, name, "sdk + FOUNDATION É", DESCRIPTION)
    failed = result["failedStep"]
    assert failed is None, f"step {failed!r} failed: {result['steps'].get(failed)}"
    steps = result["steps"]
    base_url = live_server.base_url

    check_current_tenant(steps, base_url, tenant.href)
    check_application_created_with_its_directory(steps, base_url, name)
    check_q_search_finds_exactly_the_application(steps, name)
    check_update_is_visible_on_a_reread(steps, name)
    check_account_store_mappings_list_the_default_mapping(steps)
    check_deleted_application_gives_the_sdk_404_error(steps)
    check_deleting_the_application_keeps_its_directory(steps)


def check_current_tenant(steps, base_url, tenant_href):
    assert steps["client"]["baseUrl"] == base_url
    current = steps["tenant"]
    assert current["href"] == tenant_href
    assert current["href"].startswith(base_url + "/tenants/")
    assert current["applications"]["href"] == tenant_href + "/applications"
    assert current["directories"]["href"] == tenant_href + "/directories"
    assert current["key"]


def check_application_created_with_its_directory(steps, base_url, name):
    created = steps["created"]
    assert created["name"] == name
    assert created["status"] == "ENABLED"
    assert created["href"].startswith(base_url + "/applications/")
    assert created["defaultAccountStoreMapping"]["href"].startswith(
        base_url + "/accountStoreMappings/"
    )

    mapping = steps["defaultMapping"]
    assert mapping["href"] == created["defaultAccountStoreMapping"]["href"]
    assert mapping["application"]["href"] == created["href"]
    assert mapping["isDefaultAccountStore"] is True
    assert mapping["isDefaultGroupStore"] is True
    assert mapping["listIndex"] == 0

    store = steps["defaultStore"]
    assert store["sdkType"] == "Directory"
    assert store["href"] == mapping["accountStore"]["href"]
    assert store["href"].startswith(base_url + "/directories/")
    assert store["name"] == name
    assert store["status"] == "ENABLED"


def check_q_search_finds_exactly_the_application(steps, name):
    href = steps["created"]["href"]
    for search in (steps["search"], steps["searchPart"]):
        assert [item["href"] for item in search["items"]] == [href]
        assert search["items"][0]["name"] == name
        assert search["size"] == 1
        assert search["offset"] == 0
        assert search["limit"] == 25
        assert search["href"] == steps["tenant"]["applications"]["href"]


def check_update_is_visible_on_a_reread(steps, name):
    saved, reread = steps["saved"], steps["reread"]
    assert saved["description"] == DESCRIPTION
    assert saved["name"] == name
    assert saved["href"] == steps["created"]["href"]
    # The second client's cache is empty, so this came from the server.
    assert reread["description"] == DESCRIPTION
    assert reread["name"] == name
    assert reread["modifiedAt"] == saved["modifiedAt"]
    assert reread["createdAt"] == steps["created"]["createdAt"]


def check_account_store_mappings_list_the_default_mapping(steps):
    mappings = steps["mappings"]
    assert mappings["size"] == 1
    assert mappings["href"] == steps["created"]["accountStoreMappings"]["href"]
    assert [item["href"] for item in mappings["items"]] == [steps["defaultMapping"]["href"]]
    assert mappings["items"][0]["accountStore"]["href"] == steps["defaultStore"]["href"]


def check_deleted_application_gives_the_sdk_404_error(steps):
    assert steps["deleted"] == {"deleted": True}
    gone = steps["gone"]
    assert gone["application"] is None
    error = gone["error"]
    assert error["name"] == "ResourceError"
    assert error["status"] == 404
    assert error["code"] == 404
    assert error["method"] == "GET"
    assert error["userMessage"]
    assert error["developerMessage"]
    assert error["requestId"]
    assert error["message"].startswith("HTTP 404, Stormpath 404")


def check_deleting_the_application_keeps_its_directory(steps):
    after = steps["directoryAfterDelete"]
    assert after["error"] is None
    assert after["directory"]["href"] == steps["defaultStore"]["href"]
