"""/accounts and account creation in applications and directories (stormpath-api.md §6.10)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import list_collection, read_document
from mockpath.api.deps import Context, Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.accounts import (
    AccountTarget,
    CreateOptions,
    application_target,
    delete_account,
    directory_target,
    hash_plan,
    insert_account,
    plan_account,
    update_account,
)
from mockpath.domain.models import ACCOUNTS, APPLICATIONS
from mockpath.store import AccountApplications, Tx

router = APIRouter()


def _options(ctx: Context) -> CreateOptions:
    workflow = ctx.params.get("registrationWorkflowEnabled", "").lower() != "false"
    mcf = ctx.params.get("passwordFormat", "").lower() == "mcf"
    return CreateOptions(workflow=workflow, mcf=mcf)


def _create(ctx: Context, body: JsonBody, target_of: Callable[[Tx], AccountTarget]) -> Response:
    # Three steps, so that the password hash is computed outside the store's lock.
    with ctx.read() as r:
        plan = plan_account(r.tx, ctx.tenant_id, target_of(r.tx), body, _options(ctx))
    plan = hash_plan(plan, ctx.hasher)
    with ctx.write() as r:
        return created(r.item(ACCOUNTS, insert_account(r.tx, plan)))


@router.post("/applications/{application_id}/accounts")
def post_application_account(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    """Create in the application's default account store."""
    return _create(ctx, body, lambda tx: application_target(tx, ctx.tenant_id, application_id))


@router.post("/directories/{directory_id}/accounts")
def post_directory_account(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    return _create(ctx, body, lambda tx: directory_target(tx, ctx.tenant_id, directory_id))


@router.get("/accounts/{account_id}")
def get_account(account_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/accounts/{account_id}")


@router.post("/accounts/{account_id}")
def post_account_update(account_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        account = update_account(r.tx, ctx.hasher, ctx.tenant_id, account_id, body)
        return ok(r.item(ACCOUNTS, account))


@router.delete("/accounts/{account_id}")
def remove_account(account_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_account(r.tx, ctx.tenant_id, account_id)
    return no_content()


@router.get("/accounts/{account_id}/providerData")
def get_provider_data(account_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/accounts/{account_id}/providerData")


@router.get("/accounts/{account_id}/applications")
def list_account_applications(account_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/accounts/{account_id}/applications",
        APPLICATIONS,
        AccountApplications(account_id),
        owner=(ACCOUNTS, account_id),
    )
