"""Wire form of tenants, applications, directories, mappings, policies and custom data."""

from __future__ import annotations

from typing import Any

from mockpath.domain.common import fetch
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    ACCOUNTS,
    APPLICATIONS,
    CUSTOM_DATA,
    DIRECTORIES,
    GROUPS,
    ID_SITES,
    POLICIES,
    TENANTS,
    AccountStoreMapping,
    Application,
    CustomData,
    Directory,
    IdSite,
    Policy,
    Tenant,
)
from mockpath.render import Document, Renderer, register_item, register_path, stamps
from mockpath.store import (
    ApplicationAccounts,
    ApplicationGroups,
    StoreApplications,
    Where,
)


@register_item(TENANTS)
def tenant(r: Renderer, record: Tenant) -> Document:
    path = f"/tenants/{record.id}"
    doc: Document = {"href": r.href(path), "name": record.name, "key": record.key}
    doc.update(stamps(record))
    doc["customData"] = r.custom_data_link(path)
    doc["applications"] = r.collection(
        "applications", path + "/applications", APPLICATIONS, Where()
    )
    doc["directories"] = r.collection("directories", path + "/directories", DIRECTORIES, Where())
    doc["accounts"] = r.collection("accounts", path + "/accounts", ACCOUNTS, Where())
    doc["groups"] = r.collection("groups", path + "/groups", GROUPS, Where())
    doc["idSites"] = r.collection("idSites", path + "/idSites", ID_SITES, Where())
    for name in ("organizations", "agents", "smtpServers"):
        doc[name] = {"href": r.href(f"{path}/{name}")}
    return doc


def _default_mappings(r: Renderer, application_id: str) -> tuple[str | None, str | None]:
    """Paths of the default account store and default group store mappings (one query)."""
    mappings = r.tx.select(
        ACCOUNT_STORE_MAPPINGS, r.tenant_id, Where.of(application_id=application_id)
    ).items
    account = next((m for m in mappings if m.is_default_account_store), None)
    group = next((m for m in mappings if m.is_default_group_store), None)
    return (
        f"/accountStoreMappings/{account.id}" if account else None,
        f"/accountStoreMappings/{group.id}" if group else None,
    )


@register_item(APPLICATIONS)
def application(r: Renderer, record: Application) -> Document:
    path = f"/applications/{record.id}"
    default_account, default_group = _default_mappings(r, record.id)
    doc: Document = {
        "href": r.href(path),
        "name": record.name,
        "description": record.description,
        "status": record.status,
        **stamps(record),
        "authorizedCallbackUris": list(record.authorized_callback_uris),
        "authorizedOriginUris": list(record.authorized_origin_uris),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
        "defaultAccountStoreMapping": r.link("defaultAccountStoreMapping", default_account),
        "defaultGroupStoreMapping": r.link("defaultGroupStoreMapping", default_group),
        "customData": r.custom_data_link(path),
        "oAuthPolicy": r.link("oAuthPolicy", f"/oAuthPolicies/{record.id}"),
        "accounts": r.collection(
            "accounts", path + "/accounts", ACCOUNTS, ApplicationAccounts(record.id)
        ),
        "groups": r.collection("groups", path + "/groups", GROUPS, ApplicationGroups(record.id)),
        "accountStoreMappings": r.collection(
            "accountStoreMappings",
            path + "/accountStoreMappings",
            ACCOUNT_STORE_MAPPINGS,
            Where.of(application_id=record.id),
        ),
    }
    for name in (
        "loginAttempts",
        "passwordResetTokens",
        "apiKeys",
        "verificationEmails",
        "authTokens",
    ):
        doc[name] = {"href": r.href(f"{path}/{name}")}
    doc["samlPolicy"] = {"href": r.href(f"/samlPolicies/{record.id}")}
    doc["accountLinkingPolicy"] = {"href": r.href(f"/accountLinkingPolicies/{record.id}")}
    doc["webConfig"] = {"href": r.href(f"/applicationWebConfigs/{record.id}")}
    return doc


@register_item(DIRECTORIES)
def directory(r: Renderer, record: Directory) -> Document:
    path = f"/directories/{record.id}"
    doc: Document = {
        "href": r.href(path),
        "name": record.name,
        "description": record.description,
        "status": record.status,
        **stamps(record),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
        "provider": r.link("provider", path + "/provider"),
        "customData": r.custom_data_link(path),
        "passwordPolicy": r.link("passwordPolicy", f"/passwordPolicies/{record.id}"),
        "accountCreationPolicy": r.link(
            "accountCreationPolicy", f"/accountCreationPolicies/{record.id}"
        ),
        "accountSchema": {"href": r.href(f"/schemas/{record.id}")},
        "accounts": r.collection(
            "accounts", path + "/accounts", ACCOUNTS, Where.of(directory_id=record.id)
        ),
        "groups": r.collection(
            "groups", path + "/groups", GROUPS, Where.of(directory_id=record.id)
        ),
        "applications": r.collection(
            "applications",
            path + "/applications",
            APPLICATIONS,
            StoreApplications("directories", record.id),
        ),
        "applicationMappings": r.collection(
            "applicationMappings",
            path + "/applicationMappings",
            ACCOUNT_STORE_MAPPINGS,
            Where.of(store_type="directories", store_id=record.id),
        ),
    }
    for name in ("organizations", "organizationMappings"):
        doc[name] = {"href": r.href(f"{path}/{name}")}
    doc["accountLinkingPolicy"] = {"href": r.href(f"/accountLinkingPolicies/{record.id}")}
    return doc


def provider(r: Renderer, record: Directory) -> Document:
    doc: Document = {"href": r.href(f"/directories/{record.id}/provider"), **stamps(record)}
    doc.update(record.provider)
    return doc


@register_item(ACCOUNT_STORE_MAPPINGS)
def account_store_mapping(r: Renderer, record: AccountStoreMapping) -> Document:
    return {
        "href": r.href(f"/accountStoreMappings/{record.id}"),
        "listIndex": record.list_index,
        "isDefaultAccountStore": record.is_default_account_store,
        "isDefaultGroupStore": record.is_default_group_store,
        **stamps(record),
        "application": r.link("application", f"/applications/{record.application_id}"),
        "accountStore": r.link("accountStore", f"/{record.store_type}/{record.store_id}"),
    }


_POLICY_PATHS = {
    "passwordPolicies": "/passwordPolicies/{id}",
    "strength": "/passwordPolicies/{id}/strength",
    "accountCreationPolicies": "/accountCreationPolicies/{id}",
    "oAuthPolicies": "/oAuthPolicies/{id}",
}
_TEMPLATE_LINKS = {
    "passwordPolicies": ("resetEmailTemplates", "resetSuccessEmailTemplates"),
    "accountCreationPolicies": (
        "verificationEmailTemplates",
        "verificationSuccessEmailTemplates",
        "welcomeEmailTemplates",
    ),
}


@register_item(POLICIES)
def policy(r: Renderer, record: Policy) -> Document:
    path = _POLICY_PATHS[record.kind].format(id=record.owner_id)
    doc: Document = {"href": r.href(path), **record.data, **stamps(record)}
    if record.kind == "passwordPolicies":
        doc["strength"] = r.link("strength", path + "/strength")
    for name in _TEMPLATE_LINKS.get(record.kind, ()):
        doc[name] = {"href": r.href(f"{path}/{name}")}
    if record.kind == "oAuthPolicies":
        app = f"/applications/{record.owner_id}"
        doc["tokenEndpoint"] = {"href": r.href(app + "/oauth/token")}
        doc["application"] = r.link("application", app)
        doc["tenant"] = r.link("tenant", f"/tenants/{record.tenant_id}")
    return doc


@register_item(CUSTOM_DATA)
def custom_data(r: Renderer, record: CustomData) -> Document:
    return {"href": r.href(record.id + "/customData"), **stamps(record), **record.data}


@register_item(ID_SITES)
def id_site(r: Renderer, record: IdSite) -> Document:
    return {
        "href": r.href(f"/idSites/{record.id}"),
        **stamps(record),
        **record.data,
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
    }


def _policy_document(r: Renderer, kind: str, owner_id: str) -> Document:
    return policy(r, fetch(r.tx, POLICIES, r.tenant_id, f"{kind}/{owner_id}"))


@register_path("passwordPolicies")
def _password_policy_path(r: Renderer, parts: list[str]) -> Document:
    if len(parts) == 3 and parts[2] == "strength":
        return _policy_document(r, "strength", parts[1])
    return _policy_document(r, "passwordPolicies", parts[1])


@register_path("accountCreationPolicies", "oAuthPolicies")
def _owner_policy_path(r: Renderer, parts: list[str]) -> Document:
    return _policy_document(r, parts[0], parts[1])


_BY_SEGMENT: dict[str, Any] = {
    "tenants": TENANTS,
    "applications": APPLICATIONS,
    "directories": DIRECTORIES,
    "accountStoreMappings": ACCOUNT_STORE_MAPPINGS,
    "idSites": ID_SITES,
}


@register_path(*_BY_SEGMENT)
def _resource_path(r: Renderer, parts: list[str]) -> Document:
    kind = _BY_SEGMENT[parts[0]]
    if len(parts) == 3 and parts[2] == "customData":
        return custom_data_document(r, f"/{parts[0]}/{parts[1]}")
    record = fetch(r.tx, kind, r.tenant_id, parts[1])
    if len(parts) == 3 and parts[0] == "directories" and parts[2] == "provider":
        return provider(r, record)
    if len(parts) != 2:
        from mockpath.errors import NotFound

        raise NotFound()
    return r.item(kind, record)


def custom_data_document(r: Renderer, owner_path: str) -> Document:
    return custom_data(r, fetch(r.tx, CUSTOM_DATA, r.tenant_id, owner_path))
