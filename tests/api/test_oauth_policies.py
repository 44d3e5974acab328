"""/oAuthPolicies over HTTP (stormpath-api.md §6.15)."""

from __future__ import annotations

import httpx
import pytest


def _path(tenant) -> str:
    return f"/oAuthPolicies/{tenant.application_id}"


def test_every_application_has_a_policy_with_the_defaults(api: httpx.Client, tenant) -> None:
    response = api.get(_path(tenant))
    assert response.status_code == 200
    policy = response.json()
    assert policy["href"] == f"{tenant.href.split('/tenants/')[0]}{_path(tenant)}"
    assert (policy["accessTokenTtl"], policy["refreshTokenTtl"]) == ("PT1H", "P60D")
    assert policy["tokenEndpoint"] == {"href": f"{tenant.application_href}/oauth/token"}
    assert policy["application"] == {"href": tenant.application_href}
    assert policy["tenant"] == {"href": tenant.href}
    app = api.get(tenant.application_href).json()
    assert app["oAuthPolicy"] == {"href": policy["href"]}


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("PT30M", "PT30M"),
        ("P7D", "P7D"),
        ("PT5S", "PT5S"),
        ("PT90M", "PT1H30M"),
        ("PT1.5S", "PT1.5S"),
        ("P1W", "P7D"),
        ("PT3600S", "PT1H"),
    ],
)
def test_ttls_are_written_back_in_canonical_form(api, tenant, sent, stored) -> None:
    response = api.post(_path(tenant), json={"accessTokenTtl": sent, "refreshTokenTtl": sent})
    assert response.status_code == 200
    assert response.json()["accessTokenTtl"] == stored
    assert response.json()["refreshTokenTtl"] == stored
    assert api.get(_path(tenant)).json()["accessTokenTtl"] == stored


def test_update_ignores_read_only_attributes_as_node_sends_them(api, tenant) -> None:
    whole = api.get(_path(tenant)).json()
    response = api.post(_path(tenant), json={**whole, "accessTokenTtl": "PT10M"})
    assert response.status_code == 200
    assert response.json()["accessTokenTtl"] == "PT10M"
    assert response.json()["refreshTokenTtl"] == "P60D"
    assert response.json()["href"] == whole["href"]


def test_zero_refresh_ttl_is_allowed(api, tenant) -> None:
    response = api.post(_path(tenant), json={"refreshTokenTtl": "PT0M"})
    assert response.json()["refreshTokenTtl"] == "PT0S"


@pytest.mark.parametrize(
    "body",
    [
        {"accessTokenTtl": "1 hour"},
        {"accessTokenTtl": "PT0S"},
        {"accessTokenTtl": "P11Y"},
        {"accessTokenTtl": 3600},
        {"refreshTokenTtl": "-P1D"},
        {"refreshTokenTtl": "P"},
        {"refreshTokenTtl": ["P1D"]},
    ],
)
def test_invalid_ttls_are_400(api, tenant, body) -> None:
    response = api.post(_path(tenant), json=body)
    assert response.status_code == 400
    assert response.json()["code"] == 2002
    assert api.get(_path(tenant)).json()["accessTokenTtl"] == "PT1H"


def test_unknown_policy_is_404(api) -> None:
    assert api.get("/oAuthPolicies/NoSuchApplication00000").status_code == 404
    assert api.post("/oAuthPolicies/NoSuchApplication00000", json={}).status_code == 404


def test_another_tenants_policy_is_invisible(live_server, api, tenant) -> None:
    from mockpath.domain.tenants import create_tenant

    app = live_server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
    with httpx.Client(
        base_url=live_server.base_url, auth=(made.api_key.id, made.api_key.secret)
    ) as other:
        assert other.get(_path(tenant)).status_code == 404
        assert other.post(_path(tenant), json={"accessTokenTtl": "PT1M"}).status_code == 404
