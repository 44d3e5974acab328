"""Accounts: create, update, delete (stormpath-api.md §6.10, §4.3, §8).

Creation runs in two steps so that the (slow, bcrypt) hash is computed outside any
transaction: `plan_account` reads the target directory's policies and validates the
body in a read transaction, `hash_plan` hashes, `insert_account` writes. Errors come
in the order of §4.3: required (2000), email format (2006), uniqueness (409/2001,
decided by the database constraint alone), password length (2007/2008), character
classes (400), then the account creation policy's email domain lists (7206/7205).
The later ones are found while planning but raised only after the insert succeeded,
inside the write transaction, which rolls the insert back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from mockpath.domain import ids
from mockpath.domain.account_fields import (
    EMAIL_VERIFICATION_STATUSES,
    MAX_NAME,
    domain_problem,
    email_value,
    embedded_custom_data,
    password_value,
    required_email,
    strength_problem,
    username_value,
    well_formed,
)
from mockpath.domain.common import conflict_error, fetch, touched
from mockpath.domain.custom_data import create_custom_data, merge_embedded_custom_data
from mockpath.domain.email_verification import send_creation_emails
from mockpath.domain.models import (
    ACCOUNT_STATUSES,
    ACCOUNT_STORE_MAPPINGS,
    ACCOUNTS,
    ADMIN_DIRECTORY,
    API_KEYS,
    APPLICATIONS,
    DIRECTORIES,
    ENABLED,
    GROUP_MEMBERSHIPS,
    GROUPS,
    UNVERIFIED,
    Account,
    Directory,
    GroupMembership,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.policies import ACCOUNT_CREATION_POLICY, STRENGTH, get_policy
from mockpath.domain.validation import optional_text, status_value
from mockpath.errors import (
    DefaultAccountStoreDisabled,
    EmailTaken,
    InvalidValue,
    NoDefaultAccountStore,
    OwnerAccountNotDeletable,
    PasswordReused,
    StormpathError,
    UsernameTaken,
)
from mockpath.store import StoreConflict, Tx, Where


@dataclass(frozen=True, slots=True)
class CreateOptions:
    """Query parameters of an account create (§6.10)."""

    workflow: bool = True  # registrationWorkflowEnabled (false skips verification)
    mcf: bool = False  # passwordFormat=mcf: the password is a hash to import


@dataclass(frozen=True, slots=True)
class AccountTarget:
    """Where a new account goes: a directory, and the group to join when the
    application's default account store is a group."""

    directory_id: str
    group_id: str | None = None


@dataclass(frozen=True, slots=True)
class AccountPlan:
    """A validated account, not yet stored. `deferred` is the first error that §4.3
    ranks after uniqueness; it is raised once the insert has passed the constraint."""

    tenant_id: str
    target: AccountTarget
    record: Account
    password: str = field(repr=False)
    mcf: bool
    custom_data: dict[str, object] | None
    deferred: StormpathError | None
    workflow: bool = True  # send the creation emails (verification or welcome)


# --- where new accounts go -----------------------------------------------------


def directory_target(tx: Tx, tenant_id: str, directory_id: str) -> AccountTarget:
    """`POST /directories/<id>/accounts` (404 for an unknown directory)."""
    fetch(tx, DIRECTORIES, tenant_id, directory_id)
    return AccountTarget(directory_id)


def application_target(tx: Tx, tenant_id: str, application_id: str) -> AccountTarget:
    """The application's default account store: 5100 when it has none, 5101 when the
    store (or a group store's directory) is disabled."""
    fetch(tx, APPLICATIONS, tenant_id, application_id)
    scope = Where.of(application_id=application_id, is_default_account_store=True)
    mappings = tx.select(ACCOUNT_STORE_MAPPINGS, tenant_id, scope).items
    if not mappings:
        raise NoDefaultAccountStore()
    mapping = mappings[0]
    if mapping.store_type == "groups":
        group = tx.find(GROUPS, tenant_id, mapping.store_id)
        if group is None:
            raise NoDefaultAccountStore()
        directory = tx.find(DIRECTORIES, tenant_id, group.directory_id)
        if group.status != ENABLED or directory is None or directory.status != ENABLED:
            raise DefaultAccountStoreDisabled()
        return AccountTarget(group.directory_id, group.id)
    if mapping.store_type != "directories":
        raise NoDefaultAccountStore()
    directory = tx.find(DIRECTORIES, tenant_id, mapping.store_id)
    if directory is None:
        raise NoDefaultAccountStore()
    if directory.status != ENABLED:
        raise DefaultAccountStoreDisabled()
    return AccountTarget(directory.id)


# --- create ----------------------------------------------------------------------


def plan_account(
    tx: Tx,
    tenant_id: str,
    target: AccountTarget,
    body: Mapping[str, object],
    options: CreateOptions = CreateOptions(),
) -> AccountPlan:
    """Validate a create body against the target directory's policies (no writes)."""
    email = required_email(body)
    password = password_value(body)
    well_formed(email)  # §4.3: every required property before any format
    record = Account(
        id=ids.new_id(),
        tenant_id=tenant_id,
        directory_id=target.directory_id,
        email=email,
        username=username_value(body, email),
        given_name=optional_text(body, "givenName", max_length=MAX_NAME),
        middle_name=optional_text(body, "middleName", max_length=MAX_NAME),
        surname=optional_text(body, "surname", max_length=MAX_NAME),
        status=status_value(body, ACCOUNT_STATUSES, default=ENABLED),
        email_verification_status=status_value(
            body,
            EMAIL_VERIFICATION_STATUSES,
            default=UNVERIFIED,
            name="emailVerificationStatus",
        ),
        email_verification_token=None,
        password_hash=None,
        password_modified_at=None,
        provider_data=None,
        created_at="",
        modified_at="",
    )
    custom_data = embedded_custom_data(body)
    creation = get_policy(tx, tenant_id, ACCOUNT_CREATION_POLICY, target.directory_id).data
    deferred = None
    if not options.mcf:
        strength = get_policy(tx, tenant_id, STRENGTH, target.directory_id).data
        deferred = strength_problem(password, strength)
    deferred = deferred or domain_problem(email, creation)
    if options.workflow and creation.get("verificationEmailStatus") == ENABLED:
        # The verification workflow overrides a client-sent ENABLED (§6.8, §6.10).
        record = dataclasses.replace(
            record,
            status=UNVERIFIED if record.status == ENABLED else record.status,
            email_verification_status=UNVERIFIED,
            email_verification_token=ids.new_token(),
        )
    return AccountPlan(
        tenant_id, target, record, password, options.mcf, custom_data, deferred, options.workflow
    )


def hash_plan(plan: AccountPlan, hasher: PasswordHasher) -> AccountPlan:
    """The plan with its password hashed (or its MCF hash imported). Slow for bcrypt:
    call it outside a transaction. Nothing is hashed for a plan that will fail."""
    if plan.deferred is not None:
        return plan
    try:
        hashed = hasher.import_mcf(plan.password) if plan.mcf else hasher.hash(plan.password)
    except StormpathError as exc:
        return dataclasses.replace(plan, deferred=exc)
    return dataclasses.replace(plan, record=dataclasses.replace(plan.record, password_hash=hashed))


def insert_account(tx: Tx, plan: AccountPlan) -> Account:
    """Store a hashed plan with its custom data, history and group membership."""
    tenant_id, target = plan.tenant_id, plan.target
    fetch(tx, DIRECTORIES, tenant_id, target.directory_id)
    if target.group_id is not None:
        fetch(tx, GROUPS, tenant_id, target.group_id)
    moment = ids.timestamp()
    record = dataclasses.replace(
        plan.record, created_at=moment, modified_at=moment, password_modified_at=moment
    )
    try:
        tx.insert(ACCOUNTS, record)
    except StoreConflict as exc:
        raise _taken(tx, exc, record) from None
    if plan.deferred is not None:
        raise plan.deferred
    if record.password_hash is None:  # a plan that skipped hash_plan
        raise InvalidValue("The account password was not hashed.")
    tx.add_password_history(tenant_id, record.id, record.password_hash)
    create_custom_data(tx, tenant_id, f"/accounts/{record.id}", plan.custom_data)
    if target.group_id is not None:
        tx.insert(
            GROUP_MEMBERSHIPS,
            GroupMembership(
                id=ids.new_id(),
                tenant_id=tenant_id,
                account_id=record.id,
                group_id=target.group_id,
                created_at=moment,
                modified_at=moment,
            ),
        )
    send_creation_emails(tx, record, plan.workflow)
    return record


def create_account(
    tx: Tx,
    hasher: PasswordHasher,
    tenant_id: str,
    target: AccountTarget,
    body: Mapping[str, object],
    options: CreateOptions = CreateOptions(),
) -> Account:
    """Plan, hash and insert in one transaction (for callers that hash rarely)."""
    plan = plan_account(tx, tenant_id, target, body, options)
    return insert_account(tx, hash_plan(plan, hasher))


def _taken(tx: Tx, exc: StoreConflict, record: Account, email: str | None = None) -> StormpathError:
    """409 for a write of `record` the database refused. SQLite names only the first
    constraint it checked; when that is the username one (a username defaults to the
    email, so both usually collide), a look-up after the refusal picks the email text
    if the email is the one taken. The decision itself stays with the constraint."""
    error = conflict_error(exc, {"email": EmailTaken, "username": UsernameTaken})
    if isinstance(error, UsernameTaken):
        scope = Where.of(directory_id=record.directory_id, email=email or record.email)
        if any(
            other.id != record.id for other in tx.select(ACCOUNTS, record.tenant_id, scope).items
        ):
            return EmailTaken()
    return error


# --- update ------------------------------------------------------------------------


def update_account(
    tx: Tx, hasher: PasswordHasher, tenant_id: str, account_id: str, body: Mapping[str, object]
) -> Account:
    """Apply the writable attributes present in `body`; everything else is ignored
    (§6 junk rules). Uniqueness is re-checked by the database."""
    current = fetch(tx, ACCOUNTS, tenant_id, account_id)
    changes: dict[str, object] = {}
    email = email_value(body) if "email" in body else current.email
    if "email" in body:
        changes["email"] = email
    if "username" in body:
        changes["username"] = username_value(body, email)
    for name, column in (
        ("givenName", "given_name"),
        ("middleName", "middle_name"),
        ("surname", "surname"),
    ):
        if name in body:
            changes[column] = optional_text(body, name, max_length=MAX_NAME)
    if "status" in body:
        changes["status"] = status_value(body, ACCOUNT_STATUSES, default=current.status)
    if "emailVerificationStatus" in body:
        changes["email_verification_status"] = status_value(
            body,
            EMAIL_VERIFICATION_STATUSES,
            default=current.email_verification_status,
            name="emailVerificationStatus",
        )
    try:
        updated = tx.update(ACCOUNTS, tenant_id, account_id, {**changes, **touched()})
    except StoreConflict as exc:
        raise _taken(tx, exc, current, email) from None
    if "password" in body:
        updated = change_password(tx, hasher, updated, password_value(body))
    merge_embedded_custom_data(tx, tenant_id, f"/accounts/{account_id}", body.get("customData"))
    return updated


def change_password(tx: Tx, hasher: PasswordHasher, account: Account, password: str) -> Account:
    """Check `password` against the directory's strength policy and its preventReuse
    history (2012), store its hash and bump passwordModifiedAt."""
    strength = get_policy(tx, account.tenant_id, STRENGTH, account.directory_id).data
    problem = strength_problem(password, strength)
    if problem is not None:
        raise problem
    reuse = strength.get("preventReuse")
    if isinstance(reuse, int) and reuse > 0:
        history = tx.password_history(account.tenant_id, account.id, reuse)
        if hasher.matches_any(password, history):
            raise PasswordReused()
    hashed = hasher.hash(password)
    tx.add_password_history(account.tenant_id, account.id, hashed)
    moment = ids.timestamp()
    changes = {"password_hash": hashed, "password_modified_at": moment, "modified_at": moment}
    return tx.update(ACCOUNTS, account.tenant_id, account.id, changes)


# --- delete ------------------------------------------------------------------------


def is_tenant_owner(tx: Tx, account: Account) -> bool:
    """Whether the account holds an API key in the Stormpath Administrators directory
    (the key the tenant's clients use)."""
    directory: Directory | None = tx.find(DIRECTORIES, account.tenant_id, account.directory_id)
    if directory is None or directory.name != ADMIN_DIRECTORY:
        return False
    keys = tx.select(API_KEYS, account.tenant_id, Where.of(account_id=account.id))
    return bool(keys.items)


def delete_account(tx: Tx, tenant_id: str, account_id: str) -> None:
    """Delete the account and what it owns (§8); 4001 for the tenant owner."""
    from mockpath.domain.cascades import delete_account_records

    account = fetch(tx, ACCOUNTS, tenant_id, account_id)
    if is_tenant_owner(tx, account):
        raise OwnerAccountNotDeletable()
    delete_account_records(tx, tenant_id, account_id)
