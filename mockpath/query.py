"""Collection query parameters: paging clamps, q=, attribute filters, orderBy, expand.

One parser for every collection (stormpath-api.md §5). Unknown parameters are
ignored (§2.5); a malformed offset/limit or orderBy is a 400 with a 2100-range code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mockpath.domain.models import Kind
from mockpath.errors import InvalidOrderBy, InvalidQuery
from mockpath.store import Filter, ListQuery

DEFAULT_LIMIT = 25
MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1  # past any collection; keeps the value inside SQLite's integers

_EXPAND_ITEM = re.compile(r"^\s*([A-Za-z]+)\s*(?:\(([^)]*)\))?\s*$")


def _int(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise InvalidQuery(f"The {name} query parameter must be an integer.") from None


def clamp_page(offset: int, limit: int) -> tuple[int, int]:
    """Offsets are clamped into 0..MAX_OFFSET, limits into 1..100 (§5.1)."""
    return min(MAX_OFFSET, max(0, offset)), min(MAX_LIMIT, max(1, limit))


def parse_paging(params: Mapping[str, str]) -> tuple[int, int]:
    """(offset, limit) from the query parameters, clamped."""
    return clamp_page(_int(params, "offset", 0), _int(params, "limit", DEFAULT_LIMIT))


def parse_list_query(params: Mapping[str, str], kind: Kind[Any]) -> ListQuery:
    """The ListQuery for `kind` from a request's (decoded) query parameters."""
    offset, limit = parse_paging(params)
    q = params.get("q") or None
    q_fields = tuple(kind.attributes[a] for a in kind.q if a in kind.attributes)
    filters = tuple(
        Filter(kind.attributes[name], value)
        for name, value in params.items()
        if name in kind.attributes and value != ""
    )
    order_by = parse_order_by(params.get("orderBy"), kind)
    # Flask-Stormpath takes items[0] of `applications?q=<name>`: an exact name match
    # goes before older records that merely contain the text (§2.2, §5.2).
    named = "name" in kind.q and "name" in kind.attributes
    return ListQuery(
        offset=offset,
        limit=limit,
        q=q if q_fields else None,
        q_fields=q_fields,
        filters=filters,
        order_by=order_by,
        exact_first=kind.attributes["name"] if q and named and not order_by else None,
    )


def parse_order_by(raw: str | None, kind: Kind[Any]) -> tuple[tuple[str, bool], ...]:
    """`surname desc,givenName` -> ((surname, True), (given_name, False))."""
    if not raw:
        return ()
    order: list[tuple[str, bool]] = []
    for item in raw.split(","):
        words = item.split()
        if not words or len(words) > 2:
            raise InvalidOrderBy()
        direction = words[1].lower() if len(words) == 2 else "asc"
        column = kind.sort_field(words[0])
        if column is None or direction not in ("asc", "desc"):
            raise InvalidOrderBy()
        order.append((column, direction == "desc"))
    return tuple(order)


@dataclass(frozen=True, slots=True)
class Expansion:
    """What to expand: link name -> (offset, limit) paging for collection links."""

    items: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.items

    def paging(self, name: str) -> tuple[int, int]:
        return self.items.get(name, (0, DEFAULT_LIMIT))


NO_EXPANSION = Expansion()


def parse_expand(raw: str | None) -> Expansion:
    """`customData,groups(offset:0,limit:10)` -> Expansion (§5.7).

    Commas inside parentheses belong to the paging options. Items that do not parse
    are ignored, as unknown link names are.
    """
    if not raw:
        return NO_EXPANSION
    items: dict[str, tuple[int, int]] = {}
    depth, start = 0, 0
    pieces: list[str] = []
    for i, char in enumerate(raw):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            pieces.append(raw[start:i])
            start = i + 1
    pieces.append(raw[start:])
    for piece in pieces:
        match = _EXPAND_ITEM.match(piece)
        if match is None:
            continue
        name, options = match.group(1), match.group(2)
        offset, limit = 0, DEFAULT_LIMIT
        for option in (options or "").split(","):
            key, _, value = option.partition(":")
            try:
                if key.strip() == "offset":
                    offset = int(value)
                elif key.strip() == "limit":
                    limit = int(value)
            except ValueError:
                continue
        items[name] = clamp_page(offset, limit)
    return Expansion(items)
