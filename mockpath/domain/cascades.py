"""Deleting a resource removes what it owns (stormpath-api.md §8)."""

from __future__ import annotations

from mockpath.domain.custom_data import delete_custom_data
from mockpath.domain.mappings import delete_store_mappings
from mockpath.domain.models import (
    ACCOUNTS,
    API_KEYS,
    GROUP_MEMBERSHIPS,
    GROUPS,
    OAUTH_TOKENS,
    PASSWORD_RESET_TOKENS,
)
from mockpath.store import Tx, Where


def delete_account_records(tx: Tx, tenant_id: str, account_id: str) -> None:
    """The account with its memberships, API keys, tokens, custom data and password
    history."""
    owned = Where.of(account_id=account_id)
    tx.delete_where(GROUP_MEMBERSHIPS, tenant_id, owned)
    tx.delete_where(API_KEYS, tenant_id, owned)
    tx.delete_where(OAUTH_TOKENS, tenant_id, owned)
    tx.delete_where(PASSWORD_RESET_TOKENS, tenant_id, owned)
    delete_custom_data(tx, tenant_id, f"/accounts/{account_id}")
    tx.clear_password_history(tenant_id, account_id)
    tx.delete(ACCOUNTS, tenant_id, account_id)


def delete_group_records(tx: Tx, tenant_id: str, group_id: str) -> None:
    """The group with its memberships, the mappings to it and its custom data."""
    tx.delete_where(GROUP_MEMBERSHIPS, tenant_id, Where.of(group_id=group_id))
    delete_store_mappings(tx, tenant_id, "groups", group_id)
    delete_custom_data(tx, tenant_id, f"/groups/{group_id}")
    tx.delete(GROUPS, tenant_id, group_id)
