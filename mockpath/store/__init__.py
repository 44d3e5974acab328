"""The store interface: what the domain and the API see of persistence.

One real implementation lives in `store.sql` (SQLite through SQLAlchemy 2). Everything
that touches tenant data takes the tenant id, so a cross-tenant read cannot be written
by accident. Work happens inside a transaction obtained from `Store.read()` or
`Store.write()`; a write transaction is all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from mockpath.domain.models import ApiKey, Kind

M = TypeVar("M")


class StoreNotFound(LookupError):
    """No record with that id in that tenant."""


class StoreConflict(Exception):
    """A uniqueness constraint refused the write; `fields` names its columns."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


# --- collection scopes: which records a collection holds ------------------------


@dataclass(frozen=True, slots=True)
class Where:
    """Records whose fields equal the given values (all of them)."""

    fields: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, **fields: object) -> Where:
        return cls(tuple(fields.items()))


@dataclass(frozen=True, slots=True)
class ApplicationAccounts:
    """Accounts of every directory and group mapped to the application."""

    application_id: str


@dataclass(frozen=True, slots=True)
class ApplicationGroups:
    """Groups of every directory mapped to the application, and groups mapped directly."""

    application_id: str


@dataclass(frozen=True, slots=True)
class AccountGroups:
    """Groups the account is a member of."""

    account_id: str


@dataclass(frozen=True, slots=True)
class GroupAccounts:
    """Accounts that are members of the group."""

    group_id: str


@dataclass(frozen=True, slots=True)
class StoreApplications:
    """Applications an account store (directory or group) is mapped to."""

    store_type: str
    store_id: str


@dataclass(frozen=True, slots=True)
class AccountApplications:
    """Applications whose mapped stores contain the account."""

    account_id: str


Scope = (
    Where
    | ApplicationAccounts
    | ApplicationGroups
    | AccountGroups
    | GroupAccounts
    | StoreApplications
    | AccountApplications
)


@dataclass(frozen=True, slots=True)
class Filter:
    """An attribute filter on a field: exact (case-insensitive) or with `*` wildcards."""

    field: str
    pattern: str


@dataclass(frozen=True, slots=True)
class ListQuery:
    """What part of a collection to return, already validated against its Kind."""

    offset: int = 0
    limit: int = 25
    q: str | None = None
    q_fields: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    order_by: tuple[tuple[str, bool], ...] = ()  # (field, descending)
    # with q= and no orderBy: records whose field equals q (case-insensitive) come first
    exact_first: str | None = None


@dataclass(frozen=True, slots=True)
class Page(Generic[M]):
    items: Sequence[M]
    offset: int
    limit: int
    size: int  # total number of matching records, not the page length


class Tx(Protocol):
    """One transaction. Records are the frozen dataclasses of `domain.models`."""

    def get(self, kind: Kind[M], tenant_id: str, id: str) -> M:
        """The record, or StoreNotFound."""

    def find(self, kind: Kind[M], tenant_id: str, id: str) -> M | None: ...

    def insert(self, kind: Kind[M], record: M) -> M:
        """Insert; StoreConflict when a unique constraint refuses it."""

    def update(self, kind: Kind[M], tenant_id: str, id: str, changes: Mapping[str, object]) -> M:
        """Change fields and return the new record; StoreNotFound, StoreConflict."""

    def delete(self, kind: Kind[M], tenant_id: str, id: str) -> None:
        """Delete one record; StoreNotFound when absent."""

    def delete_where(self, kind: Kind[M], tenant_id: str, scope: Where) -> int:
        """Delete every record of the scope; returns how many."""

    def select(
        self, kind: Kind[M], tenant_id: str, scope: Scope, query: ListQuery | None = None
    ) -> Page[M]:
        """A page of the collection (every record when query is None)."""

    def find_api_key(self, key_id: str) -> ApiKey | None:
        """The API key with that id in any tenant (authentication starts here)."""

    def tenant_ids(self) -> list[str]:
        """The id of every tenant, oldest first (the CLI bootstrap looks for one)."""

    def add_password_history(self, tenant_id: str, account_id: str, hashed: str) -> None: ...

    def password_history(self, tenant_id: str, account_id: str, count: int) -> list[str]:
        """The last `count` password hashes of the account, newest first."""

    def clear_password_history(self, tenant_id: str, account_id: str) -> None:
        """Forget every password hash of the account (it is being deleted)."""


class Store(Protocol):
    """Owns the database; hands out transactions."""

    def read(self) -> AbstractContextManager[Tx]: ...

    def write(self) -> AbstractContextManager[Tx]: ...

    def reset(self) -> None:
        """Remove every record of every tenant (schema stays)."""

    def close(self) -> None: ...
