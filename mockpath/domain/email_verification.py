"""The email verification workflow (stormpath-api.md §6.8, §7.3): the emails an
account creation sends, consuming a verification token, and re-sending it.

Decisions where the reference is silent:

* Verification tokens stay valid until used or until the account is deleted.
* `registrationWorkflowEnabled=false` on a create sends no email at all.
* Re-sending: a directory without the verification workflow is 6101 (checked before
  the account's status); an account whose status is not UNVERIFIED gets 202 and no
  email; an UNVERIFIED account without a token gets a new one.
"""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain import ids
from mockpath.domain.common import touched
from mockpath.domain.login import find_account
from mockpath.domain.models import ACCOUNTS, ENABLED, UNVERIFIED, VERIFIED, Account
from mockpath.domain.outbox import VERIFICATION, VERIFICATION_SUCCESS, WELCOME, record_email
from mockpath.domain.policies import ACCOUNT_CREATION_POLICY, get_policy
from mockpath.domain.validation import required_text
from mockpath.errors import NotFound, UnknownResourceReference, VerificationDisabled
from mockpath.store import Tx, Where


def _policy(tx: Tx, account: Account) -> Mapping[str, object]:
    return get_policy(tx, account.tenant_id, ACCOUNT_CREATION_POLICY, account.directory_id).data


def send_creation_emails(tx: Tx, account: Account, workflow: bool = True) -> None:
    """A new account gets the verification email when it carries a token, else the
    welcome email when the directory's policy sends one."""
    if account.email_verification_token is not None:
        record_email(tx, VERIFICATION, account, account.email_verification_token)
    elif workflow and _policy(tx, account).get("welcomeEmailStatus") == ENABLED:
        record_email(tx, WELCOME, account)


def verify_email_token(tx: Tx, tenant_id: str, token: str) -> Account:
    """Consume a verification token: the account becomes VERIFIED (and ENABLED when it
    was UNVERIFIED); 404 for an unknown or used token."""
    found = tx.select(ACCOUNTS, tenant_id, Where.of(email_verification_token=token)).items
    if not found:
        raise NotFound()
    account = found[0]
    changes: dict[str, object] = {
        "email_verification_status": VERIFIED,
        "email_verification_token": None,
        **touched(),
    }
    if account.status == UNVERIFIED:
        changes["status"] = ENABLED
    account = tx.update(ACCOUNTS, tenant_id, account.id, changes)
    policy = _policy(tx, account)
    if policy.get("verificationSuccessEmailStatus") == ENABLED:
        record_email(tx, VERIFICATION_SUCCESS, account)
    if policy.get("welcomeEmailStatus") == ENABLED:
        record_email(tx, WELCOME, account)
    return account


def account_store_of(body: Mapping[str, object]) -> object:
    """`accountStore` (`{"href"}`), or Python's `account_store` (an href string)."""
    store = body.get("accountStore")
    return store if store is not None else body.get("account_store")


def resend_verification_email(
    tx: Tx, tenant_id: str, application_id: str, body: Mapping[str, object]
) -> None:
    """`{"login", "accountStore"?}`: send the verification email again (2000 without a
    login, 2016 when no store of the application holds it)."""
    login = required_text(body, "login", "login property")
    account = find_account(tx, tenant_id, application_id, login, account_store_of(body))
    if account is None:
        raise UnknownResourceReference("login", login)
    if _policy(tx, account).get("verificationEmailStatus") != ENABLED:
        raise VerificationDisabled()
    if account.status != UNVERIFIED:
        return
    if account.email_verification_token is None:
        changes = {
            "email_verification_token": ids.new_token(),
            "email_verification_status": UNVERIFIED,
            **touched(),
        }
        account = tx.update(ACCOUNTS, tenant_id, account.id, changes)
    record_email(tx, VERIFICATION, account, account.email_verification_token)
