"""Directories: create with their owned sub-resources, update, delete with cascades."""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain import ids
from mockpath.domain.common import conflict_error, fetch, stamped, touched
from mockpath.domain.custom_data import (
    create_custom_data,
    delete_custom_data,
    merge_embedded_custom_data,
)
from mockpath.domain.mappings import delete_store_mappings
from mockpath.domain.models import (
    ACCOUNTS,
    ADMIN_DIRECTORY,
    DIRECTORIES,
    ENABLED,
    GROUPS,
    STATUSES,
    Directory,
)
from mockpath.domain.policies import (
    ACCOUNT_CREATION_POLICY,
    PASSWORD_POLICY,
    STRENGTH,
    create_policies,
    delete_policies,
)
from mockpath.domain.validation import (
    named_changes,
    optional_text,
    required_text,
    status_value,
    string_list,
)
from mockpath.errors import AdministratorsDirectoryNotDeletable, DirectoryNameTaken
from mockpath.store import StoreConflict, Tx, Where

DEFAULT_PROVIDER: dict[str, object] = {"providerId": "stormpath"}
_PROVIDER_FIELDS = (
    "providerId",
    "providerType",
    "clientId",
    "clientSecret",
    "redirectUri",
    "scope",
    "ssoLoginUrl",
    "ssoLogoutUrl",
    "encodedX509SigningCert",
    "requestSignatureAlgorithm",
)
_MAX_PROVIDER_TEXT = 100_000  # room for a SAML signing certificate


def _provider_values(body: Mapping[str, object]) -> dict[str, object]:
    """The provider attributes present in `body`: strings (or null), `scope` a list of
    strings; anything else is 2002."""
    values: dict[str, object] = {}
    for key in _PROVIDER_FIELDS:
        if key == "scope" and key in body:
            values[key] = string_list(body, key, default=[])
        elif key in body:
            values[key] = optional_text(body, key, max_length=_MAX_PROVIDER_TEXT)
    return values


def _provider(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping) or not value.get("providerId"):
        return dict(DEFAULT_PROVIDER)
    provider = _provider_values(value)
    provider["providerId"] = str(provider["providerId"]).lower()
    return provider


def create_directory(
    tx: Tx, tenant_id: str, body: Mapping[str, object], *, name: str | None = None
) -> Directory:
    """A new directory with its password policy, strength, account creation policy and
    custom data (stormpath-api.md §6.4)."""
    directory = Directory(
        id=ids.new_id(),
        tenant_id=tenant_id,
        name=name if name is not None else required_text(body, "name", "Directory name"),
        description=optional_text(body, "description", default=""),
        status=status_value(body, STATUSES, default=ENABLED),
        provider=_provider(body.get("provider")),
        **stamped(),
    )
    try:
        tx.insert(DIRECTORIES, directory)
    except StoreConflict as exc:
        raise conflict_error(exc, {"name": DirectoryNameTaken}) from None
    create_policies(tx, tenant_id, directory.id, PASSWORD_POLICY, STRENGTH, ACCOUNT_CREATION_POLICY)
    embedded = body.get("customData")
    create_custom_data(
        tx,
        tenant_id,
        f"/directories/{directory.id}",
        embedded if isinstance(embedded, Mapping) else None,
    )
    return directory


def update_directory(
    tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]
) -> Directory:
    current = fetch(tx, DIRECTORIES, tenant_id, directory_id)
    changes = named_changes(
        body, "Directory", current_status=current.status, allowed_statuses=STATUSES
    )
    merge_embedded_custom_data(
        tx, tenant_id, f"/directories/{directory_id}", body.get("customData")
    )
    try:
        return tx.update(DIRECTORIES, tenant_id, directory_id, {**changes, **touched()})
    except StoreConflict as exc:
        raise conflict_error(exc, {"name": DirectoryNameTaken}) from None


def update_provider(
    tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]
) -> Directory:
    current = fetch(tx, DIRECTORIES, tenant_id, directory_id)
    provider = dict(current.provider)
    for key, value in _provider_values(body).items():
        if key != "providerId":
            provider[key] = value
    return tx.update(DIRECTORIES, tenant_id, directory_id, {"provider": provider, **touched()})


def delete_directory(tx: Tx, tenant_id: str, directory_id: str) -> None:
    """Delete a directory and everything in it, and every mapping to it (§6.4, §8)."""
    directory = fetch(tx, DIRECTORIES, tenant_id, directory_id)
    if directory.name == ADMIN_DIRECTORY:
        raise AdministratorsDirectoryNotDeletable()
    from mockpath.domain.cascades import delete_account_records, delete_group_records

    for account in tx.select(ACCOUNTS, tenant_id, Where.of(directory_id=directory_id)).items:
        delete_account_records(tx, tenant_id, account.id)
    for group in tx.select(GROUPS, tenant_id, Where.of(directory_id=directory_id)).items:
        delete_group_records(tx, tenant_id, group.id)
    delete_store_mappings(tx, tenant_id, "directories", directory_id)
    delete_policies(tx, tenant_id, directory_id)
    delete_custom_data(tx, tenant_id, f"/directories/{directory_id}")
    tx.delete(DIRECTORIES, tenant_id, directory_id)
