"""/accounts/emailVerificationTokens/<token> and /applications/<id>/verificationEmails
(stormpath-api.md §7.3).

This router is included before every router with `/accounts/{id}/...` routes, so the
token path is never read as an account id.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from mockpath.api.deps import Ctx, JsonBody
from mockpath.api.responses import StormpathJSON
from mockpath.domain.email_verification import resend_verification_email, verify_email_token

router = APIRouter()


@router.post("/accounts/emailVerificationTokens/{token}")
def post_email_verification_token(token: str, ctx: Ctx) -> Response:
    """Verify: 200 `{"href": <account>}` and Location. The body is not read (Node sends
    none, Python `{}`)."""
    with ctx.write() as r:
        account = verify_email_token(r.tx, ctx.tenant_id, token)
        href = r.href(f"/accounts/{account.id}")
    return StormpathJSON({"href": href}, headers={"Location": href})


@router.post("/applications/{application_id}/verificationEmails")
def post_verification_email(application_id: str, ctx: Ctx, body: JsonBody) -> Response:
    """Re-send the verification email: 202 with an empty body."""
    with ctx.write() as r:
        resend_verification_email(r.tx, ctx.tenant_id, application_id, body)
    return Response(status_code=202)
