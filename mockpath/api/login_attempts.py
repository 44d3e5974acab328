"""POST /applications/<id>/loginAttempts (stormpath-api.md §7.1)."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import StormpathJSON
from mockpath.domain.login import authenticate_login
from mockpath.errors import InvalidEnum, InvalidValue, RequiredProperty

router = APIRouter()

BASIC = "basic"


def _credentials(body: JsonBody) -> tuple[str, str]:
    """(login, password) from `type` and `value` = base64("login:password").

    A missing type or value is 2000; a type other than `basic` is 2003; a value that
    is not base64 of UTF-8 text with a colon is 2002 (an invalid property value).
    """
    kind = body.get("type")
    if kind is None or kind == "":
        raise RequiredProperty("Login attempt type")
    if not isinstance(kind, str) or kind.lower() != BASIC:
        raise InvalidEnum("type", (BASIC,))
    value = body.get("value")
    if value is None or value == "":
        raise RequiredProperty("Login attempt value")
    invalid = InvalidValue(
        "The specified property value is invalid.",
        "The login attempt value must be the base64 encoding of 'login:password'.",
    )
    if not isinstance(value, str):
        raise invalid
    try:
        text = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise invalid from None
    login, colon, password = text.partition(":")  # the password may hold colons
    if not colon:
        raise invalid
    return login, password


@router.post("/applications/{application_id}/loginAttempts")
def post_login_attempt(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    """200 `{"account": {"href"}}` (the full account with ?expand=account) and a
    Location header naming the account; nothing is stored."""
    login, password = _credentials(body)
    with ctx.read() as r:
        account = authenticate_login(
            r.tx,
            ctx.hasher,
            ctx.tenant_id,
            application_id,
            login,
            password,
            body.get("accountStore"),
        )
        path = f"/accounts/{account.id}"
        document = {"account": r.link("account", path)}
    return StormpathJSON(document, headers={"Location": ctx.hrefs.href(path)})
