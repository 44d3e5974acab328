"""Endpoints outside /v1: /health, and the admin tenant factory behind its token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.server import ServerThread

TOKEN = "s3cret-admin-token"


@pytest.fixture(scope="module")
def admin_server() -> Iterator[ServerThread]:
    app = create_app(Settings(password_scheme="fast", admin_token=TOKEN))
    with ServerThread(app) as server:
        yield server


def test_health_needs_no_credentials(live_server) -> None:
    response = httpx.get(f"{live_server.url}/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_admin_endpoints_are_absent_without_a_token(live_server, tenant) -> None:
    for auth in (None, (tenant.api_key_id, tenant.api_key_secret)):
        response = httpx.post(f"{live_server.url}/__mockpath/tenants", auth=auth)
        assert response.status_code == 404
        assert response.json()["code"] == 404


def test_a_fresh_tenant_with_its_key_and_application(admin_server) -> None:
    response = httpx.post(
        f"{admin_server.url}/__mockpath/tenants", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 201
    made = response.json()
    base = admin_server.base_url
    assert made["tenant"]["href"] == f"{base}/tenants/{made['tenant']['id']}"
    assert made["application"]["name"] == "Flask Test"
    key = (made["apiKey"]["id"], made["apiKey"]["secret"])
    with httpx.Client(base_url=base, auth=key) as api:
        current = api.get("/tenants/current")
        assert current.headers["location"] == made["tenant"]["href"]
        created = api.post(
            made["application"]["href"] + "/accounts",
            json={"email": "a@example.com", "password": "Passw0rdABC"},
        )
        assert created.status_code == 201


def test_an_application_name_or_a_seed_tenant(admin_server) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    url = f"{admin_server.url}/__mockpath/tenants"
    named = httpx.post(url, headers=headers, json={"application": "Shop"}).json()
    assert named["application"]["name"] == "Shop"
    seed = {
        "key": "ignored-for-copies",
        "directories": [
            {"name": "D", "accounts": [{"email": "x@example.com", "password": "Passw0rdABC"}]}
        ],
        "applications": [{"name": "Web", "account_stores": [{"directory": "D"}]}],
    }
    seeded = httpx.post(url, headers=headers, json={"seed": seed}).json()
    assert seeded["application"]["name"] == "Web"
    assert seeded["tenant"]["key"] != "ignored-for-copies"
    key = (seeded["apiKey"]["id"], seeded["apiKey"]["secret"])
    accounts = httpx.get(seeded["application"]["href"] + "/accounts", auth=key).json()
    assert [a["email"] for a in accounts["items"]] == ["x@example.com"]


@pytest.mark.parametrize(
    ("headers", "body", "status", "code"),
    [
        ({}, None, 401, 401),
        ({"Authorization": "Bearer wrong"}, None, 401, 401),
        ({"Authorization": f"Basic {TOKEN}"}, None, 401, 401),
        ({"Authorization": f"Bearer {TOKEN}"}, {"seed": {"nokey": 1}}, 400, 2002),
        ({"Authorization": f"Bearer {TOKEN}"}, {"application": 5}, 400, 2002),
        (
            {"Authorization": f"Bearer {TOKEN}"},
            {"seed": {"key": "k", "applications": [{"name": "A"}, {"name": "A"}]}},
            400,
            2002,
        ),
    ],
    ids=["no-token", "wrong-token", "not-bearer", "bad-seed", "bad-name", "seed-conflict"],
)
def test_admin_refusals_are_stormpath_errors(admin_server, headers, body, status, code) -> None:
    response = httpx.post(f"{admin_server.url}/__mockpath/tenants", headers=headers, json=body)
    assert response.status_code == status, response.text
    assert response.json()["code"] == code
