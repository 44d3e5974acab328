"""The routing table: every family router under /v1, in the order of stormpath-api.md §6."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from mockpath.api import (
    account_store_mappings,
    api_keys,
    applications,
    directories,
    oauth_policies,
    tenants,
)
from mockpath.api.deps import get_caller

api_router = APIRouter(prefix="/v1", dependencies=[Depends(get_caller)])
for family in (
    tenants,
    applications,
    account_store_mappings,
    directories,
    # api_keys before accounts: its /accounts/{id}/apiKeys honours encryptSecret.
    api_keys,
    oauth_policies,
):
    api_router.include_router(family.router)
