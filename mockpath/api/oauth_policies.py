"""/oAuthPolicies: token lifetimes of an application (stormpath-api.md §6.15)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import ok
from mockpath.domain.models import POLICIES
from mockpath.domain.oauth import update_oauth_policy

router = APIRouter()


@router.get("/oAuthPolicies/{application_id}")
def get_oauth_policy(application_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/oAuthPolicies/{application_id}")


@router.post("/oAuthPolicies/{application_id}")
def post_oauth_policy(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return ok(r.item(POLICIES, update_oauth_policy(r.tx, ctx.tenant_id, application_id, body)))
