"""Updates of a directory's password policy, password strength and account creation
policy (stormpath-api.md §6.6-§6.8).

Clients post these documents back whole (Node includes href, timestamps and the
template links): only the writable attributes are read, everything else is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain.common import touched
from mockpath.domain.models import POLICIES, STATUSES, Policy
from mockpath.domain.policies import (
    ACCOUNT_CREATION_POLICY,
    PASSWORD_POLICY,
    STRENGTH,
    get_policy,
    policy_id,
)
from mockpath.domain.strength import merged_strength, validate_strength_update
from mockpath.domain.validation import int_value, status_value, string_list
from mockpath.errors import InvalidValue
from mockpath.store import Tx

RESET_TOKEN_TTL = (1, 168)  # hours

_PASSWORD_POLICY_STATUSES = ("resetEmailStatus", "resetSuccessEmailStatus")
_CREATION_STATUSES = (
    "verificationEmailStatus",
    "verificationSuccessEmailStatus",
    "welcomeEmailStatus",
)
_DOMAIN_LISTS = ("emailDomainWhitelist", "emailDomainBlacklist")


def _statuses(
    body: Mapping[str, object], current: Mapping[str, object], names: tuple[str, ...]
) -> dict[str, object]:
    """The ENABLED/DISABLED attributes present in `body` (2003 for other values)."""
    return {
        name: status_value(body, STATUSES, default=str(current.get(name)), name=name)
        for name in names
        if name in body
    }


def _save(tx: Tx, policy: Policy, changes: Mapping[str, object]) -> Policy:
    data = {**policy.data, **changes}
    return tx.update(POLICIES, policy.tenant_id, policy.id, {"data": data, **touched()})


def update_password_policy(
    tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]
) -> Policy:
    """resetEmailStatus, resetSuccessEmailStatus and resetTokenTtl (1-168 hours)."""
    policy = get_policy(tx, tenant_id, PASSWORD_POLICY, directory_id)
    changes = _statuses(body, policy.data, _PASSWORD_POLICY_STATUSES)
    ttl = int_value(body, "resetTokenTtl", default=None)
    if ttl is not None:
        low, high = RESET_TOKEN_TTL
        if not low <= ttl <= high:
            raise InvalidValue(
                f"Password policy resetTokenTtl must be from {low} to {high} hours.",
                f"The resetTokenTtl property value {ttl} is invalid: "
                f"expected an integer from {low} to {high}.",
            )
        changes["resetTokenTtl"] = ttl
    return _save(tx, policy, changes)


def update_strength(
    tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]
) -> Policy:
    """The strength rules present in `body`, range-checked; minLength <= maxLength."""
    policy = get_policy(tx, tenant_id, STRENGTH, directory_id)
    current = {k: v for k, v in policy.data.items() if isinstance(v, int)}
    merged = merged_strength(current, validate_strength_update(body))
    return _save(tx, policy, merged)


def update_account_creation_policy(
    tx: Tx, tenant_id: str, directory_id: str, body: Mapping[str, object]
) -> Policy:
    """The three email statuses and the email domain white/black lists."""
    policy = get_policy(tx, tenant_id, ACCOUNT_CREATION_POLICY, directory_id)
    changes = _statuses(body, policy.data, _CREATION_STATUSES)
    for name in _DOMAIN_LISTS:
        if name in body:
            changes[name] = string_list(body, name, default=[])
    return _save(tx, policy, changes)


def policy_exists(tx: Tx, tenant_id: str, kind: str, directory_id: str) -> bool:
    return tx.find(POLICIES, tenant_id, policy_id(kind, directory_id)) is not None
