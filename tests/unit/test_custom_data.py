"""Custom data rules: key validation, size limit and merge (stormpath-api.md §6.9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mockpath.domain.custom_data import (
    MAX_SIZE,
    check_size,
    clear_custom_data,
    create_custom_data,
    get_custom_data,
    merge_custom_data,
    merge_embedded_custom_data,
    remove_custom_data_key,
    validate_custom_data,
)
from mockpath.domain.passwords import PasswordHasher
from mockpath.domain.tenants import create_tenant
from mockpath.errors import (
    CustomDataKeyEmpty,
    CustomDataKeyInvalid,
    CustomDataKeyReserved,
    CustomDataKeyTooLong,
    CustomDataTooLarge,
    NotFound,
    StormpathError,
)
from mockpath.store import Tx
from mockpath.store.sql import SqlStore


@pytest.fixture
def tx() -> Iterator[Tx]:
    store = SqlStore("sqlite://")
    with store.write() as transaction:
        yield transaction
    store.close()


@pytest.fixture
def tenant_path(tx: Tx) -> tuple[str, str]:
    made = create_tenant(tx, PasswordHasher("fast"))
    return made.tenant.id, f"/tenants/{made.tenant.id}"


def test_read_only_attributes_are_dropped() -> None:
    body = {"href": "x", "createdAt": "y", "modifiedAt": "z", "a": 1, "b": None}
    assert validate_custom_data(body) == {"a": 1, "b": None}


@pytest.mark.parametrize(
    "key, error",
    [
        ("", CustomDataKeyEmpty),
        ("a" * 256, CustomDataKeyTooLong),
        ("a b", CustomDataKeyInvalid),
        ("-a", CustomDataKeyInvalid),
        ("a$", CustomDataKeyInvalid),
        ("a\n", CustomDataKeyInvalid),
        ("é", CustomDataKeyInvalid),
        ("meta", CustomDataKeyReserved),
        ("spMeta", CustomDataKeyReserved),
        ("spmeta", CustomDataKeyReserved),
        ("ionmeta", CustomDataKeyReserved),
        ("ionMeta", CustomDataKeyReserved),
    ],
)
def test_bad_keys(key: str, error: type[StormpathError]) -> None:
    with pytest.raises(error):
        validate_custom_data({key: 1})


def test_error_codes() -> None:
    codes = [
        CustomDataKeyEmpty().error_code,
        CustomDataKeyTooLong().error_code,
        CustomDataKeyInvalid("k").error_code,
        CustomDataKeyReserved("k").error_code,
        CustomDataTooLarge().error_code,
    ]
    assert codes == [3000, 3001, 3002, 3003, 3004]


@pytest.mark.parametrize("key", ["a", "A_b-c", "_", "0", "a" * 255, "Meta", "metadata"])
def test_good_keys(key: str) -> None:
    assert validate_custom_data({key: 1}) == {key: 1}


def test_size_limit_counts_utf8_bytes_of_compact_json() -> None:
    overhead = len('{"k":""}')
    check_size({"k": "x" * (MAX_SIZE - overhead)})
    with pytest.raises(CustomDataTooLarge):
        check_size({"k": "x" * (MAX_SIZE - overhead + 1)})
    with pytest.raises(CustomDataTooLarge):
        check_size({"k": "é" * ((MAX_SIZE - overhead) // 2 + 1)})


def test_merge_semantics(tx: Tx, tenant_path: tuple[str, str]) -> None:
    tenant_id, path = tenant_path
    merge_custom_data(tx, tenant_id, path, {"a": {"x": 1, "y": 2}, "b": 1, "c": 1})
    merged = merge_custom_data(tx, tenant_id, path, {"a": {"z": 3}, "b": None, "d": None})
    assert merged.data == {"a": {"z": 3}, "c": 1}
    assert get_custom_data(tx, tenant_id, path).data == {"a": {"z": 3}, "c": 1}


def test_refused_merge_changes_nothing(tx: Tx, tenant_path: tuple[str, str]) -> None:
    tenant_id, path = tenant_path
    merge_custom_data(tx, tenant_id, path, {"a": 1})
    with pytest.raises(CustomDataKeyReserved):
        merge_custom_data(tx, tenant_id, path, {"b": 2, "meta": 1})
    assert get_custom_data(tx, tenant_id, path).data == {"a": 1}


def test_embedded_link_only_is_ignored(tx: Tx, tenant_path: tuple[str, str]) -> None:
    tenant_id, path = tenant_path
    merge_custom_data(tx, tenant_id, path, {"a": 1})
    assert merge_embedded_custom_data(tx, tenant_id, path, {"href": "x"}) is None
    assert merge_embedded_custom_data(tx, tenant_id, path, None) is None
    merged = merge_embedded_custom_data(tx, tenant_id, path, {"href": "x", "b": 2})
    assert merged is not None and merged.data == {"a": 1, "b": 2}


def test_clear_and_remove_key(tx: Tx, tenant_path: tuple[str, str]) -> None:
    tenant_id, path = tenant_path
    merge_custom_data(tx, tenant_id, path, {"a": 1, "b": 2})
    remove_custom_data_key(tx, tenant_id, path, "a")
    remove_custom_data_key(tx, tenant_id, path, "unknown")
    assert get_custom_data(tx, tenant_id, path).data == {"b": 2}
    assert clear_custom_data(tx, tenant_id, path).data == {}


def test_create_validates_and_drops_nulls(tx: Tx, tenant_path: tuple[str, str]) -> None:
    tenant_id, _ = tenant_path
    created = create_custom_data(tx, tenant_id, "/groups/g1", {"href": "h", "a": 1, "b": None})
    assert created.data == {"a": 1}
    with pytest.raises(CustomDataKeyEmpty):
        create_custom_data(tx, tenant_id, "/groups/g2", {"": 1})


@pytest.mark.parametrize("path", ["/groups/missing", "/organizations/x", "/nothing", "/a/b/c"])
def test_unknown_owner(tx: Tx, tenant_path: tuple[str, str], path: str) -> None:
    tenant_id, _ = tenant_path
    with pytest.raises(NotFound):
        merge_custom_data(tx, tenant_id, path, {"a": 1})
    with pytest.raises(NotFound):
        get_custom_data(tx, tenant_id, path)
