"""API keys of accounts, and the encrypted form of their secrets (stormpath-api.md §6.14)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mockpath.domain import ids, tokens
from mockpath.domain.common import fetch, stamped, touched
from mockpath.domain.models import ACCOUNTS, API_KEYS, ENABLED, STATUSES, ApiKey
from mockpath.domain.validation import optional_text, status_value
from mockpath.errors import InvalidValue
from mockpath.store import ApplicationAccounts, Filter, ListQuery, Tx, Where


def create_api_key(tx: Tx, tenant_id: str, account_id: str, body: Mapping[str, object]) -> ApiKey:
    """A new ENABLED key with a fresh id and secret; the body may name and describe it."""
    fetch(tx, ACCOUNTS, tenant_id, account_id)
    return tx.insert(
        API_KEYS,
        ApiKey(
            id=ids.new_api_key_id(),
            tenant_id=tenant_id,
            account_id=account_id,
            secret=ids.new_api_key_secret(),
            status=status_value(body, STATUSES, default=ENABLED),
            name=optional_text(body, "name"),
            description=optional_text(body, "description"),
            **stamped(),
        ),
    )


def update_api_key(tx: Tx, tenant_id: str, key_id: str, body: Mapping[str, object]) -> ApiKey:
    """Change `status`, `name`, `description`; every other attribute is ignored."""
    current = fetch(tx, API_KEYS, tenant_id, key_id)
    changes: dict[str, object] = {}
    if "status" in body:
        changes["status"] = status_value(body, STATUSES, default=current.status)
    for name in ("name", "description"):
        if name in body:
            changes[name] = optional_text(body, name)
    return tx.update(API_KEYS, tenant_id, key_id, {**changes, **touched()})


def delete_api_key(tx: Tx, tenant_id: str, key_id: str) -> None:
    fetch(tx, API_KEYS, tenant_id, key_id)
    tx.delete(API_KEYS, tenant_id, key_id)


def account_in_application(tx: Tx, tenant_id: str, application_id: str, account_id: str) -> bool:
    """Whether the account lives in a store mapped to the application (may log in)."""
    query = ListQuery(limit=1, filters=(Filter("id", account_id),))
    page = tx.select(ACCOUNTS, tenant_id, ApplicationAccounts(application_id), query)
    return page.size > 0


def application_api_keys(
    tx: Tx, tenant_id: str, application_id: str, key_id: str | None
) -> list[ApiKey]:
    """Keys of accounts that can log in to the application; only `key_id` when given."""
    if key_id is not None:
        key = tx.find(API_KEYS, tenant_id, key_id)
        if key is None or not account_in_application(tx, tenant_id, application_id, key.account_id):
            return []
        return [key]
    accounts = tx.select(ACCOUNTS, tenant_id, ApplicationAccounts(application_id)).items
    members = {account.id for account in accounts}
    keys = tx.select(API_KEYS, tenant_id, Where()).items
    return [key for key in keys if key.account_id in members]


@dataclass(frozen=True, slots=True)
class SecretEncryption:
    """The `encryptSecret=true` options of a request (§6.14): how to hide a secret."""

    password: str  # the secret of the API key that authenticated the request
    salt: str
    key_size: int
    iterations: int

    def apply(self, secret: str) -> str:
        return tokens.encrypt_secret(
            secret,
            self.password,
            salt=self.salt,
            key_size=self.key_size,
            iterations=self.iterations,
        )


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidValue(f"The {name} value must be an integer.") from None


def secret_encryption(params: Mapping[str, str], caller_secret: str) -> SecretEncryption | None:
    """The encryption asked for by the query parameters, or None for plaintext.

    The parameters are checked here, so a bad size, count or salt is a 400 whether or
    not the response holds any key.
    """
    if params.get("encryptSecret", "").lower() != "true":
        return None
    encryption = SecretEncryption(
        password=caller_secret,
        salt=params.get("encryptionKeySalt", ""),
        key_size=_int_param(params, "encryptionKeySize", 128),
        iterations=_int_param(params, "encryptionKeyIterations", 1024),
    )
    encryption.apply("")  # validates size, iterations and salt
    return encryption
