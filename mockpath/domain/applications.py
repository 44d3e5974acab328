"""Applications: create (optionally with a new directory), update, delete with cascades."""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain import ids
from mockpath.domain.common import conflict_error, fetch, stamped, touched
from mockpath.domain.custom_data import (
    create_custom_data,
    delete_custom_data,
    merge_embedded_custom_data,
)
from mockpath.domain.directories import create_directory
from mockpath.domain.mappings import add_mapping
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    APPLICATIONS,
    DIRECTORIES,
    ENABLED,
    OAUTH_TOKENS,
    PASSWORD_RESET_TOKENS,
    STATUSES,
    Application,
)
from mockpath.domain.policies import OAUTH_POLICY, create_policies, delete_policies
from mockpath.domain.validation import (
    named_changes,
    optional_text,
    required_text,
    status_value,
    string_list,
)
from mockpath.errors import ApplicationNameTaken, CreateDirectoryNameTaken, DirectoryNameTaken
from mockpath.store import StoreConflict, Tx, Where


def _unique_directory_name(tx: Tx, tenant_id: str, wanted: str) -> str:
    """`wanted`, or `wanted (2)`, `wanted (3)`... whichever is free in the tenant."""
    taken = {
        d.name.lower()
        for d in tx.select(DIRECTORIES, tenant_id, Where()).items
        if d.name.lower().startswith(wanted.lower())
    }
    candidate, n = wanted, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{wanted} ({n})"
    return candidate


def create_application(
    tx: Tx,
    tenant_id: str,
    body: Mapping[str, object],
    *,
    create_directory_param: str | None = None,
) -> Application:
    """A new application with its OAuth policy and custom data (stormpath-api.md §6.2).

    create_directory_param: the `createDirectory` query value. `true` (any case) makes
    a directory named after the application; any other non-empty value names it. The
    directory is mapped as default account and group store at listIndex 0.
    """
    application = Application(
        id=ids.new_id(),
        tenant_id=tenant_id,
        name=required_text(body, "name", "Application name"),
        description=optional_text(body, "description", default=""),
        status=status_value(body, STATUSES, default=ENABLED),
        authorized_callback_uris=string_list(body, "authorizedCallbackUris", default=[]),
        authorized_origin_uris=string_list(body, "authorizedOriginUris", default=[]),
        **stamped(),
    )
    try:
        tx.insert(APPLICATIONS, application)
    except StoreConflict as exc:
        raise conflict_error(exc, {"name": ApplicationNameTaken}) from None
    create_policies(tx, tenant_id, application.id, OAUTH_POLICY)
    embedded = body.get("customData")
    create_custom_data(
        tx,
        tenant_id,
        f"/applications/{application.id}",
        embedded if isinstance(embedded, Mapping) else None,
    )
    if create_directory_param and create_directory_param.lower() != "false":
        if create_directory_param.lower() == "true":
            name = _unique_directory_name(tx, tenant_id, application.name)
        else:
            name = create_directory_param
        try:
            directory = create_directory(tx, tenant_id, {"name": name})
        except DirectoryNameTaken as exc:
            raise CreateDirectoryNameTaken() from exc
        add_mapping(
            tx,
            tenant_id,
            application.id,
            "directories",
            directory.id,
            list_index=0,
            default_account=True,
            default_group=True,
        )
    return application


def update_application(
    tx: Tx, tenant_id: str, application_id: str, body: Mapping[str, object]
) -> Application:
    current = fetch(tx, APPLICATIONS, tenant_id, application_id)
    changes = named_changes(
        body, "Application", current_status=current.status, allowed_statuses=STATUSES
    )
    for name, field in (
        ("authorizedCallbackUris", "authorized_callback_uris"),
        ("authorizedOriginUris", "authorized_origin_uris"),
    ):
        if name in body:
            changes[field] = string_list(body, name, default=getattr(current, field))
    merge_embedded_custom_data(
        tx, tenant_id, f"/applications/{application_id}", body.get("customData")
    )
    try:
        return tx.update(APPLICATIONS, tenant_id, application_id, {**changes, **touched()})
    except StoreConflict as exc:
        raise conflict_error(exc, {"name": ApplicationNameTaken}) from None


def delete_application(tx: Tx, tenant_id: str, application_id: str) -> None:
    """Delete the application, its mappings, policies, tokens and custom data.
    Its directories stay (§6.2)."""
    fetch(tx, APPLICATIONS, tenant_id, application_id)
    owned = Where.of(application_id=application_id)
    tx.delete_where(ACCOUNT_STORE_MAPPINGS, tenant_id, owned)
    tx.delete_where(OAUTH_TOKENS, tenant_id, owned)
    tx.delete_where(PASSWORD_RESET_TOKENS, tenant_id, owned)
    delete_policies(tx, tenant_id, application_id)
    delete_custom_data(tx, tenant_id, f"/applications/{application_id}")
    tx.delete(APPLICATIONS, tenant_id, application_id)
