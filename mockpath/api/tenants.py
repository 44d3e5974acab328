"""/tenants and /idSites (stormpath-api.md §6.1, §6.18)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import empty_collection, list_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import ok, redirect
from mockpath.domain.common import touched
from mockpath.domain.custom_data import merge_embedded_custom_data
from mockpath.domain.models import (
    ACCOUNTS,
    APPLICATIONS,
    DIRECTORIES,
    GROUPS,
    ID_SITES,
    TENANTS,
    Kind,
)
from mockpath.domain.validation import required_text
from mockpath.errors import NotFound
from mockpath.store import Where

router = APIRouter()

_TENANT_COLLECTIONS: dict[str, Kind[Any]] = {
    "applications": APPLICATIONS,
    "directories": DIRECTORIES,
    "accounts": ACCOUNTS,
    "groups": GROUPS,
    "idSites": ID_SITES,
}


def _own(ctx: Ctx, tenant_id: str) -> str:
    if tenant_id != ctx.tenant_id:
        raise NotFound()
    return f"/tenants/{tenant_id}"


@router.get("/tenants/current")
def current_tenant(ctx: Ctx) -> Response:
    """302 to the caller's tenant (§2.3); both SDKs follow it."""
    return redirect(ctx.hrefs.href(f"/tenants/{ctx.tenant_id}"))


@router.get("/tenants/{tenant_id}")
def get_tenant(tenant_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, _own(ctx, tenant_id))


@router.post("/tenants/{tenant_id}")
def update_tenant(tenant_id: str, ctx: Ctx, body: JsonBody) -> Response:
    path = _own(ctx, tenant_id)
    with ctx.write() as r:
        if "name" in body:
            name = required_text(body, "name", "Tenant name")
            r.tx.update(TENANTS, ctx.tenant_id, tenant_id, {"name": name, **touched()})
        merge_embedded_custom_data(r.tx, ctx.tenant_id, path, body.get("customData"))
        return ok(r.document(path))


@router.get("/tenants/{tenant_id}/{collection}")
def list_tenant_collection(tenant_id: str, collection: str, ctx: Ctx) -> Response:
    path = _own(ctx, tenant_id) + f"/{collection}"
    kind = _TENANT_COLLECTIONS.get(collection)
    if kind is not None:
        return list_collection(ctx, path, kind, Where())
    if collection in ("organizations", "agents", "smtpServers"):
        return empty_collection(ctx, path)
    raise NotFound()


@router.get("/idSites/{site_id}")
def get_id_site(site_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/idSites/{site_id}")
