"""/passwordPolicies, their strength, and /accountCreationPolicies (stormpath-api.md
§6.6-§6.8). Each is a singleton of a directory, addressed by the directory's id."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.collections import empty_collection, read_document
from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import ok
from mockpath.domain.models import POLICIES
from mockpath.domain.password_policies import (
    policy_exists,
    update_account_creation_policy,
    update_password_policy,
    update_strength,
)
from mockpath.domain.policies import ACCOUNT_CREATION_POLICY, PASSWORD_POLICY
from mockpath.errors import NotFound

router = APIRouter()

_TEMPLATES = {
    PASSWORD_POLICY: ("resetEmailTemplates", "resetSuccessEmailTemplates"),
    ACCOUNT_CREATION_POLICY: (
        "verificationEmailTemplates",
        "verificationSuccessEmailTemplates",
        "welcomeEmailTemplates",
    ),
}


def _templates(ctx: Ctx, kind: str, directory_id: str, name: str) -> Response:
    """Email templates are not emulated: their collections exist and are empty."""
    if name not in _TEMPLATES[kind]:
        raise NotFound()
    with ctx.read() as r:
        if not policy_exists(r.tx, ctx.tenant_id, kind, directory_id):
            raise NotFound()
    return empty_collection(ctx, f"/{kind}/{directory_id}/{name}")


@router.get("/passwordPolicies/{directory_id}")
def get_password_policy(directory_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/passwordPolicies/{directory_id}")


@router.post("/passwordPolicies/{directory_id}")
def post_password_policy(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        policy = update_password_policy(r.tx, ctx.tenant_id, directory_id, body)
        return ok(r.item(POLICIES, policy))


@router.get("/passwordPolicies/{directory_id}/strength")
def get_strength(directory_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/passwordPolicies/{directory_id}/strength")


@router.post("/passwordPolicies/{directory_id}/strength")
def post_strength(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        return ok(r.item(POLICIES, update_strength(r.tx, ctx.tenant_id, directory_id, body)))


@router.get("/passwordPolicies/{directory_id}/{templates}")
def list_password_policy_templates(directory_id: str, templates: str, ctx: Ctx) -> Response:
    return _templates(ctx, PASSWORD_POLICY, directory_id, templates)


@router.get("/accountCreationPolicies/{directory_id}")
def get_account_creation_policy(directory_id: str, ctx: Ctx) -> Response:
    return read_document(ctx, f"/accountCreationPolicies/{directory_id}")


@router.post("/accountCreationPolicies/{directory_id}")
def post_account_creation_policy(directory_id: str, ctx: Ctx, body: JsonBody) -> Response:
    with ctx.write() as r:
        policy = update_account_creation_policy(r.tx, ctx.tenant_id, directory_id, body)
        return ok(r.item(POLICIES, policy))


@router.get("/accountCreationPolicies/{directory_id}/{templates}")
def list_account_creation_templates(directory_id: str, templates: str, ctx: Ctx) -> Response:
    return _templates(ctx, ACCOUNT_CREATION_POLICY, directory_id, templates)
