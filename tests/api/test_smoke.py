"""The server answers the first calls every client makes, over real HTTP."""

from __future__ import annotations

import httpx


def test_current_tenant_redirects_to_the_tenant(api: httpx.Client, tenant) -> None:
    response = api.get("/tenants/current")
    assert response.status_code == 302
    assert response.headers["location"] == tenant.href


def test_following_the_redirect_gives_the_tenant_document(api: httpx.Client, tenant) -> None:
    response = api.get("/tenants/current", follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json;charset=UTF-8"
    body = response.json()
    assert body["href"] == tenant.href
    assert body["applications"] == {"href": tenant.href + "/applications"}
