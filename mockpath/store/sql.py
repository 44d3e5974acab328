"""SqlStore: the Store protocol on SQLite through SQLAlchemy 2 Core.

One lock serialises transactions: SQLite allows one writer at a time anyway, and the
in-memory database is a single shared connection. Uniqueness is left to the database:
an IntegrityError becomes StoreConflict naming the columns of the refused constraint.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    and_,
    case,
    create_engine,
    delete,
    event,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from mockpath.domain.models import ApiKey, Kind
from mockpath.store import (
    AccountApplications,
    AccountGroups,
    ApplicationAccounts,
    ApplicationGroups,
    Filter,
    GroupAccounts,
    ListQuery,
    Page,
    Scope,
    StoreApplications,
    StoreConflict,
    StoreNotFound,
    Where,
)
from mockpath.store import tables as t

M = TypeVar("M")

_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)")


def _engine(url: str) -> Engine:
    if url in ("sqlite://", "sqlite:///:memory:"):
        engine = create_engine(
            "sqlite://",
            connect_args={"check_same_thread": False},
            poolclass=StaticPool,
        )
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if url not in ("sqlite://", "sqlite:///:memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _like(pattern: str) -> str:
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%")


class SqlTx:
    """A transaction on one connection; implements store.Tx."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- helpers -------------------------------------------------------------

    @staticmethod
    def _table(kind: Kind[Any]) -> Table:
        return t.BY_KIND[kind.name]

    @staticmethod
    def _tenant_clause(table: Table, tenant_id: str) -> ColumnElement[bool]:
        column = table.c.tenant_id if "tenant_id" in table.c else table.c.id
        return column == tenant_id

    @staticmethod
    def _record(kind: Kind[M], row: Any) -> M:
        return kind.model(**row._mapping)

    # --- Tx ------------------------------------------------------------------

    def find(self, kind: Kind[M], tenant_id: str, id: str) -> M | None:
        table = self._table(kind)
        stmt = select(table).where(table.c.id == id, self._tenant_clause(table, tenant_id))
        row = self._conn.execute(stmt).first()
        return None if row is None else self._record(kind, row)

    def get(self, kind: Kind[M], tenant_id: str, id: str) -> M:
        record = self.find(kind, tenant_id, id)
        if record is None:
            raise StoreNotFound(f"{kind.name}/{id}")
        return record

    def insert(self, kind: Kind[M], record: M) -> M:
        values = dataclasses.asdict(record)  # type: ignore[call-overload]
        try:
            # values as parameters, not baked into the statement: SQLAlchemy then
            # compiles each table's INSERT once and reuses it (half the cost of a tenant)
            self._conn.execute(insert(self._table(kind)), values)
        except IntegrityError as exc:
            raise _conflict(exc) from None
        return record

    def update(self, kind: Kind[M], tenant_id: str, id: str, changes: Mapping[str, object]) -> M:
        table = self._table(kind)
        if changes:
            stmt = (
                update(table)
                .where(table.c.id == id, self._tenant_clause(table, tenant_id))
                .values(**changes)
            )
            try:
                result = self._conn.execute(stmt)
            except IntegrityError as exc:
                raise _conflict(exc) from None
            if result.rowcount == 0:
                raise StoreNotFound(f"{kind.name}/{id}")
        return self.get(kind, tenant_id, id)

    def delete(self, kind: Kind[M], tenant_id: str, id: str) -> None:
        table = self._table(kind)
        stmt = delete(table).where(table.c.id == id, self._tenant_clause(table, tenant_id))
        if self._conn.execute(stmt).rowcount == 0:
            raise StoreNotFound(f"{kind.name}/{id}")

    def delete_where(self, kind: Kind[M], tenant_id: str, scope: Where) -> int:
        table = self._table(kind)
        clauses = [self._tenant_clause(table, tenant_id)]
        clauses += [table.c[name] == value for name, value in scope.fields]
        return self._conn.execute(delete(table).where(*clauses)).rowcount

    def select(
        self, kind: Kind[M], tenant_id: str, scope: Scope, query: ListQuery | None = None
    ) -> Page[M]:
        table = self._table(kind)
        clauses = [self._tenant_clause(table, tenant_id), _scope_clause(table, scope)]
        if query is not None:
            clauses += _query_clauses(table, query)
        where = and_(true(), *clauses)
        stmt = select(table).where(where)
        order: list[ColumnElement[Any]] = [
            table.c[name].desc() if descending else table.c[name].asc()
            for name, descending in (query.order_by if query else ()) or kind.default_order
        ]
        if query is not None and query.q and query.exact_first:
            exact = func.lower(table.c[query.exact_first]) == query.q.lower()
            order.insert(0, case((exact, 0), else_=1))
        stmt = stmt.order_by(*order, literal_column(f'"{table.name}".rowid'))
        if query is None:
            rows = self._conn.execute(stmt).all()
            return Page([self._record(kind, r) for r in rows], 0, len(rows), len(rows))
        total = self._conn.execute(select(func.count()).select_from(table).where(where))
        size = int(total.scalar_one())
        rows = self._conn.execute(stmt.offset(query.offset).limit(query.limit)).all()
        return Page([self._record(kind, r) for r in rows], query.offset, query.limit, size)

    def find_api_key(self, key_id: str) -> ApiKey | None:
        row = self._conn.execute(select(t.api_keys).where(t.api_keys.c.id == key_id)).first()
        return None if row is None else ApiKey(**row._mapping)

    def tenant_ids(self) -> list[str]:
        stmt = select(t.tenants.c.id).order_by(literal_column('"tenants".rowid'))
        return [str(v) for v in self._conn.execute(stmt).scalars()]

    def add_password_history(self, tenant_id: str, account_id: str, hashed: str) -> None:
        self._conn.execute(
            insert(t.password_history).values(
                tenant_id=tenant_id, account_id=account_id, hash=hashed
            )
        )

    def password_history(self, tenant_id: str, account_id: str, count: int) -> list[str]:
        h = t.password_history
        stmt = (
            select(h.c.hash)
            .where(h.c.tenant_id == tenant_id, h.c.account_id == account_id)
            .order_by(h.c.seq.desc())
            .limit(count)
        )
        return [str(v) for v in self._conn.execute(stmt).scalars()]

    def clear_password_history(self, tenant_id: str, account_id: str) -> None:
        h = t.password_history
        self._conn.execute(
            delete(h).where(h.c.tenant_id == tenant_id, h.c.account_id == account_id)
        )


def _conflict(exc: IntegrityError) -> StoreConflict:
    match = _UNIQUE.search(str(exc.orig))
    if match is None:
        return StoreConflict(())
    columns = tuple(part.strip().split(".")[-1] for part in match.group(1).split(","))
    return StoreConflict(columns)


def _mapped(application_id: str, store_type: str) -> Any:
    m = t.account_store_mappings
    return select(m.c.store_id).where(
        m.c.application_id == application_id, m.c.store_type == store_type
    )


def _scope_clause(table: Table, scope: Scope) -> ColumnElement[bool]:
    gm = t.group_memberships
    m = t.account_store_mappings
    if isinstance(scope, Where):
        return and_(true(), *[table.c[name] == value for name, value in scope.fields])
    if isinstance(scope, ApplicationAccounts):
        in_groups = select(gm.c.account_id).where(
            gm.c.group_id.in_(_mapped(scope.application_id, "groups"))
        )
        return or_(
            table.c.directory_id.in_(_mapped(scope.application_id, "directories")),
            table.c.id.in_(in_groups),
        )
    if isinstance(scope, ApplicationGroups):
        return or_(
            table.c.directory_id.in_(_mapped(scope.application_id, "directories")),
            table.c.id.in_(_mapped(scope.application_id, "groups")),
        )
    if isinstance(scope, AccountGroups):
        return table.c.id.in_(select(gm.c.group_id).where(gm.c.account_id == scope.account_id))
    if isinstance(scope, GroupAccounts):
        return table.c.id.in_(select(gm.c.account_id).where(gm.c.group_id == scope.group_id))
    if isinstance(scope, StoreApplications):
        return table.c.id.in_(
            select(m.c.application_id).where(
                m.c.store_type == scope.store_type, m.c.store_id == scope.store_id
            )
        )
    if isinstance(scope, AccountApplications):
        a = t.accounts
        directory = select(a.c.directory_id).where(a.c.id == scope.account_id)
        groups = select(gm.c.group_id).where(gm.c.account_id == scope.account_id)
        by_directory = and_(m.c.store_type == "directories", m.c.store_id.in_(directory))
        by_group = and_(m.c.store_type == "groups", m.c.store_id.in_(groups))
        return table.c.id.in_(select(m.c.application_id).where(or_(by_directory, by_group)))
    return false()


def _match(column: Any, pattern: str) -> ColumnElement[bool]:
    if "*" not in pattern:
        return func.lower(column) == pattern.lower()
    return func.lower(column).like(_like(pattern.lower()), escape="\\")


def _query_clauses(table: Table, query: ListQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if query.q:
        needle = f"*{query.q}*"
        clauses.append(or_(*[_match(table.c[name], needle) for name in query.q_fields]))
    clauses += [_filter(table, f) for f in query.filters]
    return clauses


def _filter(table: Table, item: Filter) -> ColumnElement[bool]:
    return _match(table.c[item.field], item.pattern)


class SqlStore:
    """Store backed by SQLite: `sqlite://` (in memory) or `sqlite:///path.db`."""

    def __init__(self, url: str = "sqlite://") -> None:
        self.url = url
        self._engine = _engine(url)
        self._lock = threading.RLock()
        t.metadata.create_all(self._engine)

    @contextmanager
    def _transaction(self) -> Iterator[SqlTx]:
        with self._lock, self._engine.begin() as conn:
            yield SqlTx(conn)

    def read(self) -> Any:
        return self._transaction()

    def write(self) -> Any:
        return self._transaction()

    def reset(self) -> None:
        with self._lock, self._engine.begin() as conn:
            for table in reversed(t.metadata.sorted_tables):
                conn.execute(delete(table))

    def close(self) -> None:
        self._engine.dispose()
