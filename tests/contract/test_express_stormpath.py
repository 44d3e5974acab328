"""express-stormpath 3.2.0 (on the Node SDK 0.20.1) end to end against mockpath.

One Express site (tests/contract/express/app.js) is started for the module, pointed at
a mockpath server of its own whose every request is recorded, with a fresh tenant. The
tests then act as a browser (HTML forms, cookies) and as a single-page app (JSON) and
check both what the site answers and what it asked the API
(client-call-sequences.md §3).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from mockpath.domain import tokens
from tests.contract.express_site import Call, Site, running_site

pytestmark = pytest.mark.node

PASSWORD = "Passw0rdXYZ"
JSON = {"Accept": "application/json"}
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """The Express site, one process for the whole module."""
    with running_site() as running:
        yield running


# --- helpers ---------------------------------------------------------------------------


def _eventually(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll `check` until true or `timeout` seconds passed (for fire-and-forget calls)."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def _query(call: Call) -> dict[str, list[str]]:
    return parse_qs(call.query, keep_blank_values=True)


def _made(site: Site, email: str) -> dict[str, Any]:
    with site.api() as api:
        response = api.post(
            f"/applications/{site.application_id}/accounts",
            json={"givenName": "Jane", "surname": "Doe", "email": email, "password": PASSWORD},
        )
    assert response.status_code == 201, response.text
    return dict(response.json())


def _accounts_with_email(site: Site, email: str) -> int:
    with site.api() as api:
        found = api.get(f"/applications/{site.application_id}/accounts", params={"email": email})
    return int(found.json()["size"])


@pytest.fixture(scope="module")
def user(site: Site) -> dict[str, Any]:
    """An account of the application, made through the API."""
    return _made(site, "jane@example.com")


@contextmanager
def _logged_in(site: Site, user: dict[str, Any]) -> Iterator[httpx.Client]:
    """A browser holding the token cookies of a fresh JSON login."""
    with site.browser() as browser:
        response = browser.post(
            "/login", json={"login": user["email"], "password": PASSWORD}, headers=JSON
        )
        assert response.status_code == 200, response.text
        yield browser


def _verified(site: Site, jwt: str) -> tokens.Jwt:
    return tokens.verify_jwt(jwt, site.api_key_secret, now=time.time())


# --- start-up --------------------------------------------------------------------------


def test_start_up_reads_application_mappings_policies_with_expansion(site: Site) -> None:
    calls = site.recorder.snapshot()[: site.ready_at]
    assert calls and all(call.status < 400 for call in calls), calls
    app_path = f"/v1/applications/{site.application_id}"
    seen = {(call.method, call.path) for call in calls}
    for path in (
        app_path,
        f"{app_path}/accountStoreMappings",
        f"/v1/oAuthPolicies/{site.application_id}",
        f"/v1/directories/{site.directory_id}/provider",
        f"/v1/passwordPolicies/{site.directory_id}",
        f"/v1/passwordPolicies/{site.directory_id}/strength",
    ):
        assert ("GET", path) in seen, path
    expanded = [c for c in calls if c.path == f"/v1/directories/{site.directory_id}" and c.query]
    # (the view-model warm-up after "ready" may already have asked for `provider`)
    assert ["passwordPolicy,accountCreationPolicy"] in [_query(c)["expand"] for c in expanded]


def test_view_models_are_warmed_with_expanded_stores(site: Site) -> None:
    mappings = f"/v1/applications/{site.application_id}/accountStoreMappings"
    directory = f"/v1/directories/{site.directory_id}"

    def warmed() -> bool:
        calls = site.recorder.snapshot()
        stores = [c for c in calls if c.path == mappings and _query(c).get("expand")]
        providers = [c for c in calls if c.path == directory and "provider" in c.query]
        return len(stores) >= 2 and len(providers) >= 2

    assert _eventually(warmed)
    for call in site.recorder.snapshot():
        if call.path in (mappings, directory) and call.query:
            assert call.status == 200


def test_start_up_by_application_name(site: Site) -> None:
    before = len(site.recorder.snapshot())
    with site.another(
        STORMPATH_APPLICATION_HREF=None, STORMPATH_APPLICATION_NAME="Flask Test"
    ) as launch:
        assert launch.port is not None, launch.text
    calls = site.recorder.snapshot()[before:]
    current = [c for c in calls if c.path == "/v1/tenants/current"]
    assert current and current[0].status == 302
    searches = [c for c in calls if c.path.endswith("/applications") and c.query]
    assert searches and searches[0].status == 200
    assert _query(searches[0])["name"] == ["Flask Test"]


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        ("unknown", "The provided application could not be found."),
        ("unmapped", "No account stores are mapped to the specified application"),
    ],
    ids=["unknown", "unmapped"],
)
def test_start_up_fails_when_the_application_cannot_serve(
    site: Site, problem: str, message: str
) -> None:
    href = f"{site.api_base}/applications/NoSuchApplication00000"
    if problem == "unmapped":
        with site.api() as api:
            made = api.post("/applications", json={"name": f"Bare {problem}"})
        href = made.json()["href"]
    with site.another(STORMPATH_APPLICATION_HREF=href) as launch:
        assert launch.port is None
        assert launch.returncode == 1, launch.text
        assert message in launch.text


# --- the forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/register", ["givenName", "surname", "email", "password"]),
        ("/login", ["login", "password"]),
    ],
)
def test_register_and_login_pages(site: Site, path: str, fields: list[str]) -> None:
    with site.browser() as browser:
        page = browser.get(path, headers=HTML)
        model = browser.get(path, headers=JSON)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<form" in page.text
    assert model.status_code == 200
    assert [f["name"] for f in model.json()["form"]["fields"]] == fields
    assert model.json()["accountStores"] == []


def test_register_as_json_creates_the_account(site: Site) -> None:
    email = "spa.register@example.com"
    with site.browser() as browser:
        response = browser.post(
            "/register",
            json={"givenName": "Spa", "surname": "User", "email": email, "password": PASSWORD},
            headers=JSON,
        )
    assert response.status_code == 200, response.text
    account = response.json()["account"]
    assert (account["email"], account["givenName"], account["status"]) == (
        email,
        "Spa",
        "ENABLED",
    )
    assert "customData" not in account and "directory" not in account
    assert _accounts_with_email(site, email) == 1
    creates = site.recorder.find("POST", f"/v1/applications/{site.application_id}/accounts")
    assert 201 in [call.status for call in creates]


def test_register_with_a_form_redirects_to_login(site: Site) -> None:
    email = "form.register@example.com"
    form = {"givenName": "Form", "surname": "User", "email": email, "password": PASSWORD}
    with site.browser() as browser:
        response = browser.post("/register", data=form, headers=HTML)
    assert response.status_code == 302
    assert response.headers["location"] == "/login?status=created"
    assert _accounts_with_email(site, email) == 1


def test_weak_password_shows_the_api_message(site: Site) -> None:
    email = "weak@example.com"
    body = {"givenName": "Weak", "surname": "Pass", "email": email, "password": "Pw1"}
    with site.browser() as browser:
        as_json = browser.post("/register", json=body, headers=JSON)
        as_form = browser.post("/register", data=body, headers=HTML)
    message = "Account password minimum length not satisfied."
    assert as_json.status_code == 400
    assert as_json.json() == {"status": 400, "message": message}
    assert message in as_form.text
    assert _accounts_with_email(site, email) == 0


# --- logging in ------------------------------------------------------------------------


def test_login_as_json_sets_verifiable_token_cookies(site: Site, user: dict[str, Any]) -> None:
    token_path = f"/v1/applications/{site.application_id}/oauth/token"
    before = len(site.recorder.find("POST", token_path))
    with site.browser() as browser:
        response = browser.post(
            "/login", json={"login": user["email"], "password": PASSWORD}, headers=JSON
        )
        access, refresh = browser.cookies["access_token"], browser.cookies["refresh_token"]
    assert response.status_code == 200
    assert response.json()["account"]["href"] == user["href"]
    grants = site.recorder.find("POST", token_path)
    assert [call.status for call in grants[before:]] == [200]
    access_jwt, refresh_jwt = _verified(site, access), _verified(site, refresh)
    assert access_jwt.header == {"kid": site.api_key_id, "stt": "access", "alg": "HS256"}
    assert refresh_jwt.header["stt"] == "refresh"
    assert access_jwt.claims["sub"] == refresh_jwt.claims["sub"] == user["href"]
    assert access_jwt.claims["iss"] == site.application_href
    assert access_jwt.claims["rti"] == refresh_jwt.claims["jti"]
    with site.api() as api:
        resource = api.get(f"/accessTokens/{access_jwt.claims['jti']}")
    assert resource.status_code == 200
    assert resource.json()["jwt"] == access


def test_login_with_a_form_redirects_home_with_cookies(site: Site, user: dict[str, Any]) -> None:
    with site.browser() as browser:
        form = {"login": user["email"], "password": PASSWORD}
        response = browser.post("/login", data=form, headers=HTML)
        assert response.status_code == 302
        assert response.headers["location"] == "/"
        assert {"access_token", "refresh_token"} <= set(browser.cookies.keys())


@pytest.mark.parametrize("login", ["jane@example.com", "nobody@example.com"])
def test_wrong_credentials_say_invalid_username_or_password(
    site: Site, user: dict[str, Any], login: str
) -> None:
    with site.browser() as browser:
        as_json = browser.post(
            "/login", json={"login": login, "password": "Wrong0ne!"}, headers=JSON
        )
        as_form = browser.post(
            "/login", data={"login": login, "password": "Wrong0ne!"}, headers=HTML
        )
        assert "access_token" not in browser.cookies
    assert as_json.status_code == 400
    assert as_json.json() == {"status": 400, "message": "Invalid username or password."}
    assert "Invalid username or password." in as_form.text


# --- using the session -----------------------------------------------------------------


def test_me_validates_the_access_token_through_the_api(site: Site, user: dict[str, Any]) -> None:
    with _logged_in(site, user) as browser:
        access = browser.cookies["access_token"]
        response = browser.get("/me", headers=JSON)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store, no-cache"
    body = response.json()
    assert body["organization"] is None
    assert body["account"]["email"] == user["email"]
    jti = tokens.parse_jwt(access).claims["jti"]
    auth_tokens = site.recorder.find(
        "GET", f"/v1/applications/{site.application_id}/authTokens/{access}"
    )
    resource_reads = site.recorder.find("GET", f"/v1/accessTokens/{jti}")
    assert auth_tokens and {call.status for call in auth_tokens} == {302}
    assert resource_reads and {call.status for call in resource_reads} == {200}
    with site.api() as api:
        key = api.get(f"/apiKeys/{site.api_key_id}").json()
        admin = api.get(key["account"]["href"]).json()
    admin_path = "/v1/accounts/" + admin["href"].rsplit("/", 1)[1]
    admin_dir = "/v1/directories/" + admin["directory"]["href"].rsplit("/", 1)[1]
    for path in (f"/v1/apiKeys/{site.api_key_id}", admin_path, admin_dir):
        assert 200 in [call.status for call in site.recorder.find("GET", path)], path


def test_me_without_a_session(site: Site) -> None:
    with site.browser() as browser:
        as_json = browser.get("/me", headers=JSON)
        as_html = browser.get("/me", headers=HTML)
    assert as_json.status_code == 401
    assert as_html.status_code == 302
    assert as_html.headers["location"] == "/login?next=%2Fme"


def test_login_required_page(site: Site, user: dict[str, Any]) -> None:
    with _logged_in(site, user) as browser:
        as_json = browser.get("/secret", headers=JSON)
        as_html = browser.get("/secret", headers=HTML)
    assert as_json.status_code == as_html.status_code == 200
    assert as_json.json() == {"email": user["email"], "href": user["href"]}
    with site.browser() as stranger:
        assert stranger.get("/secret", headers=JSON).status_code == 401
        redirected = stranger.get("/secret", headers=HTML)
    assert redirected.status_code == 302
    assert redirected.headers["location"] == "/login?next=%2Fsecret"


def _expired_copy(site: Site, access: str) -> str:
    expired_at = int(time.time()) - 60
    claims = {**tokens.parse_jwt(access).claims, "exp": expired_at, "iat": expired_at - 3600}
    return tokens.encode_jwt(
        claims, site.api_key_secret, kid=site.api_key_id, extra_header={"stt": "access"}
    )


@pytest.mark.parametrize("damage", ["tampered", "expired", "missing"])
def test_refresh_cookie_renews_a_bad_access_cookie(
    site: Site, user: dict[str, Any], damage: str
) -> None:
    with _logged_in(site, user) as browser:
        access, refresh = browser.cookies["access_token"], browser.cookies["refresh_token"]
    cookies = {"refresh_token": refresh}
    if damage == "tampered":
        cookies["access_token"] = access[:-4] + ("AAAA" if access[-4:] != "AAAA" else "BBBB")
    elif damage == "expired":
        cookies["access_token"] = _expired_copy(site, access)
    token_path = f"/v1/applications/{site.application_id}/oauth/token"
    before = len(site.recorder.find("POST", token_path))
    with site.browser() as browser:
        for name, value in cookies.items():
            browser.cookies.set(name, value)
        response = browser.get("/secret", headers=JSON)
        renewed = response.cookies.get("access_token")
    assert response.status_code == 200
    assert response.json()["email"] == user["email"]
    assert [c.status for c in site.recorder.find("POST", token_path)[before:]] == [200]
    assert renewed and renewed != access
    refresh_jti = tokens.parse_jwt(refresh).claims["jti"]
    assert _verified(site, renewed).claims["rti"] == refresh_jti


# --- logging out -----------------------------------------------------------------------


def test_logout_clears_cookies_and_revokes_the_tokens(site: Site, user: dict[str, Any]) -> None:
    with _logged_in(site, user) as browser:
        access, refresh = browser.cookies["access_token"], browser.cookies["refresh_token"]
        response = browser.post("/logout", headers=JSON)
        assert "access_token" not in browser.cookies
        assert "refresh_token" not in browser.cookies
    assert response.status_code == 200
    cleared = response.headers.get_list("set-cookie")
    for name in ("access_token", "refresh_token"):
        assert any(c.startswith(f"{name}=;") and "1970" in c for c in cleared), cleared
    jti = tokens.parse_jwt(access).claims["jti"]
    refresh_jti = tokens.parse_jwt(refresh).claims["jti"]
    with site.api() as api:
        assert _eventually(lambda: api.get(f"/accessTokens/{jti}").status_code == 404)
        assert _eventually(lambda: api.get(f"/refreshTokens/{refresh_jti}").status_code == 404)
    # Both revocations run concurrently: deleting the refresh token also removes the
    # access token, so the access-token chain may find it gone already (404).
    assert site.recorder.find("GET", f"/v1/accessTokens/{jti}")
    assert [c.status for c in site.recorder.find("DELETE", f"/v1/accessTokens/{jti}")] in (
        [],
        [204],
        [404],
    )
    refresh_deletes = site.recorder.find("DELETE", f"/v1/refreshTokens/{refresh_jti}")
    assert [c.status for c in refresh_deletes] == [204]


def test_logout_from_a_page_redirects_home(site: Site, user: dict[str, Any]) -> None:
    with _logged_in(site, user) as browser:
        response = browser.post("/logout", headers=HTML)
    assert response.status_code == 302
    assert response.headers["location"] == "/"


# --- the site's own /oauth/token (API clients) -------------------------------------------


def test_site_token_endpoint_passes_the_password_grant_through(
    site: Site, user: dict[str, Any]
) -> None:
    form = {"grant_type": "password", "username": user["email"], "password": PASSWORD}
    with site.browser() as client:
        good = client.post("/oauth/token", data=form)
        bad = client.post("/oauth/token", data={**form, "password": "Wrong0ne!"})
    assert good.status_code == 200
    body = good.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert _verified(site, body["access_token"]).claims["sub"] == user["href"]
    assert _verified(site, body["refresh_token"]).header["stt"] == "refresh"
    assert bad.status_code == 400
    assert bad.json()["message"] == "Invalid username or password."


def test_site_client_credentials_use_the_encrypted_key_lookup(
    site: Site, user: dict[str, Any]
) -> None:
    with site.api() as api:
        key = api.post(f"{user['href']}/apiKeys").json()
    with site.browser() as client:
        good = client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(key["id"], key["secret"]),
        )
        bad = client.post(
            "/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(key["id"], key["secret"][:-2] + "xx"),
        )
    assert good.status_code == 200, good.text
    assert good.json()["token_type"] == "bearer"
    assert good.json()["access_token"]
    assert bad.status_code in (400, 401)
    lookups = site.recorder.find("GET", f"/v1/applications/{site.application_id}/apiKeys")
    assert lookups and all(call.status == 200 for call in lookups)
    query = _query(lookups[0])
    assert query["id"] == [key["id"]]
    assert query["encryptSecret"] == ["true"]
    assert query["expand"] == ["account"]


# --- password reset (client-call-sequences.md §3.9, §3.10) -------------------------------

RESET_GONE = "This password reset request does not exist. Please request a new password reset."


def _reset_email(site: Site, email: str) -> str:
    """The sptoken of the newest reset email to `email`."""
    sent = [m for m in site.outbox() if m.kind == "passwordReset" and m.to == email]
    assert sent, site.outbox()
    assert sent[-1].link == f"http://localhost:3000/change?sptoken={sent[-1].token}"
    return str(sent[-1].token)


def test_forgot_and_change_password_as_json(site: Site) -> None:
    email = "forgetful@example.com"
    account = _made(site, email)
    tokens_path = f"/v1/applications/{site.application_id}/passwordResetTokens"
    new_password = "Chang3dPassw0rd"
    before = len(site.recorder.find("POST", tokens_path))
    with site.browser() as browser:
        forgot = browser.post("/forgot", json={"email": email}, headers=JSON)
        assert (forgot.status_code, forgot.content) == (200, b"")
        assert [c.status for c in site.recorder.find("POST", tokens_path)[before:]] == [200]
        sptoken = _reset_email(site, email)
        check = browser.get("/change", params={"sptoken": sptoken}, headers=JSON)
        assert check.status_code == 200
        change = browser.post(
            "/change", json={"sptoken": sptoken, "password": new_password}, headers=JSON
        )
        assert change.status_code == 200, change.text
        login = browser.post(
            "/login", json={"login": email, "password": new_password}, headers=JSON
        )
        assert login.status_code == 200
        assert login.json()["account"]["href"] == account["href"]
        again = browser.get("/change", params={"sptoken": sptoken}, headers=JSON)
    assert again.status_code == 404
    completes = site.recorder.find("POST", f"{tokens_path}/{sptoken}")
    assert [c.status for c in completes] == [200]
    assert [m.kind for m in site.outbox() if m.to == email] == [
        "passwordReset",
        "passwordResetSuccess",
    ]


def test_forgot_password_for_an_unknown_email_says_nothing(site: Site) -> None:
    with site.browser() as browser:
        as_json = browser.post("/forgot", json={"email": "ghost@example.com"}, headers=JSON)
        as_form = browser.post("/forgot", data={"email": "ghost@example.com"}, headers=HTML)
    assert (as_json.status_code, as_json.content) == (200, b"")
    assert as_form.status_code == 302
    assert as_form.headers["location"] == "/login?status=forgot"
    assert not [m for m in site.outbox() if m.to == "ghost@example.com"]


def test_an_invalid_sptoken(site: Site) -> None:
    with site.browser() as browser:
        as_json = browser.get("/change", params={"sptoken": "no.such-token"}, headers=JSON)
        posted = browser.post(
            "/change", json={"sptoken": "no.such-token", "password": PASSWORD}, headers=JSON
        )
        as_html = browser.get("/change", params={"sptoken": "no.such-token"}, headers=HTML)
    assert as_json.status_code == posted.status_code == 404
    assert as_json.json() == posted.json() == {"status": 404, "message": RESET_GONE}
    assert as_html.status_code == 302
    assert as_html.headers["location"] == "/forgot?status=invalid_sptoken"


# --- email verification (client-call-sequences.md §3.11) ---------------------------------


def _verifying_application(site: Site) -> str:
    """A new application with its own directory, which runs the verification workflow."""
    with site.api() as api:
        made = api.post(
            "/applications", params={"createDirectory": "true"}, json={"name": "Verify"}
        )
        assert made.status_code == 201, made.text
        mappings = api.get(made.json()["accountStoreMappings"]["href"]).json()
        directory = mappings["items"][0]["accountStore"]["href"]
        policy = api.post(
            directory.replace("/directories/", "/accountCreationPolicies/"),
            json={"verificationEmailStatus": "ENABLED"},
        )
        assert policy.status_code == 200, policy.text
    return str(made.json()["href"])


def test_register_verify_and_log_in(site: Site) -> None:
    email = "unverified@example.com"
    form = {"givenName": "New", "surname": "User", "email": email, "password": PASSWORD}
    with site.another(STORMPATH_APPLICATION_HREF=_verifying_application(site)) as launch:
        assert launch.port is not None, launch.text
        with httpx.Client(base_url=f"http://127.0.0.1:{launch.port}", timeout=30) as browser:
            registered = browser.post("/register", data=form, headers=HTML)
            assert registered.status_code == 302
            assert registered.headers["location"] == "/login?status=unverified"
            refused = browser.post(
                "/login", json={"login": email, "password": PASSWORD}, headers=JSON
            )
            assert refused.status_code == 400
            resent = browser.post("/verify", json={"email": email}, headers=JSON)
            assert resent.status_code == 200
            swallowed = browser.post("/verify", json={"email": "ghost@example.com"}, headers=JSON)
            assert swallowed.status_code == 200
            missing = browser.post("/verify", json={}, headers=JSON)
            assert missing.status_code == 400
            assert missing.json() == {
                "status": 400,
                "message": "login property is required; it cannot be null, empty, or blank.",
            }
            sent = [m for m in site.outbox() if m.to == email]
            assert [m.kind for m in sent] == ["verification", "verification"]
            assert sent[0].token == sent[1].token
            verified = browser.get("/verify", params={"sptoken": sent[0].token}, headers=HTML)
            assert verified.status_code == 302
            assert verified.headers["location"] == "/login?status=verified"
            used = browser.get("/verify", params={"sptoken": sent[0].token}, headers=JSON)
            assert used.status_code == 404
            assert used.json() == {
                "status": 404,
                "message": "The requested resource does not exist.",
            }
            login = browser.post(
                "/login", json={"login": email, "password": PASSWORD}, headers=JSON
            )
            assert login.status_code == 200, login.text
    verifies = site.recorder.find("POST", f"/v1/accounts/emailVerificationTokens/{sent[0].token}")
    assert [c.status for c in verifies] == [200, 404]
