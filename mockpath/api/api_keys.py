"""/apiKeys and the API-key collections of accounts and applications (stormpath-api.md §6.14).

With ``encryptSecret=true`` every secret in the response is encrypted with the secret of
the API key that authenticated the request (Node asks for this on every key it reads).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.deps import Context, Ctx, JsonBody
from mockpath.api.responses import created, no_content, ok
from mockpath.domain.api_keys import (
    SecretEncryption,
    application_api_keys,
    create_api_key,
    delete_api_key,
    secret_encryption,
    update_api_key,
)
from mockpath.domain.common import fetch
from mockpath.domain.models import ACCOUNTS, API_KEYS, APPLICATIONS
from mockpath.query import parse_list_query, parse_paging
from mockpath.render import Document
from mockpath.store import Page, Where

router = APIRouter()


def _encryption(ctx: Context) -> SecretEncryption | None:
    return secret_encryption(ctx.params, ctx.caller.api_key.secret)


def _hidden(document: Document, encryption: SecretEncryption | None) -> Document:
    if encryption is not None and isinstance(document.get("secret"), str):
        document["secret"] = encryption.apply(document["secret"])
    return document


def _hidden_page(document: Document, encryption: SecretEncryption | None) -> Document:
    for item in document["items"]:
        _hidden(item, encryption)
    return document


@router.get("/apiKeys/{key_id}")
def get_api_key(key_id: str, ctx: Ctx) -> Response:
    encryption = _encryption(ctx)
    with ctx.read() as r:
        key = fetch(r.tx, API_KEYS, ctx.tenant_id, key_id)
        return ok(_hidden(r.item(API_KEYS, key), encryption))


@router.post("/apiKeys/{key_id}")
def post_api_key_update(key_id: str, ctx: Ctx, body: JsonBody) -> Response:
    encryption = _encryption(ctx)
    with ctx.write() as r:
        key = update_api_key(r.tx, ctx.tenant_id, key_id, body)
        return ok(_hidden(r.item(API_KEYS, key), encryption))


@router.delete("/apiKeys/{key_id}")
def remove_api_key(key_id: str, ctx: Ctx) -> Response:
    with ctx.write() as r:
        delete_api_key(r.tx, ctx.tenant_id, key_id)
    return no_content()


@router.post("/accounts/{account_id}/apiKeys")
def post_account_api_key(account_id: str, ctx: Ctx, body: JsonBody) -> Response:
    encryption = _encryption(ctx)
    with ctx.write() as r:
        key = create_api_key(r.tx, ctx.tenant_id, account_id, body)
        return created(_hidden(r.item(API_KEYS, key), encryption))


@router.get("/accounts/{account_id}/apiKeys")
def list_account_api_keys(account_id: str, ctx: Ctx) -> Response:
    encryption = _encryption(ctx)
    query = parse_list_query(ctx.params, API_KEYS)
    path = f"/accounts/{account_id}/apiKeys"
    with ctx.read() as r:
        fetch(r.tx, ACCOUNTS, ctx.tenant_id, account_id)
        page = r.tx.select(API_KEYS, ctx.tenant_id, Where.of(account_id=account_id), query)
        return ok(_hidden_page(r.page(path, API_KEYS, page), encryption))


@router.get("/applications/{application_id}/apiKeys")
def list_application_api_keys(application_id: str, ctx: Ctx) -> Response:
    """Keys of accounts that may log in to the application; `?id=` looks one up."""
    encryption = _encryption(ctx)
    offset, limit = parse_paging(ctx.params)
    key_id = ctx.params.get("id") or None
    path = f"/applications/{application_id}/apiKeys"
    with ctx.read() as r:
        fetch(r.tx, APPLICATIONS, ctx.tenant_id, application_id)
        keys: list[Any] = application_api_keys(r.tx, ctx.tenant_id, application_id, key_id)
        page = Page(keys[offset : offset + limit], offset, limit, len(keys))
        return ok(_hidden_page(r.page(path, API_KEYS, page), encryption))
