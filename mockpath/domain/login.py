"""Username/email + password authentication against an application's account stores
(stormpath-api.md §7.1). Used by login attempts and by the OAuth password grant.

Decisions where the reference is silent:

* A disabled application is refused before its stores are looked at.
* Disabled stores are not skipped: the first store (ascending listIndex) holding a
  matching account decides, and a disabled directory or group then gives 7106/7105.
* Within one store a username match is preferred to an email match.
* Checks run in this order once the account is found: password (7100), account
  status (7101/7102), directory (7106), group (7105). The password comes first so a
  wrong password never reveals anything else about the account.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain.common import fetch
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    ACCOUNTS,
    APPLICATIONS,
    DIRECTORIES,
    DISABLED,
    ENABLED,
    GROUPS,
    UNVERIFIED,
    Account,
    AccountStoreMapping,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.errors import (
    AccountDisabled,
    AccountUnverified,
    ApplicationDisabled,
    DirectoryDisabled,
    GroupDisabled,
    InvalidReference,
    InvalidValue,
    NoAccountStores,
    NoSuchLogin,
    WrongPassword,
)
from mockpath.hrefs import path_of, split_path
from mockpath.store import Filter, GroupAccounts, ListQuery, Scope, Tx, Where


def authenticate_login(
    tx: Tx,
    hasher: PasswordHasher,
    tenant_id: str,
    application_id: str,
    login: str,
    password: str,
    account_store: object = None,
) -> Account:
    """The account of the application that `login` (username or email, any case) and
    `password` identify, or the Stormpath login error.

    account_store: None (every mapped store), a ``{"href": ...}`` or ``{"nameKey": ...}``
    mapping, or an href string; it must name a store mapped to the application (2014;
    organizations are not emulated, so a nameKey is always 2014). A value that is no
    href at all is 2002.
    """
    application = fetch(tx, APPLICATIONS, tenant_id, application_id)
    if application.status != ENABLED:
        raise ApplicationDisabled()
    mappings = _ordered_mappings(tx, tenant_id, application_id)
    if not mappings:
        raise NoAccountStores()
    if account_store is not None:
        mappings = [_named_store(mappings, account_store)]
    for mapping in mappings:
        account = _find_in_store(tx, tenant_id, mapping, login)
        if account is not None:
            return _check(tx, hasher, mapping, account, password)
    hasher.verify(password, None)  # same cost as a real check (STYLE §2.5)
    raise NoSuchLogin()


def find_account(
    tx: Tx,
    tenant_id: str,
    application_id: str,
    login: str,
    account_store: object = None,
    fields: tuple[str, ...] = ("username", "email"),
) -> Account | None:
    """The account a password reset or verification email is for: found as a login is
    (same store order and `account_store` rules), by `fields` only, with no password or
    status checks. None when no store holds it; 404 for an unknown application."""
    fetch(tx, APPLICATIONS, tenant_id, application_id)
    mappings = _ordered_mappings(tx, tenant_id, application_id)
    if account_store is not None:
        mappings = [_named_store(mappings, account_store)]
    for mapping in mappings:
        account = _find_in_store(tx, tenant_id, mapping, login, fields)
        if account is not None:
            return account
    return None


def _ordered_mappings(tx: Tx, tenant_id: str, application_id: str) -> list[AccountStoreMapping]:
    scope = Where.of(application_id=application_id)
    items = tx.select(ACCOUNT_STORE_MAPPINGS, tenant_id, scope).items
    return sorted(items, key=lambda m: m.list_index)


def _named_store(mappings: list[AccountStoreMapping], value: object) -> AccountStoreMapping:
    if isinstance(value, Mapping):
        if "nameKey" in value and "href" not in value:
            raise InvalidReference()
        value = value.get("href")
    path = path_of(value) if isinstance(value, str) else None
    parts = split_path(path) if path else None
    if parts is None:
        raise InvalidValue(
            "The specified property value is invalid.",
            "The accountStore must be an object with the href of a directory, group or "
            "organization.",
        )
    for mapping in mappings:
        if (mapping.store_type, mapping.store_id) == parts:
            return mapping
    raise InvalidReference()


def _find_in_store(
    tx: Tx,
    tenant_id: str,
    mapping: AccountStoreMapping,
    login: str,
    fields: tuple[str, ...] = ("username", "email"),
) -> Account | None:
    scope: Scope
    if mapping.store_type == "directories":
        scope = Where.of(directory_id=mapping.store_id)
    elif mapping.store_type == "groups":
        scope = GroupAccounts(mapping.store_id)
    else:
        return None
    wanted = login.lower()
    for field in fields:
        # A `*` in the login makes the filter a pattern; the exact comparison below
        # keeps only real matches.
        query = ListQuery(offset=0, limit=10_000, filters=(Filter(field, login),))
        for account in tx.select(ACCOUNTS, tenant_id, scope, query).items:
            if getattr(account, field).lower() == wanted:
                return account
    return None


def _check(
    tx: Tx,
    hasher: PasswordHasher,
    mapping: AccountStoreMapping,
    account: Account,
    password: str,
) -> Account:
    if not hasher.verify(password, account.password_hash):
        raise WrongPassword()
    if account.status == DISABLED:
        raise AccountDisabled()
    if account.status == UNVERIFIED:
        raise AccountUnverified()
    directory = fetch(tx, DIRECTORIES, account.tenant_id, account.directory_id)
    if directory.status != ENABLED:
        raise DirectoryDisabled()
    if mapping.store_type == "groups":
        group = fetch(tx, GROUPS, account.tenant_id, mapping.store_id)
        if group.status != ENABLED:
            raise GroupDisabled()
    return account
