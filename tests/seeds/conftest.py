"""Helpers for seed tests: load into the session server, then look through HTTP."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from mockpath.seeds import SeededTenant, load_seed, parse_seed
from mockpath.server import ServerThread

FIXTURES = Path(__file__).parents[2] / "fixtures"


def unique_key() -> str:
    return f"seed-{secrets.token_hex(4)}"


def unique_key_id() -> str:
    return "SEEDTEST" + secrets.token_hex(8).upper()


@pytest.fixture
def load(live_server: ServerThread) -> Callable[[object], list[SeededTenant]]:
    """Load seed data (a dict or YAML text) into the session server, one transaction."""
    app = live_server.app

    def run(data: object, source: str = "test.yaml") -> list[SeededTenant]:
        parsed = yaml.safe_load(data) if isinstance(data, str) else data
        seed = parse_seed(parsed, source)
        with app.state.store.write() as tx:
            return load_seed(tx, app.state.hasher, seed, source)

    return run


@pytest.fixture
def client_for(live_server: ServerThread) -> Iterator[Callable[[SeededTenant], httpx.Client]]:
    """An HTTP client authenticated with a seeded tenant's key."""
    made: list[httpx.Client] = []

    def build(tenant: SeededTenant) -> httpx.Client:
        client = httpx.Client(
            base_url=live_server.base_url,
            auth=(tenant.api_key_id, tenant.api_key_secret),
            timeout=10,
        )
        made.append(client)
        return client

    yield build
    for client in made:
        client.close()


def login(api: httpx.Client, application_id: str, user: str, password: str) -> httpx.Response:
    value = base64.b64encode(f"{user}:{password}".encode()).decode()
    return api.post(
        f"/applications/{application_id}/loginAttempts", json={"type": "basic", "value": value}
    )


def path_of(href: str) -> str:
    return href.split("/v1", 1)[1]
