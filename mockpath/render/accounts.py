"""Wire form of accounts, groups, memberships, API keys and OAuth tokens."""

from __future__ import annotations

from mockpath.domain.common import fetch
from mockpath.domain.models import (
    ACCOUNTS,
    API_KEYS,
    APPLICATIONS,
    GROUP_MEMBERSHIPS,
    GROUPS,
    OAUTH_TOKENS,
    Account,
    ApiKey,
    Group,
    GroupMembership,
    OAuthToken,
)
from mockpath.errors import NotFound
from mockpath.render import Document, Renderer, register_item, register_path, stamps
from mockpath.render.resources import custom_data_document
from mockpath.store import (
    AccountApplications,
    AccountGroups,
    GroupAccounts,
    StoreApplications,
    Where,
)


@register_item(ACCOUNTS)
def account(r: Renderer, record: Account) -> Document:
    path = f"/accounts/{record.id}"
    token = record.email_verification_token
    doc: Document = {
        "href": r.href(path),
        "username": record.username,
        "email": record.email,
        "givenName": record.given_name,
        "middleName": record.middle_name,
        "surname": record.surname,
        "fullName": record.full_name,
        "status": record.status,
        **stamps(record),
        "passwordModifiedAt": record.password_modified_at,
        "emailVerificationStatus": record.email_verification_status,
        "emailVerificationToken": (
            {"href": r.href(f"/accounts/emailVerificationTokens/{token}")} if token else None
        ),
        "customData": r.custom_data_link(path),
        "providerData": r.link("providerData", path + "/providerData"),
        "directory": r.link("directory", f"/directories/{record.directory_id}"),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
        "groups": r.collection("groups", path + "/groups", GROUPS, AccountGroups(record.id)),
        "groupMemberships": r.collection(
            "groupMemberships",
            path + "/groupMemberships",
            GROUP_MEMBERSHIPS,
            Where.of(account_id=record.id),
        ),
        "applications": r.collection(
            "applications", path + "/applications", APPLICATIONS, AccountApplications(record.id)
        ),
        "apiKeys": r.collection(
            "apiKeys", path + "/apiKeys", API_KEYS, Where.of(account_id=record.id)
        ),
    }
    for name in (
        "accessTokens",
        "refreshTokens",
        "linkedAccounts",
        "accountLinks",
        "phones",
        "factors",
    ):
        doc[name] = {"href": r.href(f"{path}/{name}")}
    return doc


def provider_data(r: Renderer, record: Account) -> Document:
    data = record.provider_data or {"providerId": "stormpath"}
    return {"href": r.href(f"/accounts/{record.id}/providerData"), **stamps(record), **data}


@register_item(GROUPS)
def group(r: Renderer, record: Group) -> Document:
    path = f"/groups/{record.id}"
    return {
        "href": r.href(path),
        "name": record.name,
        "description": record.description,
        "status": record.status,
        **stamps(record),
        "customData": r.custom_data_link(path),
        "directory": r.link("directory", f"/directories/{record.directory_id}"),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
        "accounts": r.collection(
            "accounts", path + "/accounts", ACCOUNTS, GroupAccounts(record.id)
        ),
        "accountMemberships": r.collection(
            "accountMemberships",
            path + "/accountMemberships",
            GROUP_MEMBERSHIPS,
            Where.of(group_id=record.id),
        ),
        "applications": r.collection(
            "applications",
            path + "/applications",
            APPLICATIONS,
            StoreApplications("groups", record.id),
        ),
    }


@register_item(GROUP_MEMBERSHIPS)
def group_membership(r: Renderer, record: GroupMembership) -> Document:
    return {
        "href": r.href(f"/groupMemberships/{record.id}"),
        "account": r.link("account", f"/accounts/{record.account_id}"),
        "group": r.link("group", f"/groups/{record.group_id}"),
    }


@register_item(API_KEYS)
def api_key(r: Renderer, record: ApiKey) -> Document:
    return {
        "href": r.href(f"/apiKeys/{record.id}"),
        "id": record.id,
        "secret": record.secret,
        "status": record.status,
        "name": record.name,
        "description": record.description,
        **stamps(record),
        "account": r.link("account", f"/accounts/{record.account_id}"),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
    }


@register_item(OAUTH_TOKENS)
def oauth_token(r: Renderer, record: OAuthToken) -> Document:
    from mockpath.domain.tokens import parse_jwt

    parsed = parse_jwt(record.jwt)
    collection = "accessTokens" if record.kind == "access" else "refreshTokens"
    return {
        "href": r.href(f"/{collection}/{record.id}"),
        **stamps(record),
        "jwt": record.jwt,
        "expandedJwt": {
            "header": parsed.header,
            "claims": parsed.claims,
            "signature": parsed.signature,
        },
        "account": r.link("account", f"/accounts/{record.account_id}"),
        "application": r.link("application", f"/applications/{record.application_id}"),
        "tenant": r.link("tenant", f"/tenants/{record.tenant_id}"),
    }


@register_path("accounts")
def _account_path(r: Renderer, parts: list[str]) -> Document:
    if len(parts) == 3 and parts[2] == "customData":
        return custom_data_document(r, f"/accounts/{parts[1]}")
    record = fetch(r.tx, ACCOUNTS, r.tenant_id, parts[1])
    if len(parts) == 2:
        return account(r, record)
    if len(parts) == 3 and parts[2] == "providerData":
        return provider_data(r, record)
    raise NotFound()


@register_path("groups")
def _group_path(r: Renderer, parts: list[str]) -> Document:
    if len(parts) == 3 and parts[2] == "customData":
        return custom_data_document(r, f"/groups/{parts[1]}")
    if len(parts) != 2:
        raise NotFound()
    return group(r, fetch(r.tx, GROUPS, r.tenant_id, parts[1]))


@register_path("groupMemberships", "apiKeys", "accessTokens", "refreshTokens")
def _simple_path(r: Renderer, parts: list[str]) -> Document:
    if len(parts) != 2:
        raise NotFound()
    if parts[0] == "groupMemberships":
        return group_membership(r, fetch(r.tx, GROUP_MEMBERSHIPS, r.tenant_id, parts[1]))
    if parts[0] == "apiKeys":
        return api_key(r, fetch(r.tx, API_KEYS, r.tenant_id, parts[1]))
    token = fetch(r.tx, OAUTH_TOKENS, r.tenant_id, parts[1])
    if token.kind != ("access" if parts[0] == "accessTokens" else "refresh"):
        raise NotFound()
    return oauth_token(r, token)
