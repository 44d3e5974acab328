"""The password reset workflow (stormpath-api.md §6.6, §7.2): start it with an email
address, check a token, complete it with a new password.

Decisions where the reference is silent:

* The token is issued even when the directory sends no reset email.
* The account is looked up by email only, in the application's stores in listIndex
  order (the first store holding it wins); its status does not matter.
* Completing deletes every open reset token of the account, not just the one used.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain import ids
from mockpath.domain.account_fields import password_value
from mockpath.domain.accounts import change_password
from mockpath.domain.common import fetch, stamped
from mockpath.domain.email_verification import account_store_of
from mockpath.domain.login import find_account
from mockpath.domain.models import ACCOUNTS, ENABLED, PASSWORD_RESET_TOKENS, PasswordResetToken
from mockpath.domain.outbox import PASSWORD_RESET, PASSWORD_RESET_SUCCESS, record_email
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.policies import PASSWORD_POLICY, get_policy
from mockpath.domain.validation import required_text
from mockpath.errors import ResetTokenNotFound, UnknownResourceReference
from mockpath.store import Tx, Where

DEFAULT_TTL_HOURS = 24


def start_password_reset(
    tx: Tx, tenant_id: str, application_id: str, body: Mapping[str, object], now: float
) -> PasswordResetToken:
    """`{"email", "accountStore"?}`: a token valid for the directory's resetTokenTtl
    hours, and the reset email when the directory sends it (2000 without an email,
    2016 when no store of the application holds it)."""
    email = required_text(body, "email", "email property")
    account = find_account(
        tx, tenant_id, application_id, email, account_store_of(body), fields=("email",)
    )
    if account is None:
        raise UnknownResourceReference("email", email)
    policy = get_policy(tx, tenant_id, PASSWORD_POLICY, account.directory_id).data
    ttl = policy.get("resetTokenTtl")
    hours = ttl if isinstance(ttl, int) else DEFAULT_TTL_HOURS
    token = PasswordResetToken(
        id=ids.new_token(),
        tenant_id=tenant_id,
        application_id=application_id,
        account_id=account.id,
        email=account.email,
        expires_at=now + hours * 3600,
        **stamped(),
    )
    tx.insert(PASSWORD_RESET_TOKENS, token)
    if policy.get("resetEmailStatus") == ENABLED:
        record_email(tx, PASSWORD_RESET, account, token.id)
    return token


def find_reset_token(
    tx: Tx, tenant_id: str, application_id: str, token: str, now: float
) -> PasswordResetToken:
    """The open token of that application (ResetTokenNotFound when unknown, used,
    expired or issued by another application)."""
    record = tx.find(PASSWORD_RESET_TOKENS, tenant_id, token)
    if record is None or record.application_id != application_id or record.expires_at <= now:
        raise ResetTokenNotFound()
    return record


def complete_password_reset(
    tx: Tx,
    hasher: PasswordHasher,
    tenant_id: str,
    application_id: str,
    token: str,
    body: Mapping[str, object],
    now: float,
) -> PasswordResetToken:
    """Set the password in `body` (strength and preventReuse checked as for any
    password change), close the account's reset tokens and send the success email when
    the directory sends it. Returns the token that was used."""
    record = find_reset_token(tx, tenant_id, application_id, token, now)
    password = password_value(body)
    account = fetch(tx, ACCOUNTS, tenant_id, record.account_id)
    account = change_password(tx, hasher, account, password)
    tx.delete_where(PASSWORD_RESET_TOKENS, tenant_id, Where.of(account_id=account.id))
    policy = get_policy(tx, tenant_id, PASSWORD_POLICY, account.directory_id).data
    if policy.get("resetSuccessEmailStatus") == ENABLED:
        record_email(tx, PASSWORD_RESET_SUCCESS, account)
    return record
