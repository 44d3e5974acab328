"""Fixtures shared by the whole suite: one live server per session, a fresh tenant per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from mockpath import Settings, create_app
from mockpath.domain.tenants import create_quickstart_application, create_tenant
from mockpath.server import ServerThread

# pytester drives the plugin in tests/plugin; only the top-level conftest may load it.
pytest_plugins = ["pytester"]


@dataclass(frozen=True)
class TenantInfo:
    """A tenant made for one test, with its key and the quickstart application."""

    id: str
    href: str
    api_key_id: str
    api_key_secret: str
    application_id: str
    application_href: str
    directory_id: str
    directory_href: str


@pytest.fixture(scope="session")
def live_server() -> Iterator[ServerThread]:
    """mockpath on 127.0.0.1 and a free port, in-memory store, fast hashing."""
    app = create_app(Settings(password_scheme="fast"))
    with ServerThread(app) as server:
        yield server


@pytest.fixture
def tenant(live_server: ServerThread) -> TenantInfo:
    """A fresh tenant (initial state of stormpath-api.md §9) plus "Flask Test"."""
    app = live_server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        application = create_quickstart_application(tx, made.tenant.id)
        from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS
        from mockpath.store import Where

        mapping = tx.select(
            ACCOUNT_STORE_MAPPINGS, made.tenant.id, Where.of(application_id=application.id)
        ).items[0]
    base = live_server.base_url
    return TenantInfo(
        id=made.tenant.id,
        href=f"{base}/tenants/{made.tenant.id}",
        api_key_id=made.api_key.id,
        api_key_secret=made.api_key.secret,
        application_id=application.id,
        application_href=f"{base}/applications/{application.id}",
        directory_id=mapping.store_id,
        directory_href=f"{base}/directories/{mapping.store_id}",
    )


@pytest.fixture
def api(live_server: ServerThread, tenant: TenantInfo) -> Iterator[httpx.Client]:
    """An HTTP client authenticated (Basic) with the test tenant's key."""
    with httpx.Client(
        base_url=live_server.base_url,
        auth=(tenant.api_key_id, tenant.api_key_secret),
        timeout=10,
    ) as client:
        yield client


@pytest.fixture
def other_api(live_server: ServerThread) -> Iterator[httpx.Client]:
    """A client authenticated as a second, unrelated tenant (with its own "Flask Test")."""
    app = live_server.app
    with app.state.store.write() as tx:
        made = create_tenant(tx, app.state.hasher)
        create_quickstart_application(tx, made.tenant.id)
    with httpx.Client(
        base_url=live_server.base_url, auth=(made.api_key.id, made.api_key.secret), timeout=10
    ) as client:
        yield client
