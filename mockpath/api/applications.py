"""/applications (stormpath-api.md §6.2)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import list_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.applications import (
    create_application,
    delete_application,
    update_application,
)
from mockpath.domain.models import ACCOUNT_STORE_MAPPINGS, ACCOUNTS, APPLICATIONS, GROUPS
from mockpath.store import ApplicationAccounts, ApplicationGroups, Where

router = APIRouter()


@router.post("/applications")
def post_application(ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        application = create_application(
            r.tx,
            ctx.tenant_id,
            body,
            create_directory_param=ctx.params.get("createDirectory"),
        )
        return created(r.item(APPLICATIONS, application))


@router.get("/applications")
def list_applications(ctx: Ctx) -> Response:
    return list_collection(ctx, "/applications", APPLICATIONS, Where())


@router.get("/applications/{application_id}")
def get_application(application_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/applications/{application_id}")


@router.post("/applications/{application_id}")
def post_application_update(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        application = update_application(r.tx, ctx.tenant_id, application_id, body)
        return ok(r.item(APPLICATIONS, application))


@router.delete("/applications/{application_id}")
def remove_application(application_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_application(r.tx, ctx.tenant_id, application_id)
    return no_content()


@router.get("/applications/{application_id}/accountStoreMappings")
def list_application_mappings(application_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/applications/{application_id}/accountStoreMappings",
        ACCOUNT_STORE_MAPPINGS,
        Where.of(application_id=application_id),
        owner=(APPLICATIONS, application_id),
        default_order="listIndex",
    )


@router.get("/applications/{application_id}/accounts")
def list_application_accounts(application_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/applications/{application_id}/accounts",
        ACCOUNTS,
        ApplicationAccounts(application_id),
        owner=(APPLICATIONS, application_id),
    )


@router.get("/applications/{application_id}/groups")
def list_application_groups(application_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/applications/{application_id}/groups",
        GROUPS,
        ApplicationGroups(application_id),
        owner=(APPLICATIONS, application_id),
    )
