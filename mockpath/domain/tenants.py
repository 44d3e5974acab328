"""A tenant with the initial state every real tenant had (stormpath-api.md §9)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from mockpath.domain import ids
from mockpath.domain.applications import create_application
from mockpath.domain.common import stamped
from mockpath.domain.custom_data import create_custom_data
from mockpath.domain.directories import create_directory
from mockpath.domain.mappings import add_mapping
from mockpath.domain.models import (
    ACCOUNTS,
    ADMIN_APPLICATION,
    ADMIN_DIRECTORY,
    API_KEYS,
    ENABLED,
    ID_SITES,
    TENANTS,
    VERIFIED,
    Account,
    ApiKey,
    Application,
    IdSite,
    Tenant,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.store import Tx

DEFAULT_APPLICATION = "Flask Test"


@dataclass(frozen=True, slots=True)
class NewTenant:
    tenant: Tenant
    api_key: ApiKey
    owner: Account


def create_tenant(
    tx: Tx,
    hasher: PasswordHasher,
    *,
    key: str | None = None,
    name: str | None = None,
    api_key_id: str | None = None,
    api_key_secret: str | None = None,
    owner_email: str | None = None,
) -> NewTenant:
    """A tenant, its `Stormpath Administrators` directory with the owner account, the
    owner's API key (the tenant key), the `Stormpath` application and one ID Site."""
    tenant_key = key or f"mock-{secrets.token_hex(4)}"
    tenant = tx.insert(
        TENANTS, Tenant(id=ids.new_id(), key=tenant_key, name=name or tenant_key, **stamped())
    )
    create_custom_data(tx, tenant.id, f"/tenants/{tenant.id}")
    admins = create_directory(
        tx, tenant.id, {"description": "Administrators of this tenant"}, name=ADMIN_DIRECTORY
    )
    moment = ids.timestamp()
    owner = tx.insert(
        ACCOUNTS,
        Account(
            id=ids.new_id(),
            tenant_id=tenant.id,
            directory_id=admins.id,
            email=owner_email or f"owner@{tenant_key}.mockpath.test",
            username=owner_email or f"owner@{tenant_key}.mockpath.test",
            given_name="Tenant",
            middle_name=None,
            surname="Owner",
            status=ENABLED,
            email_verification_status=VERIFIED,
            email_verification_token=None,
            password_hash=hasher.hash(secrets.token_urlsafe(24)),
            password_modified_at=moment,
            provider_data=None,
            created_at=moment,
            modified_at=moment,
        ),
    )
    create_custom_data(tx, tenant.id, f"/accounts/{owner.id}")
    api_key = tx.insert(
        API_KEYS,
        ApiKey(
            id=api_key_id or ids.new_api_key_id(),
            tenant_id=tenant.id,
            account_id=owner.id,
            secret=api_key_secret or ids.new_api_key_secret(),
            status=ENABLED,
            name=None,
            description=None,
            **stamped(),
        ),
    )
    console = create_application(
        tx, tenant.id, {"name": ADMIN_APPLICATION, "description": "The tenant console"}
    )
    add_mapping(
        tx,
        tenant.id,
        console.id,
        "directories",
        admins.id,
        default_account=True,
        default_group=True,
    )
    tx.insert(
        ID_SITES,
        IdSite(
            id=ids.new_id(),
            tenant_id=tenant.id,
            data={
                "domainName": f"{tenant_key}.id.mockpath.test",
                "tlsPublicCert": None,
                "tlsPrivateKey": None,
                "gitRepoUrl": None,
                "gitBranch": None,
                "authorizedOriginUris": [],
                "authorizedRedirectUris": [],
                "logoUrl": None,
                "sessionTti": "PT30M",
                "sessionTtl": "P1D",
                "sessionCookiePersistent": True,
            },
            **stamped(),
        ),
    )
    return NewTenant(tenant, api_key, owner)


def create_quickstart_application(
    tx: Tx, tenant_id: str, name: str = DEFAULT_APPLICATION
) -> Application:
    """The application the quickstart has users make in the console: its own directory
    mapped as default account and group store."""
    return create_application(tx, tenant_id, {"name": name}, create_directory_param="true")
