"""The only exception handlers: every failure becomes a Stormpath error document."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from mockpath.api.deps import get_caller
from mockpath.api.responses import StormpathJSON
from mockpath.errors import (
    BadRequest,
    MethodNotAllowed,
    NotFound,
    ServerError,
    StormpathError,
    to_document,
)
from mockpath.hrefs import API_PREFIX

log = logging.getLogger("mockpath")


def request_id(request: Request) -> str:
    return str(request.scope.get("mockpath.request_id", ""))


def error_response(request: Request, error: StormpathError) -> Response:
    return StormpathJSON(to_document(error, request_id(request)), status_code=error.http_status)


async def _stormpath_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StormpathError)
    return error_response(request, exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code in (404, 405) and request.url.path.startswith(API_PREFIX + "/"):
        # Routing failed before any route dependency ran: credentials are still checked
        # first, so an unknown path or method under /v1 is a 401 to an unknown caller.
        try:
            await get_caller(request)
        except StormpathError as error:
            return error_response(request, error)
    if exc.status_code == 404:
        return error_response(request, NotFound())
    if exc.status_code == 405:
        return error_response(request, MethodNotAllowed())
    return error_response(request, BadRequest(status=exc.status_code, code=exc.status_code))


async def _validation_error(request: Request, exc: Exception) -> Response:
    return error_response(request, BadRequest())


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s %s: %r", request.method, request.url.path, exc)
    return error_response(request, ServerError())


def install(app: FastAPI) -> None:
    app.add_exception_handler(StormpathError, _stormpath_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
