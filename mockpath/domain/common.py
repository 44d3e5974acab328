"""Small helpers every domain module uses: fetch-or-404, stamps, uniqueness mapping."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mockpath.domain import ids
from mockpath.domain.models import Kind
from mockpath.errors import NotFound, StormpathError
from mockpath.store import StoreConflict, Tx

M = TypeVar("M")


def fetch(tx: Tx, kind: Kind[M], tenant_id: str, id: str) -> M:
    """The record, or the Stormpath 404 error."""
    record = tx.find(kind, tenant_id, id)
    if record is None:
        raise NotFound()
    return record


def conflict_error(
    exc: StoreConflict, by_field: dict[str, Callable[[], StormpathError]]
) -> StormpathError:
    """The error for a refused write: the first constrained field we have a text for."""
    for name in reversed(exc.fields):
        if name in by_field:
            return by_field[name]()
    return next(iter(by_field.values()))()


def stamped() -> dict[str, str]:
    moment = ids.timestamp()
    return {"created_at": moment, "modified_at": moment}


def touched() -> dict[str, str]:
    return {"modified_at": ids.timestamp()}
