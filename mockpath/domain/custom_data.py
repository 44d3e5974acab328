"""Custom data documents (stormpath-api.md §6.9).

Every tenant, application, directory, group and account owns one document, created
with it and removed with it. Stored under the owner's path (`/accounts/<id>`). Writes
merge: given keys are replaced whole, keys given as null are removed, others stay.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from mockpath.domain import ids
from mockpath.domain.common import fetch, stamped
from mockpath.domain.models import (
    ACCOUNTS,
    APPLICATIONS,
    CUSTOM_DATA,
    DIRECTORIES,
    GROUPS,
    TENANTS,
    CustomData,
    Kind,
)
from mockpath.errors import (
    CustomDataKeyEmpty,
    CustomDataKeyInvalid,
    CustomDataKeyReserved,
    CustomDataKeyTooLong,
    CustomDataTooLarge,
    NotFound,
)
from mockpath.hrefs import split_path
from mockpath.store import Tx

MAX_KEY_LENGTH = 255
MAX_SIZE = 10 * 1024 * 1024  # bytes of the compact UTF-8 JSON of the whole document

# Read-only attributes a client may send back: ignored, never stored.
IGNORED_KEYS = frozenset({"href", "createdAt", "modifiedAt"})
RESERVED_KEYS = frozenset(
    {*IGNORED_KEYS, "meta", "spMeta", "spmeta", "ionmeta", "ionMeta"},
)
_KEY = re.compile(r"[0-9A-Za-z_][0-9A-Za-z_-]*")

OWNER_KINDS: dict[str, Kind[Any]] = {
    "tenants": TENANTS,
    "applications": APPLICATIONS,
    "directories": DIRECTORIES,
    "groups": GROUPS,
    "accounts": ACCOUNTS,
}


def check_key(key: str) -> None:
    """Raise the 3000-3003 error a custom data key deserves, if any."""
    if not key:
        raise CustomDataKeyEmpty()
    if len(key) > MAX_KEY_LENGTH:
        raise CustomDataKeyTooLong()
    if not _KEY.fullmatch(key):
        raise CustomDataKeyInvalid(key)
    if key in RESERVED_KEYS:
        raise CustomDataKeyReserved(key)


def validate_custom_data(data: Mapping[str, object]) -> dict[str, object]:
    """The keys of `data` a write applies: href/createdAt/modifiedAt dropped, every
    other key checked (3000 empty, 3001 too long, 3002 bad characters, 3003 reserved)."""
    valid: dict[str, object] = {}
    for key, value in data.items():
        if key in IGNORED_KEYS:
            continue
        check_key(key)
        valid[key] = value
    return valid


def check_size(data: Mapping[str, object]) -> None:
    """3004 when the document's compact JSON is larger than 10 MB."""
    encoded = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if len(encoded) > MAX_SIZE:
        raise CustomDataTooLarge()


def _merged(current: Mapping[str, object], changes: Mapping[str, object]) -> dict[str, object]:
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def fetch_owner(tx: Tx, tenant_id: str, owner_path: str) -> object:
    """The record owning the custom data at `owner_path` (404 when absent)."""
    parts = split_path(owner_path)
    kind = OWNER_KINDS.get(parts[0]) if parts else None
    if parts is None or kind is None:
        raise NotFound()
    return fetch(tx, kind, tenant_id, parts[1])


def get_custom_data(tx: Tx, tenant_id: str, owner_path: str) -> CustomData:
    """The owner's document; an empty one (not stored) when it has none yet."""
    found = tx.find(CUSTOM_DATA, tenant_id, owner_path)
    if found is not None:
        return found
    fetch_owner(tx, tenant_id, owner_path)
    return CustomData(id=owner_path, tenant_id=tenant_id, data={}, **stamped())


def _save(tx: Tx, tenant_id: str, owner_path: str, data: dict[str, object]) -> CustomData:
    if tx.find(CUSTOM_DATA, tenant_id, owner_path) is None:
        return create_custom_data(tx, tenant_id, owner_path, data)
    changes = {"data": data, "modified_at": ids.timestamp()}
    return tx.update(CUSTOM_DATA, tenant_id, owner_path, changes)


def create_custom_data(
    tx: Tx, tenant_id: str, owner_path: str, data: Mapping[str, object] | None = None
) -> CustomData:
    """The owner's document, initialised from an embedded `customData` object (the
    same rules as a merge into an empty document)."""
    initial = _merged({}, validate_custom_data(data or {}))
    check_size(initial)
    return tx.insert(
        CUSTOM_DATA,
        CustomData(id=owner_path, tenant_id=tenant_id, data=initial, **stamped()),
    )


def merge_custom_data(
    tx: Tx, tenant_id: str, owner_path: str, changes: Mapping[str, object]
) -> CustomData:
    """Merge `changes` into the owner's document and bump its modifiedAt.

    The owner must exist (404); keys are validated before anything changes, the size
    after merging.
    """
    valid = validate_custom_data(changes)
    current = get_custom_data(tx, tenant_id, owner_path)
    merged = _merged(current.data, valid)
    check_size(merged)
    return _save(tx, tenant_id, owner_path, merged)


def merge_embedded_custom_data(
    tx: Tx, tenant_id: str, owner_path: str, value: object
) -> CustomData | None:
    """Apply a `customData` attribute of an update body (§6 junk rules): an object
    with keys besides href/createdAt/modifiedAt is merged; anything else is ignored."""
    if not isinstance(value, Mapping) or not (value.keys() - IGNORED_KEYS):
        return None
    return merge_custom_data(tx, tenant_id, owner_path, value)


def clear_custom_data(tx: Tx, tenant_id: str, owner_path: str) -> CustomData:
    """Remove every key; the document itself remains."""
    fetch_owner(tx, tenant_id, owner_path)
    return _save(tx, tenant_id, owner_path, {})


def remove_custom_data_key(tx: Tx, tenant_id: str, owner_path: str, key: str) -> None:
    """Remove one key; an unknown key is not an error."""
    current = get_custom_data(tx, tenant_id, owner_path)
    if key in current.data:
        _save(tx, tenant_id, owner_path, {k: v for k, v in current.data.items() if k != key})


def delete_custom_data(tx: Tx, tenant_id: str, owner_path: str) -> None:
    if tx.find(CUSTOM_DATA, tenant_id, owner_path) is not None:
        tx.delete(CUSTOM_DATA, tenant_id, owner_path)
