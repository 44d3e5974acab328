"""/directories and their provider (stormpath-api.md §6.4, §6.5)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import empty_collection, list_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.common import fetch
from mockpath.domain.directories import (
    create_directory,
    delete_directory,
    update_directory,
    update_provider,
)
from mockpath.domain.models import (
    ACCOUNT_STORE_MAPPINGS,
    ACCOUNTS,
    APPLICATIONS,
    DIRECTORIES,
    GROUPS,
)
from mockpath.render.resources import provider
from mockpath.store import StoreApplications, Where

router = APIRouter()


@router.post("/directories")
def post_directory(ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return created(r.item(DIRECTORIES, create_directory(r.tx, ctx.tenant_id, body)))


@router.get("/directories")
def list_directories(ctx: Ctx) -> Response:
    return list_collection(ctx, "/directories", DIRECTORIES, Where())


@router.get("/directories/{directory_id}")
def get_directory(directory_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/directories/{directory_id}")


@router.post("/directories/{directory_id}")
def post_directory_update(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        directory = update_directory(r.tx, ctx.tenant_id, directory_id, body)
        return ok(r.item(DIRECTORIES, directory))


@router.delete("/directories/{directory_id}")
def remove_directory(directory_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_directory(r.tx, ctx.tenant_id, directory_id)
    return no_content()


@router.get("/directories/{directory_id}/provider")
def get_provider(directory_id: str, ctx: Ctx) -> Response:
    with ctx.read() as r:
        return ok(provider(r, fetch(r.tx, DIRECTORIES, ctx.tenant_id, directory_id)))


@router.post("/directories/{directory_id}/provider")
def post_provider(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return ok(provider(r, update_provider(r.tx, ctx.tenant_id, directory_id, body)))


@router.get("/directories/{directory_id}/accounts")
def list_directory_accounts(directory_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/directories/{directory_id}/accounts",
        ACCOUNTS,
        Where.of(directory_id=directory_id),
        owner=(DIRECTORIES, directory_id),
    )


@router.get("/directories/{directory_id}/groups")
def list_directory_groups(directory_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/directories/{directory_id}/groups",
        GROUPS,
        Where.of(directory_id=directory_id),
        owner=(DIRECTORIES, directory_id),
    )


@router.get("/directories/{directory_id}/applications")
def list_directory_applications(directory_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/directories/{directory_id}/applications",
        APPLICATIONS,
        StoreApplications("directories", directory_id),
        owner=(DIRECTORIES, directory_id),
    )


@router.get("/directories/{directory_id}/applicationMappings")
def list_directory_mappings(directory_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/directories/{directory_id}/applicationMappings",
        ACCOUNT_STORE_MAPPINGS,
        Where.of(store_type="directories", store_id=directory_id),
        owner=(DIRECTORIES, directory_id),
    )


@router.get("/directories/{directory_id}/{collection}")
def list_directory_organizations(directory_id: str, collection: str, ctx: Ctx) -> Response:
    if collection not in ("organizations", "organizationMappings"):
        from mockpath.errors import NotFound

        raise NotFound()
    with ctx.read() as r:
        fetch(r.tx, DIRECTORIES, ctx.tenant_id, directory_id)
    return empty_collection(ctx, f"/directories/{directory_id}/{collection}")
