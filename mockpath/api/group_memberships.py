"""/groupMemberships, and the group lists of an account (stormpath-api.md §6.13, §6.10)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import list_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import created, no_content
from mockpath.domain.groups import create_membership, delete_membership
from mockpath.domain.models import ACCOUNTS, GROUP_MEMBERSHIPS, GROUPS
from mockpath.errors import MethodNotAllowed
from mockpath.store import AccountGroups, Where

router = APIRouter()


@router.post("/groupMemberships")
def post_group_membership(ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        membership = create_membership(r.tx, ctx.tenant_id, body)
        return created(r.item(GROUP_MEMBERSHIPS, membership))


@router.get("/groupMemberships/{membership_id}")
def get_group_membership(membership_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/groupMemberships/{membership_id}")


@router.post("/groupMemberships/{membership_id}")
def post_group_membership_update(membership_id: str, ctx: Ctx) -> Response:
    """Memberships cannot be changed, only deleted and created again."""
    raise MethodNotAllowed()


@router.delete("/groupMemberships/{membership_id}")
def remove_group_membership(membership_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_membership(r.tx, ctx.tenant_id, membership_id)
    return no_content()


@router.get("/accounts/{account_id}/groups")
def list_account_groups(account_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/accounts/{account_id}/groups",
        GROUPS,
        AccountGroups(account_id),
        owner=(ACCOUNTS, account_id),
    )


@router.get("/accounts/{account_id}/groupMemberships")
def list_account_memberships(account_id: str, ctx: Ctx) -> Response:
    return list_collection(
        ctx,
        f"/accounts/{account_id}/groupMemberships",
        GROUP_MEMBERSHIPS,
        Where.of(account_id=account_id),
        owner=(ACCOUNTS, account_id),
    )
