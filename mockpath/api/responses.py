"""JSON responses with Stormpath's content type; 201s carry Location."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from starlette.responses import Response


class StormpathJSON(JSONResponse):
    media_type = "application/json;charset=UTF-8"


def ok(document: dict[str, Any]) -> Response:
    return StormpathJSON(document)


def created(document: dict[str, Any]) -> Response:
    return StormpathJSON(document, status_code=201, headers={"Location": document["href"]})


def no_content() -> Response:
    return Response(status_code=204)


def redirect(location: str) -> Response:
    return Response(status_code=302, headers={"Location": location})
