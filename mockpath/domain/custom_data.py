"""Custom data documents: created empty with their owner, removed with it."""

from __future__ import annotations

from collections.abc import Mapping

from mockpath.domain.common import stamped
from mockpath.domain.models import CUSTOM_DATA, CustomData
from mockpath.store import Tx


def create_custom_data(
    tx: Tx, tenant_id: str, owner_path: str, data: Mapping[str, object] | None = None
) -> CustomData:
    return tx.insert(
        CUSTOM_DATA,
        CustomData(id=owner_path, tenant_id=tenant_id, data=dict(data or {}), **stamped()),
    )


def delete_custom_data(tx: Tx, tenant_id: str, owner_path: str) -> None:
    if tx.find(CUSTOM_DATA, tenant_id, owner_path) is not None:
        tx.delete(CUSTOM_DATA, tenant_id, owner_path)
