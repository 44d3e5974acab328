"""Serving a collection: every list endpoint goes through `list_collection`."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from mockpath.api.deps import Context
from mockpath.api.responses import ok
from mockpath.domain.common import fetch
from mockpath.domain.models import Kind
from mockpath.query import parse_list_query, parse_paging
from mockpath.store import Scope


def list_collection(
    ctx: Context,
    path: str,
    kind: Kind[Any],
    scope: Scope,
    *,
    owner: tuple[Kind[Any], str] | None = None,
    default_order: str | None = None,
) -> Response:
    """A page of `kind` in `scope`, honouring offset/limit, q, filters, orderBy, expand.

    owner: (kind, id) of the resource the collection hangs off; 404 when it is absent.
    default_order: the orderBy applied when the client gives none.
    """
    params = ctx.params
    if default_order and "orderBy" not in params:
        params = {**params, "orderBy": default_order}
    query = parse_list_query(params, kind)
    with ctx.read() as r:
        if owner is not None:
            fetch(r.tx, owner[0], ctx.tenant_id, owner[1])
        return ok(r.page(path, kind, r.tx.select(kind, ctx.tenant_id, scope, query)))


def empty_collection(ctx: Context, path: str) -> Response:
    """A collection of a resource family mockpath does not store (always empty)."""
    offset, limit = parse_paging(ctx.params)
    return ok(
        {"href": ctx.hrefs.href(path), "offset": offset, "limit": limit, "size": 0, "items": []}
    )


def read_document(ctx: Context, path: str) -> Response:
    """GET of any single resource by its store path (404 when absent)."""
    with ctx.read() as r:
        return ok(r.document(path))
