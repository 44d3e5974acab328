"""Singleton policy documents of directories and applications, with their defaults."""

from __future__ import annotations

from typing import Any

from mockpath.domain.common import stamped
from mockpath.domain.models import DISABLED, ENABLED, POLICIES, Policy
from mockpath.domain.strength import DEFAULT_STRENGTH
from mockpath.store import Tx, Where

PASSWORD_POLICY = "passwordPolicies"
STRENGTH = "strength"
ACCOUNT_CREATION_POLICY = "accountCreationPolicies"
OAUTH_POLICY = "oAuthPolicies"


def defaults(kind: str) -> dict[str, Any]:
    """The initial document of a policy (stormpath-api.md §6.6-6.8, §6.15)."""
    if kind == PASSWORD_POLICY:
        return {
            "resetTokenTtl": 24,
            "resetEmailStatus": ENABLED,
            "resetSuccessEmailStatus": ENABLED,
        }
    if kind == STRENGTH:
        return dict(DEFAULT_STRENGTH)
    if kind == ACCOUNT_CREATION_POLICY:
        return {
            "verificationEmailStatus": DISABLED,
            "verificationSuccessEmailStatus": DISABLED,
            "welcomeEmailStatus": DISABLED,
            "emailDomainWhitelist": [],
            "emailDomainBlacklist": [],
        }
    if kind == OAUTH_POLICY:
        return {"accessTokenTtl": "PT1H", "refreshTokenTtl": "P60D"}
    raise ValueError(kind)


def policy_id(kind: str, owner_id: str) -> str:
    return f"{kind}/{owner_id}"


def create_policies(tx: Tx, tenant_id: str, owner_id: str, *kinds: str) -> None:
    for kind in kinds:
        tx.insert(
            POLICIES,
            Policy(
                id=policy_id(kind, owner_id),
                kind=kind,
                owner_id=owner_id,
                tenant_id=tenant_id,
                data=defaults(kind),
                **stamped(),
            ),
        )


def get_policy(tx: Tx, tenant_id: str, kind: str, owner_id: str) -> Policy:
    policy = tx.find(POLICIES, tenant_id, policy_id(kind, owner_id))
    if policy is None:
        from mockpath.errors import NotFound

        raise NotFound()
    return policy


def delete_policies(tx: Tx, tenant_id: str, owner_id: str) -> None:
    tx.delete_where(POLICIES, tenant_id, Where.of(owner_id=owner_id))
