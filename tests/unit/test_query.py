"""Collection query parsing: paging, q=, filters, orderBy, expand (stormpath-api.md §5)."""

from __future__ import annotations

import pytest

from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS, ACCOUNTS, APPLICATIONS
from mockpath.errors import InvalidOrderBy, InvalidQuery
from mockpath.query import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    NO_EXPANSION,
    clamp_page,
    parse_expand,
    parse_list_query,
    parse_order_by,
    parse_paging,
)
from mockpath.store import Filter


@pytest.mark.parametrize(
    ("offset", "limit", "expected"),
    [
        (0, 25, (0, 25)),
        (-1, 0, (0, 1)),
        (5, -10, (5, 1)),
        (0, 101, (0, MAX_LIMIT)),
        (10**30, 10**30, (MAX_OFFSET, MAX_LIMIT)),
    ],
)
def test_clamp_page(offset: int, limit: int, expected: tuple[int, int]) -> None:
    assert clamp_page(offset, limit) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (0, DEFAULT_LIMIT)),
        ({"offset": "", "limit": ""}, (0, DEFAULT_LIMIT)),
        ({"offset": "10", "limit": "5"}, (10, 5)),
        ({"offset": "-3", "limit": "1000"}, (0, 100)),
        ({"offset": " 7 "}, (7, DEFAULT_LIMIT)),
    ],
)
def test_parse_paging(params: dict[str, str], expected: tuple[int, int]) -> None:
    assert parse_paging(params) == expected


@pytest.mark.parametrize("params", [{"offset": "x"}, {"limit": "1.5"}, {"limit": "1e3"}])
def test_parse_paging_rejects_non_integers(params: dict[str, str]) -> None:
    with pytest.raises(InvalidQuery) as caught:
        parse_paging(params)
    assert caught.value.error_code == 2100
    assert caught.value.http_status == 400


def test_list_query_for_applications() -> None:
    query = parse_list_query(
        {
            "q": "flask",
            "name": "flask*",
            "status": "ENABLED",
            "description": "",
            "email": "ignored@example.com",
            "nocache": "true",
            "expand": "tenant",
            "orderBy": "name desc",
            "offset": "2",
            "limit": "3",
        },
        APPLICATIONS,
    )
    assert (query.offset, query.limit, query.q) == (2, 3, "flask")
    assert query.q_fields == ("name", "description", "status")
    assert set(query.filters) == {Filter("name", "flask*"), Filter("status", "ENABLED")}
    assert query.order_by == (("name", True),)


def test_list_query_for_accounts_maps_wire_names_to_fields() -> None:
    query = parse_list_query({"givenName": "Ann", "email": "*@example.com", "q": "lee"}, ACCOUNTS)
    assert set(query.filters) == {
        Filter("given_name", "Ann"),
        Filter("email", "*@example.com"),
    }
    assert set(query.q_fields) == {
        "given_name",
        "middle_name",
        "surname",
        "username",
        "email",
        "status",
    }


def test_empty_q_is_no_search() -> None:
    assert parse_list_query({"q": ""}, APPLICATIONS).q is None


def test_kind_without_q_attributes_ignores_q() -> None:
    query = parse_list_query({"q": "x", "listIndex": "0"}, ACCOUNT_STORE_MAPPINGS)
    assert query.q is None and query.filters == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ()),
        ("", ()),
        ("name", (("name", False),)),
        ("name asc", (("name", False),)),
        ("name DESC", (("name", True),)),
        ("  name   desc  ", (("name", True),)),
        ("status desc,name", (("status", True), ("name", False))),
        ("status desc, name asc", (("status", True), ("name", False))),
        ("createdAt desc", (("created_at", True),)),
    ],
)
def test_parse_order_by(raw: str | None, expected: tuple[tuple[str, bool], ...]) -> None:
    assert parse_order_by(raw, APPLICATIONS) == expected


def test_order_by_a_sort_only_attribute() -> None:
    assert parse_order_by("listIndex", ACCOUNT_STORE_MAPPINGS) == (("list_index", False),)


@pytest.mark.parametrize(
    "raw",
    ["bogus", "name sideways", "name asc extra", "name,,status", ",", " ", "customData", "Name"],
)
def test_parse_order_by_rejects(raw: str) -> None:
    with pytest.raises(InvalidOrderBy) as caught:
        parse_order_by(raw, APPLICATIONS)
    assert caught.value.error_code == 2106


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, {}),
        ("", {}),
        ("tenant", {"tenant": (0, 25)}),
        ("customData,tenant", {"customData": (0, 25), "tenant": (0, 25)}),
        (" tenant , directory ", {"tenant": (0, 25), "directory": (0, 25)}),
        ("groups(offset:0,limit:10)", {"groups": (0, 10)}),
        ("groups(limit:10, offset:5)", {"groups": (5, 10)}),
        ("groups(offset:-5,limit:500)", {"groups": (0, 100)}),
        ("groups(limit:0)", {"groups": (0, 1)}),
        ("groups(offset:x,limit:3)", {"groups": (0, 3)}),
        ("groups()", {"groups": (0, 25)}),
        (
            "customData,groups(offset:0,limit:10),tenant",
            {"customData": (0, 25), "groups": (0, 10), "tenant": (0, 25)},
        ),
        ("tenant,,", {"tenant": (0, 25)}),
        ("(((", {}),
        ("ten ant", {}),
        ("accountStore.provider", {}),
    ],
)
def test_parse_expand(raw: str | None, expected: dict[str, tuple[int, int]]) -> None:
    expansion = parse_expand(raw)
    assert dict(expansion.items) == expected
    for name in expected:
        assert name in expansion
        assert expansion.paging(name) == expected[name]


def test_no_expansion() -> None:
    assert parse_expand(None) is NO_EXPANSION
    assert "tenant" not in NO_EXPANSION
    assert NO_EXPANSION.paging("groups") == (0, DEFAULT_LIMIT)
