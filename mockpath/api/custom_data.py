"""<owner>/customData of tenants, applications, directories, groups and accounts
(stormpath-api.md §6.9).

The routes are spelled out per owner collection so they never shadow other routes;
this router is included before the tenants router, whose `/tenants/{id}/{collection}`
would otherwise answer `GET /tenants/{id}/customData`.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import no_content, ok
from mockpath.domain.custom_data import (
    OWNER_KINDS,
    clear_custom_data,
    get_custom_data,
    merge_custom_data,
    remove_custom_data_key,
)
from mockpath.domain.models import CUSTOM_DATA

router = APIRouter()


def _routes(collection: str) -> None:
    def owner(owner_id: str) -> str:
        return f"/{collection}/{owner_id}"

    def read(owner_id: str, ctx: Ctx) -> Response:
        with ctx.read() as r:
            return ok(r.item(CUSTOM_DATA, get_custom_data(r.tx, ctx.tenant_id, owner(owner_id))))

    def merge(owner_id: str, ctx: Ctx, body: JsonBody) -> Response:
        with ctx.write() as r:
            record = merge_custom_data(r.tx, ctx.tenant_id, owner(owner_id), body)
            return ok(r.item(CUSTOM_DATA, record))

    def clear(owner_id: str, ctx: Ctx) -> Response:
        with ctx.write() as r:
            clear_custom_data(r.tx, ctx.tenant_id, owner(owner_id))
        return no_content()

    def remove_key(owner_id: str, key: str, ctx: Ctx) -> Response:
        with ctx.write() as r:
            remove_custom_data_key(r.tx, ctx.tenant_id, owner(owner_id), key)
        return no_content()

    path = f"/{collection}/{{owner_id}}/customData"
    handlers: tuple[tuple[str, str, Callable[..., Response]], ...] = (
        (path, "GET", read),
        (path, "POST", merge),
        (path, "DELETE", clear),
        (path + "/{key}", "DELETE", remove_key),
    )
    for route_path, method, handler in handlers:
        name = f"{handler.__name__}_{collection}_custom_data"
        router.add_api_route(route_path, handler, methods=[method], name=name)


for _collection in OWNER_KINDS:
    _routes(_collection)
