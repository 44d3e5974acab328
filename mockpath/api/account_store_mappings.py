"""/accountStoreMappings (stormpath-api.md §6.3)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.mappings import create_mapping, delete_mapping, update_mapping
from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS

router = APIRouter()


@router.post("/accountStoreMappings")
def post_mapping(ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        mapping = create_mapping(r.tx, ctx.tenant_id, body)
        return created(r.item(ACCOUNT_STORE_MAPPINGS, mapping))


@router.get("/accountStoreMappings/{mapping_id}")
def get_mapping(mapping_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/accountStoreMappings/{mapping_id}")


@router.post("/accountStoreMappings/{mapping_id}")
def post_mapping_update(mapping_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        mapping = update_mapping(r.tx, ctx.tenant_id, mapping_id, body)
        return ok(r.item(ACCOUNT_STORE_MAPPINGS, mapping))


@router.delete("/accountStoreMappings/{mapping_id}")
def remove_mapping(mapping_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_mapping(r.tx, ctx.tenant_id, mapping_id)
    return no_content()
