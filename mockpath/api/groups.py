"""/groups, and creating groups in directories and applications (stormpath-api.md §6.12).

The group lists of directories, applications and tenants live with their owners.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import list_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.groups import (
    create_application_group,
    create_group,
    delete_group,
    update_group,
)
from mockpath.domain.models import ACCOUNTS, APPLICATIONS, GROUP_MEMBERSHIPS, GROUPS
from mockpath.store import GroupAccounts, StoreApplications, Where

router = APIRouter()


@router.post("/directories/{directory_id}/groups")
def post_directory_group(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return created(r.item(GROUPS, create_group(r.tx, ctx.tenant_id, directory_id, body)))


@router.post("/applications/{application_id}/groups")
def post_application_group(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        group = create_application_group(r.tx, ctx.tenant_id, application_id, body)
        return created(r.item(GROUPS, group))


@router.get("/groups/{group_id}")
def get_group(group_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/groups/{group_id}")


@router.post("/groups/{group_id}")
def post_group_update(group_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return ok(r.item(GROUPS, update_group(r.tx, ctx.tenant_id, group_id, body)))


@router.delete("/groups/{group_id}")
def remove_group(group_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_group(r.tx, ctx.tenant_id, group_id)
    return no_content()


@router.get("/groups/{group_id}/accounts")
def list_group_accounts(group_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/groups/{group_id}/accounts",
        ACCOUNTS,
        GroupAccounts(group_id),
        owner=(GROUPS, group_id),
    )


@router.get("/groups/{group_id}/accountMemberships")
def list_group_memberships(group_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/groups/{group_id}/accountMemberships",
        GROUP_MEMBERSHIPS,
        Where.of(group_id=group_id),
        owner=(GROUPS, group_id),
    )


@router.get("/groups/{group_id}/applications")
def list_group_applications(group_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/groups/{group_id}/applications",
        APPLICATIONS,
        StoreApplications("groups", group_id),
        owner=(GROUPS, group_id),
    )
