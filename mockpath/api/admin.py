"""Endpoints outside /v1: a health check, and admin calls that no tenant key can reach.

`GET /health` answers `{"status": "ok"}` without credentials (container health checks).

`POST /__mockpath/tenants` makes a fresh tenant for one test, with its own API key and
an application (the pytest plugin uses it against a server it did not start). It
exists only when the server was started with an admin token (`--admin-token`,
MOCKPATH_ADMIN_TOKEN) and needs `Authorization: Bearer <token>`: without a token the
path is a plain 404, and tenant API keys are never accepted. Optional JSON body:
`{"application": "<name>"}` or `{"seed": <one tenant of the seed format>}`.

`GET /__mockpath/outbox?tenant=<id>` lists the emails the server would have sent to
that tenant's accounts, oldest first (same token rules).
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.responses import Response

from mockpath.api.deps import HasherDep, HrefsDep, JsonBody, SettingsDep, StoreDep
from mockpath.api.responses import StormpathJSON, ok
from mockpath.domain.outbox import list_outbox
from mockpath.domain.tenants import DEFAULT_APPLICATION
from mockpath.errors import AuthenticationRequired, InvalidValue, NotFound, RequiredProperty
from mockpath.seeds import SeedError, TenantSeed, fresh_tenant
from mockpath.settings import Settings

router = APIRouter()


@router.get("/health")
def get_health() -> Response:
    return ok({"status": "ok"})


def _require_admin(request: Request, settings: Settings) -> None:
    if not settings.admin_token:
        raise NotFound()
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), settings.admin_token.encode()
    ):
        raise AuthenticationRequired(developer_message="A valid admin bearer token is required.")


def _template(body: JsonBody) -> TenantSeed | None:
    if body.get("seed") is None:
        return None
    try:
        return TenantSeed.model_validate(body["seed"])
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidValue(f"The seed is invalid: {where}: {first['msg']}") from None


@router.post("/__mockpath/tenants")
def post_test_tenant(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    hasher: HasherDep,
    hrefs: HrefsDep,
    body: JsonBody,
) -> Response:
    _require_admin(request, settings)
    template = _template(body)
    name = body.get("application") or DEFAULT_APPLICATION
    if not isinstance(name, str):
        raise InvalidValue("The application property must be a string.")
    try:
        with store.write() as tx:
            made = fresh_tenant(tx, hasher, template, "seed", name)
    except SeedError as exc:
        raise InvalidValue(f"The seed could not be loaded: {exc}") from None
    app_id, app_name = made.applications[0]
    document = {
        "tenant": {
            "id": made.tenant_id,
            "key": made.key,
            "href": hrefs.of("tenants", made.tenant_id),
        },
        "apiKey": {"id": made.api_key_id, "secret": made.api_key_secret},
        "application": {"id": app_id, "name": app_name, "href": hrefs.of("applications", app_id)},
    }
    return StormpathJSON(document, status_code=201)


@router.get("/__mockpath/outbox")
def get_outbox(
    request: Request, settings: SettingsDep, store: StoreDep, hrefs: HrefsDep
) -> Response:
    _require_admin(request, settings)
    tenant_id = request.query_params.get("tenant")
    if not tenant_id:
        raise RequiredProperty("tenant parameter")
    with store.read() as tx:
        messages = list_outbox(tx, tenant_id)
    items = [
        {
            "id": m.id,
            "kind": m.kind,
            "to": m.to,
            "account": {"href": hrefs.of("accounts", m.account_id)},
            "token": m.token,
            "link": m.link,
            "createdAt": m.created_at,
        }
        for m in messages
    ]
    return ok(
        {"tenant": {"href": hrefs.of("tenants", tenant_id)}, "size": len(items), "items": items}
    )
