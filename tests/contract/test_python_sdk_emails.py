"""Password reset and email verification as the Python SDK 2.5.5 and Flask-Stormpath 0.4.8
send them (client-call-sequences.md §1.5, §2.10), replayed request by request.

As in test_python_sdk_sequences.py these are replays of recorded requests, not the real
client (python_sdk_wire.py). The sptoken a user would click is read from the outbox, where
the server records the emails it would have sent.
"""

from __future__ import annotations

from typing import Any

from mockpath.domain.outbox import PASSWORD_RESET, VERIFICATION, list_outbox
from mockpath.server import ServerThread
from tests.contract.python_sdk_wire import (
    PASSWORD,
    SdkWire,
    first_use,
    flask_login,
    flask_register,
    require_verification,
)

NEW_PASSWORD = "NewPassw0rd1"
NO_SUCH_RESET = "This password reset request does not exist. Please request a new password reset."


def emailed_token(live_server: ServerThread, tenant: Any, kind: str, to: str) -> str:
    """The sptoken of the last email of `kind` the server would have sent to `to`."""
    with live_server.app.state.store.read() as tx:
        sent = [m for m in list_outbox(tx, tenant.id) if m.kind == kind and m.to == to]
    assert sent, f"no {kind} email to {to}"
    assert sent[-1].link is not None and sent[-1].link.endswith(f"?sptoken={sent[-1].token}")
    return str(sent[-1].token)


# --- §2.10 Flask-Stormpath /forgot and /forgot/change ---------------------------------


def test_forgot_then_change_password(sdk: SdkWire, live_server: ServerThread, tenant: Any) -> None:
    application = first_use(sdk)
    account = flask_register(sdk, application, "jane@example.com", PASSWORD).json()
    resets = f"{application['href']}/passwordResetTokens"

    # POST /forgot: the returned account link is read, nothing else is requested
    started = sdk.post(resets, {"email": "jane@example.com"})
    assert started.status_code == 200, started.text
    assert started.json()["account"]["href"] == account["href"]
    sptoken = emailed_token(live_server, tenant, PASSWORD_RESET, "jane@example.com")
    assert started.json()["href"] == f"{resets}/{sptoken}"

    # GET /forgot/change?sptoken=...
    assert sdk.get(f"{resets}/{sptoken}").status_code == 200

    # POST /forgot/change?sptoken=... with a password the policy refuses: flashed
    assert sdk.get(f"{resets}/{sptoken}").status_code == 200
    weak = sdk.post(account["href"], {"password": "short"})
    assert weak.status_code == 400, weak.text
    assert weak.json()["developerMessage"] == "Account password minimum length not satisfied."

    # ... and with a good one: token read, account updated, then a login
    checked = sdk.get(f"{resets}/{sptoken}")
    assert checked.status_code == 200
    changed = sdk.post(checked.json()["account"]["href"], {"password": NEW_PASSWORD})
    assert changed.status_code == 200, changed.text
    assert changed.json()["href"] == account["href"]
    assert "password" not in changed.json()
    login = flask_login(sdk, application, "jane@example.com", NEW_PASSWORD)
    assert login.status_code == 200, login.text
    old = flask_login(sdk, application, "jane@example.com", PASSWORD)
    assert (old.status_code, old.json()["code"]) == (400, 7100)


def test_forgot_with_an_unknown_email_is_a_4xx(sdk: SdkWire) -> None:
    application = first_use(sdk)
    response = sdk.post(
        f"{application['href']}/passwordResetTokens", {"email": "nobody@example.com"}
    )
    assert response.status_code == 400, response.text  # "Invalid email address." is flashed
    assert response.json()["code"] == 2016


def test_change_page_with_an_unknown_sptoken_is_a_404(sdk: SdkWire) -> None:
    application = first_use(sdk)
    response = sdk.get(f"{application['href']}/passwordResetTokens/not-a-token")
    assert response.status_code == 404
    assert response.json()["message"] == NO_SUCH_RESET


# --- §1.5 the SDK's own reset calls -----------------------------------------------------


def test_send_verify_and_reset_account_password(sdk: SdkWire, tenant: Any) -> None:
    application = first_use(sdk)
    account = flask_register(sdk, application, "sdk@example.com", PASSWORD).json()
    resets = f"{application['href']}/passwordResetTokens"

    # app.send_password_reset_email(email, account_store=directory)
    body = {"email": "sdk@example.com", "accountStore": {"href": tenant.directory_href}}
    sent = sdk.post(resets, body)
    assert sent.status_code == 200, sent.text
    token = sent.json()["href"].rsplit("/", 1)[1]  # PasswordResetToken.token

    # app.verify_password_reset_token(token), then .account
    verified = sdk.get(f"{resets}/{token}")
    assert verified.status_code == 200
    assert sdk.get(verified.json()["account"]["href"]).json()["email"] == "sdk@example.com"

    # app.reset_account_password(token, password): token, account, every account page,
    # then the POST that consumes the token
    assert sdk.get(f"{resets}/{token}").status_code == 200
    assert sdk.get(account["href"]).status_code == 200
    everyone = list(sdk.iterate(application["accounts"]["href"]))
    assert account["href"] in [a["href"] for a in everyone]
    reset = sdk.post(f"{resets}/{token}", {"password": NEW_PASSWORD})
    assert reset.status_code == 200, reset.text
    assert reset.json()["account"]["href"] == account["href"]

    assert flask_login(sdk, application, "sdk@example.com", NEW_PASSWORD).status_code == 200
    used = sdk.get(f"{resets}/{token}")
    assert (used.status_code, used.json()["message"]) == (404, NO_SUCH_RESET)


# --- §1.5 email verification ------------------------------------------------------------


def test_resend_verification_then_verify_email_token(
    sdk: SdkWire, live_server: ServerThread, tenant: Any
) -> None:
    require_verification(sdk, tenant.directory_href)
    application = first_use(sdk)
    account = flask_register(sdk, application, "verify@example.com", PASSWORD).json()
    assert account["status"] == "UNVERIFIED"

    # app.verification_emails.resend(account, directory): snake_case key, plain string
    resent = sdk.post(
        f"{application['href']}/verificationEmails",
        {"login": "verify@example.com", "account_store": tenant.directory_href},
    )
    assert resent.status_code == 202, resent.text
    sptoken = emailed_token(live_server, tenant, VERIFICATION, "verify@example.com")
    assert account["emailVerificationToken"]["href"].endswith(f"/{sptoken}")

    # client.accounts.verify_email_token(token): POST with the body {}
    consumed = sdk.post(f"/accounts/emailVerificationTokens/{sptoken}", {})
    assert consumed.request.content == b"{}"
    assert consumed.status_code == 200, consumed.text
    assert consumed.json() == {"href": account["href"]}
    loaded = sdk.get(account["href"]).json()
    assert (loaded["status"], loaded["emailVerificationToken"]) == ("ENABLED", None)
    assert flask_login(sdk, application, "verify@example.com", PASSWORD).status_code == 200
    again = sdk.post(f"/accounts/emailVerificationTokens/{sptoken}", {})
    assert again.status_code == 404
