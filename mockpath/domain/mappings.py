"""Account store mappings: ordered by listIndex, at most one default of each kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockpath.domain import ids
from mockpath.domain.common import fetch, stamped, touched
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    APPLICATIONS,
    DIRECTORIES,
    GROUPS,
    AccountStoreMapping,
    Kind,
)
from mockpath.domain.validation import bool_value, int_value
from mockpath.errors import (
    GroupNotDefaultGroupStore,
    InvalidValue,
    RequiredProperty,
    StoreAlreadyMapped,
    UnknownResourceReference,
)
from mockpath.hrefs import ref_path, split_path
from mockpath.store import StoreConflict, Tx, Where

STORE_KINDS: dict[str, Kind[Any]] = {"directories": DIRECTORIES, "groups": GROUPS}


def _mappings(tx: Tx, tenant_id: str, application_id: str) -> list[AccountStoreMapping]:
    scope = Where.of(application_id=application_id)
    page = tx.select(ACCOUNT_STORE_MAPPINGS, tenant_id, scope)
    return sorted(page.items, key=lambda m: m.list_index)


def _reference(tx: Tx, tenant_id: str, body: Mapping[str, object], name: str) -> tuple[str, str]:
    """(collection, id) of a `{"href": ...}` attribute naming an existing resource."""
    value = body.get(name)
    if value is None:
        raise RequiredProperty(f"Account store mapping {name}")
    path = ref_path(value)
    parts = split_path(path) if path else None
    if parts is None:
        raise InvalidValue(f"The {name} property must be an object with a valid href.")
    return parts


def _store(tx: Tx, tenant_id: str, body: Mapping[str, object]) -> tuple[str, str]:
    store_type, store_id = _reference(tx, tenant_id, body, "accountStore")
    kind = STORE_KINDS.get(store_type)
    if kind is None:
        raise InvalidValue("The accountStore href must name a directory or a group.")
    if tx.find(kind, tenant_id, store_id) is None:
        raise UnknownResourceReference("accountStore")
    return store_type, store_id


def _renumber(tx: Tx, tenant_id: str, ordered: list[AccountStoreMapping]) -> None:
    for index, mapping in enumerate(ordered):
        if mapping.list_index != index:
            tx.update(ACCOUNT_STORE_MAPPINGS, tenant_id, mapping.id, {"list_index": index})


def _clear_default(
    tx: Tx, tenant_id: str, application_id: str, flag: str, keep: str | None
) -> None:
    for mapping in _mappings(tx, tenant_id, application_id):
        if mapping.id != keep and getattr(mapping, flag):
            tx.update(ACCOUNT_STORE_MAPPINGS, tenant_id, mapping.id, {flag: False})


def create_mapping(tx: Tx, tenant_id: str, body: Mapping[str, object]) -> AccountStoreMapping:
    """Map a directory or group to an application (stormpath-api.md §6.3)."""
    app_type, application_id = _reference(tx, tenant_id, body, "application")
    if app_type != "applications":
        raise InvalidValue("The application href must name an application.")
    if tx.find(APPLICATIONS, tenant_id, application_id) is None:
        raise UnknownResourceReference("application")
    store_type, store_id = _store(tx, tenant_id, body)
    return add_mapping(
        tx,
        tenant_id,
        application_id,
        store_type,
        store_id,
        list_index=int_value(body, "listIndex", default=None),
        default_account=bool_value(body, "isDefaultAccountStore", default=False),
        default_group=bool_value(body, "isDefaultGroupStore", default=False),
    )


def add_mapping(
    tx: Tx,
    tenant_id: str,
    application_id: str,
    store_type: str,
    store_id: str,
    *,
    list_index: int | None = None,
    default_account: bool = False,
    default_group: bool = False,
) -> AccountStoreMapping:
    if default_group and store_type == "groups":
        raise GroupNotDefaultGroupStore()
    existing = _mappings(tx, tenant_id, application_id)
    position = len(existing) if list_index is None else max(0, min(list_index, len(existing)))
    mapping = AccountStoreMapping(
        id=ids.new_id(),
        tenant_id=tenant_id,
        application_id=application_id,
        store_type=store_type,
        store_id=store_id,
        list_index=position,
        is_default_account_store=default_account,
        is_default_group_store=default_group,
        **stamped(),
    )
    try:
        tx.insert(ACCOUNT_STORE_MAPPINGS, mapping)
    except StoreConflict:
        raise StoreAlreadyMapped() from None
    ordered = existing[:position] + [mapping] + existing[position:]
    _renumber(tx, tenant_id, ordered)
    for flag, wanted in (
        ("is_default_account_store", default_account),
        ("is_default_group_store", default_group),
    ):
        if wanted:
            _clear_default(tx, tenant_id, application_id, flag, keep=mapping.id)
    return fetch(tx, ACCOUNT_STORE_MAPPINGS, tenant_id, mapping.id)


def update_mapping(
    tx: Tx, tenant_id: str, mapping_id: str, body: Mapping[str, object]
) -> AccountStoreMapping:
    current = fetch(tx, ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id)
    index = int_value(body, "listIndex", default=None)  # validated before anything is written
    changes: dict[str, object] = {}
    for flag, name in (
        ("is_default_account_store", "isDefaultAccountStore"),
        ("is_default_group_store", "isDefaultGroupStore"),
    ):
        if name in body:
            changes[flag] = bool_value(body, name, default=getattr(current, flag))
    if changes.get("is_default_group_store") and current.store_type == "groups":
        raise GroupNotDefaultGroupStore()
    for flag, wanted in changes.items():
        if wanted:
            _clear_default(tx, tenant_id, current.application_id, flag, keep=mapping_id)
    tx.update(ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id, {**changes, **touched()})
    if index is not None and index != current.list_index:
        others = [m for m in _mappings(tx, tenant_id, current.application_id) if m.id != mapping_id]
        position = max(0, min(index, len(others)))
        moved = fetch(tx, ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id)
        _renumber(tx, tenant_id, others[:position] + [moved] + others[position:])
    return fetch(tx, ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id)


def delete_store_mappings(tx: Tx, tenant_id: str, store_type: str, store_id: str) -> None:
    """Remove every mapping to an account store (it is being deleted) and close the gaps
    this leaves in the listIndex order of the applications it was mapped to."""
    scope = Where.of(store_type=store_type, store_id=store_id)
    affected = {m.application_id for m in tx.select(ACCOUNT_STORE_MAPPINGS, tenant_id, scope).items}
    tx.delete_where(ACCOUNT_STORE_MAPPINGS, tenant_id, scope)
    for application_id in sorted(affected):
        _renumber(tx, tenant_id, _mappings(tx, tenant_id, application_id))


def delete_mapping(tx: Tx, tenant_id: str, mapping_id: str) -> None:
    current = fetch(tx, ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id)
    tx.delete(ACCOUNT_STORE_MAPPINGS, tenant_id, mapping_id)
    _renumber(tx, tenant_id, _mappings(tx, tenant_id, current.application_id))
