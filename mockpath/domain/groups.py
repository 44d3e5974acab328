"""Groups and group memberships (stormpath-api.md §6.12, §6.13)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockpath.domain import ids
from mockpath.domain.cascades import delete_group_records
from mockpath.domain.common import conflict_error, fetch, stamped, touched
from mockpath.domain.custom_data import create_custom_data, merge_embedded_custom_data
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    ACCOUNTS,
    APPLICATIONS,
    DIRECTORIES,
    DISABLED,
    ENABLED,
    GROUP_MEMBERSHIPS,
    GROUPS,
    STATUSES,
    Group,
    GroupMembership,
    Kind,
)
from mockpath.domain.validation import named_changes, optional_text, required_text, status_value
from mockpath.errors import (
    DefaultGroupStoreDisabled,
    GroupNameTaken,
    InvalidReference,
    InvalidValue,
    MembershipExists,
    NoDefaultGroupStore,
    RequiredProperty,
    StormpathError,
    UnknownResourceReference,
)
from mockpath.hrefs import ref_path, split_path
from mockpath.store import StoreConflict, Tx, Where

MAX_DESCRIPTION = 1000


def _name_taken(exc: StoreConflict) -> StormpathError:
    return conflict_error(exc, {"name": GroupNameTaken})


def create_group(tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]) -> Group:
    """A new group in the directory, with its custom data (404 for an unknown directory)."""
    fetch(tx, DIRECTORIES, tenant_id, directory_id)
    group = Group(
        id=ids.new_id(),
        tenant_id=tenant_id,
        directory_id=directory_id,
        name=required_text(body, "name", "Group name"),
        description=optional_text(body, "description", max_length=MAX_DESCRIPTION),
        status=status_value(body, STATUSES, default=ENABLED),
        **stamped(),
    )
    try:
        tx.insert(GROUPS, group)
    except StoreConflict as exc:
        raise _name_taken(exc) from None
    embedded = body.get("customData")
    create_custom_data(
        tx, tenant_id, f"/groups/{group.id}", embedded if isinstance(embedded, Mapping) else None
    )
    return group


def create_application_group(
    tx: Tx, tenant_id: str, application_id: str, body: Mapping[str, object]
) -> Group:
    """A new group in the application's default group store (5102 none, 5103 disabled)."""
    fetch(tx, APPLICATIONS, tenant_id, application_id)
    scope = Where.of(application_id=application_id, is_default_group_store=True)
    mappings = tx.select(ACCOUNT_STORE_MAPPINGS, tenant_id, scope).items
    # Only directories can be default group stores (mappings refuse groups, 5112).
    store = next((m for m in mappings if m.store_type == "directories"), None)
    if store is None:
        raise NoDefaultGroupStore()
    directory = tx.find(DIRECTORIES, tenant_id, store.store_id)
    if directory is None:
        raise NoDefaultGroupStore()
    if directory.status == DISABLED:
        raise DefaultGroupStoreDisabled()
    return create_group(tx, tenant_id, directory.id, body)


def update_group(tx: Tx, tenant_id: str, group_id: str, body: Mapping[str, object]) -> Group:
    """Change name, description, status; merge an embedded customData; ignore the rest."""
    current = fetch(tx, GROUPS, tenant_id, group_id)
    changes = named_changes(
        body,
        "Group",
        current_status=current.status,
        allowed_statuses=STATUSES,
        description_max=MAX_DESCRIPTION,
    )
    merge_embedded_custom_data(tx, tenant_id, f"/groups/{group_id}", body.get("customData"))
    try:
        return tx.update(GROUPS, tenant_id, group_id, {**changes, **touched()})
    except StoreConflict as exc:
        raise _name_taken(exc) from None


def delete_group(tx: Tx, tenant_id: str, group_id: str) -> None:
    """Delete the group with its memberships, the mappings to it and its custom data."""
    fetch(tx, GROUPS, tenant_id, group_id)
    delete_group_records(tx, tenant_id, group_id)


# --- memberships ----------------------------------------------------------------


def _referenced(
    tx: Tx, tenant_id: str, body: Mapping[str, object], name: str, kind: Kind[Any]
) -> Any:
    """The record a `{"href": ...}` attribute names: 2000 missing, 2002 not an href of
    that kind, 2016 no such resource in the tenant."""
    value = body.get(name)
    if value is None:
        raise RequiredProperty(f"Group membership {name}")
    path = ref_path(value)
    parts = split_path(path) if path else None
    if parts is None or parts[0] != kind.name:
        raise InvalidValue(f"The {name} property must be an object with a valid {name} href.")
    record = tx.find(kind, tenant_id, parts[1])
    if record is None:
        raise UnknownResourceReference(f"{name} href")
    return record


def create_membership(tx: Tx, tenant_id: str, body: Mapping[str, object]) -> GroupMembership:
    """Add an account to a group of its own directory (2014 otherwise; 409 if already)."""
    account = _referenced(tx, tenant_id, body, "account", ACCOUNTS)
    group = _referenced(tx, tenant_id, body, "group", GROUPS)
    if account.directory_id != group.directory_id:
        raise InvalidReference(
            "The account and the group must belong to the same directory.",
        )
    membership = GroupMembership(
        id=ids.new_id(),
        tenant_id=tenant_id,
        account_id=account.id,
        group_id=group.id,
        **stamped(),
    )
    try:
        return tx.insert(GROUP_MEMBERSHIPS, membership)
    except StoreConflict:
        raise MembershipExists() from None


def delete_membership(tx: Tx, tenant_id: str, membership_id: str) -> None:
    fetch(tx, GROUP_MEMBERSHIPS, tenant_id, membership_id)
    tx.delete(GROUP_MEMBERSHIPS, tenant_id, membership_id)
