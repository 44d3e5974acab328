"""The OAuth token endpoint, token validation and the token resources
(stormpath-api.md §6.16, §7.4, §7.5)."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from mockpath.api.deps import Context, Ctx, decode_json_object
from mockpath.api.responses import no_content, ok, redirect
from mockpath.domain.models import OAUTH_TOKENS
from mockpath.domain.oauth import (
    ACCESS,
    REFRESH,
    Issued,
    Issuer,
    account_tokens,
    exchange,
    live_token,
    revoke_token,
    validate_access_token,
)
from mockpath.hrefs import path_of, split_path
from mockpath.query import parse_paging
from mockpath.render import Document
from mockpath.store import Page

router = APIRouter()

_COLLECTIONS = {ACCESS: "accessTokens", REFRESH: "refreshTokens"}


async def token_params(request: Request) -> dict[str, str]:
    """Query parameters merged with the form (or JSON) body; the body wins (§2.2)."""
    params = dict(request.query_params)
    raw = await request.body()
    if not raw.strip():
        return params
    # A JSON object starts with "{", a form never does: decide by the body, not by its
    # label, since the Python SDK sends Content-Type: application/json on every request.
    if raw.lstrip()[:1] == b"{":
        data = decode_json_object(raw)
        params.update({k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()})
        return params
    params.update(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    return params


TokenParams = Annotated[dict[str, str], Depends(token_params)]


def _token_response(ctx: Context, issued: Issued) -> dict[str, Any]:
    body: dict[str, Any] = {"access_token": issued.access.jwt}
    if issued.refresh is not None:
        body["refresh_token"] = issued.refresh.jwt
    body["token_type"] = "Bearer"
    body["expires_in"] = issued.expires_in
    body["stormpath_access_token_href"] = ctx.hrefs.href(f"/accessTokens/{issued.access.id}")
    return body


@router.post("/applications/{application_id}/oauth/token")
def post_token(application_id: str, ctx: Ctx, params: TokenParams) -> Response:
    issuer = Issuer(ctx.caller.api_key, ctx.hrefs.href, time.time())
    with ctx.write() as r:
        issued = exchange(r.tx, ctx.hasher, issuer, application_id, params)
    return ok(_token_response(ctx, issued))


@router.get("/applications/{application_id}/authTokens/{jwt}")
def get_auth_token(application_id: str, jwt: str, ctx: Ctx) -> Response:
    with ctx.read() as r:
        token = validate_access_token(r.tx, ctx.tenant_id, application_id, jwt, time.time())
    return redirect(ctx.hrefs.href(f"/accessTokens/{token.id}"))


def _read_token(ctx: Context, kind: str, jti: str) -> Response:
    with ctx.read() as r:
        return ok(r.item(OAUTH_TOKENS, live_token(r.tx, ctx.tenant_id, kind, jti, time.time())))


def _delete_token(ctx: Context, kind: str, jti: str) -> Response:
    with ctx.write() as r:
        revoke_token(r.tx, ctx.tenant_id, kind, jti, time.time())
    return no_content()


@router.get("/accessTokens/{jti}")
def get_access_token(jti: str, ctx: Ctx) -> Response:
    return _read_token(ctx, ACCESS, jti)


@router.delete("/accessTokens/{jti}")
def remove_access_token(jti: str, ctx: Ctx) -> Response:
    return _delete_token(ctx, ACCESS, jti)


@router.get("/refreshTokens/{jti}")
def get_refresh_token(jti: str, ctx: Ctx) -> Response:
    return _read_token(ctx, REFRESH, jti)


@router.delete("/refreshTokens/{jti}")
def remove_refresh_token(jti: str, ctx: Ctx) -> Response:
    return _delete_token(ctx, REFRESH, jti)


def _application_filter(ctx: Context) -> str | None:
    """The application id of `?application.href=`; an unknown href matches nothing."""
    href = ctx.params.get("application.href")
    if not href:
        return None
    path = path_of(href)
    parts = split_path(path) if path else None
    return parts[1] if parts and parts[0] == "applications" else ""


def _list_tokens(ctx: Context, account_id: str, kind: str) -> Response:
    offset, limit = parse_paging(ctx.params)
    path = f"/accounts/{account_id}/{_COLLECTIONS[kind]}"
    with ctx.read() as r:
        found = account_tokens(
            r.tx, ctx.tenant_id, account_id, kind, _application_filter(ctx), time.time()
        )
        page = Page(found[offset : offset + limit], offset, limit, len(found))
        document: Document = r.page(path, OAUTH_TOKENS, page)
        return ok(document)


@router.get("/accounts/{account_id}/accessTokens")
def list_account_access_tokens(account_id: str, ctx: Ctx) -> Response:
    return _list_tokens(ctx, account_id, ACCESS)


@router.get("/accounts/{account_id}/refreshTokens")
def list_account_refresh_tokens(account_id: str, ctx: Ctx) -> Response:
    return _list_tokens(ctx, account_id, REFRESH)
