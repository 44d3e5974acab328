"""Dependencies every router uses, as Annotated aliases.

`Ctx` is the request context: the authenticated caller, the store, the href builder,
the query parameters and the expansion asked for. `ctx.read()` / `ctx.write()` open
a transaction and yield a Renderer bound to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from mockpath.auth import Caller, authenticate
from mockpath.auth.sauthc1 import SignedRequest
from mockpath.domain.passwords import PasswordHasher
from mockpath.errors import MalformedBody
from mockpath.hrefs import Hrefs, base_url_for
from mockpath.query import Expansion, parse_expand
from mockpath.render import Renderer
from mockpath.settings import Settings
from mockpath.store import Store

ORIGINAL_METHOD = "mockpath.original_method"


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_hasher(request: Request) -> PasswordHasher:
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


def get_hrefs(request: Request) -> Hrefs:
    settings = get_settings(request)
    # without a Host header (HTTP/1.0), the address the request actually reached
    host = request.headers.get("host") or request.url.netloc
    return Hrefs(base_url_for(request.url.scheme, host, settings.public_url))


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
HrefsDep = Annotated[Hrefs, Depends(get_hrefs)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def get_caller(request: Request) -> Caller:
    """Authenticate the request (HTTP Basic or SAuthc1) with the raw bytes received."""
    cached = getattr(request.state, "caller", None)
    if isinstance(cached, Caller):
        return cached
    body = await request.body()
    scope = request.scope
    signed = SignedRequest(
        method=str(scope.get(ORIGINAL_METHOD, request.method)),
        raw_path=scope.get("raw_path", b"").decode("latin-1").split("?", 1)[0] or request.url.path,
        raw_query=scope.get("query_string", b"").decode("latin-1"),
        headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]],
        body=body,
    )
    settings = get_settings(request)
    clock = getattr(request.app.state, "clock", _now)
    skew = timedelta(seconds=settings.clock_skew_seconds)
    store = get_store(request)

    def check() -> Caller:
        with store.read() as tx:
            return authenticate(tx, signed, now=clock(), max_skew=skew)

    caller = await run_in_threadpool(check)
    request.state.caller = caller
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


async def json_body(request: Request) -> dict[str, Any]:
    """The JSON object in the body; `{}` for an empty body (Node POSTs none)."""
    raw = await request.body()
    if not raw.strip():
        return {}
    return decode_json_object(raw)


def decode_json_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in `raw`, or MalformedBody (400) for anything else."""
    try:
        data = json.loads(raw)
        # "\ud800" escapes decode to lone surrogates, and NaN/Infinity/1e999 to floats
        # that JSON cannot carry: neither could be sent back later, so refuse them now.
        json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, RecursionError):  # UnicodeError is a ValueError
        raise MalformedBody() from None
    if not isinstance(data, dict):
        raise MalformedBody()
    return data


JsonBody = Annotated[dict[str, Any], Depends(json_body)]


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a route needs about the request it serves."""

    caller: Caller
    store: Store
    hrefs: Hrefs
    hasher: PasswordHasher
    params: dict[str, str]
    expand: Expansion

    @property
    def tenant_id(self) -> str:
        return self.caller.tenant_id

    @contextmanager
    def read(self) -> Iterator[Renderer]:
        with self.store.read() as tx:
            yield Renderer(self.hrefs, tx, self.tenant_id, self.expand)

    @contextmanager
    def write(self) -> Iterator[Renderer]:
        with self.store.write() as tx:
            yield Renderer(self.hrefs, tx, self.tenant_id, self.expand)

    def flag(self, name: str) -> bool:
        return self.params.get(name, "").lower() == "true"


def get_context(
    request: Request, caller: CallerDep, store: StoreDep, hrefs: HrefsDep, hasher: HasherDep
) -> Context:
    params = dict(request.query_params)
    return Context(caller, store, hrefs, hasher, params, parse_expand(params.get("expand")))


Ctx = Annotated[Context, Depends(get_context)]
