"""The outbox: every email the server would send, recorded instead of sent
(stormpath-api.md §7.2, §7.3). Nothing ever goes over the network.

Email templates are not emulated, so links use the default link base URLs below
(the templates' `defaultModel.linkBaseUrl`).
"""

from __future__ import annotations

from urllib.parse import quote

from mockpath.domain import ids
from mockpath.domain.models import OUTBOX, TENANTS, Account, OutboxMessage
from mockpath.errors import NotFound
from mockpath.store import Tx, Where

PASSWORD_RESET = "passwordReset"
PASSWORD_RESET_SUCCESS = "passwordResetSuccess"
VERIFICATION = "verification"
VERIFICATION_SUCCESS = "verificationSuccess"
WELCOME = "welcome"
KINDS = (PASSWORD_RESET, PASSWORD_RESET_SUCCESS, VERIFICATION, VERIFICATION_SUCCESS, WELCOME)

# Where the emailed links point: express-stormpath's default /change page (§7.2), and
# Stormpath's own verification page (§7.3).
RESET_LINK_BASE = "http://localhost:3000/change"
VERIFICATION_LINK_BASE = "https://api.stormpath.com/emailVerificationTokens"

_LINK_BASES = {PASSWORD_RESET: RESET_LINK_BASE, VERIFICATION: VERIFICATION_LINK_BASE}


def record_email(tx: Tx, kind: str, account: Account, token: str | None = None) -> OutboxMessage:
    """Put the email of `kind` to `account` in its tenant's outbox; emails carrying a
    token get the link `<linkBaseUrl>?sptoken=<token>`."""
    if kind not in KINDS:
        raise ValueError(kind)
    base = _LINK_BASES.get(kind)
    link = f"{base}?sptoken={quote(token, safe='')}" if base and token else None
    message = OutboxMessage(
        id=ids.new_id(),
        tenant_id=account.tenant_id,
        kind=kind,
        to=account.email,
        account_id=account.id,
        token=token,
        link=link,
        created_at=ids.timestamp(),
    )
    return tx.insert(OUTBOX, message)


def list_outbox(tx: Tx, tenant_id: str) -> list[OutboxMessage]:
    """The tenant's emails, oldest first (404 for an unknown tenant)."""
    if tx.find(TENANTS, tenant_id, tenant_id) is None:
        raise NotFound()
    return list(tx.select(OUTBOX, tenant_id, Where()).items)
