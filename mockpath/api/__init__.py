"""The routing table: every family router under /v1, in the order of stormpath-api.md §6."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from mockpath.api import (
    account_store_mappings,
    accounts,
    api_keys,
    applications,
    custom_data,
    directories,
    email_verification,
    group_memberships,
    groups,
    login_attempts,
    oauth,
    oauth_policies,
    password_policies,
    password_reset,
    tenants,
)
from mockpath.api.deps import get_caller

api_router = APIRouter(prefix="/v1", dependencies=[Depends(get_caller)])
# email_verification first: `/accounts/emailVerificationTokens/{token}` must be matched
# before any `/accounts/{id}/...` route. custom_data next: tenants'
# `/tenants/{id}/{collection}` would swallow its routes.
for family in (
    email_verification,
    custom_data,
    tenants,
    applications,
    account_store_mappings,
    directories,
    password_policies,
    # api_keys before accounts: its /accounts/{id}/apiKeys honours encryptSecret.
    api_keys,
    oauth,
    oauth_policies,
    accounts,
    groups,
    group_memberships,
    login_attempts,
    password_reset,
):
    api_router.include_router(family.router)
