"""/applications/<id>/passwordResetTokens (stormpath-api.md §7.2)."""

from __future__ import annotations

import time

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import ok
from mockpath.domain.models import PasswordResetToken
from mockpath.domain.password_reset import (
    complete_password_reset,
    find_reset_token,
    start_password_reset,
)
from mockpath.render import Document, Renderer

router = APIRouter()


def _token(r: Renderer, token: PasswordResetToken) -> Document:
    """The token resource: its href ends in the sptoken; `account` expands."""
    path = f"/applications/{token.application_id}/passwordResetTokens/{token.id}"
    return {
        "href": r.href(path),
        "email": token.email,
        "account": r.link("account", f"/accounts/{token.account_id}"),
    }


@router.post("/applications/{application_id}/passwordResetTokens")
def post_password_reset_token(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    """Start a reset: 200 with the token (both SDKs also accept 201)."""
    with ctx.write() as r:
        token = start_password_reset(r.tx, ctx.tenant_id, application_id, body, time.time())
        return ok(_token(r, token))


@router.get("/applications/{application_id}/passwordResetTokens/{token}")
def get_password_reset_token(application_id: str, token: str, ctx: Ctx) -> Response:
    with ctx.read() as r:
        found = find_reset_token(r.tx, ctx.tenant_id, application_id, token, time.time())
        return ok(_token(r, found))


@router.post("/applications/{application_id}/passwordResetTokens/{token}")
def post_password_reset(application_id: str, token: str, ctx: Ctx, body: JsonBody) -> Response:
    """Complete a reset with `{"password"}`; Node posts the whole token back as well."""
    with ctx.write() as r:
        used = complete_password_reset(
            r.tx, ctx.hasher, ctx.tenant_id, application_id, token, body, time.time()
        )
        return ok(_token(r, used))
