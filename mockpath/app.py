"""The application factory: the only module that knows every part."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mockpath.api import api_router
from mockpath.api.admin import router as admin_router
from mockpath.api.deps import ORIGINAL_METHOD
from mockpath.api.handlers import install as install_handlers
from mockpath.api.responses import StormpathJSON
from mockpath.domain.passwords import PasswordHasher
from mockpath.errors import ServerError, to_document
from mockpath.render import accounts as _accounts  # noqa: F401  (registers renderers)
from mockpath.render import resources as _resources  # noqa: F401
from mockpath.settings import Settings
from mockpath.store import Store
from mockpath.store.sql import SqlStore

_SLASHES = re.compile(r"/{2,}")
log = logging.getLogger("mockpath")


class WireNormalizer:
    """ASGI middleware for the HTTP quirks of stormpath-api.md §2.

    - a request id on every response (`Stormpath-Request-Id`, and in error bodies);
    - `//` collapsed and a trailing `/` ignored (raw_path is kept for SAuthc1);
    - `POST ...?_method=DELETE` treated as DELETE;
    - an unexpected exception answered with a 500 error document (never a trace).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        request_id = str(uuid.uuid4())
        scope["mockpath.request_id"] = request_id
        path = _SLASHES.sub("/", scope["path"])
        if len(path) > 1:
            path = path.rstrip("/") or "/"
        scope["path"] = path
        if scope["method"] == "POST" and b"_method=" in scope.get("query_string", b""):
            query = parse_qs(scope["query_string"].decode("latin-1"))
            override = (query.get("_method") or [""])[0].upper()
            if override == "DELETE":
                scope[ORIGINAL_METHOD] = "POST"
                scope["method"] = "DELETE"

        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((b"stormpath-request-id", request_id.encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if started:
                raise
            # Answered here rather than by Starlette's outermost handler, so that a 500
            # still carries the request id in its body and header (§2.6, §4.1).
            log.error("unexpected error on %s %s: %r", scope["method"], scope["path"], exc)
            document = to_document(ServerError(), request_id)
            await StormpathJSON(document, status_code=500)(scope, receive, send_with_id)


def create_app(
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> FastAPI:
    """Build a mockpath server.

    settings: defaults to `Settings()` (environment variables MOCKPATH_*).
    store: defaults to a SqlStore on `settings.database_url`; the schema is created.
    clock: the time SAuthc1 dates are checked against (tests replaying old requests).
    """
    settings = settings or Settings()
    app = FastAPI(
        title="mockpath",
        description="A local emulator of the Stormpath REST API v1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.store = store or SqlStore(settings.database_url)
    app.state.hasher = PasswordHasher(settings.password_scheme)
    if clock is not None:
        app.state.clock = clock
    install_handlers(app)
    app.include_router(api_router)
    app.include_router(admin_router)
    app.add_middleware(WireNormalizer)
    return app


def factory() -> Any:
    """Entry for `uvicorn --factory mockpath.app:factory` (settings from the env)."""
    return create_app()
